"""Workload queries over service cases (窗口办件): one set shared by pages and reports."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.filters import Filters

# The dimensions a user may group by, each a fixed SQL expression (never user text).
DIMENSIONS = {
    "month": "strftime(c.received_at, '%Y-%m')",
    "level": "s.level",
    "street": "s.street",
    "site_id": "c.site_id",
    "department": "c.department",
    "window_name": "c.window_name",
    "channel": "c.channel",
    "item": "c.item",
}
COUNT_COLUMNS = [
    "cases",
    "online_cases",
    "extended_cases",
    "instant_cases",
    "finished_cases",
    "limited_finished",
    "early_cases",
    "overdue_cases",
    "waits",
    "windows",
]


def workload_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Case counts and waiting times per value of ``dimension``, months ``start``..``end``.

    Columns: key, COUNT_COLUMNS, wait_minutes_mean, wait_minutes_p90. A case is overdue when
    it finished on or after its due time, or was still open past it at the end of the period
    (or now, if earlier); early when it finished before its due day began (cases with a
    time limit only).
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {dimension}")
    where, params = filters.where("c")
    return con.execute(
        f"""
        SELECT {DIMENSIONS[dimension]} AS key,
               count(*) AS cases,
               count(*) FILTER (WHERE c.channel = '网办') AS online_cases,
               count(*) FILTER (WHERE c.channel = '延时服务') AS extended_cases,
               count(*) FILTER (WHERE c.promised_days = 0) AS instant_cases,
               count(c.finished_at) AS finished_cases,
               count(*) FILTER (WHERE c.finished_at IS NOT NULL AND c.promised_days > 0)
                   AS limited_finished,
               count(*) FILTER (WHERE c.promised_days > 0
                   AND c.finished_at < d.due_at - INTERVAL 1 DAY) AS early_cases,
               count(*) FILTER (WHERE c.finished_at >= d.due_at OR (c.finished_at IS NULL
                   AND d.due_at <= least(now()::TIMESTAMP,
                                         strptime(?, '%Y-%m') + INTERVAL 1 MONTH)))
                   AS overdue_cases,
               count(c.wait_minutes) AS waits,
               count(DISTINCT c.window_name) AS windows,
               avg(c.wait_minutes) AS wait_minutes_mean,
               quantile_cont(c.wait_minutes, 0.9) AS wait_minutes_p90
        FROM cases c
        LEFT JOIN sites s ON s.site_id = c.site_id
        LEFT JOIN case_deadlines d ON d.case_id = c.case_id
        WHERE c.received_at >= strptime(?, '%Y-%m')
          AND c.received_at < strptime(?, '%Y-%m') + INTERVAL 1 MONTH AND {where}
        GROUP BY key ORDER BY cases DESC, key
        """,
        [end, start, end, *params],
    ).df()


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
