"""The working-day calendar in the store and the case deadlines computed from it."""

from datetime import date, timedelta

import pandas as pd
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


HOLIDAYS_2027 = (
    "日期,类型,节日\n"
    "2027-05-03,上班,劳动节调休\n"  # the estimate had 05-01..05-03 off
    "2027-05-04,放假,劳动节\n"
)


def _due_day(con) -> date:
    return con.execute("SELECT due_at FROM case_deadlines").fetchall()[0][0].date()


def test_an_uploaded_holiday_table_overrides_the_estimate_everywhere(con, write_file):
    from effmon.forecast.features import period_days
    from effmon.ingest.pipeline import load_file
    from effmon.store.connect import open_store
    from effmon.workdays import is_workday

    con.execute(
        "INSERT INTO cases (case_id, department, channel, received_at, promised_days) "
        "VALUES ('B1', '税务局', '窗口', '2027-04-30 09:00', 1)"
    )
    assert _due_day(con) == date(2027, 5, 5)  # estimate: 05-01..05-03 off
    result = load_file(con, "holidays", write_file("2027.csv", HOLIDAYS_2027))
    assert result.loaded and result.rows_new == 2
    assert _due_day(con) == date(2027, 5, 4)  # one working day earlier
    day = con.execute("SELECT is_workday, source FROM calendar WHERE day = '2027-05-04'").fetchall()
    assert day == [(False, "uploaded")]
    # Forecasts see the same days.
    week = period_days(pd.DatetimeIndex(["2027-05-03"]), 2)
    assert week.tolist() == [[1, 1]] and is_workday(date(2027, 5, 3))
    # A correction is a new upload; the latest one holds, nothing is lost.
    load_file(con, "holidays", write_file("fix.csv", "日期,类型\n2027-05-04,上班\n"))
    assert con.execute("SELECT count(*) FROM holidays").fetchall()[0][0] == 3
    assert con.execute("SELECT is_workday FROM calendar WHERE day = '2027-05-04'").fetchall() == [
        (True,)
    ]
    # Another store without uploads goes back to the estimate.
    open_store(":memory:").close()
    assert not is_workday(date(2027, 5, 3))


def test_a_bad_holiday_table_changes_nothing(con, write_file):
    from effmon.ingest.pipeline import load_file

    result = load_file(con, "holidays", write_file("bad.csv", "日期,类型\n2027-05-04,也许\n"))
    assert not result.loaded and result.errors["row"].tolist() == [2]
    assert con.execute("SELECT count(*) FROM holidays").fetchall()[0][0] == 0
    assert con.execute("SELECT source FROM calendar WHERE day = '2027-05-04'").fetchall() == [
        ("estimate",)
    ]
