"""The store metrics that can be forecast, each as a complete series from the store."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from effmon.analytics.overview import month_window
from effmon.forecast import series
from effmon.store import queries
from effmon.store.filters import Filters

HISTORY_MONTHS = 24


@dataclass(frozen=True)
class Metric:
    """How far ahead to forecast, and how to backtest (origins × horizon periods)."""

    daily: bool
    horizon: int
    origins: int
    backtest_horizon: int
    key: str | None = None  # complaints split by: category or street


METRICS = {
    "daily_cases": Metric(daily=True, horizon=28, origins=12, backtest_horizon=14),
    "monthly_cases": Metric(daily=False, horizon=3, origins=6, backtest_horizon=1),
    "complaints": Metric(daily=False, horizon=3, origins=6, backtest_horizon=1),
    "category_complaints": Metric(
        daily=False, horizon=3, origins=6, backtest_horizon=1, key="category"
    ),
    "street_complaints": Metric(
        daily=False, horizon=3, origins=6, backtest_horizon=1, key="street"
    ),
}


def history(
    con: duckdb.DuckDBPyConnection, filters: Filters, metric: str, end: str, key: str | None
) -> pd.Series:
    """The metric over the HISTORY_MONTHS months ending with ``end`` (one category or street
    for the split complaint metrics), from the first month the store has data for it."""
    start, _ = month_window(end, HISTORY_MONTHS)
    if metric == "daily_cases":
        found = series.daily(queries.daily_cases(con, filters, start, end), "cases", start, end)
    elif metric == "monthly_cases":
        frame = queries.monthly_cases(con, filters, start, end)
        found = series.monthly_one(frame, "cases", start, end)
    elif metric == "complaints":
        frame = queries.monthly_complaints(con, filters, start, end)
        found = series.monthly_one(frame, "complaints", start, end)
    else:
        found = split(con, filters, METRICS[metric].key, end).get(key)
        if found is None:
            return series.empty_months(start, end)
    return series.from_first_month(found)


def split(
    con: duckdb.DuckDBPyConnection, filters: Filters, key: str, end: str
) -> dict[str, pd.Series]:
    """Monthly complaints per category or street over HISTORY_MONTHS months to ``end``, from
    the first month the store has complaints."""
    start, _ = month_window(end, HISTORY_MONTHS)
    frame = queries.monthly_complaints_by(con, filters, start, end, key)
    if not frame.empty:
        start = max(start, pd.Timestamp(frame["month"].min()).strftime("%Y-%m"))
    return series.monthly(frame, "complaints", start, end)
