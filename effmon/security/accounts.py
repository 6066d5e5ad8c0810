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
from effmon.security import audit
from effmon.security.roles import ADMIN, ROLES

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
    if con.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchall():
        raise EffmonError(labels.ACCOUNTS["exists"].format(user=username))
    con.execute(
        "INSERT INTO users (username, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
        [username, role, _hasher.hash(password), datetime.now()],
    )
    audit.record(con, actor, "user_add", username, {"role": role})


def set_password(con: duckdb.DuckDBPyConnection, username: str, password: str, actor: str) -> None:
    """Give an account a new password (and lift a lock-out)."""
    _known(con, username)
    _check_password(password)
    con.execute(
        "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL "
        "WHERE username = ?",
        [_hasher.hash(password), username],
    )
    audit.record(con, actor, "user_password", username, {})


def set_disabled(con: duckdb.DuckDBPyConnection, username: str, disabled: bool, actor: str) -> None:
    """Disable an account (it can no longer log in) or enable it again."""
    _known(con, username)
    con.execute("UPDATE users SET disabled = ? WHERE username = ?", [disabled, username])
    audit.record(con, actor, "user_disable" if disabled else "user_enable", username, {})


def users(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account without its hash: username, role, disabled, locked_until, created_at."""
    return con.execute(
        "SELECT username, role, disabled, locked_until, created_at FROM users ORDER BY username"
    ).df()


def authenticate(
    con: duckdb.DuckDBPyConnection, username: str, password: str, now: datetime | None = None
) -> str:
    """The role of the account when the password is right; else an error that does not say
    which part was wrong. ``login_attempts`` failures in a row lock the account for
    ``lockout_minutes``. Every attempt goes to the audit trail."""
    now = now or datetime.now()
    found = con.execute(
        "SELECT role, password_hash, disabled, failed_logins, locked_until FROM users "
        "WHERE username = ?",
        [username],
    ).fetchall()
    if not found:
        audit.record(con, username, "login_failed", username, {"reason": "unknown"})
        raise EffmonError(labels.ACCOUNTS["wrong"])
    role, hashed, disabled, failures, locked_until = found[0]
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
        con.execute(
            "UPDATE users SET failed_logins = ?, locked_until = ? WHERE username = ?",
            [0 if failures >= limit else failures, lock if failures >= limit else None, username],
        )
        audit.record(con, username, "login_failed", username, {"reason": "password"})
        raise EffmonError(labels.ACCOUNTS["wrong"]) from None
    con.execute(
        "UPDATE users SET failed_logins = 0, locked_until = NULL WHERE username = ?", [username]
    )
    audit.record(con, username, "login", username, {})
    return role


def authenticate_identity(con: duckdb.DuckDBPyConnection, identity: str) -> str:
    """The role of the local account named ``identity`` (an e-mail or user name vouched for
    by the single sign-on provider); the provider proves who it is, the account says what
    they may do. Unknown and disabled identities are refused; both go to the audit trail."""
    found = con.execute(
        "SELECT role, disabled FROM users WHERE username = ?", [identity]
    ).fetchall()
    if not found or found[0][1]:
        reason = "sso_unknown" if not found else "disabled"
        audit.record(con, identity, "login_failed", identity, {"reason": reason, "via": "sso"})
        raise EffmonError(labels.ACCOUNTS["sso_unknown" if not found else "disabled"])
    audit.record(con, identity, "login", identity, {"via": "sso"})
    return found[0][0]


def ensure_admin(con: duckdb.DuckDBPyConnection, password: str | None = None) -> str | None:
    """When the store has no account yet, create the administrator ``admin`` with
    ``password``, or a generated one; returns the generated password (to be shown once),
    else None."""
    if con.execute("SELECT count(*) FROM users").fetchall()[0][0]:
        return None
    generated = None if password else new_password()
    add_user(con, FIRST_ADMIN, ADMIN, password or generated, actor="系统")
    return generated


def new_password() -> str:
    """A random password for an account (shown once to whoever creates it)."""
    return secrets.token_urlsafe(12)


def _known(con: duckdb.DuckDBPyConnection, username: str) -> None:
    if not con.execute("SELECT 1 FROM users WHERE username = ?", [username]).fetchall():
        raise EffmonError(labels.ACCOUNTS["unknown"].format(user=username))


def _check_password(password: str) -> None:
    least = config.get_int("password_min_length")
    if len(password or "") < least:
        raise EffmonError(labels.ACCOUNTS["short"].format(n=least))
