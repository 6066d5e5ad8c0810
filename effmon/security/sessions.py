"""Logins that outlive the browser's connection: a random id, held by the browser in a cookie,
whose SHA-256 the store keeps. Each page run resumes the session from its id — while it is not
revoked, its account is still enabled, it is younger than its role's lifetime and has not been
idle longer than its role allows — and records the run."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

import duckdb
import pandas as pd

from effmon import config, labels
from effmon.errors import EffmonError, SessionEnded
from effmon.security.roles import DISPLAY
from effmon.store import audit, users
from effmon.store import sessions as store

ID_BYTES = 32  # 256 random bits: an id cannot be guessed, only stolen
ENDED_KEPT = timedelta(days=30)  # an ended session's row (the audit trail keeps its story)


def lifetime(role: str) -> timedelta:
    """How long a session of ``role`` lasts at most, however active (also the cookie's)."""
    if role == DISPLAY:
        return timedelta(days=config.get_float("wall_session_days"))
    return timedelta(hours=config.get_float("session_hours"))


def idle_limit(role: str) -> timedelta:
    """How long a session of ``role`` lasts without a page run: a wall screen that was
    switched off overnight stays logged in for its whole lifetime."""
    if role == DISPLAY:
        return lifetime(role)
    return timedelta(minutes=config.get_float("session_minutes"))


def start(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    client: str | None = None,
    user_agent: str | None = None,
    now: datetime | None = None,
) -> str:
    """Open a session for a user who has just logged in; returns its id (for the cookie).
    The rows of sessions ended more than ENDED_KEPT ago go."""
    now = now or datetime.now()
    store.purge(con, now - ENDED_KEPT)
    session_id = secrets.token_urlsafe(ID_BYTES)
    ends = _ends(role, now, now)
    store.insert(con, digest(session_id), username, now, ends, client, user_agent)
    return session_id


def resume(
    con: duckdb.DuckDBPyConnection, session_id: str, now: datetime | None = None
) -> tuple[str, str]:
    """(username, role) of the session ``session_id``, its run recorded; SessionEnded when
    the id is unknown, the session revoked, its account disabled or gone, or it is past its
    idle time or lifetime (then it is revoked here)."""
    now = now or datetime.now()
    id_hash = digest(session_id)
    found = store.lookup(con, id_hash)
    if found is None:
        raise SessionEnded(labels.SESSIONS["ended"], "unknown")
    username, created_at, last_seen, revoked_at, role, disabled = found
    if revoked_at is not None:
        raise SessionEnded(labels.SESSIONS["ended"], "revoked")
    if role is None or disabled:
        store.revoke(con, id_hash, now, "disabled")
        raise SessionEnded(labels.SESSIONS["ended"], "disabled")
    for reason, limit, message in (
        ("expired", created_at + lifetime(role), labels.SESSIONS["too_long"]),
        ("idle", last_seen + idle_limit(role), labels.LOGIN["expired"]),
    ):
        if now > limit:
            store.revoke(con, id_hash, now, reason)
            audit.record(con, username, "session_expired", username, {"session": reason})
            raise SessionEnded(message, reason)
    store.touch(con, id_hash, now, _ends(role, created_at, now))
    return username, role


def end(
    con: duckdb.DuckDBPyConnection, session_id: str, reason: str, now: datetime | None = None
) -> None:
    """Revoke one session (logout)."""
    store.revoke(con, digest(session_id), now or datetime.now(), reason)


def end_all(
    con: duckdb.DuckDBPyConnection,
    username: str,
    reason: str,
    actor: str | None,
    client: str | None = None,
) -> int:
    """Revoke every open session of ``username`` (reason: admin, disabled, reset); the
    revocation goes to the audit trail under ``actor``. How many were open."""
    count = store.revoke_user(con, username, datetime.now(), reason)
    if count:
        detail = {"reason": reason, "count": count}
        audit.record(con, actor, "session_revoke", username, detail, client)
    return count


def revoke(
    con: duckdb.DuckDBPyConnection, username: str, actor: str | None, client: str | None = None
) -> int:
    """An administrator ends every open session of an account (its browsers return to the
    login page on their next run); how many were open."""
    if not users.exists(con, username):
        raise EffmonError(labels.ACCOUNTS["unknown"].format(user=username))
    return end_all(con, username, "admin", actor, client)


def open_sessions(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The sessions that may still be resumed, newest run first: username, created_at,
    last_seen, expires_at, client, user_agent."""
    return store.open_sessions(con, datetime.now())


def digest(session_id: str) -> str:
    """What the store keeps of a session id: its SHA-256, in hex."""
    return hashlib.sha256(session_id.encode()).hexdigest()


def _ends(role: str, created_at: datetime, now: datetime) -> datetime:
    return min(now + idle_limit(role), created_at + lifetime(role))
