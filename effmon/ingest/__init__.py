"""Readers, header-variant mapping and validation of imported files."""
