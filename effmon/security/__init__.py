"""Accounts, roles and the audit trail."""
