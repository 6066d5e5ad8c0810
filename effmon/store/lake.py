"""The rows a district exports to a city's lake (effmon.city.export): each source of the
measure catalog (effmon.store.measures.SOURCES) as a fact table, one month at a time, and
the sites as its dimension table; every row with the district's code.

The complaint tickets go with their judgement (on time, days since the closure they repeat)
made by the district's own limits and working days, so the lake needs neither.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pyarrow as pa

from effmon.store.filters import in_months
from effmon.store.measures import COMPLAINT_TICKETS

NO_MONTH = "none"  # the partition of the rows with no time (and of a table with no rows)


@dataclass(frozen=True)
class LakeTable:
    relation: str
    at: str  # the column that places a row in a month; '' for a dimension table


LAKE_TABLES = {
    "case_cube": LakeTable("case_cube", "month"),
    "cases": LakeTable("cases", "received_at"),
    "window_hours": LakeTable("window_hours", "month"),
    "evaluations": LakeTable("evaluations", "evaluated_at"),
    "complaint_tickets": LakeTable(f"{COMPLAINT_TICKETS} t", "received_at"),
    "attendance": LakeTable("attendance", "check_date"),
    "inspections": LakeTable("inspections", "visit_date"),
    "sites": LakeTable("sites", ""),
}


def lake_months(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The months ('YYYY-MM', NO_MONTH for rows without a time) table ``table`` has rows in,
    in order; a dimension table, or a table with no rows, is one partition: [NO_MONTH]."""
    spec = LAKE_TABLES[table]
    if not spec.at:
        return [NO_MONTH]
    found = con.execute(
        f"SELECT DISTINCT coalesce(strftime({spec.at}, '%Y-%m'), ?) AS month "
        f"FROM {spec.relation} ORDER BY month",
        [NO_MONTH],
    ).fetchall()
    return [row[0] for row in found] or [NO_MONTH]


def lake_rows(con: duckdb.DuckDBPyConnection, table: str, month: str, district: str) -> pa.Table:
    """The rows of ``table`` in ``month`` (NO_MONTH: those without a time, or all of a
    dimension table) with their district's code in a first column ``district``."""
    spec = LAKE_TABLES[table]
    if not spec.at:
        where, params = "TRUE", []
    elif month == NO_MONTH:
        where, params = f"{spec.at} IS NULL", []
    else:
        where, params = in_months(spec.at), [month, month]
    sql = f"SELECT ?::VARCHAR AS district, * FROM {spec.relation} WHERE {where}"
    return con.sql(sql, params=[district, *params]).to_arrow_table()


def lake_period(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """The first and last month ('YYYY-MM') of the store's cases (and monthly totals): the
    months its export covers, though an evaluation or a complaint may fall after them;
    ('', '') for a store without any."""
    first, last = con.execute(
        "SELECT strftime(min(month), '%Y-%m'), strftime(max(month), '%Y-%m') FROM case_cube"
    ).fetchall()[0]
    return first or "", last or ""
