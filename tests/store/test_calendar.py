"""The working-day calendar in the store and the case deadlines computed from it."""

from datetime import date, timedelta

import pytest


@pytest.mark.parametrize(
    ("received", "promised", "due_day"),
    [
        ("2026-10-09 10:00", 0, date(2026, 10, 9)),  # 即办件: due the same day
        ("2026-09-30 16:00", 1, date(2026, 10, 8)),  # over the National Day holiday
        ("2026-10-03 11:00", 0, date(2026, 10, 8)),  # received on a holiday: counts from 10-08
        ("2026-10-03 11:00", 2, date(2026, 10, 10)),  # 10-09, then the make-up Saturday
        ("2026-02-13 10:00", 2, date(2026, 2, 24)),  # make-up Saturday 02-14, Spring Festival
        ("2027-05-03 09:00", 1, date(2027, 5, 5)),  # a year the official calendar lacks
    ],
)
def test_deadline_counts_working_days(con, received, promised, due_day):
    con.execute(
        "INSERT INTO cases (case_id, department, channel, received_at, promised_days) VALUES ('B1', '税务局', '窗口', ?, ?)",
        [received, promised],
    )
    due_at = con.execute("SELECT due_at FROM case_deadlines").fetchall()[0][0]
    assert due_at.date() == due_day + timedelta(days=1) and due_at.hour == 0  # end of the due day


def test_calendar_says_which_days_are_estimated(con):
    sources = dict(con.execute("SELECT source, min(day) FROM calendar GROUP BY 1").fetchall())
    assert sources["estimate"] == date(2027, 1, 1)
