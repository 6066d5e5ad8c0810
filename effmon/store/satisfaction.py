"""好差评 queries: evaluations per level by a dimension, and the comments behind them.

Dimensions are fixed SQL expressions chosen by name; every value is a bound parameter.
"""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.filters import Filters

# National five-level scale (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意.
LEVELS = (5, 4, 3, 2, 1)
DIMENSIONS = {
    "month": "date_trunc('month', t.evaluated_at)",
    "department": "t.department",
    "site_id": "t.site_id",
    "window_name": "t.window_name",
    "channel": "t.channel",
}
_PERIOD = (
    "t.evaluated_at >= strptime(?, '%Y-%m') "
    "AND t.evaluated_at < strptime(?, '%Y-%m') + INTERVAL 1 MONTH"
)


def evaluations_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Evaluations per value of ``dimension``, months start..end.

    Columns: key, evaluations, level_5 … level_1, good (4-5), bad (1-2); most first (months
    in order).
    """
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {dimension}")
    where, params = filters.where("t")
    levels = ", ".join(f"count(*) FILTER (WHERE t.level = {n}) AS level_{n}" for n in LEVELS)
    key = "strftime(key, '%Y-%m') AS key" if dimension == "month" else "key"
    order = "key" if dimension == "month" else "evaluations DESC, key"
    return con.execute(
        f"""
        SELECT {key}, * EXCLUDE (key) FROM (
            SELECT {DIMENSIONS[dimension]} AS key, count(*) AS evaluations, {levels},
                   count(*) FILTER (WHERE t.level >= 4) AS good,
                   count(*) FILTER (WHERE t.level <= 2) AS bad
            FROM evaluations t WHERE {_PERIOD} AND {where} GROUP BY key
        ) ORDER BY {order}
        """,
        [start, end, *params],
    ).df()


def bad_comments(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """差评 (1-2) of months start..end, newest first: evaluated_at, department, site_id,
    window_name, channel, level, comment."""
    where, params = filters.where("t")
    return con.execute(
        f"""
        SELECT t.evaluated_at, t.department, t.site_id, t.window_name, t.channel, t.level,
               t.comment
        FROM evaluations t WHERE t.level <= 2 AND {_PERIOD} AND {where}
        ORDER BY t.evaluated_at DESC
        """,
        [start, end, *params],
    ).df()
