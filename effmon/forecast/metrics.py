"""The store metrics that can be forecast, each as a complete series from the store.

Every series comes from the per-day measures of its source (effmon.store.queries), summed
per day, per week (Monday to Sunday, complete weeks only) or per calendar month; a ratio is
the sum of its numerator over the sum of its denominator in the period. Months that only
have imported monthly totals, without case records, are not part of a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from effmon import config
from effmon.analytics.overview import month_window
from effmon.store import queries
from effmon.store.filters import Filters


@dataclass(frozen=True)
class Metric:
    """A count (``value`` summed) or a ratio (``value`` over ``per``) of one source: a
    series of the catalog measure ``measure`` (its unit and display rule)."""

    measure: str  # a key of effmon.semantic's catalog
    source: str  # a key of effmon.store.queries.DAILY_SOURCES
    value: str
    per: str | None = None
    key: str | None = None  # the metric is shown per value of this column
    min_per: str = ""  # split: setting of the least ``per`` a key needs a month on average

    @property
    def ratio(self) -> bool:
        return self.per is not None

    @property
    def frequencies(self) -> tuple[str, ...]:
        """A day's share or mean rests on too few cases (weekends) to be forecast."""
        return ("weekly", "monthly") if self.ratio else ("daily", "weekly", "monthly")


@dataclass(frozen=True)
class Horizons:
    """How far ahead to forecast, and how to backtest (origins × horizon periods)."""

    horizon_setting: str  # the setting of how many periods ahead to forecast
    origins: int
    backtest_horizon: int

    @property
    def horizon(self) -> int:
        return config.get_int(self.horizon_setting)


METRICS = {
    "cases": Metric("cases", "cases", "cases"),
    "online_share": Metric("online_share", "cases", "online_cases", per="cases"),
    "extended_cases": Metric("extended_cases", "cases", "extended_cases"),
    "wait_minutes_mean": Metric("wait_minutes_mean", "cases", "wait_sum", per="wait_n"),
    "site_wait_minutes": Metric(
        "wait_minutes_mean", "cases", "wait_sum", per="wait_n", key="site_id", min_per="min_waits"
    ),
    "department_extended_cases": Metric(
        "extended_cases", "cases", "extended_cases", key="department"
    ),
    "complaints": Metric("complaints", "complaints", "complaints"),
    "category_complaints": Metric("complaints", "complaints", "complaints", key="category"),
    "street_complaints": Metric("complaints", "complaints", "complaints", key="street"),
    "bad_reviews": Metric("bad_count", "evaluations", "bad"),
    "bad_share": Metric("bad_share", "evaluations", "bad", per="evaluations"),
}
FREQUENCIES = {
    "daily": Horizons("forecast_horizon_days", origins=12, backtest_horizon=14),
    "weekly": Horizons("forecast_horizon_weeks", origins=12, backtest_horizon=1),
    "monthly": Horizons("forecast_horizon_months", origins=6, backtest_horizon=1),
}


def history(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    metric: str,
    frequency: str,
    end: str,
    key: str | None = None,
) -> pd.Series:
    """The metric over the ``forecast_history_months`` ending with ``end`` (for one value of the
    metric's key), from the first month the store has data for it."""
    chosen = METRICS[metric]
    if chosen.key:
        found = split(con, filters, metric, frequency, end).get(key)
        return found if found is not None else _empty(frequency, end)
    start, _ = month_window(end, config.get_int("forecast_history_months"))
    days = queries.daily_measures(con, filters, chosen.source, start, end)
    return _series(days, chosen, frequency, _first_month(days, start), end)


def split(
    con: duckdb.DuckDBPyConnection, filters: Filters, metric: str, frequency: str, end: str
) -> dict[str, pd.Series]:
    """The metric per value of its key over ``forecast_history_months`` to ``end``, all from
    the first month the store has data for any of them. A ratio's keys holding fewer than the
    setting ``min_per`` of its denominator a month on average (a mean of three waits is
    noise) are left out."""
    chosen = METRICS[metric]
    start, _ = month_window(end, config.get_int("forecast_history_months"))
    days = queries.daily_measures(con, filters, chosen.source, start, end, chosen.key)
    first = _first_month(days, start)
    least = (
        config.get_float(chosen.min_per) * len(periods("monthly", first, end))
        if chosen.min_per
        else 0
    )
    found = {}
    for key, group in days.dropna(subset=["key"]).groupby("key"):
        if chosen.per and group[chosen.per].sum() < least:
            continue
        found[key] = _series(group, chosen, frequency, first, end)
    return found


def _series(days: pd.DataFrame, metric: Metric, frequency: str, start: str, end: str):
    index = periods(frequency, start, end)
    day = pd.to_datetime(days["day"])
    if frequency == "weekly":
        period = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    elif frequency == "monthly":
        period = day.dt.to_period("M").dt.start_time
    else:
        period = day
    columns = [metric.value] + ([metric.per] if metric.per else [])
    sums = days[columns].groupby(period.to_numpy()).sum().reindex(index, fill_value=0)
    if not metric.ratio:
        return sums[metric.value].astype(float)
    ratio = sums[metric.value] / sums[metric.per].where(sums[metric.per] > 0)
    # A period without any case or evaluation keeps the level before it.
    return ratio.ffill().bfill().fillna(0.0).astype(float)


def periods(frequency: str, start: str, end: str) -> pd.DatetimeIndex:
    """Every day, Monday of a complete week, or first day of a month in months start..end."""
    first = pd.Period(start, "M").start_time
    last = pd.Period(end, "M").end_time.normalize()
    if frequency == "daily":
        return pd.date_range(first, last, freq="D")
    if frequency == "weekly":
        mondays = pd.date_range(first, last, freq="W-MON")
        return mondays[mondays + pd.Timedelta(days=6) <= last]
    return pd.date_range(first, last, freq="MS")


def _first_month(days: pd.DataFrame, start: str) -> str:
    """The first month with data (the months before it are the store not having data yet,
    not zeros); ``start`` when there is none."""
    if days.empty:
        return start
    return max(start, pd.Timestamp(days["day"].min()).strftime("%Y-%m"))


def _empty(frequency: str, end: str) -> pd.Series:
    start, _ = month_window(end, config.get_int("forecast_history_months"))
    return pd.Series(0.0, index=periods(frequency, start, end))
