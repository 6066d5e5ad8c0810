"""巡查月报 and 年度巡查报告 on the small demo store."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from effmon.analytics import inspections
from effmon.demo.build import planted_events
from effmon.reports.inspection import make_inspection_report
from effmon.reports.request import Request
from effmon.store import inspections as store_inspections
from effmon.store.filters import Filters
from tests.reports.pdf import fonts, pages_text


def _report(con, period: str) -> tuple[bytes, str]:
    request = Request(
        period, "巡查员甲", today=date(2026, 11, 5),
        now=datetime(2026, 11, 5),
    )  # fmt: skip
    pdf = make_inspection_report(con, request)
    return pdf, "".join(pages_text(pdf))


def test_monthly_inspection_report_counts_what_the_page_counts(demo):
    pdf, text = _report(demo, "2026-10")
    assert "巡查月报" in text and all(fonts(pdf).values())
    rates = store_inspections.pass_rates(demo, Filters(), "2026-10", "2026-10", "indicator_id")
    checked, failed = rates["inspection_checks"].sum(), rates["inspection_failures"].sum()
    assert f"共检查指标{checked:,}项次，不合格{failed:,}项次" in text
    board = inspections.coverage(demo, "2026-10", date(2026, 10, 31))
    assert f"共巡查点位{int(board['inspected'].sum())}个，占全部{len(board)}个点位" in text
    for title in ("一、巡查覆盖情况", "二、巡查发现的问题", "三、反复出现的问题", "四、整改情况",
                  "五、重点时段在岗情况", "六、工作建议"):  # fmt: skip
        assert title in text


def test_the_planted_repeated_failure_is_reported_with_a_letter_suggested(demo):
    failure = planted_events(demo)["repeated_failure"]
    _, text = _report(demo, failure["months"][-1])
    repeated = text[text.rindex("三、反复出现的问题") : text.rindex("四、整改情况")]
    site = _site_name(demo, failure["site_id"])  # by its name, never its code
    assert site in repeated and failure["site_id"] not in repeated
    advice = text[text.rindex("六、工作建议") :]
    assert site in advice and "提示函" in advice


def test_annual_inspection_report_lists_the_months(demo):
    _, text = _report(demo, "2026")
    assert "年度巡查报告" in text and "2026年1–10月" in text
    assert "月份巡查点位检查项次不合格合格率" in text
    assert "2026-01" in text and "2026-10" in text


@pytest.mark.parametrize(("months", "listed"), [(None, True), ("6", True), ("7", False)])
def test_the_streak_setting_decides_what_the_report_lists(demo, monkeypatch, months, listed):
    failure = planted_events(demo)["repeated_failure"]  # failing six months in a row
    if months:
        monkeypatch.setenv("EFFMON_FAILURE_STREAK_MONTHS", months)
    _, text = _report(demo, failure["months"][-1])
    repeated = text[text.rindex("三、反复出现的问题") : text.rindex("四、整改情况")]
    assert f"连续{months or 3}个月及以上不合格" in repeated  # PDF text loses spaces
    assert (_site_name(demo, failure["site_id"]) in repeated) is listed


def _site_name(con, site_id: str) -> str:
    return con.execute("SELECT name FROM sites WHERE site_id = ?", [site_id]).fetchone()[0]
