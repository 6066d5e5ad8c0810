"""政务服务月报 and 年度报告 on the small demo store: the numbers in the text are those of the
dashboards' functions, and the planted events show."""

from __future__ import annotations

import shutil
from datetime import date, datetime

import duckdb
import pandas as pd
import pytest

from effmon.analytics.overview import overview_months, overview_total
from effmon.demo.build import planted_events
from effmon.reports.request import Request
from effmon.reports.service import make_service_report
from effmon.store import complaints, findings, queries
from effmon.store.filters import Filters
from tests.reports.pdf import pages_text


def _request(period: str) -> Request:
    return Request(period, "测试员", today=date(2026, 11, 5), now=datetime(2026, 11, 5, 8, 0))


@pytest.fixture(scope="module")
def october(demo) -> str:
    return "".join(pages_text(make_service_report(demo, _request("2026-10"))))


def test_monthly_numbers_are_those_of_the_overview(demo, october):
    month = overview_months(demo, Filters(), "2026-09", "2026-10").set_index("month")
    now, before = month.loc["2026-10"], month.loc["2026-09"]
    change = (now["cases"] / before["cases"] - 1) * 100
    direction = "上升" if change > 0 else "下降"
    assert (
        f"2026年10月全区受理办件{now['cases']:,.0f}件，环比{direction}{abs(change):.1f}%" in october
    )
    assert f"网办率{now['online_share'] * 100:.1f}%" in october
    assert f"登记投诉诉求{now['complaints']:,.0f}件" in october
    assert f"已办结{now['finished_cases']:,.0f}件，当期到期办件的办结率" in october


def test_monthly_report_has_every_section_and_the_month_hot_issue(demo, october):
    for title in ("政务服务月报", "2026年第10期", "成都高新区政务服务中心", "一、总体情况",
                  "二、好差评情况", "三、投诉诉求办理情况", "四、日常巡查情况", "五、预警与异常",
                  "六、上月问题整改跟踪", "七、下一步工作建议", "附表1"):  # fmt: skip
        assert title in october
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    assert f"共登记投诉诉求{len(tickets):,}件" in october


def test_the_planted_complaint_surge_stands_out_in_its_months_report(demo):
    surge = planted_events(demo)["complaint_surge"]
    text = "".join(pages_text(make_service_report(demo, _request(surge["start"][:7]))))
    complaints_part = text[text.rindex("三、投诉诉求办理情况") : text.rindex("四、日常巡查情况")]
    assert "社保卡" in complaints_part  # the hottest issue of the month
    advice = text[text.rindex("七、下一步工作建议") :]
    assert surge["department"] in advice and surge["street"] in advice


def _findings_part(text: str) -> str:
    """The 预警与异常 section, up to the next (六、…), spaces removed."""
    section = text[text.rindex("五、预警与异常") :]
    return section[: section.index("六、")].replace(" ", "")


def test_the_surge_is_reported_once_with_its_breakdown(demo):
    """The stored findings of the surge's month: one finding, its main cell named; the
    failure streaks, named in 四、日常巡查情况, only counted here."""
    surge = planted_events(demo)["complaint_surge"]
    month = surge["start"][:7]
    found = findings.findings_between(demo, month, month)
    streaks = int((found["kind"] == "streak").sum())
    text = _findings_part("".join(pages_text(make_service_report(demo, _request(month)))))
    assert f"共有发现{len(found) - streaks}项" in text
    assert f"连续巡查不合格{streaks}项，见第四部分" in text and "个月巡查不合格" not in text
    main = f"主要来自{surge['street']}{surge['category']}（{surge['department']}）"
    assert text.count(main) == 1
    assert "同一事件还表现为" in text


def test_the_annual_report_reads_the_findings_of_its_months(demo):
    """Whatever months anyone looked at: the year's stored findings, the surge among them."""
    surge = planted_events(demo)["complaint_surge"]
    text = _findings_part("".join(pages_text(make_service_report(demo, _request("2026")))))
    assert "未发现异常" not in text and "尚未计算" not in text
    assert f"主要来自{surge['street']}{surge['category']}" in text


def test_findings_name_their_site_and_give_shares_in_percent(demo_db, tmp_path):
    copy = tmp_path / "s.duckdb"
    shutil.copy(demo_db, copy)
    con = duckdb.connect(str(copy))
    found = pd.DataFrame(
        [{"finding_id": "repeated_failure|Q02 I32 大厅人员管理|2026-08|down", "rank": 1,
          "kind": "streak", "metric": "repeated_failure", "measure": "inspection_pass_share",
          "key": "Q02 I32 大厅人员管理", "unit": "Q02", "happened": "2026-08", "direction": "down",
          "value": 3.0, "expected": None, "score": 1.0, "effect": None, "severity": "一般",
          "judgement": "恶化", "evidence": {"unit": "Q02"}},
         {"finding_id": "rule|好评率 < 99.9%|2026-10|down", "rank": 2, "kind": "rule",
          "metric": "rule", "measure": "good_share", "key": "好评率 < 99.9%", "unit": None,
          "happened": "2026-10", "direction": "down", "value": 0.9957, "expected": 0.999,
          "score": 0.0, "effect": -0.0033, "severity": "一般", "judgement": "恶化",
          "evidence": {}}]
    )  # fmt: skip
    findings.save_findings(con, "2026-10", found)
    whole = "".join(pages_text(make_service_report(con, _request("2026-10"))))
    text = _findings_part(whole)
    name = queries.site_names(con)["Q02"]
    assert "阈值规则「好评率<99.9%」触发：实际99.57%" in text
    # The streak is counted here and addressed, by its site's name, in the suggestions.
    assert "Q02" not in whole
    assert f"{name}「大厅人员管理」已连续3个月巡查不合格，建议向该点位发出整改提示函" in whole
    con.close()


def test_the_planted_satisfaction_drop_is_named(demo):
    drop = planted_events(demo)["satisfaction_drop"]
    text = "".join(pages_text(make_service_report(demo, _request(drop["months"][0]))))
    assert f"满意度指数明显低于本部门常态的有：{drop['department']}" in text


def test_annual_report_is_not_compared_with_a_base_lacking_data(demo):
    """The demo begins in 2025-11: 2025's January to October hold nothing to compare with."""
    text = "".join(pages_text(make_service_report(demo, _request("2026"))))
    year = overview_total(demo, Filters(), "2026-01", "2026-10", "2026").iloc[0]
    assert "政务服务年度报告" in text and "2026年1–10月" in text
    assert f"2026年1–10月全区受理办件{year['cases']:,.0f}件；" in text
    assert "2025年1–10月无数据，同比不作比较。" in text
    assert "2026-10" in text  # the months' table
    assert "上年同期" not in text and "表中以" not in text  # no table of dashes


def test_the_complaint_section_gives_the_verification_and_revisit_outcomes(demo, october):
    in_month = "received_at >= '2026-10-01' AND received_at < '2026-11-01'"
    counts = [
        demo.execute(
            f"SELECT count(*) FROM complaints WHERE result = ? AND {in_month}", [r]
        ).fetchall()[0][0]
        for r in ("属实", "部分属实", "不属实")
    ]
    assert "中，属实{:,}件、部分属实{:,}件、不属实{:,}件".format(*counts) in october
    assert "回访" in october and "不满意率" in october


def test_red_and_black_lists_rank_by_the_index_they_show():
    """Ten windows ranked by the index they show, best first on 红榜 and worst first on 黑榜;
    a window of too few evaluations and evaluations without a window are left out."""
    from effmon.reports.service_feedback import _red_and_black

    windows = pd.DataFrame(
        {
            "window_name": [f"Q01-D01-{n}" for n in range(1, 12)] + [None],
            "evaluations": [20] * 10 + [3, 500],
            "index": [90.0, 99.5, 85.0, 97.0, 96.0, 88.0, 93.0, 91.0, 98.0, 87.0, 100.0, 50.0],
        }
    )
    names = {"window": {"Q01-D01-2": "主中心 税务局 2 号窗口"}}
    [kept] = _red_and_black(windows, "window_name", names)
    rule, table = kept._content  # the rule and its table, kept on one page
    assert "评价不少于 10 条的窗口" in rule.getPlainText()
    rows = [[cell.getPlainText() for cell in row] for row in table._cellvalues[1:]]
    assert [r[0] for r in rows] == ["红榜"] * 5 + ["黑榜"] * 5
    red, black = ["99.5", "98.0", "97.0", "96.0", "93.0"], ["85.0", "87.0", "88.0", "90.0", "91.0"]
    assert [r[4] for r in rows] == [*red, *black]
    assert rows[0][2] == "主中心 税务局 2 号窗口"
    assert _red_and_black(windows.head(9), "window_name", names) == []


def test_the_monthly_report_has_department_and_window_red_and_black_lists(october):
    assert "部门红黑榜" in october  # the small store's windows have too few evaluations
