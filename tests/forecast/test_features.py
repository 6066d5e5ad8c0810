"""Calendar features across Spring Festival, National Day, make-up days and an estimated year."""

import pandas as pd

from effmon.forecast.features import day_features, period_days


def _day(text: str) -> pd.Series:
    return day_features(pd.date_range("2026-02-01", "2026-03-01")).loc[text]


def test_spring_festival_2026():
    assert _day("2026-02-14")["work_5"] == 1  # make-up Saturday works like a weekday
    assert _day("2026-02-16")["holiday"] == 1  # Monday off
    first_back = _day("2026-02-24")  # Tuesday, after nine days off
    assert (first_back["work_1"], first_back["after_break"]) == (1, 1)
    assert _day("2026-02-25")["after_break"] == 0
    assert _day("2026-02-22")[[f"work_{d}" for d in range(7)]].sum() == 0  # a Sunday off


def test_national_day_2025():
    days = day_features(pd.date_range("2025-09-27", "2025-10-12"))
    assert days.loc["2025-10-03", "holiday"] == 1 and days.loc["2025-10-08", "holiday"] == 1
    assert days.loc["2025-09-28", "work_6"] == 1  # make-up Sunday
    assert days.loc["2025-10-09", "after_break"] == 1


def test_a_year_the_calendar_package_does_not_cover_uses_the_estimate():
    days = day_features(pd.date_range("2031-09-27", "2031-10-10"))
    assert days.loc["2031-10-01", "holiday"] == 1  # National Day, with 中秋 on it: to 10-08
    assert days.loc["2031-10-08", "holiday"] == 1
    assert days.loc["2031-10-09", "after_break"] == 1
    assert days.loc["2031-09-28", "work_6"] == 1  # a make-up Sunday
    assert days.loc["2031-09-30", "work_1"] == 1


def test_months_and_weeks_count_their_working_days_and_days_off():
    months = period_days(pd.date_range("2026-01-01", periods=3, freq="MS"), None)
    # February 2026: 20 weekdays, 6 of them holidays, plus the make-up Saturdays 02-14, 02-28.
    assert months[1].tolist() == [16, 12]
    # The National Day week of 2025 (Mon 09-29 .. Sun 10-05) has two working days.
    assert period_days(pd.DatetimeIndex(["2025-09-29"]), 7).tolist() == [[2, 5]]
