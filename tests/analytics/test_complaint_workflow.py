"""The complaint handling workflow on the store: every transition, valid and invalid, deadlines in
working days across a holiday and a make-up workday, corrections, the queue."""

from datetime import datetime

import pandas as pd
import pytest

from effmon.analytics import complaint_workflow as flow
from effmon.domain import complaint_workflow as rules
from effmon.errors import EffmonError
from effmon.store import complaint_flow as store_flow

MONDAY = datetime(2026, 11, 16, 9, 0)


def _register(con, now=MONDAY, source="12345热线"):
    return flow.register(
        con,
        source=source,
        title="窗口态度差",
        body="工作人员语气生硬",
        unit="税务局",
        actor="张受理",
        now=now,
    )


def _revisit(solved=True):
    return {"channel_ok": True, "attitude_ok": True, "solved": solved, "satisfaction": "满意"}


def test_a_complaint_goes_from_registration_to_closure_with_its_timeline(con):
    ticket = _register(con)
    flow.advance(con, ticket, "核查", "李核查", "现场核实", now=MONDAY.replace(hour=15))
    flow.advance(con, ticket, "督办", "王督办", "发督办单", now=datetime(2026, 11, 17, 10))
    flow.advance(con, ticket, "处理", "税务局", now=datetime(2026, 11, 18, 10))
    flow.advance(con, ticket, "回访", "税务局", result="已约谈当事人", now=datetime(2026, 11, 19))
    flow.advance(con, ticket, "办结", "赵回访", now=datetime(2026, 11, 20), **_revisit())
    line = flow.timeline(con, ticket)
    assert line["state"].tolist() == ["受理", "核查", "督办", "处理", "回访", "办结"]
    assert line["actor"].tolist()[:2] == ["张受理", "李核查"]
    assert line.iloc[-1][["channel_ok", "attitude_ok", "solved", "satisfaction"]].tolist() == [
        True,
        True,
        True,
        "满意",
    ]
    assert not line["late"].any()
    assert flow.queue(con).empty
    closed = con.execute("SELECT satisfaction FROM complaints WHERE ticket_id = ?", [ticket])
    assert closed.fetchall() == [("满意",)]


@pytest.mark.parametrize(
    ("steps", "step", "message"),
    [
        ([], "处理", "当前为「受理」，不能转为「处理」；可转为：核查、退回"),
        ([], "办结", "不能转为「办结」"),
        (["核查", "处理"], "回访", "请填写处理结果"),
        (["核查", "处理", "回访"], "办结", "回访须记录三个问题"),
        (["退回"], "核查", "请填写责任单位"),
    ],
)
def test_invalid_steps_are_refused_with_a_clear_message(con, steps, step, message):
    ticket = _register(con)
    for k, done in enumerate(steps):
        extra = {"result": "已处理"} if done == "回访" else {}
        flow.advance(con, ticket, done, "经办人", now=MONDAY.replace(hour=10 + k), **extra)
    before = len(flow.timeline(con, ticket))
    with pytest.raises(EffmonError, match=message):
        flow.advance(con, ticket, step, "经办人", now=MONDAY.replace(hour=16))
    assert len(flow.timeline(con, ticket)) == before  # nothing recorded


def test_an_unsolved_revisit_reopens_the_complaint_and_a_solved_one_cannot(con):
    ticket = _register(con)
    for k, step in enumerate(["核查", "处理", "回访"]):
        flow.advance(con, ticket, step, "经办人", result="已答复", now=MONDAY.replace(hour=10 + k))
    with pytest.raises(EffmonError, match="问题未解决，不能办结"):
        flow.advance(con, ticket, "办结", "赵回访", now=MONDAY.replace(hour=14), **_revisit(False))
    flow.advance(con, ticket, "重办", "赵回访", now=MONDAY.replace(hour=14), **_revisit(False))
    flow.advance(con, ticket, "处理", "税务局", now=MONDAY.replace(hour=15))
    assert flow.queue(con).set_index("ticket_id").at[ticket, "state"] == "处理"


def test_a_returned_complaint_goes_to_another_unit_and_a_correction_keeps_the_state(con):
    ticket = _register(con)
    flow.advance(con, ticket, "退回", "税务局", "不属本单位职责", now=MONDAY.replace(hour=10))
    flow.advance(con, ticket, "核查", "李核查", unit="人社局", now=MONDAY.replace(hour=11))
    flow.correct(con, ticket, "李核查", "更正联系电话", now=MONDAY.replace(hour=12))
    row = flow.queue(con).set_index("ticket_id").loc[ticket]
    assert (row["state"], row["unit"]) == ("核查", "人社局")
    assert flow.timeline(con, ticket)["state"].tolist()[-1] == "更正"


def test_deadlines_count_working_days_across_a_holiday_and_a_make_up_day(con):
    # 2026-09-30 (Wed): 核查 takes 3 working days from 12345 — National Day runs 10-01..10-07,
    # so they are 10-08, 10-09 and the make-up Saturday 10-10.
    ticket = _register(con, now=datetime(2026, 9, 30, 9))
    flow.advance(con, ticket, "核查", "李核查", now=datetime(2026, 9, 30, 10))
    due = flow.queue(con, now=datetime(2026, 10, 9)).set_index("ticket_id").loc[ticket]
    assert due["due_at"] == datetime(2026, 10, 10, 17, 30) and not due["overdue"]
    late = flow.queue(con, now=datetime(2026, 10, 12, 9)).set_index("ticket_id").loc[ticket]
    assert late["overdue"]


def test_time_limits_are_changed_by_adding_a_row(con):
    flow.set_limit(con, "纪委转办", "处理", 15, "管理员")
    limits = store_flow.limits(con).set_index(["source", "state"])["workdays"]
    assert limits[("纪委转办", "处理")] == 15 and limits[("12345热线", "处理")] == 5
    assert con.execute("SELECT count(*) FROM complaint_limits").fetchall() == [
        (41,)
    ]  # 40 defaults (35 steps, 5 closures) + 1
    with pytest.raises(EffmonError):
        flow.set_limit(con, "传真", "处理", 3, "管理员")


# How to reach each state from 受理, and what each step needs.
PATHS = {
    "受理": [],
    "核查": ["核查"],
    "督办": ["核查", "督办"],
    "处理": ["核查", "处理"],
    "回访": ["核查", "处理", "回访"],
    "重办": ["核查", "处理", "回访", "重办"],
    "退回": ["退回"],
    "办结": ["核查", "处理", "回访", "办结"],
}


def _needs(current, step):
    extra = {"unit": "人社局"} if current == "退回" else {}
    if step == "回访":
        extra["result"] = "已处理"
    if step in ("办结", "重办"):
        extra.update(_revisit(solved=step == "办结"))
    return extra


def _walk(con, states, n=0):
    ticket, current = _register(con, now=MONDAY.replace(second=n)), "受理"
    for k, step in enumerate(states):
        flow.advance(
            con,
            ticket,
            step,
            "经办人",
            now=MONDAY.replace(hour=10, minute=k),
            **_needs(current, step),
        )
        current = step
    return ticket


@pytest.mark.parametrize("current", list(PATHS))
def test_every_transition_is_allowed_or_refused_as_the_workflow_says(con, current):
    later = MONDAY.replace(hour=11)
    for n, step in enumerate(("核查", "督办", "处理", "回访", "办结", "重办", "退回")):
        ticket = _walk(con, PATHS[current], n)
        if step in rules.NEXT.get(current, ()):
            flow.advance(con, ticket, step, "经办人", now=later, **_needs(current, step))
            assert flow.timeline(con, ticket)["state"].iloc[-1] == step
        else:
            with pytest.raises(EffmonError, match=f"当前为「{current}」，不能转为「{step}」"):
                flow.advance(con, ticket, step, "经办人", now=later, **_needs(current, step))


def test_each_step_is_judged_against_its_own_state_limit():
    """核查 (3 days from Monday 11-16: due Thursday 11-19) ends on Wednesday: on time, although
    the 受理 before it allowed only one day; 督办 (2 days: due Friday 11-20) ends on Monday
    11-23: late; 处理 is still open past its 1 day at ``now``; 办结 has no limit."""
    at = pd.to_datetime
    events = pd.DataFrame(
        {
            "state": ["受理", "核查", "更正", "督办", "处理"],
            "happened_at": at(
                [
                    "2026-11-16 08:00",
                    "2026-11-16 09:00",
                    "2026-11-17 09:00",
                    "2026-11-18 09:00",
                    "2026-11-23 09:00",
                ]
            ),
            "due_at": [None] * 5,
            "actor": ["甲"] * 5,
            "unit": [None] * 5,
            "note": [None] * 5,
            "result": [None] * 5,
            "satisfaction": [None] * 5,
        }
    )
    history = pd.DataFrame(
        {
            "state": ["受理", "核查", "督办", "处理", "处理"],
            "workdays": [1, 3, 2, 5, 1],
            "changed_at": at(["2026-01-01"] * 4 + ["2026-11-20"]),
        }
    )
    judged = flow.judge_steps(events, history, datetime(2026, 11, 25, 9))
    assert judged["state"].tolist() == ["受理", "核查", "督办", "处理"]  # no correction
    assert judged["limit_workdays"].tolist() == [1, 3, 2, 1]  # 处理: the limit since 11-20
    assert judged["due_at"].iloc[1] == datetime(2026, 11, 19, 17, 30)
    assert judged["late"].tolist() == [False, False, True, True]
    assert judged["open"].tolist() == [False, False, False, True]


def test_parallel_steps_on_one_complaint_record_one_step_and_refuse_the_others(con):
    """Six people press 「提交」 on the same ticket in 核查 at once (each page run has its own
    cursor): one step is recorded, the others are told the ticket has moved on."""
    import threading

    ticket = _register(con)
    flow.advance(con, ticket, "核查", "李核查", now=MONDAY.replace(hour=10))
    start = threading.Barrier(6)
    outcomes = []

    def press(n: int) -> None:
        cursor = con.cursor()
        start.wait()
        try:
            flow.advance(cursor, ticket, "督办", f"督办员{n}", now=MONDAY.replace(hour=11))
            outcomes.append("recorded")
        except EffmonError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=press, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("recorded") == 1, outcomes
    assert all("已由他人办理" in o for o in outcomes if o != "recorded"), outcomes
    assert flow.timeline(con, ticket)["state"].tolist() == ["受理", "核查", "督办"]


def test_the_timeline_marks_the_late_step_itself_not_the_one_after_it(con):
    """核查 left 25 days past its limit is the late step; the 督办 entered today, within its
    own limit, is not (the page used to mark the row after the late one)."""
    ticket = _register(con)
    flow.advance(con, ticket, "核查", "李核查", now=MONDAY.replace(hour=10))
    today = datetime(2026, 12, 28, 9, 0)
    flow.advance(con, ticket, "督办", "王督办", now=today)
    line = flow.timeline(con, ticket, now=today.replace(hour=10))
    assert line["state"].tolist() == ["受理", "核查", "督办"]
    assert line["late"].tolist() == [False, True, False]
    assert line["due_at"].iloc[1] < today < line["due_at"].iloc[2]
