"""The inspection calendar: the periods of each frequency, and what is due and overdue."""

from datetime import date

import pandas as pd
import pytest

from effmon.domain import inspection_calendar as calendar


@pytest.mark.parametrize(
    ("frequency", "day", "start", "before"),
    [
        ("日常", date(2026, 10, 8), date(2026, 10, 8), date(2026, 9, 30)),  # over National Day
        ("1周", date(2026, 11, 20), date(2026, 11, 16), date(2026, 11, 9)),
        ("1月", date(2026, 11, 20), date(2026, 11, 1), date(2026, 10, 1)),
        ("半年", date(2026, 11, 20), date(2026, 7, 1), date(2026, 1, 1)),
    ],
)
def test_periods_of_each_frequency(frequency, day, start, before):
    assert calendar.period_start(frequency, day) == start
    assert calendar.previous_start(frequency, day) == before


def test_shorter_frequencies_count_as_monthly_outside_the_district_halls():
    checks = pd.DataFrame(
        {
            "level": ["区级大厅", "社区便民服务室", "社区便民服务室", "区级大厅"],
            "frequency": ["日常", "日常", "1周", "半年"],
            "last": pd.to_datetime(["2026-11-19", "2026-11-02", None, "2026-06-30"]),
        }
    )
    marked = calendar.mark_due(checks, date(2026, 11, 20))
    assert marked["due"].tolist() == [True, False, True, True]
    assert marked["overdue"].tolist() == [False, False, True, False]
    assert "due" not in checks  # the input is not changed
