"""On-time closure in working days against the source's limit, overdue tickets, repeats."""

from __future__ import annotations

from datetime import date

from effmon.analytics import complaint_workflow
from effmon.analytics.closure import closure_by
from effmon.ingest.pipeline import load_file
from effmon.store.closure import closure
from effmon.store.filters import Filters

HEADER = "工单编号,来源,留言用户,留言时间,留言主题,办结时间,街道\n"


def test_working_days_limits_overdue_and_repeats(con, write_file):
    tickets = write_file(
        "t.csv",
        HEADER
        # 2026-09-25 → 2026-10-16 spans the National Day holidays, which do not count:
        # 11 working days (limit 15 for 12345热线), on time.
        + "A1,12345热线,张三,2026-09-25 09:00,电梯故障,2026-10-16 10:00,锦城街道\n"
        # 现场 (limit 5): 2026-10-12 → 2026-10-23 is 9 working days: late.
        + "A2,现场,李四,2026-10-12 09:00,窗口排队,2026-10-23 10:00,锦城街道\n"
        # open since 2026-10-19; by 2026-11-20 far past 网上's 10 days: overdue.
        + "A3,网上,王五,2026-10-19 09:00,网办系统,,芳草街道\n"
        # 张三 again within 90 days of A1's closure: a repeat.
        + "A4,12345热线,张三,2026-10-20 09:00,电梯又坏了,,锦城街道\n",
    )
    assert load_file(con, "complaints", tickets).loaded
    found = closure(con, Filters(), "2026-09", "2026-10", date(2026, 11, 20)).set_index("ticket_id")
    assert found.loc["A1", "workdays"] == 11 and found.loc["A1", "on_time"]
    assert found.loc["A2", "workdays"] == 9 and not found.loc["A2", "on_time"]
    assert (found.loc["A3", "overdue"] and found.loc["A3", "on_time"] is None) or found[
        "on_time"
    ].isna()["A3"]
    assert found.loc["A4", "repeat"] and not found.loc["A1", "repeat"]
    by_source = closure_by(found.reset_index(), "source").set_index("key")
    assert by_source.loc["12345热线", "on_time_rate"] == 1.0
    assert by_source.loc["现场", "on_time_rate"] == 0.0
    assert by_source.loc["网上", "overdue"] == 1


def test_a_changed_limit_applies(con, write_file):
    tickets = write_file(
        "t.csv", HEADER + "A2,现场,李四,2026-10-12 09:00,窗口排队,2026-10-23 10:00,锦城街道\n"
    )
    assert load_file(con, "complaints", tickets).loaded
    complaint_workflow.set_limit(con, "现场", "办结", 10, "管理员")
    found = closure(con, Filters(), "2026-10", "2026-10", date(2026, 11, 20))
    assert found["on_time"].tolist() == [True]


def _store(con, rows) -> None:
    """Tickets (id, complainant, category, site, received, closed) with their 办结 events."""
    for ticket, who, category, site, received, closed in rows:
        con.execute(
            "INSERT INTO complaints (ticket_id, source, complainant, category, site_id, "
            "received_at, department) VALUES (?, '12345热线', ?, ?, ?, ?, '人社局')",
            [ticket, who, category, site, received],
        )
        if closed:
            con.execute(
                "INSERT INTO complaint_events (ticket_id, state, happened_at) "
                "VALUES (?, '办结', ?)",
                [ticket, closed],
            )


def _repeats(con) -> dict[str, bool]:
    found = closure(con, Filters(), "2026-10", "2026-10", date(2026, 11, 20))
    return found.set_index("ticket_id")["repeat"].to_dict()


def test_two_people_reporting_one_problem_on_the_same_day_are_no_repeat(con):
    _store(
        con,
        [
            ("B1", "甲", "系统故障", "J07", "2026-10-08 09:00", "2026-10-09 10:00"),
            ("B2", "乙", "系统故障", "J07", "2026-10-08 15:00", "2026-10-10 10:00"),
        ],
    )
    assert _repeats(con) == {"B1": False, "B2": False}


def test_an_outage_reported_by_many_while_its_reports_are_open_is_no_repeat(con):
    """A report closed on the 9th does not make the 12th's a repeat while the 8th's other
    report of the same outage is still open: one surge, a hot issue."""
    _store(
        con,
        [
            ("B1", "甲", "系统故障", "J07", "2026-10-08 09:00", "2026-10-09 10:00"),
            ("B2", "乙", "系统故障", "J07", "2026-10-08 15:00", "2026-10-20 10:00"),
            ("B3", "丙", "系统故障", "J07", "2026-10-12 09:00", None),
        ],
    )
    assert not any(_repeats(con).values())


def test_the_same_person_again_after_closure_is_a_repeat(con):
    _store(
        con,
        [
            ("B1", "甲", "系统故障", "J07", "2026-10-08 09:00", "2026-10-09 10:00"),
            ("B2", "甲", "排队等候", "Q01", "2026-10-20 09:00", None),
        ],
    )
    assert _repeats(con) == {"B1": False, "B2": True}


def test_the_same_problem_at_the_same_place_a_week_after_closure_is_a_repeat(con):
    _store(
        con,
        [
            ("B1", "甲", "系统故障", "J07", "2026-10-08 09:00", "2026-10-09 10:00"),
            ("B2", "乙", "系统故障", "J07", "2026-10-16 09:00", None),
            ("B3", "丙", "系统故障", "Q01", "2026-10-16 09:00", None),  # another place
            ("B4", "丁", "排队等候", "J07", "2026-10-16 09:00", None),  # another problem
        ],
    )
    assert _repeats(con) == {"B1": False, "B2": True, "B3": False, "B4": False}


def test_a_repeat_long_after_the_closure_is_none(con, monkeypatch):
    monkeypatch.setenv("EFFMON_REPEAT_COMPLAINT_DAYS", "5")
    _store(
        con,
        [
            ("B1", "甲", "系统故障", "J07", "2026-10-08 09:00", "2026-10-09 10:00"),
            ("B2", "甲", "系统故障", "J07", "2026-10-16 09:00", None),
        ],
    )
    assert _repeats(con) == {"B1": False, "B2": False}
