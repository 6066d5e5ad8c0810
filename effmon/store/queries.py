"""Named read queries: a connection and plain parameters in, a DataFrame out."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.filters import Filters, in_months
from effmon.store.writes import DATA_TABLES


def indicator_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The inspection checklist: indicator_id, name, description, method, frequency, site_levels."""
    return con.execute(
        "SELECT indicator_id, name, description, method, frequency, site_levels "
        "FROM indicators ORDER BY indicator_id"
    ).df()


def inspection_plan(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The monthly inspection plan per site level: level, sites, person_days."""
    return con.execute("SELECT level, sites, person_days FROM inspection_plan").df()


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Load batches, newest first: batch_id, kind, source_file, loaded_at, mode and row counts."""
    return con.execute(
        "SELECT batch_id, kind, source_file, loaded_at, mode, rows_read, rows_new, rows_present, "
        "rows_rejected, rows_skipped FROM load_batches ORDER BY batch_id DESC"
    ).df()


def table_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows per data table: table, rows."""
    union = " UNION ALL ".join(
        f"SELECT '{t}' AS table, count(*) AS rows FROM {t}" for t in DATA_TABLES
    )
    return con.execute(union).df()


def data_months(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Months ('YYYY-MM') that hold cases or case totals, newest first."""
    rows = con.execute(
        "SELECT DISTINCT strftime(month, '%Y-%m') AS month FROM ("
        "SELECT month FROM case_cube UNION SELECT month FROM case_totals) ORDER BY month DESC"
    ).fetchall()
    return [r[0] for r in rows]


def dimension_values(con: duckdb.DuckDBPyConnection) -> dict[str, pd.DataFrame]:
    """Choices of the sidebar: sites (site_id, name, level, street) and departments."""
    return {
        "sites": con.execute(
            "SELECT site_id, name, level, street FROM sites ORDER BY site_id"
        ).df(),
        "departments": con.execute(
            "SELECT DISTINCT department FROM departments ORDER BY department"
        ).df(),
    }


def value_names(con: duckdb.DuckDBPyConnection) -> dict[str, dict]:
    """What dimension values are named by (effmon.semantic.display.value_names reads them): site
    id → site name, window code → (its site's name, its department), indicator id → name."""
    sites = site_names(con)
    windows = con.execute("SELECT window_name, site_id, department FROM windows").fetchall()
    return {
        "site": sites,
        "window": {code: (sites.get(site), department) for code, site, department in windows},
        "indicator": dict(con.execute("SELECT indicator_id, name FROM indicators").fetchall()),
    }


def site_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Site id → site name."""
    return dict(con.execute("SELECT site_id, name FROM sites").fetchall())


def evaluation_comments(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every evaluation with a comment: comment, level (1-5)."""
    return con.execute(
        "SELECT comment, level FROM evaluations WHERE trim(coalesce(comment, '')) <> ''"
    ).df()


def _per_month(
    con: duckdb.DuckDBPyConnection,
    source: str,
    at: str,
    measures: str,
    filters: Filters,
    start: str,
    end: str,
    *,
    department: bool = True,
) -> pd.DataFrame:
    """``measures`` over ``source`` (alias t) per month of its ``at`` column, start..end."""
    where, params = filters.where("t", department=department)
    return con.execute(
        f"""
        SELECT strftime(month, '%Y-%m') AS month, * EXCLUDE (month) FROM (
            SELECT date_trunc('month', t.{at}) AS month, {measures}
            FROM {source}
            WHERE {in_months(f"t.{at}")} AND {where}
            GROUP BY month
        ) ORDER BY month
        """,
        [start, end, *params],
    ).df()


def monthly_inspections(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Checked indicators per month of visit: month, checked (合格 + 不合格), passed."""
    measures = (
        "count(*) FILTER (WHERE result IN ('合格', '不合格')) AS checked, "
        "count(*) FILTER (WHERE result = '合格') AS passed"
    )
    return _per_month(
        con, "inspections t", "visit_date", measures, filters, start, end, department=False
    )


# Per-day measures of each source a forecast metric is taken from: (table, time column,
# measures, the columns a series can be split by).
DAILY_SOURCES = {
    "cases": (
        "cases",
        "received_at",
        "count(*) AS cases, count(*) FILTER (WHERE t.channel = '网办') AS online_cases, "
        "count(*) FILTER (WHERE t.channel = '延时服务') AS extended_cases, "
        "coalesce(sum(t.wait_minutes), 0) AS wait_sum, count(t.wait_minutes) AS wait_n",
        ("site_id", "department"),
    ),
    "complaints": ("complaints", "received_at", "count(*) AS complaints", ("category", "street")),
    "evaluations": (
        "evaluations",
        "evaluated_at",
        "count(*) AS evaluations, count(*) FILTER (WHERE t.level <= 2) AS bad",
        (),
    ),
}


def daily_measures(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    source: str,
    start: str,
    end: str,
    key: str | None = None,
) -> pd.DataFrame:
    """The measures of DAILY_SOURCES[source] per day of months start..end (days without any
    row left out): day, key (the value of column ``key``, or None), the measures."""
    table, at, measures, keys = DAILY_SOURCES[source]
    if key is not None and key not in keys:
        raise ValueError(f"{source} cannot be split by {key}")
    where, params = filters.where("t")
    return con.execute(
        f"""
        SELECT CAST(t.{at} AS DATE) AS day, {f"t.{key}" if key else "NULL"} AS key, {measures}
        FROM {table} t
        WHERE {in_months(f"t.{at}")} AND {where}
        GROUP BY ALL ORDER BY day
        """,
        [start, end, *params],
    ).df()


# What an alerted monthly count counts: (table, time column, condition, its dimensions).
LEAF_SOURCES = {
    "cases": ("cases", "received_at", "TRUE", ("department", "site_id", "channel")),
    "extended_cases": ("cases", "received_at", "channel = '延时服务'", ("department", "site_id")),
    "complaints": (
        "complaints",
        "received_at",
        "TRUE",
        ("street", "category", "department", "source"),
    ),
    "bad_reviews": (
        "evaluations",
        "evaluated_at",
        "level <= 2",
        ("department", "site_id", "channel"),
    ),
}


def month_leaves(
    con: duckdb.DuckDBPyConnection, count: str, month: str, baseline_months: int
) -> pd.DataFrame:
    """The count LEAF_SOURCES[count] in ``month`` and its monthly mean over the
    ``baseline_months`` before, per combination of its dimensions: those, actual, expected."""
    table, at, condition, dimensions = LEAF_SOURCES[count]
    keys = ", ".join(f"coalesce({d}, '') AS {d}" for d in dimensions)
    return con.execute(
        f"""
        SELECT {keys},
               count(*) FILTER (WHERE {at} >= strptime(?, '%Y-%m')) AS actual,
               count(*) FILTER (WHERE {at} < strptime(?, '%Y-%m')) / ? AS expected
        FROM {table}
        WHERE {condition} AND {at} >= strptime(?, '%Y-%m') - to_months(?)
          AND {at} < strptime(?, '%Y-%m') + INTERVAL 1 MONTH
        GROUP BY ALL
        """,
        [month, month, baseline_months, month, baseline_months, month],
    ).df()


def case_leaves(con: duckdb.DuckDBPyConnection, day: str, baseline_weeks: int) -> pd.DataFrame:
    """Cases received on ``day`` and the mean of the same weekday over the ``baseline_weeks``
    weeks before, per department × site × channel: those three, actual, expected."""
    return con.execute(
        """
        SELECT department, coalesce(site_id, '') AS site_id, channel,
               count(*) FILTER (WHERE CAST(received_at AS DATE) = CAST(? AS DATE)) AS actual,
               count(*) FILTER (WHERE CAST(received_at AS DATE) < CAST(? AS DATE)) / ? AS expected
        FROM cases
        WHERE received_at >= CAST(? AS DATE) - to_weeks(?)
          AND received_at < CAST(? AS DATE) + INTERVAL 1 DAY
          AND (CAST(received_at AS DATE) = CAST(? AS DATE)
               OR isodow(received_at) = isodow(CAST(? AS DATE)))
        GROUP BY ALL
        """,
        [day, day, baseline_weeks, day, baseline_weeks, day, day, day],
    ).df()


def failure_streaks(
    con: duckdb.DuckDBPyConnection, end: str, start: str | None = None
) -> pd.DataFrame:
    """Indicators failing at the same site in every month of a run of consecutive months
    whose last month is ``end`` (or, given ``start``, any month start..end): site_id,
    indicator_id, name, first and until (its first and last month, 'YYYY-MM'), months
    (how many)."""
    frame = con.execute(
        """
        WITH failed AS (
            SELECT DISTINCT site_id, indicator_id,
                   year(visit_date) * 12 + month(visit_date) AS month_no
            FROM inspections
            WHERE result = '不合格' AND visit_date < strptime(?, '%Y-%m') + INTERVAL 1 MONTH
        ), runs AS (
            SELECT *, month_no + row_number() OVER (
                       PARTITION BY site_id, indicator_id ORDER BY month_no DESC) AS run
            FROM failed
        )
        SELECT r.site_id, r.indicator_id, any_value(i.name) AS name,
               min(r.month_no) AS first, max(r.month_no) AS until, count(*) AS months
        FROM runs r LEFT JOIN indicators i USING (indicator_id)
        GROUP BY r.site_id, r.indicator_id, r.run
        HAVING max(r.month_no) BETWEEN year(strptime(?, '%Y-%m')) * 12 + month(strptime(?, '%Y-%m'))
                                   AND year(strptime(?, '%Y-%m')) * 12 + month(strptime(?, '%Y-%m'))
        ORDER BY months DESC, r.site_id, r.indicator_id
        """,
        [end, start or end, start or end, end, end],
    ).df()
    for column in ("first", "until"):
        frame[column] = _month_text(frame[column])
    return frame


def _month_text(month_no: pd.Series) -> pd.Series:
    """Month numbers (year × 12 + month) as 'YYYY-MM'."""
    index = month_no - 1
    # str.zfill rather than a format per value: an empty series keeps a string dtype.
    return (index // 12).astype(str) + "-" + (index % 12 + 1).astype(str).str.zfill(2)
