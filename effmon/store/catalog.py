"""The inspection-indicator catalog in the store: an indicator's fields, and a change
saved with who made it, when, why, and the indicator before and after. The rules are
effmon.domain.indicator_catalog."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.transaction import transaction


def indicator(
    con: duckdb.DuckDBPyConnection, indicator_id: str, fields: tuple[str, ...]
) -> dict | None:
    """The stored ``fields`` of one indicator, or None when there is none."""
    found = con.execute(
        f"SELECT {', '.join(fields)} FROM indicators WHERE indicator_id = ?", [indicator_id]
    ).fetchall()
    return dict(zip(fields, found[0], strict=True)) if found else None


def save_indicator(
    con: duckdb.DuckDBPyConnection,
    after: dict,
    before: dict | None,
    fields: tuple[str, ...],
    actor: str,
    reason: str,
    now: datetime,
) -> None:
    """Add the indicator ``after`` (indicator_id and ``fields``) or change the stored one
    (``before``), keeping the change and the values it replaced."""
    with transaction(con):
        if before is None:
            con.execute(
                f"INSERT INTO indicators (indicator_id, {', '.join(fields)}, source_file, "
                f"loaded_at) VALUES (?, {', '.join('?' * len(fields))}, 'app', ?)",
                [after["indicator_id"], *(after[f] for f in fields), now],
            )
        else:
            con.execute(
                f"UPDATE indicators SET {', '.join(f'{f} = ?' for f in fields)} "
                "WHERE indicator_id = ?",
                [*(after[f] for f in fields), after["indicator_id"]],
            )
        con.execute(
            "INSERT INTO indicator_changes VALUES (?, ?, ?, ?, ?, ?)",
            [
                after["indicator_id"],
                now,
                actor,
                reason,
                json.dumps(before, ensure_ascii=False) if before else None,
                json.dumps({f: after[f] for f in fields}, ensure_ascii=False),
            ],
        )
        versions.changed(con, "reference")


def changes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every change to the catalog, newest first."""
    return con.execute("SELECT * FROM indicator_changes ORDER BY changed_at DESC").df()
