"""Calendar features of days and months: Chinese working days, holidays, make-up days.

Working days come from effmon.workdays (the official calendar, or its documented estimate
for years the calendar package does not cover yet).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effmon.workdays import workday_flags, workdays_in


def day_features(days: pd.DatetimeIndex) -> pd.DataFrame:
    """One row per day: workday, and a column per weekday for working days (the weekday's
    difference from the common working-day level, so that a rare make-up Saturday still
    gets that level), holiday (a weekday off), after_break (the first working day after
    three or more days off, when work piles up), and the season as sine/cosine pairs."""
    workday = workday_flags(days)
    weekday = days.day_of_week.to_numpy()
    off_run = np.zeros(len(days), dtype=int)
    run = 0
    for i, working in enumerate(workday):
        off_run[i] = run
        run = 0 if working else run + 1
    frame = pd.DataFrame({"workday": workday.astype(float)}, index=days)
    for d in range(7):
        frame[f"work_{d}"] = (workday & (weekday == d)).astype(float)
    frame["holiday"] = (~workday & (weekday < 5)).astype(float)
    frame["after_break"] = (workday & (off_run >= 3)).astype(float)
    return frame.join(_season(days))


def period_days(starts: pd.DatetimeIndex, days: int | None) -> np.ndarray:
    """Working days and days off of each period (``days`` long, or a calendar month when
    ``days`` is None, given by its first day), as two columns."""
    return np.array([workdays_in(start.date(), days) for start in starts], dtype=float)


def _season(days: pd.DatetimeIndex) -> pd.DataFrame:
    angle = 2 * np.pi * (days.day_of_year.to_numpy() - 1) / 365.25
    return pd.DataFrame(
        {f"{f}{k}": getattr(np, f)(k * angle) for k in (1, 2) for f in ("sin", "cos")},
        index=days,
    )
