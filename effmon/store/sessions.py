"""The login sessions table (sessions): reading and writing rows; the rules (ids, idle
time, who may resume) are effmon.security.sessions.

A session's row is written by each of its runs and by a download being built on its own
thread at the same moment: the writes of one process go one at a time (``_writing``), as two
concurrent updates of one row would fail with DuckDB's write conflict.
"""

from __future__ import annotations

import threading
from datetime import datetime

import duckdb
import pandas as pd

_writing = threading.Lock()


def insert(
    con: duckdb.DuckDBPyConnection,
    id_hash: str,
    username: str,
    now: datetime,
    expires_at: datetime,
    client: str | None,
    user_agent: str | None,
) -> None:
    """Add a session row."""
    con.execute(
        "INSERT INTO sessions (id_hash, username, created_at, last_seen, expires_at, client, "
        "user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [id_hash, username, now, now, expires_at, client, user_agent],
    )


def lookup(con: duckdb.DuckDBPyConnection, id_hash: str) -> tuple | None:
    """(username, created_at, last_seen, revoked_at, role, disabled) of the session and its
    account as they are now (role and disabled None when the account is gone), or None."""
    found = con.execute(
        """
        SELECT s.username, s.created_at, s.last_seen, s.revoked_at, u.role, u.disabled
        FROM sessions s LEFT JOIN users u USING (username)
        WHERE s.id_hash = ?
        """,
        [id_hash],
    ).fetchall()
    return found[0] if found else None


def touch(
    con: duckdb.DuckDBPyConnection, id_hash: str, now: datetime, expires_at: datetime
) -> None:
    """Record a run of the session: its last_seen and the end it now has."""
    with _writing:
        con.execute(
            "UPDATE sessions SET last_seen = ?, expires_at = ? WHERE id_hash = ?",
            [now, expires_at, id_hash],
        )


def revoke(con: duckdb.DuckDBPyConnection, id_hash: str, now: datetime, reason: str) -> None:
    """End one session (an ended one keeps its first end)."""
    with _writing:
        con.execute(
            "UPDATE sessions SET revoked_at = ?, revoked_reason = ? "
            "WHERE id_hash = ? AND revoked_at IS NULL",
            [now, reason, id_hash],
        )


def revoke_user(con: duckdb.DuckDBPyConnection, username: str, now: datetime, reason: str) -> int:
    """End every open session of an account; how many were open."""
    open_ones = con.execute(
        "SELECT count(*) FROM sessions WHERE username = ? AND revoked_at IS NULL", [username]
    ).fetchall()[0][0]
    if open_ones:
        with _writing:
            con.execute(
                "UPDATE sessions SET revoked_at = ?, revoked_reason = ? "
                "WHERE username = ? AND revoked_at IS NULL",
                [now, reason, username],
            )
    return open_ones


def purge(con: duckdb.DuckDBPyConnection, before: datetime) -> None:
    """Remove the rows of sessions that ended (revoked, or past their end) before ``before``."""
    with _writing:
        con.execute("DELETE FROM sessions WHERE coalesce(revoked_at, expires_at) < ?", [before])


def open_sessions(con: duckdb.DuckDBPyConnection, now: datetime) -> pd.DataFrame:
    """Sessions not revoked and not past their end, newest run first: username, created_at,
    last_seen, expires_at, client, user_agent."""
    return con.execute(
        """
        SELECT username, created_at, last_seen, expires_at, client, user_agent
        FROM sessions WHERE revoked_at IS NULL AND expires_at > ?
        ORDER BY last_seen DESC
        """,
        [now],
    ).df()
