"""政务服务月报 and 年度报告 on the small demo store: the numbers in the text are those of the
dashboards' functions, and the planted events show."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from effmon.analytics.overview import overview_months, overview_total
from effmon.demo.build import planted_events
from effmon.reports import service_alerts
from effmon.reports.request import Request
from effmon.reports.service import make_service_report
from effmon.store import complaints, queries
from effmon.store.filters import Filters
from tests.reports.conftest import neutral
from tests.reports.pdf import pages_text


def _request(period: str) -> Request:
    return Request(
        period, "测试员", neutral, today=date(2026, 11, 5), now=datetime(2026, 11, 5, 8, 0)
    )


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


def test_monthly_report_has_every_section_and_the_month_hot_issue(demo, october):
    for title in ("一、总体运行情况", "二、办件与窗口工作量", "三、群众满意度",
                  "四、投诉诉求与热点问题", "五、趋势与预警", "六、需关注单位与工作建议"):  # fmt: skip
        assert title in october
    tickets = complaints.complaints_between(demo, Filters(), "2026-10", "2026-10")
    assert f"共登记投诉诉求{len(tickets):,}件" in october


def test_the_planted_complaint_surge_stands_out_in_its_months_report(demo):
    surge = planted_events(demo)["complaint_surge"]
    text = "".join(pages_text(make_service_report(demo, _request(surge["start"][:7]))))
    complaints_part = text[text.rindex("四、投诉诉求与热点问题") : text.rindex("五、趋势与预警")]
    assert "社保卡" in complaints_part  # the hottest issue of the month
    advice = text[text.rindex("六、需关注单位与工作建议") :]
    assert surge["department"] in advice and surge["street"] in advice


def test_an_alert_is_reported_with_its_decomposition(demo, monkeypatch):
    """The alert the two-year demo raises for the surge (the small store has too little
    history to raise it), decomposed by the report as on the trends page."""
    surge = planted_events(demo)["complaint_surge"]
    month = surge["start"][:7]
    alert = pd.DataFrame(
        [{"metric": "complaints", "key": None, "period": month, "direction": "up",
          "value": 150.0, "expected": 60.0, "score": 5.0, "severity": "严重"}]
    )  # fmt: skip
    monkeypatch.setattr(service_alerts, "scan", lambda con, end, filters: alert)
    text = "".join(pages_text(make_service_report(demo, _request(month))))
    alerts = text[text.rindex("五、趋势与预警") : text.rindex("六、需关注单位与工作建议")]
    assert "共发现异常1项" in alerts and "投诉" in alerts and "偏高" in alerts
    assert surge["street"] in alerts  # the main cause, localized


def test_alerts_name_their_site_and_give_shares_in_percent(demo, monkeypatch):
    found = pd.DataFrame(
        [{"metric": "repeated_failure", "key": "Q02 I32 大厅人员管理", "period": "2026-10",
          "direction": "up", "value": 4.0, "expected": 0.0, "score": 2.0, "severity": "一般"},
         {"metric": "rule", "key": "好评率 < 99.9%", "period": "2026-10", "direction": "down",
          "value": 0.9957, "expected": 0.999, "score": 1.0, "severity": "一般"}]
    )  # fmt: skip
    monkeypatch.setattr(service_alerts, "scan", lambda con, end, filters: found)
    text = "".join(pages_text(make_service_report(demo, _request("2026-10"))))
    alerts = text[text.rindex("五、趋势与预警") : text.rindex("六、需关注单位与工作建议")]
    name = queries.site_names(demo)["Q02"]
    assert f"Q02{name}I32" in alerts.replace(" ", "")  # the site by its name too
    assert "实际99.57%，预期99.90%" in alerts.replace(" ", "")


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
    assert "2025年1–10月无数据，同比不作比较" in text
    assert "2026-10" in text and "本年上年同期同比" in text
