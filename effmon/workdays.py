"""Chinese working days: public holidays and make-up workdays (调休).

Uses the official calendar shipped in ``chinesecalendar``. For years it does not cover yet,
an estimate (``source`` 'estimate', shown as 估算) follows the usual pattern of the State
Council's notices: 元旦 1 January; 春节 from 除夕 to 初七 (the lunar dates from ``lunardate``);
劳动节 1-5 May; 国庆节 1-7 October (to the 8th when 中秋 falls in it); 清明 (the solar term),
端午 and 中秋 one day each, moved to the Friday or Monday next to it when it falls on a
weekend. A block of days off longer than its statutory days is made up on the weekend days
nearest to it (before, then after, in turn), as the notices do. Days of an official holiday
table an administrator uploaded (``use_uploaded``) override both.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from itertools import accumulate

import chinese_calendar
import numpy as np
import pandas as pd
from lunardate import LunarDate

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
        return estimated_workday(day)


def estimated_workday(day: date) -> bool:
    """Whether ``day`` is a working day by the estimate of the module docstring."""
    return _estimated_year(day.year).get(day, day.weekday() < 5)


@cache
def _estimated_year(year: int) -> dict[date, bool]:
    """The days of ``year`` (and the make-up days next to its holidays) whose status the
    estimate sets: False for a day off, True for a make-up working day."""
    new_year = LunarDate(year, 1, 1).to_solar_date()
    mid_autumn = LunarDate(year, 8, 15).to_solar_date()
    national_days = 8 if date(year, 10, 1) <= mid_autumn <= date(year, 10, 7) else 7
    status: dict[date, bool] = {}
    for first, days, statutory in (
        (date(year, 1, 1), 1, 1),
        (new_year - timedelta(1), 8, 4),
        (date(year, 5, 1), 5, 2),
        (date(year, 10, 1), national_days, national_days - 4),
    ):
        status |= _block(first, days, statutory)
    for festival in (_qingming(year), LunarDate(year, 5, 5).to_solar_date(), mid_autumn):
        if festival not in status:
            status |= _block(_weekday_next_to(festival), 1, 1)
    return status


def _block(first: date, days: int, statutory: int) -> dict[date, bool]:
    """A block of ``days`` days off from ``first`` and the make-up working days for the
    weekdays in it beyond its ``statutory`` days, on the nearest weekend days around it."""
    off = [first + timedelta(n) for n in range(days)]
    owed = sum(d.weekday() < 5 for d in off) - statutory
    before, after = _weekend_days(first, -1), _weekend_days(off[-1], 1)
    made_up = [next(after if n % 2 else before) for n in range(max(owed, 0))]
    return {**dict.fromkeys(off, False), **dict.fromkeys(made_up, True)}


def _weekend_days(start: date, step: int):
    """The weekend days going from ``start`` (exclusive) in the direction of ``step``."""
    day = start
    while True:
        day += timedelta(step)
        if day.weekday() >= 5:
            yield day


def _weekday_next_to(day: date) -> date:
    """``day`` when a weekday; the Friday before a Saturday, the Monday after a Sunday."""
    return day - timedelta(1) if day.weekday() == 5 else day + timedelta(day.weekday() == 6)


def _qingming(year: int) -> date:
    """清明 (the solar term) in 2001-2099: 4 or 5 April, by the common formula."""
    y = year % 100
    return date(year, 4, int(y * 0.2422 + 4.81) - (y - 1) // 4)


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


def estimated_days(start: date, end: date) -> tuple[list[date], list[date]]:
    """The holidays (weekdays off) and the make-up working days (weekend days worked) from
    ``start`` to ``end`` that come from the estimate, not an official or uploaded table."""
    days = [start + timedelta(n) for n in range((end - start).days + 1)]
    estimated = [d for d in days if source(d) == "estimate"]
    off = [d for d in estimated if d.weekday() < 5 and not is_workday(d)]
    return off, [d for d in estimated if d.weekday() >= 5 and is_workday(d)]


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
