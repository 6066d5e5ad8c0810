"""Deterministic, realistic demo store with planted events the analytics must find."""
