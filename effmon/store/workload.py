"""Workload queries over service cases (窗口办件): one set shared by pages and reports.

Dimensions and measures are fixed SQL expressions chosen by name from the catalogues
below, never text from a user; every value is a bound parameter.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from effmon.store.filters import Filters, in_months
from effmon.store.measures import SOURCES

DIMENSIONS = {"month": "c.month", **SOURCES["case_cube"].dimensions}
# Sums over case_cube (migration 0003). A case is overdue when it finished on or after its due
# time, or was still open past it at the end of the period (or now, if earlier): the
# parameter is that moment.
COUNTS = {
    "cases": "sum(c.cases)",
    "online_cases": "sum(c.cases) FILTER (WHERE c.channel = '网办')",
    "extended_cases": "sum(c.cases) FILTER (WHERE c.channel = '延时服务')",
    "counter_cases": "sum(c.cases) FILTER (WHERE c.channel IN ('窗口', '延时服务'))",
    "instant_cases": "sum(c.instant_cases)",
    "finished_cases": "sum(c.finished_cases)",
    "limited_finished": "sum(c.limited_finished)",
    "early_cases": "sum(c.early_cases)",
    "overdue_cases": "sum(c.late_cases) + coalesce(sum(c.cases) FILTER (WHERE c.open_due <= ?), 0)",
    "waits": "sum(c.wait_n)",
    "windows": "count(DISTINCT c.window_name)",
}
MEASURES = {
    **{name: f"CAST(coalesce({sql}, 0) AS BIGINT)" for name, sql in COUNTS.items()},
    "online_share": f"coalesce({COUNTS['online_cases']}, 0) / sum(c.cases)",
    "extended_share": f"coalesce({COUNTS['extended_cases']}, 0) / sum(c.cases)",
    "wait_minutes_mean": "sum(c.wait_sum) / nullif(sum(c.wait_n), 0)",
    "wait_minutes_p90": "quantile_cont(c.wait_minutes, 0.9)",
    "staffed_hours": "sum(c.hours)",
}


@dataclass(frozen=True)
class _Source:
    """A relation (alias c) the measures are taken over, its period condition (two month
    parameters) and the dimensions it can be grouped by."""

    relation: str
    period: str
    dimensions: tuple[str, ...] = tuple(DIMENSIONS)


_IN_MONTHS = "c.month BETWEEN strptime(?, '%Y-%m') AND strptime(?, '%Y-%m')"
_CUBE = _Source("case_cube c", _IN_MONTHS)
# Measures that are not sums over case_cube, and where they are taken from. Quantiles do not
# add up over groups: they come from the cases themselves.
_JOINED = {
    "wait_minutes_p90": _Source(
        "(SELECT date_trunc('month', received_at) AS month, * FROM cases "
        "WHERE wait_minutes IS NOT NULL) c",
        in_months("c.received_at"),
    ),
    "staffed_hours": _Source(
        "window_hours c",
        _IN_MONTHS,
        ("month", "level", "street", "site_id", "department", "window_name"),
    ),
}


def workload_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Case counts and waiting times per value of ``dimension``, months ``start``..``end``.

    Columns: key, COUNTS, wait_minutes_mean, wait_minutes_p90, staffed_hours (empty for a
    dimension that hours cannot be split by: channel, item); largest first.
    """
    measures = [*COUNTS, "wait_minutes_mean", "wait_minutes_p90", "staffed_hours"]
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
          AND {in_months("c.received_at")} AND {where}
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
    """``measures`` per group of ``dimensions``: the groups and their sums from case_cube (g),
    each other measure from its own source (j0, j1, ...) joined on the group."""
    unknown = [d for d in dimensions if d not in DIMENSIONS] + [
        m for m in measures if m not in MEASURES
    ]
    if unknown:
        raise ValueError(f"unknown dimension or measure: {unknown}")
    where, params = filters.where("c")
    summed = [m for m in measures if m not in _JOINED]
    as_of = min(datetime.now(), _month_after(end))
    ctes = [f"g AS ({_grouped(_CUBE, dimensions, summed, where)})"]
    values = [*[as_of] * sum(MEASURES[m].count("?") for m in summed), start, end, *params]
    joins, shown = [], {m: f"g.{m}" for m in summed}
    for n, measure in enumerate(m for m in measures if m in _JOINED):
        source = _JOINED[measure]
        if not set(dimensions) <= set(source.dimensions):
            shown[measure] = f"NULL AS {measure}"
            continue
        ctes.append(f"j{n} AS ({_grouped(source, dimensions, [measure], where)})")
        values += [start, end, *params]
        on = " AND ".join(f"j{n}.{d} IS NOT DISTINCT FROM g.{d}" for d in dimensions)
        joins.append(f"LEFT JOIN j{n} ON {on}")
        shown[measure] = f"j{n}.{measure}"
    columns = [
        *("strftime(g.month, '%Y-%m') AS month" if d == "month" else f"g.{d}" for d in dimensions),
        *(shown[m] for m in measures),
    ]
    order = [f"g.{measures[0]} DESC"] if measures[0] in COUNTS else []
    order += [f"g.{d}" for d in dimensions]
    sql = (
        f"WITH {', '.join(ctes)} SELECT {', '.join(columns)} FROM g {' '.join(joins)} "
        f"ORDER BY {', '.join(order)}"
    )
    return con.execute(sql, values).df()


def _grouped(source: _Source, dimensions: list[str], measures: list[str], where: str) -> str:
    """SELECT of ``measures`` grouped by ``dimensions`` over ``source`` in the period."""
    select = ", ".join(
        [
            *(f"{DIMENSIONS[d]} AS {d}" for d in dimensions),
            *(f"{MEASURES[m]} AS {m}" for m in measures),
        ]
    )
    needs_sites = any(DIMENSIONS[d].startswith("s.") for d in dimensions)
    sites = " LEFT JOIN sites s ON s.site_id = c.site_id" if needs_sites else ""
    return (
        f"SELECT {select} FROM {source.relation}{sites} "
        f"WHERE {source.period} AND {where} GROUP BY ALL"
    )


def _month_after(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return datetime(year + number // 12, number % 12 + 1, 1)
