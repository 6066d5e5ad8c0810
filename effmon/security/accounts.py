"""Local accounts: argon2 password hashes, lock-out after repeated failed logins, the first
administrator created with a given or generated password (never a default one)."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

import duckdb
import pandas as pd
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerifyMismatchError

from effmon import config, labels
from effmon.errors import EffmonError
from effmon.security import sessions
from effmon.security.roles import ADMIN, ROLES
from effmon.store import audit
from effmon.store import users as store

FIRST_ADMIN = "admin"
_hasher = PasswordHasher()


def add_user(
    con: duckdb.DuckDBPyConnection, username: str, role: str, password: str, actor: str
) -> None:
    """Create an account."""
    username = username.strip()
    if not username or len(username) > 64 or not username.isprintable():
        raise EffmonError(labels.ACCOUNTS["bad_name"])
    if role not in ROLES:
        raise EffmonError(labels.ACCOUNTS["bad_role"].format(role=role, roles="、".join(ROLES)))
    _check_password(password)
    if store.exists(con, username):
        raise EffmonError(labels.ACCOUNTS["exists"].format(user=username))
    store.insert(con, username, role, _hasher.hash(password), datetime.now())
    audit.record(con, actor, "user_add", username, {"role": role})


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, actor: str) -> None:
    """Give an account a new password (and lift a lock-out); its open sessions end."""
    _known(con, username)
    _check_password(password)
    store.set_hash(con, username, _hasher.hash(password))
    audit.record(con, actor, "user_password", username, {})
    sessions.end_all(con, username, "reset", actor)


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool, actor: str) -> None:
    """Disable an account (it can no longer log in, its open sessions end) or enable it
    again."""
    _known(con, username)
    store.set_disabled(con, username, disabled)
    audit.record(con, actor, "user_disable" if disabled else "user_enable", username, {})
    if disabled:
        sessions.end_all(con, username, "disabled", actor)


def users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: username, role, disabled, locked_until, created_at."""
    return store.listing(con)


def authenticate(
    con: duckdb.DuckDBPyConnection, username: str, password: str, now: datetime | None = None
) -> str:
    """The role of the account when the password is right; else an error that does not say
    which part was wrong. ``login_attempts`` failures in a row lock the account for
    ``lockout_minutes``. Every attempt goes to the audit trail."""
    now = now or datetime.now()
    found = store.login_row(con, username)
    if found is None:
        audit.record(con, username, "login_failed", username, {"reason": "unknown"})
        raise EffmonError(labels.ACCOUNTS["wrong"])
    role, hashed, disabled, failures, locked_until = found
    if disabled:
        audit.record(con, username, "login_failed", username, {"reason": "disabled"})
        raise EffmonError(labels.ACCOUNTS["disabled"])
    if locked_until is not None and locked_until > now:
        audit.record(con, username, "login_failed", username, {"reason": "locked"})
        raise EffmonError(labels.ACCOUNTS["locked"].format(until=f"{locked_until:%H:%M}"))
    try:
        _hasher.verify(hashed, password)
    except (VerifyMismatchError, InvalidHashError):
        failures += 1
        limit = int(config.get("login_attempts"))
        lock = now + timedelta(minutes=float(config.get("lockout_minutes")))
        store.set_failures(
            con,
            username,
            0 if failures >= limit else failures,
            lock if failures >= limit else None,
        )
        audit.record(con, username, "login_failed", username, {"reason": "password"})
        raise EffmonError(labels.ACCOUNTS["wrong"]) from None
    store.set_failures(con, username, 0, None)
    audit.record(con, username, "login", username, {})
    return role


def authenticate_identity(con: duckdb.DuckDBPyConnection, identity: str) -> str:
    """The role of the local account named ``identity`` (an e-mail or user name vouched for
    by the single sign-on provider); the provider proves who it is, the account says what
    they may do. Unknown and disabled identities are refused; both go to the audit trail."""
    found = store.login_row(con, identity)
    if not found or found[2]:
        reason = "sso_unknown" if not found else "disabled"
        audit.record(con, identity, "login_failed", identity, {"reason": reason, "via": "sso"})
        raise EffmonError(labels.ACCOUNTS["sso_unknown" if not found else "disabled"])
    audit.record(con, identity, "login", identity, {"via": "sso"})
    return found[0]


def ensure_admin(con: duckdb.DuckDBPyConnection, password: str | None = None) -> str | None:
    """When the store has no account yet, create the administrator ``admin`` with
    ``password``, or a generated one; returns the generated password (to be shown once),
    else None."""
    if store.any_user(con):
        return None
    generated = None if password else new_password()
    add_user(con, FIRST_ADMIN, ADMIN, password or generated, actor="系统")
    return generated


def new_password() -> str:
    """A random password for an account (shown once to whoever creates it)."""
    return secrets.token_urlsafe(12)


def _known(con: duckdb.DuckDBPyConnection, username: str) -> None:
    if not store.exists(con, username):
        raise EffmonError(labels.ACCOUNTS["unknown"].format(user=username))


def _check_password(password: str) -> None:
    least = config.get_int("password_min_length")
    if len(password or "") < least:
        raise EffmonError(labels.ACCOUNTS["short"].format(n=least))
