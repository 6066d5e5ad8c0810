"""Workload queries over service cases (窗口办件): catalog measures by one dimension or
pivoted by two (effmon.store.measures), and the hour × weekday load of the counters."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.filters import Filters, in_months
from effmon.store.measures import measure_frame


def workload_by(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    dimension: str,
    keys: list[str],
) -> pd.DataFrame:
    """Catalog measures ``keys`` (the first a count) per value of ``dimension``, months
    ``start``..``end``: key, one column per measure; largest first (months in order)."""
    frame = measure_frame(con, filters, start, end, keys, [dimension])
    if dimension != "month":
        frame = frame.sort_values([keys[0], dimension], ascending=[False, True], ignore_index=True)
    return frame.rename(columns={dimension: "key"})


def pivot(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    measure: str,
    dimensions: list[str],
) -> pd.DataFrame:
    """One catalog measure per combination of one or two dimensions: the dimensions, value
    (NaN throughout where the measure cannot be split by them); the largest first."""
    if not 1 <= len(dimensions) <= 2:
        raise ValueError(f"one or two different dimensions, not {dimensions}")
    frame = measure_frame(con, filters, start, end, [measure], dimensions)
    if "month" not in dimensions:  # the largest first; months stay in order
        frame = frame.sort_values(measure, ascending=False, ignore_index=True)
    return frame.rename(columns={measure: "value"})


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
          AND {in_months("c.received_at")} AND {where}
        GROUP BY ALL ORDER BY weekday, hour
        """,
        [start, end, *params],
    ).df()
