"""全流程投诉处理报告 (a month, one ticket) and 提示函 on the small demo store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from effmon.analytics import complaint_workflow, inspections
from effmon.errors import EffmonError
from effmon.reports.complaint import make_complaint_month_report, make_complaint_ticket_report
from effmon.reports.letter import make_letter, units_due
from effmon.reports.request import Request
from effmon.store import complaints
from effmon.store.filters import Filters
from tests.reports.conftest import neutral
from tests.reports.pdf import pages_text


def _request(period: str = "2026-10", **subject) -> Request:
    return Request(
        period, "测试员", neutral, today=date(2026, 11, 5),
        now=datetime(2026, 11, 5, 9, 0), **subject,
    )  # fmt: skip


def test_month_complaint_report_counts_the_tickets_and_lists_the_overdue(demo):
    text = "".join(pages_text(make_complaint_month_report(demo, _request())))
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    assert f"2026年10月共登记投诉诉求{len(tickets):,}件" in text
    for title in ("一、受理概况", "二、办理时效", "三、回访情况", "四、重复投诉与热点问题",
                  "五、超时未办结工单"):  # fmt: skip
        assert title in text


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
