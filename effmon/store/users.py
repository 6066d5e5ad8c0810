"""The accounts table (users): reading and writing rows; the rules (hashing, lock-out) are
effmon.security.accounts."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd


def exists(con: duckdb.DuckDBPyConnection, username: str) -> bool:
    """True when an account is named ``username``."""
    return bool(con.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchall())


def any_user(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the store holds at least one account."""
    return bool(con.execute("SELECT count(*) FROM users").fetchall()[0][0])


def insert(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    password_hash: str,
    now: datetime,
    sso: bool = False,
) -> None:
    """Add an account row (and its password to its history)."""
    con.execute(
        "INSERT INTO users (username, role, password_hash, created_at, sso) VALUES (?, ?, ?, ?, ?)",
        [username, role, password_hash, now, sso],
    )
    con.execute("INSERT INTO password_history VALUES (?, ?, ?)", [username, password_hash, now])


def set_hash(
    con: duckdb.DuckDBPyConnection, username: str, password_hash: str, now: datetime
) -> None:
    """Store a new password hash (kept in the history too) and clear the failed logins and
    any lock-out."""
    con.execute(
        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL "
        "WHERE username = ?",
        [password_hash, username],
    )
    con.execute("INSERT INTO password_history VALUES (?, ?, ?)", [username, password_hash, now])


def recent_hashes(con: duckdb.DuckDBPyConnection, username: str, count: int) -> list[str]:
    """The account's last ``count`` password hashes, newest first."""
    rows = con.execute(
        "SELECT password_hash FROM password_history WHERE username = ? "
        "ORDER BY changed_at DESC LIMIT ?",
        [username, count],
    ).fetchall()
    return [h for (h,) in rows]


def sso_enabled(con: duckdb.DuckDBPyConnection, username: str) -> bool:
    """Whether the single sign-on identity may log in to the account."""
    found = con.execute("SELECT sso FROM users WHERE username = ?", [username]).fetchall()
    return bool(found and found[0][0])


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool) -> None:
    """Mark the account disabled or enabled."""
    con.execute("UPDATE users SET disabled = ? WHERE username = ?", [disabled, username])


def set_failures(
    con: duckdb.DuckDBPyConnection, username: str, failures: int, locked_until: datetime | None
) -> None:
    """Store the count of failed logins in a row and the end of a lock-out (or None)."""
    con.execute(
        "UPDATE users SET failed_logins = ?, locked_until = ? WHERE username = ?",
        [failures, locked_until, username],
    )


def listing(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: username, role, disabled, locked_until, sso,
    created_at."""
    return con.execute(
        "SELECT username, role, disabled, locked_until, sso, created_at FROM users "
        "ORDER BY username"
    ).df()


def login_row(con: duckdb.DuckDBPyConnection, username: str) -> tuple | None:
    """(role, password_hash, disabled, failed_logins, locked_until) of the account, or None."""
    found = con.execute(
        "SELECT role, password_hash, disabled, failed_logins, locked_until FROM users "
        "WHERE username = ?",
        [username],
    ).fetchall()
    return found[0] if found else None
