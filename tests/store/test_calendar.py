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
        ("2027-05-03 09:00", 1, date(2027, 5, 7)),  # a year the official calendar lacks:
        # 05-01..05-05 off by the estimate, counted from 05-06
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
    "2027-05-03,上班,劳动节调休\n"  # the estimate had 05-01..05-05 off
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
    assert _due_day(con) == date(2027, 5, 7)  # estimate: 05-01..05-05 off
    result = load_file(con, "holidays", write_file("2027.csv", HOLIDAYS_2027))
    assert result.loaded and result.rows_new == 2
    assert _due_day(con) == date(2027, 5, 4)  # as the uploaded table has it
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


def test_the_estimate_finds_the_lunar_holidays_the_official_calendar_had():
    """On the years the official calendar covers since the 2025 rules, the estimate agrees
    on all but a handful of days and on every month's working days within one."""
    import chinese_calendar

    from effmon.workdays import estimated_workday

    for year in (2025, 2026):
        days = [date(year, 1, 1) + timedelta(n) for n in range(365)]
        wrong = [d for d in days if estimated_workday(d) != chinese_calendar.is_workday(d)]
        assert len(wrong) <= 8, wrong
        for month in range(1, 13):
            of_month = [d for d in days if d.month == month]
            official = sum(map(chinese_calendar.is_workday, of_month))
            assert abs(sum(map(estimated_workday, of_month)) - official) <= 1, (year, month)
    assert not estimated_workday(date(2026, 2, 17))  # 春节 (正月初一), a Tuesday
    assert not estimated_workday(date(2027, 2, 8))  # 春节 2027 (初三), a Monday
    assert estimated_workday(date(2027, 2, 13))  # its make-up Saturday


def test_a_forecast_caption_names_the_estimated_holidays():
    from effmon.readable import estimated_calendar

    text = estimated_calendar(date(2027, 1, 1), date(2027, 3, 31))
    assert text.startswith("2027年的节假日尚未公布")
    assert "放假 1月1日、2月5日至12日" in text and "调休上班 1月31日、2月13日（估算）" in text
    assert estimated_calendar(date(2026, 1, 1), date(2026, 3, 31)) == ""  # official
