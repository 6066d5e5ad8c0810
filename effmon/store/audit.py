"""The audit trail: who did what, when, to what. Append-only."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd


def record(
    con: duckdb.DuckDBPyConnection, username: str | None, action: str, target: str, detail: dict
) -> None:
    """Append one entry."""
    con.execute(
        "INSERT INTO audit_log VALUES (?, ?, ?, ?, ?)",
        [
            datetime.now(),
            username,
            action,
            target,
            json.dumps(detail, ensure_ascii=False, default=str),
        ],
    )


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
        SELECT * FROM audit_log
        WHERE (? = '' OR username = ?) AND (? = '' OR action = ?)
          AND (? = '' OR contains(coalesce(target, '') || coalesce(detail, ''), ?))
        ORDER BY happened_at DESC LIMIT ?
        """,
        [username, username, action, action, text, text, limit],
    ).df()
