"""The audit trail: who did what, when, to what, from where. Append-only and tamper-evident.

An entry is written by ``record`` (inside the writer's transaction, if it has one) and later
sealed by ``seal`` — at the end of each page run and each command — with its place in the
chain (seq, from 1) and hash = SHA-256 of the previous entry's hash and its own content. An
entry edited, inserted or deleted afterwards breaks the chain at that place (``verify``).
Sealing apart from writing keeps concurrent writers from forking the chain: only one
process writes a store at a time, and within it one thread seals at a time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

CONTENT = ("happened_at", "username", "action", "target", "detail", "client")
_sealing = threading.Lock()


def record(
    con: duckdb.DuckDBPyConnection,
    username: str | None,
    action: str,
    target: str,
    detail: dict,
    client: str | None = None,
) -> None:
    """Append one entry (sealed later by ``seal``)."""
    con.execute(
        f"INSERT INTO audit_log ({', '.join(CONTENT)}) VALUES (?, ?, ?, ?, ?, ?)",
        [
            datetime.now(),
            username,
            action,
            target,
            json.dumps(detail, ensure_ascii=False, default=str),
            client,
        ],
    )


def seal(con: duckdb.DuckDBPyConnection) -> int:
    """Chain the entries not sealed yet, oldest first, onto the last sealed one; how many."""
    with _sealing:
        last = con.execute(
            "SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1"
        ).fetchall()
        seq, previous = last[0] if last else (0, "")
        rows = con.execute(
            f"SELECT rowid, {', '.join(CONTENT)} FROM audit_log WHERE seq IS NULL "
            "ORDER BY happened_at, rowid"
        ).fetchall()
        sealed = []
        for rowid, *content in rows:
            seq += 1
            previous = _digest(previous, seq, content)
            sealed.append([seq, previous, rowid])
        if sealed:
            con.executemany("UPDATE audit_log SET seq = ?, hash = ? WHERE rowid = ?", sealed)
        return len(sealed)


@dataclass(frozen=True)
class Verdict:
    """What ``verify`` found: the entries sealed, those still to seal, the chain's last
    link (seq, hash), and the first entry where the chain breaks (None when intact)."""

    sealed: int
    pending: int
    head: tuple[int, str]
    broken: dict | None


def verify(con: duckdb.DuckDBPyConnection) -> Verdict:
    """Check the chain from its first entry: every seq present once and in order, every hash
    that of its content and the hash before it."""
    rows = con.execute(
        f"SELECT seq, hash, {', '.join(CONTENT)} FROM audit_log WHERE seq IS NOT NULL "
        "ORDER BY seq, happened_at"
    ).fetchall()
    pending = con.execute("SELECT count(*) FROM audit_log WHERE seq IS NULL").fetchall()[0][0]
    previous, broken = "", None
    for expected, (seq, stored, *content) in enumerate(rows, start=1):
        if seq != expected or stored != _digest(previous, seq, content):
            broken = {"seq": expected, **dict(zip(CONTENT, content, strict=True))}
            break
        previous = stored
    head = (len(rows), previous) if broken is None else (0, "")
    return Verdict(len(rows), pending, head, broken)


def hash_at(con: duckdb.DuckDBPyConnection, seq: int) -> str | None:
    """The hash of the chain's entry ``seq`` (None when there is none)."""
    found = con.execute("SELECT hash FROM audit_log WHERE seq = ?", [seq]).fetchall()
    return found[0][0] if len(found) == 1 else None


def entries_after(con: duckdb.DuckDBPyConnection, seq: int) -> list[tuple]:
    """The content (CONTENT) of the entries after ``seq`` and of those not sealed yet, in order."""
    return con.execute(
        f"SELECT {', '.join(CONTENT)} FROM audit_log WHERE seq IS NULL OR seq > ? "
        "ORDER BY coalesce(seq, 9223372036854775807), happened_at",
        [seq],
    ).fetchall()


def append(con: duckdb.DuckDBPyConnection, entries: list[tuple]) -> None:
    """Add entries as they were (their own times), to be sealed onto this trail."""
    if entries:
        con.executemany(
            f"INSERT INTO audit_log ({', '.join(CONTENT)}) VALUES (?, ?, ?, ?, ?, ?)", entries
        )


def _digest(previous: str, seq: int, content: list) -> str:
    happened_at, *rest = content
    text = json.dumps([previous, seq, happened_at.isoformat(), *rest], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def search(
    con: duckdb.DuckDBPyConnection,
    *,
    username: str = "",
    action: str = "",
    text: str = "",
    limit: int = 1000,
) -> pd.DataFrame:
    """The newest entries matching a user, an action and a text in target or detail."""
    return con.execute(
        """
        SELECT happened_at, username, action, target, detail, client FROM audit_log
        WHERE (? = '' OR username = ?) AND (? = '' OR action = ?)
          AND (? = '' OR contains(coalesce(target, '') || coalesce(detail, ''), ?))
        ORDER BY happened_at DESC LIMIT ?
        """,
        [username, username, action, action, text, text, limit],
    ).df()
