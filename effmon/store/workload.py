"""Workload queries over service cases (窗口办件): one set shared by pages and reports.

Dimensions and measures are fixed SQL expressions chosen by name from the catalogues
below, never text from a user; every value is a bound parameter.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from effmon.store.filters import Filters

DIMENSIONS = {
    "month": "date_trunc('month', c.received_at)",  # shown as 'YYYY-MM' (strftime per row is slow)
    "level": "s.level",
    "street": "s.street",
    "site_id": "c.site_id",
    "department": "c.department",
    "window_name": "c.window_name",
    "channel": "c.channel",
    "item": "c.item",
}
# A case is overdue when it finished on or after its due time, or was still open past it at
# the end of the period (or now, if earlier): the parameter is that moment.
_OVERDUE = "c.finished_at >= c.due_at OR (c.finished_at IS NULL AND c.due_at <= ?)"
COUNTS = {
    "cases": "count(*)",
    "online_cases": "count(*) FILTER (WHERE c.channel = '网办')",
    "extended_cases": "count(*) FILTER (WHERE c.channel = '延时服务')",
    "instant_cases": "count(*) FILTER (WHERE c.promised_days = 0)",
    "finished_cases": "count(c.finished_at)",
    "limited_finished": "count(*) FILTER (WHERE c.finished_at IS NOT NULL AND c.promised_days > 0)",
    # early: finished before its due day began (cases with a time limit only)
    "early_cases": "count(*) FILTER (WHERE c.promised_days > 0 "
    "AND c.finished_at < c.due_at - INTERVAL 1 DAY)",
    "overdue_cases": f"count(*) FILTER (WHERE {_OVERDUE})",
    "waits": "count(c.wait_minutes)",
    "windows": "count(DISTINCT c.window_name)",
}
MEASURES = {
    **COUNTS,
    "online_share": "avg(CAST(c.channel = '网办' AS INTEGER))",
    "extended_share": "avg(CAST(c.channel = '延时服务' AS INTEGER))",
    "wait_minutes_mean": "avg(c.wait_minutes)",
    "wait_minutes_p90": "quantile_cont(c.wait_minutes, 0.9)",
}


def workload_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Case counts and waiting times per value of ``dimension``, months ``start``..``end``.

    Columns: key, COUNTS, wait_minutes_mean, wait_minutes_p90; largest first.
    """
    measures = [*COUNTS, "wait_minutes_mean", "wait_minutes_p90"]
    frame = _aggregate(con, filters, start, end, [dimension], measures)
    return frame.rename(columns={dimension: "key"})


def pivot(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    measure: str,
    dimensions: list[str],
) -> pd.DataFrame:
    """One measure per combination of one or two dimensions: the dimensions, value."""
    if not 1 <= len(dimensions) <= 2 or len(set(dimensions)) != len(dimensions):
        raise ValueError(f"one or two different dimensions, not {dimensions}")
    return _aggregate(con, filters, start, end, dimensions, [measure]).rename(
        columns={measure: "value"}
    )


def hour_weekday_load(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Counter cases (窗口/延时服务) by weekday (0 = Monday) and hour: weekday, hour, cases."""
    where, params = filters.where("c")
    return con.execute(
        f"""
        SELECT isodow(c.received_at) - 1 AS weekday, hour(c.received_at) AS hour,
               count(*) AS cases
        FROM cases c
        WHERE c.channel IN ('窗口', '延时服务')
          AND c.received_at >= strptime(?, '%Y-%m')
          AND c.received_at < strptime(?, '%Y-%m') + INTERVAL 1 MONTH AND {where}
        GROUP BY ALL ORDER BY weekday, hour
        """,
        [start, end, *params],
    ).df()


def _aggregate(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    dimensions: list[str],
    measures: list[str],
) -> pd.DataFrame:
    unknown = [d for d in dimensions if d not in DIMENSIONS] + [
        m for m in measures if m not in MEASURES
    ]
    if unknown:
        raise ValueError(f"unknown dimension or measure: {unknown}")
    where, params = filters.where("c")
    select = ", ".join(
        [
            *(f"{DIMENSIONS[d]} AS {d}" for d in dimensions),
            *(f"{MEASURES[m]} AS {m}" for m in measures),
        ]
    )
    keys = ", ".join(dimensions)
    order = f"{measures[0]} DESC, {keys}" if measures[0] in COUNTS else keys
    as_of = min(datetime.now(), _month_after(end))
    frame = con.execute(
        f"""
        SELECT {select}
        FROM case_deadlines c
        LEFT JOIN sites s ON s.site_id = c.site_id
        WHERE c.received_at >= strptime(?, '%Y-%m')
          AND c.received_at < strptime(?, '%Y-%m') + INTERVAL 1 MONTH AND {where}
        GROUP BY ALL ORDER BY {order}
        """,
        [*[as_of] * select.count("?"), start, end, *params],
    ).df()
    if "month" in frame:
        frame["month"] = frame["month"].dt.strftime("%Y-%m")
    return frame


def _month_after(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return datetime(year + number // 12, number % 12 + 1, 1)
