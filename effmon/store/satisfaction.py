"""好差评 queries: evaluations per level by a dimension, and the comments behind them.

Dimensions are fixed SQL expressions chosen by name; every value is a bound parameter.
"""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.filters import Filters, in_months
from effmon.store.frames import registered

# National five-level scale (国办发〔2019〕51号): 5 非常满意 … 1 非常不满意.
LEVELS = (5, 4, 3, 2, 1)
DIMENSIONS = {
    "month": "date_trunc('month', t.evaluated_at)",
    "department": "t.department",
    "site_id": "t.site_id",
    "window_name": "t.window_name",
    "evaluation_channel": "t.channel",
}
_PERIOD = in_months("t.evaluated_at")


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


def distinct_comments(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> list[str]:
    """The different non-empty comments of the evaluations of months start..end."""
    where, params = filters.where("t")
    rows = con.execute(
        f"SELECT DISTINCT t.comment FROM evaluations t "
        f"WHERE trim(coalesce(t.comment, '')) <> '' AND {_PERIOD} AND {where}",
        [start, end, *params],
    ).fetchall()
    return [r[0] for r in rows]


INDEX_KEYS = ("month", "department", "window_name")


def index_groups(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    scores: pd.DataFrame,
    weights: tuple[float, float, float],
    keys: tuple[str, ...],
) -> pd.DataFrame:
    """Satisfaction score statistics per group of ``keys`` (month, department, window_name):
    keys, evaluations, index (mean score), var (its sample variance).

    An evaluation's score is w1·r + w2·s + w3·a with r = (level − 1)/4, s its comment's
    sentiment (r without a comment) and a its comment's aspect sentiment (s without one);
    ``scores`` (comment, sentiment, aspects) gives s and a per comment.
    """
    if not set(keys) <= set(INDEX_KEYS):
        raise ValueError(f"unknown keys: {keys}")
    where, params = filters.where("t")
    grouped = "".join(f"{k}, " for k in keys)
    order = f"ORDER BY {', '.join(keys)}" if keys else ""
    with registered(con, "_comment_scores", scores):
        return con.execute(
            f"""
            SELECT {grouped}count(*) AS evaluations, avg(x) AS index, var_samp(x) AS var
            FROM ({_SCORED_SQL} WHERE {_PERIOD} AND {where})
            GROUP BY ALL HAVING count(*) > 0 {order}
            """,
            [*weights, start, end, *params],
        ).df()


def scored_evaluations(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    scores: pd.DataFrame,
    weights: tuple[float, float, float],
    department: str,
) -> pd.DataFrame:
    """The evaluations of one department behind its index, newest first: month, level,
    comment, rating, sentiment, aspects, x."""
    where, params = filters.where("t")
    with registered(con, "_comment_scores", scores):
        return con.execute(
            f"""
            SELECT month, level, comment, rating, sentiment, aspects, x
            FROM ({_SCORED_SQL} WHERE {_PERIOD} AND {where} AND t.department = ?)
            ORDER BY evaluated_at DESC
            """,
            [*weights, start, end, *params, department],
        ).df()


def aspect_groups(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    mentions: pd.DataFrame,
) -> pd.DataFrame:
    """Aspect mentions per department: department, aspect, mentions, sentiment (mean, 0-1).
    ``mentions`` (comment, aspect, sentiment) holds each comment's aspect mentions."""
    where, params = filters.where("t")
    with registered(con, "_comment_aspects", mentions):
        return con.execute(
            f"""
            SELECT t.department, m.aspect, count(*) AS mentions, avg(m.sentiment) AS sentiment
            FROM evaluations t JOIN _comment_aspects m ON m.comment = t.comment
            WHERE {_PERIOD} AND {where} GROUP BY ALL ORDER BY t.department, m.aspect
            """,
            [start, end, *params],
        ).df()


_SCORED_SQL = """
SELECT strftime(t.evaluated_at, '%Y-%m') AS month, coalesce(t.department, '') AS department,
       t.window_name, t.evaluated_at, t.level, t.comment, rating, sentiment, aspects,
       ? * rating + ? * sentiment + ? * aspects AS x
FROM (
    SELECT t.*, (t.level - 1) / 4 AS rating,
           coalesce(c.sentiment, (t.level - 1) / 4) AS sentiment,
           coalesce(c.aspects, c.sentiment, (t.level - 1) / 4) AS aspects
    FROM evaluations t LEFT JOIN _comment_scores c ON c.comment = t.comment
) t
"""


# 差评 follow-up items and their steps (the rules: effmon.domain.followup_workflow).
_FOLLOWUPS = """
WITH steps AS (
    SELECT evaluation_id, arg_max(state, recorded_at) AS state,
           max(happened_at) FILTER (WHERE state = '已回访') AS revisited_at,
           max(happened_at) FILTER (WHERE state = '已整改') AS rectified_at
    FROM evaluation_followups GROUP BY evaluation_id
)
SELECT t.evaluation_id, t.evaluated_at, t.department, t.site_id, t.window_name, t.level,
       t.comment,
       coalesce(s.state, CASE WHEN t.rectified_at IS NOT NULL THEN '已整改' END,
                t.followup_state, '待回访') AS state,
       s.revisited_at,
       coalesce(s.rectified_at, t.rectified_at) AS rectified_at,
       -- due at the end of the n-th working day after the evaluation (the next working day
       -- counts as the first when it came on a holiday), as case_deadlines does for cases
       CAST(d.day AS TIMESTAMP) + INTERVAL 1 DAY AS due_at
FROM evaluations t
LEFT JOIN steps s USING (evaluation_id)
LEFT JOIN calendar r ON r.day = CAST(t.evaluated_at AS DATE)
LEFT JOIN calendar d ON d.is_workday
    AND d.workday_no = r.workday_no + ? + CASE WHEN r.is_workday THEN 0 ELSE 1 END
WHERE t.level <= 2
"""


def followups(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    workdays: int,
    as_of: datetime,
) -> pd.DataFrame:
    """The 差评 follow-up items of months start..end, newest first: evaluation_id,
    evaluated_at, department, site_id, window_name, level, comment, state, revisited_at,
    rectified_at, due_at (``workdays`` working days later) and overdue (not rectified by
    its due time, or not yet and already past it at ``as_of``)."""
    where, params = filters.where("t")
    return con.execute(
        f"""
        SELECT *, coalesce(rectified_at >= due_at, due_at <= ?, FALSE) AS overdue
        FROM ({_FOLLOWUPS} AND {_PERIOD} AND {where})
        ORDER BY evaluated_at DESC
        """,
        [as_of, workdays, start, end, *params],
    ).df()


def followup_state(
    con: duckdb.DuckDBPyConnection, evaluation_id: str
) -> tuple[str, datetime] | None:
    """The follow-up item's current state and its evaluation's time, or None when the
    evaluation is no 差评 item."""
    found = con.execute(
        f"SELECT state, evaluated_at FROM ({_FOLLOWUPS}) WHERE evaluation_id = ?",
        [0, evaluation_id],
    ).fetchall()
    return found[0] if found else None


def insert_followup(
    con: duckdb.DuckDBPyConnection,
    evaluation_id: str,
    state: str,
    happened_at: datetime,
    actor: str,
    note: str | None,
    recorded_at: datetime,
) -> None:
    """Add one follow-up step (steps are only added)."""
    con.execute(
        "INSERT INTO evaluation_followups VALUES (?, ?, ?, ?, ?, ?)",
        [evaluation_id, state, happened_at, actor, note, recorded_at],
    )
    versions.changed(con, "evaluations")
