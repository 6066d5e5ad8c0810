"""The inspection-indicator catalog as an administrator edits it: every change kept with
who made it, when, why, and the indicator before and after."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from effmon import labels
from effmon.domain.kinds import allowed_values
from effmon.errors import EffmonError
from effmon.store.transaction import transaction
from effmon.store.visits import FREQUENCIES

FIELDS = ("name", "description", "method", "frequency", "site_levels")


def save_indicator(
    con: duckdb.DuckDBPyConnection,
    indicator: dict,
    actor: str,
    reason: str,
    now: datetime | None = None,
) -> bool:
    """Add the indicator (indicator_id and FIELDS) or change the stored one; returns False
    when nothing differs. The change and the values it replaced are kept."""
    now = now or datetime.now()
    if not actor.strip() or not reason.strip():
        raise EffmonError(labels.CATALOG["who_why"])
    after = {f: str(indicator.get(f) or "").strip() for f in ("indicator_id", *FIELDS)}
    _check(after)
    found = con.execute(
        f"SELECT {', '.join(FIELDS)} FROM indicators WHERE indicator_id = ?",
        [after["indicator_id"]],
    ).fetchall()
    before = dict(zip(FIELDS, found[0], strict=True)) if found else None
    if before is not None and all((before[f] or "") == after[f] for f in FIELDS):
        return False
    with transaction(con):
        if before is None:
            con.execute(
                f"INSERT INTO indicators (indicator_id, {', '.join(FIELDS)}, source_file, "
                "loaded_at) VALUES (?, ?, ?, ?, ?, ?, 'app', ?)",
                [after["indicator_id"], *(after[f] for f in FIELDS), now],
            )
        else:
            con.execute(
                f"UPDATE indicators SET {', '.join(f'{f} = ?' for f in FIELDS)} "
                "WHERE indicator_id = ?",
                [*(after[f] for f in FIELDS), after["indicator_id"]],
            )
        con.execute(
            "INSERT INTO indicator_changes VALUES (?, ?, ?, ?, ?, ?)",
            [
                after["indicator_id"],
                now,
                actor.strip(),
                reason.strip(),
                json.dumps(before, ensure_ascii=False) if before else None,
                json.dumps({f: after[f] for f in FIELDS}, ensure_ascii=False),
            ],
        )
    return True


def changes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every change to the catalog, newest first."""
    return con.execute("SELECT * FROM indicator_changes ORDER BY changed_at DESC").df()


def _check(indicator: dict) -> None:
    name = indicator["indicator_id"] or "?"
    if not indicator["indicator_id"] or not indicator["name"]:
        raise EffmonError(labels.CATALOG["id_name"])
    if indicator["frequency"] not in FREQUENCIES:
        raise EffmonError(
            labels.CATALOG["frequency"].format(
                indicator=name, value=indicator["frequency"], allowed="、".join(FREQUENCIES)
            )
        )
    levels = [v for v in indicator["site_levels"].split("|") if v]
    unknown = [v for v in levels if v not in allowed_values("site_level")]
    if not levels or unknown:
        raise EffmonError(
            labels.CATALOG["levels"].format(
                indicator=name,
                value=indicator["site_levels"],
                allowed="、".join(allowed_values("site_level")),
            )
        )
