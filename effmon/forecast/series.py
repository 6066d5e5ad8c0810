"""Store query results as complete time series (every period present, zeros filled in)."""

from __future__ import annotations

import pandas as pd


def daily(frame: pd.DataFrame, column: str, start: str, end: str) -> pd.Series:
    """``frame`` (day, column) as one value per day of months start..end."""
    days = pd.date_range(start, pd.Period(end, "M").end_time.normalize(), freq="D")
    values = frame.set_index(pd.to_datetime(frame["day"]))[column]
    return values.reindex(days, fill_value=0).astype(float)


def monthly(frame: pd.DataFrame, column: str, start: str, end: str) -> dict[str, pd.Series]:
    """``frame`` (month, key, column) as one series per key over months start..end."""
    return {key: monthly_one(group, column, start, end) for key, group in frame.groupby("key")}


def monthly_one(frame: pd.DataFrame, column: str, start: str, end: str) -> pd.Series:
    """``frame`` (month as a date or 'YYYY-MM', column) as one value per month."""
    values = frame.set_index(pd.to_datetime(frame["month"]))[column]
    return values.reindex(empty_months(start, end).index, fill_value=0).astype(float)


def empty_months(start: str, end: str) -> pd.Series:
    """Zero for every month from start to end."""
    months = pd.date_range(start, pd.Period(end, "M").start_time, freq="MS")
    return pd.Series(0.0, index=months)


def from_first_month(values: pd.Series) -> pd.Series:
    """``values`` from the first month holding a non-zero value (the months before are the
    store not having data yet, not zeros); all of it when every value is zero."""
    nonzero = values[values != 0]
    if nonzero.empty:
        return values
    first = nonzero.index[0]
    return values[values.index >= first.replace(day=1)]
