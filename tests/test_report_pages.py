"""The report centre and the page PDF exports, run with AppTest as a user would use them."""

from __future__ import annotations

import json
import re
from datetime import date, datetime

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from effmon.reports.view import make_view_report
from effmon.text.sentiment import Scorer
from effmon.workdays import is_workday
from tests.conftest import REPO
from tests.readable_rules import as_read
from tests.reports.pdf import fonts, pages_text
from tests.test_pages import _app, _count


@pytest.fixture
def quick_scorer(monkeypatch):
    """Comments scored as neutral: snownlp takes seconds for a month of them."""
    monkeypatch.setattr(Scorer, "scores", lambda self, texts: np.full(len(texts), 0.5))


def test_report_centre_generates_previews_lists_and_audits(store, quick_scorer):
    at = _app("views/reports.py", role="分析员")
    assert at.selectbox(key="report_kind").value == "monthly"
    assert at.selectbox(key="report_month").value == "2026-10"
    assert "还没有生成过报告" in at.info[0].value
    at.button(key="report_generate").click()
    at.run()
    assert not at.exception
    assert "报告已生成" in at.success[0].value
    assert len(at.get("image")) == 3  # the preview of the first three pages
    listed = next(d.value for d in at.dataframe if "期间" in d.value.columns)
    assert listed.iloc[0]["类型"] == "政务服务月报" and listed.iloc[0]["期间"] == "2026年10月"
    assert listed.iloc[0]["生成人"] == "测试用户"
    assert _count(store, "SELECT count(*) FROM audit_log WHERE action = 'report'") == 1


def test_annual_report_offers_the_years(store, quick_scorer):
    at = _app("views/reports.py", role="领导")
    at.selectbox(key="report_kind").set_value("annual")
    at.run()
    assert at.selectbox(key="report_year").value == "2026"
    at.button(key="report_generate").click()
    at.run()
    assert not at.exception and "报告已生成" in at.success[0].value


def test_an_inspector_has_no_report_centre(store):
    at = AppTest.from_file(str(REPO / "views/reports.py"), default_timeout=60)
    at.session_state["user"] = {"username": "巡查", "role": "巡查员"}
    at.run()
    assert at.error[0].value == "当前账户的角色无权访问此页面或执行此操作。"
    assert not at.get("download_button")


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("views/workload.py", "办件量"),
        ("views/overview.py", "主要指标"),
        ("views/hotspots.py", "热点"),
    ],
)
def test_a_dashboard_page_exports_what_it_shows(store, page, expected):
    at = _app(page, role="领导")
    assert "page_pdf_export" in at.get("download_button")[0].proto.id
    parts = at.session_state["page_pdf_parts"]
    assert parts, "the page showed nothing for its PDF"
    pdf = make_view_report("测试页", "2026-10", "测试用户", datetime(2026, 11, 1), parts)
    text = "".join(pages_text(pdf))
    assert expected in text
    first_table = next(p.item for p in parts if hasattr(p.item, "columns"))
    assert str(first_table.columns[0]) in text
    assert all(fonts(pdf).values())


def test_report_centre_makes_a_letter_and_a_ticket_report(store):
    at = _app("views/reports.py", role="分析员")
    at.selectbox(key="report_kind").set_value("letter")
    at.run()
    unit = at.selectbox(key="report_unit")
    assert unit.options  # the units a letter is due for this month
    at.button(key="report_generate").click()
    at.run()
    assert not at.exception and re.match("报告已生成：[12] 页", at.success[0].value)
    at.selectbox(key="report_kind").set_value("complaint_ticket")
    at.run()
    at.text_input(key="report_ticket").input("T-NONE")
    at.button(key="report_generate").click()
    at.run()
    assert "找不到工单「T-NONE」" in at.error[0].value


def test_research_page_shows_the_planted_launch_and_takes_a_benchmark(store):
    at = _app("views/research.py", role="分析员")
    assert not at.exception
    at.multiselect(key="filter_site_ids").set_value(["Q02"])
    at.date_input(key="research_event").set_value(date(2026, 1, 5))
    at.text_input(key="research_event_name").input("上线智能排队叫号系统")
    at.run()
    assert not at.exception
    said = as_read(" ".join(m.value for m in at.markdown))
    assert "2026年1月5日 上线智能排队叫号系统" in said
    assert "平均等候时长显著下降" in said
    assert "日办件量无显著变化" in said and "开放窗口数无显著变化" in said
    # the chart shows the working days the analysis uses: its mean lines are the table's
    effects = next(d.value for d in at.dataframe if "事件前日均" in d.value.columns)
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    days, before, after = (chart[0]["x"], chart[1]["y"][0], chart[2]["y"][0])
    assert (before, after) == pytest.approx(
        tuple(effects.iloc[0][["事件前日均", "事件后日均"]]),
        abs=0.05,  # the table's one decimal
    )
    assert all(is_workday(datetime.fromisoformat(d).date()) for d in days)
    # the planted launch's effect on waiting is far beyond chance: "< 0.001", not 0.000
    waiting = effects[effects["指标"] == "平均等候时长"].iloc[0]
    assert waiting["p 值"] == "< 0.001"
    # the relative change in %, as the sentence above says it
    assert f"相对事件前 {waiting['影响相对事件前(%)']:+.1f}%" in said
    at.text_input(key="benchmark_region").input("杭州")
    at.text_input(key="benchmark_indicator").input("网办率")
    at.text_input(key="benchmark_period").input("2026")
    at.number_input(key="benchmark_value").set_value(91.0)
    next(b for b in at.button if b.label == "保存").click()
    at.run()
    assert "已保存：杭州 网办率" in at.success[0].value
    peers = next(d.value for d in at.dataframe if "对标地区" in d.value.columns)
    assert "杭州" in set(peers["对标地区"])


def test_report_centre_lists_a_research_and_a_ticket_report(store, quick_scorer):
    at = _app("views/reports.py", role="分析员")
    at.selectbox(key="report_kind").set_value("research")
    at.run()
    at.date_input(key="report_event").set_value(date(2026, 1, 5))
    at.text_input(key="report_event_name").input("上线智能排队叫号系统")
    at.button(key="report_generate").click()
    at.run()
    assert not at.exception and "报告已生成" in at.success[0].value
    research = at.session_state["report_last"][0]
    kept = _count(store, f"SELECT pdf FROM reports WHERE report_id = {research}")
    text = "".join(pages_text(bytes(kept)))
    assert "上线智能排队叫号系统" in text and "2026年1月5日" in text
    at.selectbox(key="report_kind").set_value("complaint_ticket")
    at.run()
    at.text_input(key="report_ticket").input(_count(store, "SELECT min(ticket_id) FROM complaints"))
    at.button(key="report_generate").click()
    at.run()
    assert not at.exception
    listed = next(d.value for d in at.dataframe if "期间" in d.value.columns)
    assert listed["类型"].tolist()[:2] == ["全流程投诉处理报告（单件）", "专项调研报告"]
    assert listed["期间"].tolist()[:2] == ["", "2026年1月5日"]
