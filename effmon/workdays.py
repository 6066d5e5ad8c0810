"""Chinese working days: public holidays and make-up workdays (调休).

Uses the official calendar shipped in ``chinesecalendar``. For years it does not cover yet,
a rule-based estimate applies: Monday-Friday, less the fixed-date holidays (元旦 1/1,
劳动节 5/1-5/3, 国庆节 10/1-10/7); lunar holidays are not estimated. Days of an official
holiday table an administrator uploaded (``use_uploaded``) override both.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from itertools import accumulate

import chinese_calendar
import numpy as np
import pandas as pd

FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 2), (5, 3), *((10, d) for d in range(1, 8))}
_uploaded: dict[date, bool] = {}


def use_uploaded(days: dict[date, bool]) -> None:
    """Take these days' status from an uploaded official table from now on."""
    _uploaded.clear()
    _uploaded.update(days)
    for cached in (is_workday, workdays_in, calendar_table):
        cached.cache_clear()


@cache
def is_workday(day: date) -> bool:
    """True when ``day`` is a working day in mainland China."""
    if day in _uploaded:
        return _uploaded[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS


def workday_flags(days: pd.DatetimeIndex | pd.Series) -> np.ndarray:
    """is_workday of each of ``days``, as booleans."""
    return np.array([is_workday(d.date()) for d in days], dtype=bool)


def source(day: date) -> str:
    """Where is_workday takes ``day`` from: 'uploaded', 'official' or 'estimate'."""
    if day in _uploaded:
        return "uploaded"
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return "estimate"
    return "official"


@cache
def calendar_table(first_year: int, last_year: int) -> pd.DataFrame:
    """Every day of the years: day, is_workday, workday_no (working days so far), source
    ('official', 'estimate' or 'uploaded')."""
    first, last = date(first_year, 1, 1), date(last_year, 12, 31)
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    flags = [is_workday(d) for d in days]
    return pd.DataFrame(
        {
            "day": days,
            "is_workday": flags,
            "workday_no": list(accumulate(map(int, flags))),
            "source": [source(d) for d in days],
        }
    )


@cache
def workdays_in(first: date, days: int | None) -> tuple[int, int]:
    """Working days and days off in the ``days`` days from ``first`` (the calendar month of
    ``first`` when ``days`` is None)."""
    if days is None:
        days = (first.replace(day=28) + timedelta(4)).replace(day=1).toordinal() - first.toordinal()
    working = sum(is_workday(first + timedelta(n)) for n in range(days))
    return working, days - working


def workdays_between(start: date, end: date) -> list[date]:
    """Working days from ``start`` to ``end``, both included."""
    days = (start + timedelta(n) for n in range((end - start).days + 1))
    return [d for d in days if is_workday(d)]


def add_workdays(day: date, n: int) -> date:
    """The ``n``-th working day after ``day`` (``day`` itself when n is 0 and it is one)."""
    while not is_workday(day):
        day += timedelta(1)
    while n > 0:
        day += timedelta(1)
        n -= is_workday(day)
    return day
