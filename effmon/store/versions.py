"""Which areas of the data changed: each write records its areas, and the app keys its
cached results by the versions (counts of changes) of the areas they read.

An area is a group of tables that change together: a complaint step changes complaints,
not the cases that 总览 and 趋势预测 read. ``reference`` (sites, departments, the calendar,
the catalogs) is read by everything.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

AREAS = ("cases", "evaluations", "complaints", "fieldwork", "findings", "reference")
DATA = AREAS[:4]  # the areas of recorded facts (a page over all of them reads these)
# The area of each table a file is loaded into (effmon.domain.kinds).
TABLE_AREAS = {
    "cases": "cases", "case_totals": "cases", "evaluations": "evaluations",
    "complaints": "complaints", "inspections": "fieldwork", "attendance": "fieldwork",
    "punches": "fieldwork", "sites": "reference", "benchmarks": "reference",
    "holidays": "reference",
}  # fmt: skip


def changed(con: duckdb.DuckDBPyConnection, *areas: str) -> None:
    """Record that a write changed ``areas`` (in the writer's transaction, when it has one)."""
    unknown = set(areas) - set(AREAS)
    if unknown:
        raise ValueError(f"unknown data areas: {sorted(unknown)}")
    now = datetime.now()
    con.executemany("INSERT INTO data_changes VALUES (?, ?)", [[a, now] for a in areas])


def versions(con: duckdb.DuckDBPyConnection) -> dict[str, tuple]:
    """Each area's version: how many writes changed it so far and when the last did (a
    store restored from a backup and written again never comes back to a version seen)."""
    rows = con.execute(
        "SELECT area, count(*), max(changed_at) FROM data_changes GROUP BY area"
    ).fetchall()
    seen = {area: (count, last) for area, count, last in rows}
    return {area: seen.get(area, (0, None)) for area in AREAS}
