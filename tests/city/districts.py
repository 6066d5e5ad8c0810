"""Two districts for a city's lake: the demo store, and a shifted copy of it with its own
code (one month later, with a fifth of its cases and evaluations gone)."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

from effmon.semantic import catalog
from effmon.store.connect import open_store
from effmon.store.writes import refresh_case_aggregates

FIRST = ("510104", "锦江区")
SECOND = ("510105", "青羊区")
KEYS = [k for k, m in catalog.measures().items() if not m.computed]  # every measure with SQL
AS_OF = datetime(2026, 11, 1)  # the demo's stocks are counted at the end of its last month
# the time columns of the tables a lake holds, moved one month later in the second district
SHIFTED = {
    "cases": ["received_at", "finished_at"],
    "case_totals": ["month"],
    "evaluations": ["evaluated_at", "rectified_at"],
    "complaints": ["received_at", "replied_at", "closed_at"],
    "complaint_events": ["happened_at", "due_at"],
    "attendance": ["check_date", "checked_at"],
    "inspections": ["visit_date", "rectify_by"],
}


def shifted_copy(source: Path, target: Path) -> Path:
    """A copy of the store at ``source`` one month later, with fewer cases and evaluations."""
    shutil.copy(source, target)
    con = open_store(target)
    for table, columns in SHIFTED.items():
        moved = ", ".join(f"{c} = {c} + INTERVAL 1 MONTH" for c in columns)
        con.execute(f"UPDATE {table} SET {moved}")
    con.execute("DELETE FROM cases WHERE hash(case_id) % 5 = 0")
    con.execute("DELETE FROM evaluations WHERE hash(evaluation_id) % 5 = 0")
    refresh_case_aggregates(con)
    con.close()
    return target
