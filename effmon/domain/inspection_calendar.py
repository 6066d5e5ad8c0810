"""When an inspection indicator is due (巡查日历).

An indicator is due at a site when it has not been checked in the current period of its
frequency (日常: the day; 1周: the week from Monday; 1月: the month; 半年: January-June or
July-December); it is overdue when a whole period before the current one passed without a
check (for 日常: the working day before). Only the district halls (区级大厅) are inspected
every working day; the other sites are covered once a month (the seed's 每月全覆盖巡查), so
there a frequency shorter than a month counts as monthly.
"""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from effmon.workdays import is_workday

DAILY_LEVEL = "区级大厅"  # the only level inspected more often than monthly
FREQUENCIES = ("日常", "1周", "1月", "半年")


def period_start(frequency: str, day: date) -> date:
    """The first day of the period of ``frequency`` that holds ``day``."""
    if frequency == "日常":
        return day
    if frequency == "1周":
        return day - timedelta(days=day.weekday())
    if frequency == "1月":
        return day.replace(day=1)
    if frequency == "半年":
        return day.replace(month=1 if day.month <= 6 else 7, day=1)
    raise ValueError(f"unknown frequency: {frequency}")


def previous_start(frequency: str, day: date) -> date:
    """The first day of the period before the one holding ``day``."""
    before = period_start(frequency, day) - timedelta(days=1)
    if frequency == "日常":
        while not is_workday(before):
            before -= timedelta(days=1)
    return period_start(frequency, before)


def mark_due(checks: pd.DataFrame, day: date) -> pd.DataFrame:
    """``checks`` (per site and indicator: level, frequency, last: the last check on or
    before ``day``) with due and overdue on ``day``."""
    last = pd.to_datetime(checks["last"])
    shorter = checks["frequency"].isin(["日常", "1周"]) & (checks["level"] != DAILY_LEVEL)
    cycle = checks["frequency"].where(~shorter, "1月")
    marked = checks.copy()
    for column, start in (("due", period_start), ("overdue", previous_start)):
        starts = cycle.map({f: pd.Timestamp(start(f, day)) for f in FREQUENCIES})
        marked[column] = last.isna() | (last < starts)
    return marked


def board_day(month: str, today: date | None = None) -> date:
    """The day a month's board is counted on: its last day, or today while it runs."""
    return min(pd.Period(month, "M").end_time.date(), today or date.today())
