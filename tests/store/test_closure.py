"""On-time closure in working days against the source's limit, overdue tickets, repeats."""

from __future__ import annotations

from datetime import date

import pandas as pd

from effmon.analytics import complaint_workflow
from effmon.analytics.closure import closure_by, with_problem_repeats
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


def test_the_same_problem_again_after_closure_is_a_repeat(con, write_file):
    tickets = write_file(
        "t.csv",
        HEADER
        + "B1,12345热线,甲,2026-10-08 09:00,电梯故障,2026-10-09 10:00,锦城街道\n"
        + "B2,12345热线,乙,2026-10-20 09:00,电梯又坏了,,锦城街道\n",
    )
    assert load_file(con, "complaints", tickets).loaded
    found = closure(con, Filters(), "2026-10", "2026-10", date(2026, 11, 20))
    assert not found["repeat"].any()  # different people
    issues = pd.DataFrame({"ticket_ids": [["B1", "B2"]]})
    marked = with_problem_repeats(found, issues).set_index("ticket_id")["repeat"]
    assert marked.to_dict() == {"B1": False, "B2": True}
