"""全流程投诉处理报告 (a month, one ticket) and 提示函 on the small demo store."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from effmon import config, readable
from effmon.analytics import complaint_workflow, inspections
from effmon.analytics.hot_issues import hot_issues
from effmon.demo.build import planted_events
from effmon.errors import EffmonError
from effmon.reports.complaint import (
    make_complaint_month_report,
    make_complaint_ticket_report,
    reply_conflict,
    step_table,
)
from effmon.reports.letter import make_letter, units_due
from effmon.reports.request import Request
from effmon.reports.service import make_service_report
from effmon.store import closure, complaints
from effmon.store.filters import Filters
from tests.reports.pdf import pages_text


def _request(period: str = "2026-10", **subject) -> Request:
    return Request(
        period, "测试员", today=date(2026, 11, 5),
        now=datetime(2026, 11, 5, 9, 0), **subject,
    )  # fmt: skip


def test_month_complaint_report_counts_the_tickets_and_lists_the_overdue(demo):
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    assert f"2026年10月共登记投诉诉求{len(tickets):,}件" in text
    for title in ("一、受理概况", "二、核查结果", "三、办理时效", "四、回访满意度",
                  "五、重复投诉与热点问题", "六、超时未办结工单"):  # fmt: skip
        assert title in text


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%"


def test_month_complaint_report_gives_the_verification_results_as_the_store_holds_them(demo):
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    counts = dict(
        demo.execute(
            "SELECT result, count(*) FROM complaints WHERE strftime(received_at, '%Y-%m') = "
            "'2026-10' AND result IN ('属实', '部分属实', '不属实') GROUP BY result"
        ).fetchall()
    )
    checked = sum(counts.values())
    assert checked > 0
    for result in ("属实", "部分属实", "不属实"):
        assert f"{result}{counts.get(result, 0):,}件" in text
    true = counts.get("属实", 0) + counts.get("部分属实", 0)
    assert f"已有核查结论的{checked:,}件" in text
    assert f"投诉属实率（属实和部分属实）为{_share(true, checked)}" in text


def test_month_complaint_report_gives_the_revisit_satisfaction_as_the_store_holds_it(demo):
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    counts = dict(
        demo.execute(
            "SELECT satisfaction, count(*) FROM complaints WHERE strftime(received_at, '%Y-%m') "
            "= '2026-10' AND satisfaction IN ('满意', '基本满意', '不满意') GROUP BY ALL"
        ).fetchall()
    )
    total = sum(counts.values())
    assert total > 0
    said = "、".join(f"{k}{counts.get(k, 0):,}件" for k in ("满意", "基本满意"))
    assert f"其中{said}和不满意{counts.get('不满意', 0):,}件" in text
    assert f"不满意率{_share(counts.get('不满意', 0), total)}" in text


def test_ticket_report_gives_the_reply_and_judges_each_step_by_its_own_limit(demo):
    """A 督办 that met its own 2-day limit is on time, whatever the ticket's other dues."""
    rows = demo.execute(
        "SELECT c.ticket_id, c.reply_text FROM complaints c "
        "JOIN complaint_events e USING (ticket_id) "
        "WHERE e.state = '督办' AND c.reply_text IS NOT NULL ORDER BY c.ticket_id"
    ).fetchall()
    for ticket, reply in rows:  # noqa: B007 (reply: of the ticket the loop stops at)
        steps = complaint_workflow.judged_steps(demo, ticket, datetime(2026, 11, 5))
        if not steps["late"].any():
            break
    else:
        pytest.skip("no ticket with a 督办 step that was on time at every step")
    done = steps[steps["state"] == "督办"].iloc[0]
    assert done["ended_at"] <= done["due_at"]
    text = "".join(pages_text(make_complaint_ticket_report(demo, _request("", complaint=ticket))))
    assert "答复内容" in text and "".join(reply.split()) in text
    assert "核查结果" in text and "回访满意度" in text
    assert "超时" not in text.replace("超时办结", "")
    limit = int(done["limit_workdays"])
    assert (
        f"督办{done['started_at']:%Y-%m-%d%H:%M}{limit}个工作日{done['due_at']:%Y-%m-%d%H:%M}"
        in text
    )


def test_ticket_report_shows_every_step_of_its_timeline(demo):
    ticket = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10").iloc[0]
    text = "".join(
        pages_text(make_complaint_ticket_report(demo, _request("", complaint=ticket["ticket_id"])))
    )
    assert ticket["ticket_id"] in text and ticket["title"] in text
    steps = complaint_workflow.timeline(demo, ticket["ticket_id"])
    for when in steps["happened_at"].dt.strftime("%Y-%m-%d%H:%M"):
        assert when in text
    assert "个工作日" in text  # the verdict against the source's limit


def test_an_unknown_ticket_is_named(demo):
    with pytest.raises(EffmonError, match="找不到工单「T-NONE」"):
        make_complaint_ticket_report(demo, _request("", complaint="T-NONE"))


def test_a_letter_names_each_problem_and_the_deadlines(demo):
    unit = units_due(demo, "2026-10", date(2026, 11, 5))[0]
    due = inspections.prompt_letters(demo, "2026-10", date(2026, 10, 31))
    problems = due[due["site_id"] == unit]
    text = "".join(pages_text(make_letter(demo, _request(unit=unit))))
    assert f"{problems.iloc[0]['name']}：" in text  # 主送
    assert f"存在以下{problems['indicator_id'].nunique()}个方面的问题" in text
    assert all(indicator in text for indicator in problems["indicator"])
    for row in problems.itertuples():
        assert f"{row.visit_date.year}年{row.visit_date.month}月{row.visit_date.day}日" in text
    assert "于2026年11月19日前（10个工作日内）完成整改" in text  # 11-05 + 10 working days
    assert "高新政服函〔2026〕号（草稿）" in text  # a read-only store gives no number


def test_no_letter_for_a_unit_without_focus_problems(demo):
    due = set(units_due(demo, "2026-10", date(2026, 11, 5)))
    sites = [r[0] for r in demo.execute("SELECT site_id FROM sites ORDER BY site_id").fetchall()]
    spare = next(s for s in sites if s not in due)
    with pytest.raises(EffmonError, match=f"点位 {spare} 在2026年10月没有需要发提示函的问题"):
        make_letter(demo, _request(unit=spare))


def test_a_month_with_one_incident_sums_it_up_in_one_sentence(demo):
    """The planted surge (most of the month's complaints, one outage at one place) reads as
    one incident: its dates, place, problem, count and share; a month without one has none."""
    surge = planted_events(demo)["complaint_surge"]
    month = surge["start"][:7]
    tickets = complaints.complaints_between(demo, Filters(), month, month)
    top = hot_issues(tickets).iloc[0]
    text = "".join(pages_text(make_complaint_month_report(demo, _request(month))))
    span = readable.day_span(top["first"], top["last"])
    share = f"{100 * top['complaints'] / len(tickets):.1f}%"
    assert f"{span}，{top['place']}集中出现" in text
    assert f"相关投诉{top['complaints']:,}件" in text and f"占本期投诉的{share}" in text
    assert surge["keyword"] in text and surge["department"] in text
    assert "集中出现" not in "".join(pages_text(make_complaint_month_report(demo, _request())))


def test_month_steps_are_judged_each_against_its_own_limit(demo):
    """The month's steps are judged as the single ticket's timeline judges them, and the
    report names the late step of each ticket (not only the ticket)."""
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    now = datetime(2026, 11, 5, 9, 0)
    steps = complaint_workflow.judged_steps_of(demo, tickets, now)
    for ticket in tickets["ticket_id"].head(40):
        one = complaint_workflow.judged_steps(demo, ticket, now)
        own = steps[steps["ticket_id"] == ticket].drop(columns="ticket_id")
        pd.testing.assert_frame_equal(own.reset_index(drop=True), one, check_dtype=False)
    table = step_table(steps)
    timed = steps[steps["limit_workdays"].notna()]
    assert table["steps"].sum() == len(timed) and table["late"].sum() == timed["late"].sum()
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    assert f"其中超时{int(timed['late'].sum()):,}个" in text
    late = steps[steps["late"]].iloc[0]
    limit, taken = int(late["limit_workdays"]), int(late["workdays"])
    assert f"{late['ticket_id']}" in text
    assert f"{late['state']}{limit}个工作日{taken}个工作日" in text


def _repeats_by_definition(con, month: str) -> int:
    """Repeat complaints of ``month`` as the catalog defines them, counted in pandas: the same
    complainant after one of their tickets closed, or the same category at the same place
    (site, else street) after a ticket of it closed while none there was still open; within
    repeat_complaint_days."""
    every = con.execute(
        "SELECT ticket_id, complainant, category, coalesce(site_id, street) AS place, "
        "received_at, (SELECT min(happened_at) FROM complaint_events e "
        " WHERE e.ticket_id = c.ticket_id AND state = '办结') AS closed FROM complaints c"
    ).df()
    days = pd.Timedelta(days=config.get_int("repeat_complaint_days"))
    count = 0
    for t in every[every["received_at"].dt.strftime("%Y-%m") == month].itertuples():
        others = every[every["ticket_id"] != t.ticket_id]
        before = others[others["closed"] < t.received_at]
        mine = before[before["complainant"] == t.complainant]
        same = (others["category"] == t.category) & (others["place"] == t.place)
        still_open = others[same & (others["received_at"] < t.received_at)]
        still_open = still_open[~(still_open["closed"] < t.received_at)]
        problem = before[(before["category"] == t.category) & (before["place"] == t.place)]
        closures = [*mine["closed"], *([] if len(still_open) else problem["closed"])]
        count += bool(closures) and t.received_at - max(closures) <= days
    return count


def test_month_repeats_are_counted_as_the_catalog_defines_them(demo):
    month = planted_events(demo)["complaint_surge"]["start"][:7]
    text = "".join(pages_text(make_complaint_month_report(demo, _request(month))))
    assert f"重复投诉{_repeats_by_definition(demo, month):,}件" in text


@pytest.mark.parametrize(
    ("reply", "result", "conflict"),
    [
        (
            "经核查，已协调相关部门加派人手并优化叫号流程。",
            "不属实",
            "已协调相关部门加派人手并优化叫号流程",
        ),
        ("经核查，反映情况属实，已责成整改。", "不属实", "属实"),
        ("经核查，反映问题部分属实，已要求落实。", "属实", "部分属实"),
        ("经核查，已协调相关部门加派人手并优化叫号流程。", "属实", ""),
        ("经核查，反映情况不属实，已向诉求人做好解释说明。", "不属实", ""),
        ("已向群众详细解释相关政策，群众表示理解。", "不属实", ""),
        (None, "属实", ""),
    ],
)
def test_a_reply_that_contradicts_the_verification_is_found(reply, result, conflict):
    assert reply_conflict(reply, result) == conflict


def test_the_demo_replies_agree_with_their_verification(demo):
    rows = demo.execute(
        "SELECT reply_text, result FROM complaints WHERE reply_text IS NOT NULL"
    ).fetchall()
    assert rows and not [r for r in rows if reply_conflict(*r)]


def test_ticket_conclusion_is_said_from_the_recorded_steps(demo):
    """The conclusion says the recorded 核查结果, the revisit and each late step against its
    own limit (a 督办 over its 2 days, though the ticket closed within its 15)."""
    late = demo.execute(
        "SELECT DISTINCT ticket_id FROM complaint_events WHERE state = '督办' ORDER BY 1"
    ).fetchall()
    now = datetime(2026, 11, 5, 9, 0)
    for (ticket,) in late:
        steps = complaint_workflow.judged_steps(demo, ticket, now)
        if steps["late"].any():
            break
    row = complaints.ticket(demo, ticket).iloc[0]
    text = "".join(pages_text(make_complaint_ticket_report(demo, _request("", complaint=ticket))))
    assert f"办理结论（依据各环节记录）：•经核查，反映情况{row['result']}。" in text
    assert f"回访时诉求人表示{row['satisfaction']}。" in text
    for step in steps[steps["late"]].itertuples():
        limit = int(step.limit_workdays)
        assert f"{step.state}环节超时（时限{limit}个工作日，用时{step.workdays}个工作日）" in text
    assert "不一致" not in text


def test_an_overdue_ticket_names_the_step_it_stands_in(demo):
    """The open tickets past their limit say where each stands: 核查（已超时）, not the
    ticket alone."""
    now = datetime(2026, 11, 5, 9, 0)
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    steps = complaint_workflow.judged_steps_of(demo, tickets, now)
    handled = closure.closure(demo, Filters(), "2026-10", "2026-10", date(2026, 11, 5))
    overdue = handled[handled["overdue"]]
    if overdue.empty:
        pytest.skip("no overdue ticket in the month")
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    assert "当前环节" in text
    first = steps[steps["open"] & steps["ticket_id"].isin(overdue["ticket_id"])].iloc[0]
    assert f"{first['state']}（已超时）" in text if first["late"] else first["state"] in text


def test_the_classifiers_unreviewed_categories_are_marked_in_the_reports(demo_db, tmp_path):
    """Categories the classifier gave are said to be its own: how many in the month's
    complaint report and 月报 (and how many wait for review), and on the ticket's report."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_db, path)
    con = duckdb.connect(str(path))
    october = "received_at >= DATE '2026-10-01' AND received_at < DATE '2026-11-01'"
    model_made = [t for (t,) in con.execute(
        f"SELECT ticket_id FROM complaints WHERE {october} ORDER BY ticket_id LIMIT 20"
    ).fetchall()]  # fmt: skip
    con.execute(
        "UPDATE complaints SET category_source = 'model', category_confidence = "
        "0.5 + (hash(ticket_id) % 50) / 100 "
        f"WHERE ticket_id IN ({', '.join('?' * len(model_made))})",
        model_made,
    )
    text = "".join(pages_text(make_complaint_month_report(con, _request())))
    assert "其中20件的类别由分类模型判定，尚未经人工复核" in text
    assert "在复核队列中，其余为自动采纳" in text
    monthly = "".join(pages_text(make_service_report(con, _request())))
    assert "其中20件的类别由分类模型判定" in monthly
    ticket = "".join(
        pages_text(make_complaint_ticket_report(con, _request("", complaint=model_made[0])))
    )
    assert "（模型·" in ticket
    con.execute("UPDATE complaints SET category_source = 'review'")
    text = "".join(pages_text(make_complaint_month_report(con, _request())))
    assert "分类模型判定" not in text
    con.close()
