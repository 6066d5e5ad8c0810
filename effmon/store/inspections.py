"""Inspection queries (日常巡查): visits per site in a month, person-days against the plan,
pass rates, and the failed checks a rectification is tracked for. The board, the
rectification states and the prompt letters built on them are effmon.analytics.inspections."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from effmon.store.filters import Filters, in_months
from effmon.store.measures import measure_frame

RATE_DIMENSIONS = ("indicator_id", "site_id", "level", "street")  # what pass rates split by


def site_visits(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """Every site in ``month`` up to ``as_of``: site_id, name, level, street, visits,
    last_visit."""
    return con.execute(
        f"""
        SELECT s.site_id, s.name, s.level, s.street,
               count(DISTINCT x.visit_date) AS visits, max(x.visit_date) AS last_visit
        FROM sites s LEFT JOIN inspections x
            ON x.site_id = s.site_id AND {in_months("x.visit_date")} AND x.visit_date <= ?
        GROUP BY ALL ORDER BY s.site_id
        """,
        [month, month, as_of],
    ).df()


def person_days(con: duckdb.DuckDBPyConnection, start: str, end: str | None = None) -> pd.DataFrame:
    """Per site level: sites, indicators, plan (person-days of months ``start``..``end``, one
    month when no end is given), spent (on the visits of those months), share (spent / plan)."""
    end = end or start
    months = len(pd.period_range(start, end, freq="M"))
    frame = con.execute(
        f"""
        SELECT p.level, p.sites, p.indicators, p.person_days * ? AS plan,
               coalesce(sum(v.person_days), 0) AS spent
        FROM inspection_plan p
        LEFT JOIN sites s ON s.level = p.level
        LEFT JOIN visits v ON v.site_id = s.site_id AND {in_months("v.visit_date")}
        GROUP BY ALL ORDER BY plan DESC
        """,
        [months, start, end],
    ).df()
    return frame.assign(share=frame["spent"] / frame["plan"])


PASS_RATES = ["inspection_checks", "inspection_failures", "inspection_pass_share"]


def pass_rates(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """The checks of PASS_RATES (catalog measures) per value of ``dimension`` (indicator_id,
    site_id, level or street), months start..end: key and one column per measure; lowest
    pass rate first."""
    if dimension not in RATE_DIMENSIONS:
        raise ValueError(f"unknown dimension: {dimension}")
    frame = measure_frame(con, filters, start, end, PASS_RATES, [dimension])
    frame = frame.rename(columns={dimension: "key"})
    return frame.sort_values(["inspection_pass_share", "key"], ignore_index=True)


def failed_checks(con: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """Every failed check up to ``as_of``: site_id, name (the site's), indicator_id,
    indicator, visit_date, finding, rectify_by, rectify_state; newest first."""
    return con.execute(
        """
        SELECT x.site_id, s.name, x.indicator_id, i.name AS indicator, x.visit_date,
               x.finding, x.rectify_by, x.rectify_state
        FROM inspections x
        LEFT JOIN sites s ON s.site_id = x.site_id
        LEFT JOIN indicators i ON i.indicator_id = x.indicator_id
        WHERE x.result = '不合格' AND x.visit_date <= ?
        ORDER BY x.visit_date DESC, x.site_id, x.indicator_id
        """,
        [as_of],
    ).df()


def site_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every site's site_id and name."""
    return con.execute("SELECT site_id, name FROM sites").df()
