"""Key-time attendance rules: the statuses of a day from its punches, records for every
working day of a load."""

from datetime import date, datetime

import pandas as pd
import pytest

from effmon.domain import attendance

DAY = date(2026, 11, 16)  # a Monday


def _at(clock: str) -> datetime:
    return datetime.combine(DAY, datetime.strptime(clock, "%H:%M").time())


@pytest.mark.parametrize(
    ("clocks", "expected"),
    [
        (["08:55", "12:01", "12:58", "17:02"], ["在岗", "在岗", "在岗", "在岗"]),
        (["09:20", "12:00", "13:04", "16:30"], ["迟到", "在岗", "在岗", "早退"]),
        (["08:59", "13:30", "17:00"], ["在岗", "缺岗", "迟到", "在岗"]),  # no lunch punch out
        (["12:05", "17:10"], ["缺岗", "在岗", "缺岗", "在岗"]),  # two departures only
        ([], ["缺岗"] * 4),
    ],
)
def test_statuses_of_a_day_from_its_punches(clocks, expected):
    found = attendance.statuses([_at(c) for c in clocks], DAY)
    assert list(found) == ["09:00", "11:55", "13:00", "16:55"]
    assert [status for status, _ in found.values()] == expected


def test_records_cover_every_working_day_for_everyone_punched():
    punches = pd.DataFrame(
        {
            "staff_name": ["王敏", "王敏", "李静"],
            "staff_id": ["G0001", "G0001", None],
            "department": ["税务局", "税务局", "人社局"],
            "site_id": ["Q01", "Q01", "J07"],
            "window_name": ["Q01-D01-1", "Q01-D01-2", "J07-综合1"],
            "punched_at": pd.to_datetime(
                ["2026-11-20 08:58", "2026-11-23 17:01", "2026-11-23 09:10"]
            ),
        }
    )
    records = attendance.derive_records(punches, date(2026, 11, 20), date(2026, 11, 23))
    assert len(records) == 2 * 2 * 4  # two people, Friday and Monday (not the weekend), 4 slots
    wang = records[records["staff_name"] == "王敏"]
    assert set(wang["window_name"]) == {"Q01-D01-2"}  # filed under the latest punch
    monday = records[
        (records["staff_name"] == "李静") & (records["check_date"] == DAY.replace(day=23))
    ]
    assert monday["status"].tolist() == ["迟到", "缺岗", "缺岗", "缺岗"]
