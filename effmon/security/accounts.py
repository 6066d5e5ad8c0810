"""Local accounts: argon2 password hashes, lock-out after repeated failed logins, the first
administrator created with a given or generated password (never a default one)."""

from __future__ import annotations

import secrets
import threading
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
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))  # what an unknown name's password meets
_turns: dict[str, threading.Lock] = {}
_turns_lock = threading.Lock()


def add_user(
    con: duckdb.DuckDBPyConnection,
    username: str,
    role: str,
    password: str,
    actor: str,
    sso: bool = False,
) -> None:
    """Create an account; ``sso``: the single sign-on identity of that name may log in."""
    username = username.strip()
    if not username or len(username) > 64 or not username.isprintable():
        raise EffmonError(labels.ACCOUNTS["bad_name"])
    if role not in ROLES:
        raise EffmonError(labels.ACCOUNTS["bad_role"].format(role=role, roles="、".join(ROLES)))
    check_password(password, username)
    if store.exists(con, username):
        raise EffmonError(labels.ACCOUNTS["exists"].format(user=username))
    store.insert(con, username, role, _hasher.hash(password), datetime.now(), sso)
    audit.record(con, actor, "user_add", username, {"role": role, "sso": sso})


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, actor: str) -> None:
    """Give an account a new password (and lift a lock-out): one of the password rules and
    none of its last ``password_history`` passwords. Its open sessions end."""
    _known(con, username)
    check_password(password, username)
    for earlier in store.recent_hashes(con, username, config.get_int("password_history")):
        try:
            _hasher.verify(earlier, password)
        except (VerifyMismatchError, InvalidHashError):
            continue
        raise EffmonError(labels.ACCOUNTS["reused"].format(n=config.get_int("password_history")))
    store.set_hash(con, username, _hasher.hash(password), datetime.now())
    audit.record(con, actor, "user_password", username, {})
    sessions.end_all(con, username, "reset", actor)


def change_own_password(
    con: duckdb.DuckDBPyConnection, username: str, current: str, new: str
) -> None:
    """A user's own change of password, which needs the current one."""
    stored = store.login_row(con, username)
    try:
        _hasher.verify(stored[1] if stored else _DUMMY, current)
    except (VerifyMismatchError, InvalidHashError):
        audit.record(con, username, "password_change_failed", username, {})
        raise EffmonError(labels.ACCOUNTS["current_wrong"]) from None
    set_password(con, username, new, username)


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool, actor: str) -> None:
    """Disable an account (it can no longer log in, its open sessions end) or enable it
    again."""
    _known(con, username)
    store.set_disabled(con, username, disabled)
    audit.record(con, actor, "user_disable" if disabled else "user_enable", username, {})
    if disabled:
        sessions.end_all(con, username, "disabled", actor)


def users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: username, role, disabled, locked_until, sso,
    created_at."""
    return store.listing(con)


def authenticate(
    con: duckdb.DuckDBPyConnection, username: str, password: str, now: datetime | None = None
) -> str:
    """The role of the account when the password is right; else one answer whatever was
    wrong — an unknown name, a wrong password, a locked or disabled account — in about the
    same time (an unknown name's password is checked against a dummy hash), so an answer
    tells nothing of which accounts exist. ``login_attempts`` failures in a row lock the
    account for ``lockout_minutes``. Each account's attempts are taken one at a time, so
    parallel attempts neither lose a count nor fail on a write conflict; every attempt goes
    to the audit trail with its true reason."""
    now = now or datetime.now()
    with _turn_of(username):
        found = store.login_row(con, username)
        role, hashed, disabled, failures, locked_until = found or (None, _DUMMY, False, 0, None)
        try:
            _hasher.verify(hashed, password)
            right = found is not None
        except (VerifyMismatchError, InvalidHashError):
            right = False
        locked = locked_until is not None and locked_until > now
        if right and not disabled and not locked:
            store.set_failures(con, username, 0, None)
            audit.record(con, username, "login", username, {})
            return role
        reason = (
            "unknown" if found is None else "disabled" if disabled
            else "locked" if locked else "password"
        )  # fmt: skip
        if reason == "password":
            failures += 1
            limit = config.get_int("login_attempts")
            lock = now + timedelta(minutes=config.get_float("lockout_minutes"))
            locking = failures >= limit
            store.set_failures(con, username, 0 if locking else failures, lock if locking else None)
        audit.record(con, username, "login_failed", username, {"reason": reason})
    raise EffmonError(labels.ACCOUNTS["wrong"])


def _turn_of(username: str) -> threading.Lock:
    """The lock that takes one account's login attempts one at a time in this process (only
    one process writes the store at a time)."""
    with _turns_lock:
        return _turns.setdefault(username, threading.Lock())


def authenticate_identity(con: duckdb.DuckDBPyConnection, identity: str) -> str:
    """The role of the local account named ``identity`` (an e-mail or user name vouched for
    by the single sign-on provider); the provider proves who it is, the account says what
    they may do. Unknown and disabled identities are refused; both go to the audit trail."""
    found = store.login_row(con, identity)
    if not found or found[2] or not store.sso_enabled(con, identity):
        reason = "sso_unknown" if not found else "disabled" if found[2] else "not_sso"
        audit.record(con, identity, "login_failed", identity, {"reason": reason, "via": "sso"})
        raise EffmonError(labels.ACCOUNTS["disabled" if reason == "disabled" else "sso_unknown"])
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
    """A random password for an account (shown once to whoever creates it), of the four
    kinds of characters the rules ask three of."""
    return f"{secrets.token_urlsafe(12)}-Aa1"


def _known(con: duckdb.DuckDBPyConnection, username: str) -> None:
    if not store.exists(con, username):
        raise EffmonError(labels.ACCOUNTS["unknown"].format(user=username))


def check_password(password: str, username: str = "") -> None:
    """The password rules (等保 2.0 practice): at least ``password_min_length`` characters,
    at least three of lower-case letters, capitals, digits and other characters, and not
    the account's name."""
    least = config.get_int("password_min_length")
    password = password or ""
    classes = (str.islower, str.isupper, str.isdigit, lambda c: not c.isascii() or not c.isalnum())
    kinds = sum(any(test(c) for c in password) for test in classes)
    if len(password) < least or kinds < 3:
        raise EffmonError(labels.ACCOUNTS["weak"].format(n=least))
    if username and username.lower() in password.lower():
        raise EffmonError(labels.ACCOUNTS["has_name"])
