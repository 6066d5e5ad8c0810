"""Every page run with AppTest against a temporary store, as a user would use it."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, timedelta

import duckdb
import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from effmon import labels
from effmon.demo.build import planted_events
from effmon.semantic import catalog
from tests.conftest import REPO
from tests.logins import log_in, refused

PAGES = {
    "views/overview.py": "总览",
    "views/data_admin.py": "数据管理",
    "views/satisfaction.py": "满意度",
    "views/trends.py": "趋势预测与预警",
    "views/inspections.py": "日常巡查",
    "views/complaints.py": "投诉处理",
    "views/attendance.py": "考勤",
    "views/audit.py": "审计日志",
    "views/users.py": "账户管理",
    "views/settings.py": "系统设置",
    "views/reports.py": "报告中心",
}


def _app(page: str | None = None, role: str = "管理员") -> AppTest:
    """The app with a user of ``role`` logged in (the login form has its own tests)."""
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at, role)
    at.run()
    if page:
        at.switch_page(page)
        at.run()
    return at


INSPECTION_TABS, DESK_TABS = labels.INSPECTION["tabs"], labels.DESK["tabs"]


def _open_tab(at: AppTest, page_tabs: str, label: str) -> AppTest:
    """``at`` rerun with the tab ``label`` of the page's show_tabs (key ``page_tabs``) open,
    as a click on it does (only the open tab is computed)."""
    at.session_state[page_tabs] = label
    at.run()
    return at


def planted_events_of(path) -> dict:
    with duckdb.connect(str(path)) as connection:
        return planted_events(connection)


def _count(path, sql):
    at_rest = duckdb.connect(str(path))  # same process as the app: shares its database
    try:
        return at_rest.execute(sql).fetchall()[0][0]
    finally:
        at_rest.close()


@pytest.mark.parametrize("page", list(PAGES))
def test_page_runs_without_exception(store, page):
    at = _app(page)
    assert not at.exception
    assert PAGES[page] in [t.value for t in at.title]
    assert any("演示数据" in w.value for w in at.warning)


def test_overview_shows_kpis_of_the_latest_month(store):
    at = _app()
    labels = [m.label for m in at.metric]
    # the catalog's headline measures, in its order: a measure added there shows here
    assert labels == [catalog.measure(k).name for k in catalog.headline()]
    assert labels[:3] == ["办件量", "网办率", "延时服务办件量"] and "按时办结率" in labels
    assert at.selectbox(key="filter_month").value == "2026-10"
    assert all(m.value != "—" for m in at.metric)
    # month-on-month deltas, short enough for a card (the caption says they are 环比)
    assert all(re.fullmatch(r"[+-]\d+\.\d(%| 个百分点| 分)", m.delta) for m in at.metric)
    assert "箭头为环比" in at.caption[0].value
    assert len(at.get("plotly_chart")) == 1


def test_department_filter_changes_the_numbers_and_persists_across_pages(store):
    at = _app()
    before = at.metric[0].value
    at.multiselect(key="filter_departments").set_value(["税务局"])
    at.run()
    assert at.metric[0].value != before
    at.switch_page("views/data_admin.py")
    at.run()
    # a page the filters do not apply to does not show them, and they survive it
    assert not at.multiselect and "筛选条件" not in [h.value for h in at.subheader]
    at.switch_page("views/overview.py")
    at.run()
    assert at.multiselect(key="filter_departments").value == ["税务局"]


def test_a_street_filter_gives_online_measures_no_value(store):
    """Online cases belong to no street: under a street filter 网办率 reads 「—」 and says
    why, instead of 0.0%."""
    at = _app()
    at.multiselect(key="filter_streets").set_value(["芳草街街道"])
    at.run()
    online = next(m for m in at.metric if m.label == "网办率")
    assert online.value == "—"
    assert "网办件不属于任何点位" in " ".join(c.value for c in at.caption)
    assert next(m for m in at.metric if m.label == "办件量").value != "—"


def _table(at: AppTest, column: str):
    """The first table on screen with ``column`` (AppTest keeps no dataframe keys)."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _upload(at: AppTest, name: str, content: bytes) -> None:
    at.file_uploader(key="upload_file").set_value((name, content, "text/csv"))
    at.run()


def test_bad_upload_shows_the_error_report_and_changes_nothing(store):
    at = _app("views/data_admin.py")
    at.selectbox(key="upload_kind").set_value("complaints")
    at.run()
    complaints = _count(store, "SELECT count(*) FROM complaints")
    batches = _count(store, "SELECT count(*) FROM load_batches")
    _upload(at, "bad.csv", "工单编号,留言时间\nN1,2026-10-08\nN2,2026-13-45\n".encode())
    at.button(key="upload_confirm").click()
    at.run()
    assert not at.exception
    assert any("全部未导入" in e.value for e in at.error)
    report = _table(at, "原始值")
    assert list(report.columns) == ["行号", "列", "原始值", "原因"]  # the file is named above
    assert report["行号"].tolist() == [3] and report["原始值"].tolist() == ["2026-13-45"]
    assert _count(store, "SELECT count(*) FROM complaints") == complaints
    assert _count(store, "SELECT count(*) FROM load_batches") == batches


def test_a_file_of_another_kind_is_offered_its_own_kind(store, monkeypatch):
    from effmon.ui import uploads

    asked = []
    real = uploads.likelier_kind
    monkeypatch.setattr(uploads, "likelier_kind", lambda *a, **k: asked.append(a) or real(*a, **k))
    at = _app("views/data_admin.py")
    assert at.selectbox(key="upload_kind").value == "sites"
    _upload(
        at,
        "评价.csv",
        "评价时间,部门,评价结果,评价内容\n2026-10-08 10:01,税务局,满意,好\n".encode(),
    )
    assert "「评价.csv」的列更像「好差评」数据" in at.warning[-1].value
    at.run()
    assert len(asked) == 1  # asked once for this upload, not at each rerun
    at.button(key="upload_switch_kind").click()
    at.run()
    assert at.selectbox(key="upload_kind").value == "evaluations"
    assert not any("更像" in w.value for w in at.warning)
    assert not at.button(key="upload_confirm").disabled


def test_good_upload_loads_and_appears_in_the_history(store):
    at = _app("views/data_admin.py")
    at.selectbox(key="upload_kind").set_value("complaints")
    at.run()
    _upload(
        at,
        "good.csv",
        "工单编号,留言时间,标题\nN1,2026-10-08,排队\nN2,2026-10-09,态度\n".encode("gbk"),
    )
    assert _table(at, "工单编号").shape == (2, 3)
    at.button(key="upload_confirm").click()
    at.run()
    assert any("新增 2" in s.value for s in at.success)
    assert "good.csv" in _table(at, "来源文件")["来源文件"].tolist()
    assert _count(store, "SELECT count(*) FROM complaints WHERE ticket_id IN ('N1', 'N2')") == 2


def test_unknown_header_must_be_mapped_before_loading(store):
    at = _app("views/data_admin.py")
    at.selectbox(key="upload_kind").set_value("complaints")
    at.run()
    _upload(at, "odd.csv", "业务号,留言时间\nN9,2026-10-08\n".encode())
    assert at.button(key="upload_confirm").disabled
    at.selectbox(key="upload_map_0").set_value("ticket_id")
    at.run()
    assert not at.button(key="upload_confirm").disabled
    at.button(key="upload_confirm").click()
    at.run()
    assert _count(store, "SELECT count(*) FROM complaints WHERE ticket_id = 'N9'") == 1


def test_first_start_on_an_empty_store_builds_the_demo(tmp_path, monkeypatch):
    monkeypatch.setenv("EFFMON_DB", str(tmp_path / "empty.duckdb"))
    monkeypatch.setenv("EFFMON_DEMO_MONTHS", "12")
    monkeypatch.setenv("EFFMON_DEMO_SCALE", "0.01")
    at = _app()
    assert not at.exception
    assert any("演示数据" in w.value for w in at.warning)
    assert len(at.metric) == len(catalog.headline())


def test_workload_page_groups_by_the_chosen_dimension(store):
    at = _app("views/workload.py")
    assert not at.exception
    by_department = _table(at, "部门")
    assert by_department["办件量(件)"].sum() == _count(
        store,
        "SELECT count(*) FROM cases WHERE received_at >= '2026-10-01' AND received_at < '2026-11-01'",
    )
    at.selectbox(key="workload_dimension").set_value("channel")
    at.run()
    assert set(_table(at, "办理渠道")["办理渠道"]) == {"窗口", "网办", "自助终端", "延时服务"}


def test_workload_drill_down_to_a_window_and_back(store):
    at = _app("views/workload.py")
    for expected in ("点位", "部门", "窗口"):
        at.button(key="workload_drill_go").click()
        at.run()
        assert expected in at.dataframe[1].value.columns, expected
    assert "已到窗口一级。" in [c.value for c in at.caption]
    for _ in range(3):
        at.button(key="workload_drill_back").click()
        at.run()
    assert "街道" in at.dataframe[1].value.columns
    assert at.caption[1].value == "全区"


def test_workload_heatmap_counts_every_counter_case(store):
    at = _app("views/workload.py")
    spec = json.loads(at.get("plotly_chart")[1].proto.spec)
    heatmap = next(t for t in spec["data"] if t["type"] == "heatmap")
    assert len(heatmap["y"]) == 7
    assert sum(map(sum, heatmap["z"])) == _count(
        store,
        "SELECT count(*) FROM cases WHERE channel IN ('窗口', '延时服务') "
        "AND received_at >= '2026-10-01' AND received_at < '2026-11-01'",
    )


def test_explore_pivots_one_measure_by_two_dimensions(store):
    at = _app("views/explore.py")
    assert not at.exception
    assert list(_table(at, "部门").columns) == ["部门", "办件量(件)"]
    at.selectbox(key="explore_measure").set_value("online_share")
    at.multiselect(key="explore_dimensions").set_value(["level", "channel"])
    at.run()
    wide = _table(at, "点位层级")
    assert set(wide.columns) == {"点位层级", "窗口", "网办", "自助终端", "延时服务"}
    online_only = wide.set_index("点位层级").loc["（未注明）", "网办"]
    assert online_only == 100.0  # cases without a site are the online ones


def test_explore_needs_a_dimension(store):
    at = _app("views/explore.py")
    at.multiselect(key="explore_dimensions").set_value([])
    at.run()
    assert [i.value for i in at.info] == ["请至少选择一个维度。"]


def test_explore_says_when_a_measure_cannot_be_split_by_the_dimension(store):
    at = _app("views/explore.py")
    at.selectbox(key="explore_measure").set_value("staffed_hours")
    at.multiselect(key="explore_dimensions").set_value(["channel"])
    at.run()
    assert [i.value for i in at.info] == [
        "「在岗窗口小时」的数据中没有所选维度（例如在岗小时不分渠道和事项，评价没有办理渠道），请换一个维度。"
    ]
    at.multiselect(key="explore_dimensions").set_value(["street"])
    at.run()
    assert not at.info and _table(at, "街道")["在岗窗口小时(小时)"].sum() > 0


def _rates_table(at: AppTest):
    return _table(at, "好评率(%)")


def test_satisfaction_page_counts_every_evaluation_and_lists_the_bad_ones(store):
    at = _app("views/satisfaction.py")
    assert not at.exception
    assert "snownlp" in at.caption[0].value
    in_month = "evaluated_at >= '2026-10-01' AND evaluated_at < '2026-11-01'"
    table = _rates_table(at)
    assert table["评价数(条)"].sum() == _count(
        store, f"SELECT count(*) FROM evaluations WHERE {in_month}"
    )
    bad = _count(store, f"SELECT count(*) FROM evaluations WHERE level <= 2 AND {in_month}")
    assert table["差评数(条)"].sum() == bad
    assert len(_table(at, "期限")) == bad  # one follow-up item per 差评
    at.selectbox(key="satisfaction_dimension").set_value("evaluation_channel")
    at.run()
    assert table["评价数(条)"].sum() == _rates_table(at)["评价数(条)"].sum()


def test_training_the_sentiment_model_from_the_page(store):
    at = _app("views/satisfaction.py")
    assert "snownlp" in at.caption[0].value
    at.button(key="sentiment_train").click()
    at.run(timeout=240)  # trains, calibrates and cross-validates: about a minute on 2 cores
    assert not at.exception and not at.error
    assert "模型 v1" in at.success[0].value
    assert "本地训练模型 v1" in at.caption[0].value
    assert (store.parent / "store.models" / "sentiment" / "v0001.json").exists()


def test_satisfaction_index_shows_the_planted_fall(store):
    drop = planted_events_of(store)["satisfaction_drop"]
    at = _app("views/satisfaction.py")
    fallen = _table(at, "下降")
    first = fallen.iloc[0]
    assert (first["部门"], first["月份"] in drop["months"]) == (drop["department"], True)
    ranked = _table(at, "排名")
    basis = ranked["区间下限（排名依据）"]
    assert (basis <= ranked["满意度指数"]).all()
    assert basis.is_monotonic_decreasing  # the rank follows the figure shown beside it
    assert list(ranked.columns[:3]) == ["排名", "部门", "区间下限（排名依据）"]


def test_recording_a_followup_step_moves_the_item_on(store):
    at = _app("views/satisfaction.py")
    at.radio(key="satisfaction_span").set_value(12)
    at.run()
    before = _table(at, "期限")["状态"].value_counts()
    at.text_input(key="followup_actor").set_value("王敏")
    next(b for b in at.button if b.label == "保存").click()
    at.run()
    assert not at.exception and not at.error
    done = next(s.value for s in at.success)
    new = done.rsplit(" → ", 1)[1]
    old = {"已回访": "待回访", "已整改": "已回访"}[new]
    recorded = _count(
        store, f"SELECT count(*) FROM evaluation_followups WHERE actor = '王敏' AND state = '{new}'"
    )
    assert recorded == 1
    after = _table(at, "期限")["状态"].value_counts()
    assert after.get(old, 0) == before[old] - 1 and after[new] == before.get(new, 0) + 1


def test_followup_without_an_actor_is_refused(store):
    at = _app("views/satisfaction.py")
    at.radio(key="satisfaction_span").set_value(12)
    at.run()
    next(b for b in at.button if b.label == "保存").click()
    at.run()
    assert [e.value for e in at.error] == ["请填写经办人。"]
    assert _count(store, "SELECT count(*) FROM evaluation_followups") == 0


def test_overview_flags_the_street_centre_of_the_complaint_surge(store):
    at = _app()
    surge = planted_events_of(store)["complaint_surge"]
    at.selectbox(key="filter_month").set_value(surge["start"][:7])
    at.run()
    sites = at.tabs[1]
    top = next(d.value for d in sites.dataframe).iloc[0]
    assert surge["street"].removesuffix("街道") in top["单位"] and top["指标"] == "投诉诉求量"


def test_big_screen_mode_keeps_cards_and_trend(store):
    at = _app()
    at.toggle(key="overview_big_screen").set_value(True)
    at.run()
    assert (
        not at.exception
        and len(at.metric) == len(catalog.headline())
        and len(at.get("plotly_chart")) == 1
    )


def test_the_wall_display_shows_the_latest_month_alone(store):
    """大屏: the latest month's cards, trend, open findings and hot issues; no sidebar, no
    banner, no widget."""
    at = _app("views/wall.py", role="领导")
    assert not at.exception
    latest = _count(store, "SELECT strftime(max(received_at), '%Y年%-m月') FROM cases")
    assert at.title[0].value == f"{latest} 政务服务运行情况"
    assert len(at.metric) == len(catalog.headline()) and len(at.get("plotly_chart")) == 1
    assert [h.value for h in at.subheader][1:] == ["本月待处理的发现", "本月投诉热点"]
    assert not at.sidebar.children and not at.warning  # no menu, filters or demo banner
    assert not (at.selectbox or at.button or at.toggle or at.get("download_button"))


def test_filters_come_from_and_go_to_the_url(store):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at, "分析员")
    at.query_params["dept"] = ["税务局", "<script>"]  # unknown values are dropped
    at.query_params["month"] = "2026-09"
    at.run()
    assert at.multiselect(key="filter_departments").value == ["税务局"]
    assert at.selectbox(key="filter_month").value == "2026-09"
    at.multiselect(key="filter_streets").set_value(["中和街道"])
    at.run()
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["street"]) == ["中和街道"]
    assert as_list(at.query_params["dept"]) == ["税务局"]


def test_trends_page_shows_forecast_backtest_and_hotspots(store):
    at = _app("views/trends.py")
    assert not at.exception
    forecast = _table(at, "日期")
    assert len(forecast) == 28  # four weeks of daily forecasts
    assert not any("尚未公布" in c.value for c in at.caption)  # December 2026 is official
    last_weeks = _count(
        store, "SELECT count(*) / 28 FROM cases WHERE received_at >= '2026-10-04'"
    )  # the store starts in 2025-11: no zeros before it may drag the forecast
    assert 0.5 * last_weeks < forecast["预测"].mean() < 1.5 * last_weeks
    tested = _table(at, "MASE")
    assert tested["方法"].tolist() == ["日历模型", "季节性朴素", "指数平滑(Holt-Winters)"]
    assert tested["95%区间覆盖率(%)"].between(0, 100).all()
    at.radio(key="trend_frequency_cases").set_value("weekly")
    at.run()
    assert len(_table(at, "日期")) == 8  # eight weeks ahead
    at.selectbox(key="trend_metric").set_value("category_complaints")
    at.run()
    assert not at.exception and at.selectbox(key="trend_key_category_complaints").value
    assert len(_table(at, "日期")) == 3  # three months ahead
    estimated = [c.value for c in at.caption if "尚未公布" in c.value]
    assert estimated and "放假 1月1日，调休上班 1月31日（估算）" in estimated[0]
    # The demo store holds one year: too short to backtest a monthly series, and it says so.
    assert "历史数据不足" in at.info[0].value
    at.selectbox(key="trend_metric").set_value("online_share")
    at.run()
    assert at.radio(key="trend_frequency_online_share").options == ["按周", "按月"]
    shares = _table(at, "日期")["预测"]  # in % like the 网办率 card
    online = _count(
        store,
        "SELECT 100.0 * count(*) FILTER (WHERE channel = '网办') / count(*) FROM cases "
        "WHERE received_at >= '2026-10-01'",
    )
    assert len(shares) == 3 and (abs(shares - online) < 20).all()
    failing = _table(at, "级别").query("指标 == '巡查连续不合格'")["对象"]  # "name I32 …"
    with duckdb.connect(str(store)) as connection:
        names = dict(connection.execute("SELECT site_id, name FROM sites").fetchall())
    assert len(failing) and all(k.split()[0] in names.values() for k in failing)


def _findings_rows(path) -> list[tuple]:
    """Every stored finding with when it was computed, and the months computed."""
    with duckdb.connect(str(path)) as connection:
        rows = connection.execute(
            "SELECT period, finding_id, computed_at FROM findings ORDER BY ALL"
        ).fetchall()
        return rows + connection.execute("SELECT * FROM finding_months ORDER BY ALL").fetchall()


def _month(at: AppTest, month: str) -> AppTest:
    at.selectbox(key="filter_month").set_value(month)
    at.run()
    return at


def test_the_surge_is_one_finding_on_the_overview_whatever_was_browsed(surge_store):
    surge = planted_events_of(surge_store)["complaint_surge"]
    month = surge["start"][:7]
    stored = _findings_rows(surge_store)
    at = _app()
    for other in ("2026-10", "2026-09", month):  # browsing other months first changes nothing
        _month(at, other)
        assert not at.exception
    assert _findings_rows(surge_store) == stored
    shown = _table(at, "责任单位")
    about_surge = shown[shown["责任单位"].str.contains(surge["street"])]
    assert len(about_surge) == 1  # not once by street, once by category, once in total
    assert about_surge.iloc[0][["指标", "对象", "级别", "判断"]].tolist() == [
        "月投诉量",
        "全区",
        "严重",
        "恶化",
    ]
    assert not shown["对象"].isin([surge["street"], surge["category"]]).any()


def test_a_month_not_computed_says_how_and_a_view_computes_nothing(store):
    with duckdb.connect(str(store)) as connection:
        connection.execute("DELETE FROM findings WHERE period = '2026-09'")
        connection.execute("DELETE FROM finding_months WHERE period = '2026-09'")
    stored = _findings_rows(store)
    at = _month(_app(), "2026-09")
    assert any("effmon alerts --period 2026-09" in i.value for i in at.info)
    _month(at, "2026-10")
    _month(at, "2026-09")
    assert _findings_rows(store) == stored
    next(b for b in at.button if b.label == "计算本月发现").click()  # an analyst asks for it
    at.run()
    assert not at.exception
    assert "已计算 2026-09" in at.success[0].value
    assert "2026-09" in {row[0] for row in _findings_rows(store)}


def test_a_finding_is_followed_from_new_to_confirmed_on_the_trends_page(store):
    at = _app("views/trends.py")
    assert len(_table(at, "级别")) >= 1
    picked = at.selectbox(key="alert_pick").value
    at.text_input(key="alert_actor").set_value("王敏")
    next(b for b in at.button if b.label == "保存").click()
    at.run()
    assert not at.exception and not at.error
    assert at.success[0].value == "已登记：预警状态改为「已确认」。"
    history = _table(at, "经办人")
    assert history["状态"].tolist() == ["新发现", "已确认"]
    # the pick names the same finding with its new state
    assert at.selectbox(key="alert_pick").value == picked.replace("新发现", "已确认")


def test_an_administrator_adds_a_threshold_rule_and_its_finding_appears(store):
    at = _app("views/trends.py")
    at.selectbox(key="rule_metric").set_value("good_share")
    at.selectbox(key="rule_op").set_value("<")
    at.number_input(key="rule_threshold").set_value(99.9)
    at.text_input(key="rule_actor").set_value("管理员")
    next(b for b in at.button if b.label == "添加规则").click()
    at.run()
    assert not at.exception and not at.error
    assert "已添加规则：好评率 < 99.9%" in [s.value for s in at.success]
    found = _table(at, "级别").set_index("对象")
    assert found.at["好评率 < 99.9%", "预期"] == "99.90%"  # in %, by the catalog's rule for 好评率
    assert float(found.at["好评率 < 99.9%", "实际"].rstrip("%")) < 99.9


def test_an_inspector_records_a_visit_on_the_inspection_page(store):
    at = _app("views/inspections.py", role="巡查员")
    assert not at.exception
    site = at.selectbox(key="visit_site").value
    before = _count(store, f"SELECT count(*) FROM inspections WHERE site_id = '{site}'")
    at.text_input(key="visit_inspector").set_value("李巡")
    results = [r for r in at.radio if r.key.startswith("visit_") and r.key.endswith("_result")]
    assert results, "the due indicators are listed"
    results[0].set_value("不合格")
    next(b for b in at.button if b.label == "保存本次巡查").click()
    at.run()
    assert "请填写发现的问题" in at.error[0].value  # a failure needs its finding
    assert _count(store, f"SELECT count(*) FROM inspections WHERE site_id = '{site}'") == before
    first = results[0].key.removesuffix("_result")
    at.text_input(key=f"{first}_finding").set_value("办事指南未更新")
    at.date_input(key=f"{first}_rectify_by").set_value(date.today() + timedelta(days=7))
    at.checkbox(key="visit_rest").check()
    next(b for b in at.button if b.label == "保存本次巡查").click()
    at.run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("已保存巡查")
    added = _count(store, f"SELECT count(*) FROM inspections WHERE site_id = '{site}'") - before
    assert added == len(results)
    assert _count(store, "SELECT count(*) FROM inspections WHERE finding = '办事指南未更新'") == 1
    # Within the grace period the inspector corrects the visit; the old value is kept.
    newest = _count(store, "SELECT visit_id FROM visits ORDER BY saved_at DESC LIMIT 1")
    at.selectbox(key="visit_pick").set_value(newest)
    at.run()
    edits = [r for r in at.radio if r.key.startswith("edit_") and r.key.endswith("_result")]
    edits[-1].set_value("不适用")
    at.text_input(key="visit_edit_actor").set_value("李巡")
    next(b for b in at.button if b.label == "保存修改").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.success[0].value == "已修改 1 项，原值已留存。"
    assert _count(store, "SELECT count(*) FROM inspection_changes WHERE actor = '李巡'") == 1
    assert _count(store, "SELECT count(*) FROM audit_log WHERE action LIKE 'visit_%'") == 2


def test_the_inspection_page_shows_coverage_analysis_and_catalog(store):
    at = _open_tab(_app("views/inspections.py"), "inspection_tab", INSPECTION_TABS[1])
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["已巡查点位"].endswith("/ 128")
    plan = _table(at, "计划人天")
    assert plan["计划人天"].sum() == 117
    assert len(_table(at, "最近巡查")) == 128
    _open_tab(at, "inspection_tab", INSPECTION_TABS[2])
    assert {"待整改", "逾期未整改", "已整改"} <= {m.label for m in at.metric}
    rates = _table(at, "巡查合格率(%)")
    assert rates["巡查合格率(%)"].between(0, 100).all()
    at.radio(key="inspection_span").set_value(12)
    at.run()
    planted = planted_events_of(store)["repeated_failure"]
    streaks = _table(at, "连续月数")
    found = streaks[(streaks["点位编号"] == planted["site_id"])]
    assert planted["indicator_id"] in found["指标编号"].tolist()  # the planted case shows
    with duckdb.connect(str(store)) as connection:
        names = dict(connection.execute("SELECT site_id, name FROM sites").fetchall())
    assert set(found["点位"]) == {names[planted["site_id"]]}  # and names its site
    _open_tab(at, "inspection_tab", INSPECTION_TABS[3])
    assert len(_table(at, "适用点位")) == 33


def test_a_rectification_is_closed_and_the_catalog_edited_on_the_inspection_page(store):
    at = _open_tab(_app("views/inspections.py"), "inspection_tab", INSPECTION_TABS[2])
    open_before = _count(store, "SELECT count(*) FROM inspections WHERE rectify_state = '待整改'")
    at.text_input(key="rectify_actor").set_value("王整")
    at.text_input(key="rectify_note").set_value("已更新公示")
    next(b for b in at.button if b.label == "确认整改完成").click()
    at.run()
    assert not at.exception and not at.error
    assert at.success[0].value.startswith("已登记整改完成")
    after = _count(store, "SELECT count(*) FROM inspections WHERE rectify_state = '待整改'")
    assert after == open_before - 1
    assert _count(store, "SELECT count(*) FROM inspection_changes WHERE actor = '王整'") == 1


def test_an_officer_takes_a_complaint_from_registration_to_closure(store):
    at = _open_tab(_app("views/complaints.py"), "complaint_tab", DESK_TABS[1])
    assert not at.exception
    at.text_input(key="flow_register_actor").set_value("张受理")
    next(t for t in at.text_input if t.label == "标题").set_value("窗口工作人员态度差")
    next(t for t in at.text_area if t.label == "诉求内容").set_value("办理社保时被推诿")
    next(b for b in at.button if b.label == "登记受理").click()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    ticket = at.success[0].value.removeprefix("已受理，工单号 ").removesuffix("。")
    _open_tab(at, "complaint_tab", DESK_TABS[2])
    at.text_input(key="flow_ticket_typed").set_value(ticket)
    at.run()
    steps = [("核查", {}), ("处理", {}), ("回访", {"flow_result_text": "已约谈并整改"})]
    for step, extra in steps:
        at.selectbox(key="flow_step").set_value(step)
        at.text_input(key="flow_actor").set_value("李经办")
        for key, value in extra.items():
            at.text_area(key=key).set_value(value)
        next(b for b in at.button if b.label == "保存本步").click()
        at.run()
        assert not at.error, [e.value for e in at.error]
        assert at.success[0].value == f"工单 {ticket} 已转入「{step}」。"
        assert at.text_input(key="flow_actor").value == ""  # the next step's form is empty
    # Closing needs the revisit's three answers and the satisfaction.
    at.selectbox(key="flow_step").set_value("办结")
    at.text_input(key="flow_actor").set_value("赵回访")
    next(b for b in at.button if b.label == "保存本步").click()
    at.run()
    assert "回访须记录三个问题" in at.error[0].value
    for key in ("flow_channel_ok", "flow_attitude_ok", "flow_solved"):
        at.radio(key=key).set_value(True)
    at.selectbox(key="flow_satisfaction").set_value("满意")
    next(b for b in at.button if b.label == "保存本步").click()
    at.run()
    assert not at.error and at.success[0].value == f"工单 {ticket} 已转入「办结」。"
    line = _table(at, "本环节超时")
    assert line["环节"].tolist() == ["受理", "核查", "处理", "回访", "办结"]
    assert line["经办人"].tolist()[0] == "张受理"
    at.text_input(key="flow_correct_note").set_value("更正投诉人电话")
    at.text_input(key="flow_correct_actor").set_value("张受理")
    next(b for b in at.button if b.label == "保存更正").click()
    at.run()
    assert at.success[0].value == f"工单 {ticket} 的更正已记录。"
    assert at.text_input(key="flow_correct_note").value == ""
    assert _table(at, "本环节超时")["环节"].tolist()[-1] == "更正"


def test_the_complaint_queue_and_time_limits(store):
    at = _app("views/complaints.py")
    queue = _table(at, "环节时限")
    open_count = _count(
        store,
        "SELECT count(*) FROM (SELECT ticket_id, arg_max(state, happened_at) s "
        "FROM complaint_events GROUP BY 1) WHERE s <> '办结'",
    )
    assert len(queue) == open_count
    assert set(queue["分类来源"].dropna()) == {"导入文件"}  # where each category came from
    _open_tab(at, "complaint_tab", DESK_TABS[3])
    limits = _table(at, "核查")
    assert len(limits) == 5
    at.selectbox(key="flow_limit_source").set_value("纪委转办")
    at.selectbox(key="flow_limit_state").set_value("处理")
    at.number_input(key="flow_limit_days").set_value(15)
    at.text_input(key="flow_limit_actor").set_value("管理员")
    next(b for b in at.button if b.label == "保存时限").click()
    at.run()
    assert not at.error and "15 个工作日" in at.success[0].value
    limits = _table(at, "核查").set_index("来源")
    assert limits.at["纪委转办", "处理"] == 15 and limits.at["12345热线", "处理"] == 5


def test_attendance_summary_drills_down_to_the_records(store):
    at = _app("views/attendance.py")
    assert not at.exception
    at.radio(key="attendance_span").set_value(12)
    at.radio(key="attendance_by").set_value("department")
    at.run()
    summary = _table(at, "在岗率(%)")
    total = _count(store, "SELECT count(*) FROM attendance WHERE check_date >= '2025-11-01'")
    assert summary["考勤检查次数(次)"].sum() == total
    worst = next(k for k in summary["部门"] if k != "（未注明）")
    assert at.selectbox(key="attendance_drill_department").value == worst
    records = _table(at, "打卡时间")
    assert set(records["部门"]) == {worst} and "在岗" not in set(records["结果"])
    assert records.loc[records["结果"] == "缺岗", "打卡时间"].isna().all()  # no punch
    # ... shown as a dash, not as the English None
    assert {d.proto.placeholder for d in at.dataframe} == {"—"}
    assert not _table(at, "不合格次数").empty  # staff-conduct failures from inspections
    at.radio(key="attendance_by").set_value("site_id")
    at.run()  # sites by their names, as on the other pages
    with duckdb.connect(str(store)) as connection:
        names = dict(connection.execute("SELECT site_id, name FROM sites").fetchall())
    sites = _table(at, "在岗率(%)")["点位"]
    assert set(sites) <= set(names.values()) | {"（未注明/网办无点位）"}
    assert set(_table(at, "打卡时间")["点位"].dropna()) <= set(names.values())


def test_the_login_page_comes_first_and_a_wrong_password_is_refused(store):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert at.title[0].value == labels.APP_TITLE and not at.metric  # no dashboard yet
    assert at.subheader[0].value == "登录"
    admin_exists = _count(store, "SELECT count(*) FROM users WHERE username = 'admin'")
    assert admin_exists == 1  # created on first start, with a generated password
    with duckdb.connect(str(store)) as connection:
        from effmon.security.accounts import add_user

        add_user(connection, "leader", "领导", "Director pw 2026", "test")
    at.text_input(key="login_name").set_value("leader")
    at.text_input(key="login_password").set_value("wrong password")
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    assert at.error[0].value == "用户名或密码错误。"
    at.text_input(key="login_password").set_value("Director pw 2026")
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    assert not at.exception and at.metric  # the overview's cards
    assert _count(store, "SELECT count(*) FROM audit_log WHERE action = 'login'") == 1


def test_an_idle_session_expires(store):
    at = _app()
    with duckdb.connect(str(store)) as connection:
        connection.execute("UPDATE sessions SET last_seen = TIMESTAMP '2026-01-01'")
    at.run()
    assert at.subheader[0].value == "登录"
    assert "自动退出登录" in at.info[0].value


def test_a_role_sees_only_its_pages_and_a_page_refuses_the_others(store):
    at = _app(role="巡查员")
    assert not at.exception
    assert at.title[0].value == "日常巡查"  # the first page the inspector may see
    at = AppTest.from_file(str(REPO / "views/overview.py"), default_timeout=60)
    at.session_state["user"] = {"username": "巡查", "role": "巡查员"}
    at.run()
    assert at.error[0].value == "当前账户的角色无权访问此页面或执行此操作。"
    assert not at.metric


def test_a_leader_sees_tables_without_downloads_and_an_export_is_audited(store):
    leader = _app("views/workload.py", role="领导")
    downloads = [b.proto.id for b in leader.get("download_button")]
    assert leader.dataframe and len(downloads) == 1  # the page's PDF, not its tables' data
    assert "page_pdf_export" in downloads[0]
    analyst = _app("views/workload.py", role="分析员")
    assert analyst.get("download_button")
    from effmon.ui.tables import exported

    data = exported(_table(analyst, "办件量(件)"), "窗口办件_测试", "xlsx", "测试用户")
    assert data[:2] == b"PK"  # an XLSX workbook (its audit entry: tests/test_downloads.py)


def test_a_leader_reads_the_field_pages_but_records_nothing(store):
    at = _app("views/inspections.py", role="领导")
    assert not at.exception
    # No tab opens onto a refusal: the page starts at the coverage board.
    assert [t.label for t in at.tabs] == ["覆盖情况", "巡查分析", "指标目录"]
    assert not [r for r in at.radio if r.key.startswith("visit_")]
    assert not [b for b in at.button if b.label in ("确认整改完成", "保存指标")]
    at = _app("views/complaints.py", role="领导")
    assert "登记投诉" not in [t.label for t in at.tabs]
    assert not [b for b in at.button if b.label in ("登记受理", "保存本步", "保存时限")]
    inspector = _app("views/inspections.py", role="巡查员")
    assert inspector.tabs[0].label == "巡查录入"


@pytest.mark.parametrize("role", ["领导", "分析员", "巡查员", "管理员"])
def test_the_demo_banner_says_what_the_role_can_do(store, role):
    at = _app(role=role)
    [banner] = [w.value for w in at.warning if "演示数据" in w.value]
    assert ("「数据管理」" in banner) == (role == "管理员")  # only it can open that page
    assert role == "管理员" or "请联系系统管理员" in banner


def test_the_audit_page_finds_logins_and_exports(store):
    with duckdb.connect(str(store)) as connection:
        from effmon.store import audit

        audit.record(connection, "王敏", "export", "窗口办件_2026-10", {"rows": 3})
        audit.record(connection, "李静", "login_failed", "李静", {"reason": "password"})
    at = _app("views/audit.py")
    assert len(_table(at, "详情")) >= 2
    at.selectbox(key="audit_action").set_value("export")
    at.run()
    found = _table(at, "详情")
    assert found["用户"].tolist() == ["王敏"] and found["操作"].tolist() == ["导出"]
    assert found["详情"].tolist() == ["行数：3"]  # named, not the stored JSON
    assert refused(_app("views/audit.py", role="分析员"))


def test_the_server_opens_no_outbound_connection(store, monkeypatch):
    import socket

    opened = []
    real = socket.socket.connect

    def watched(sock, address):
        opened.append(address)
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect", watched)
    for page in PAGES:
        assert not _app(page).exception
    outside = [a for a in opened if isinstance(a, tuple) and a[0] not in ("127.0.0.1", "::1")]
    assert not outside, outside


def test_an_administrator_adds_an_account_that_can_then_log_in(store):
    at = _app("views/users.py")
    at.text_input(key="users_name").set_value("zhaoyun")
    at.selectbox(key="users_role").set_value("巡查员")
    next(b for b in at.button if b.label == "新建").click()
    at.run()
    assert not at.error, [e.value for e in at.error]
    said = at.success[0].value
    password = said.rsplit("：", 1)[1]
    with duckdb.connect(str(store)) as connection:
        from effmon.security.accounts import authenticate

        assert authenticate(connection, "zhaoyun", password) == "巡查员"
    at.selectbox(key="users_pick").set_value("zhaoyun")
    at.radio(key="users_action").set_value("disable")
    next(b for b in at.button if b.label == "执行").click()
    at.run()
    assert at.success[0].value == "已停用账户 zhaoyun。"
    assert refused(_app("views/users.py", role="领导"))


def _provider_user(email: str) -> dict:
    """What st.user holds after the OIDC provider sent the user back."""
    return {"is_logged_in": True, "email": email}


def test_single_sign_on_logs_in_a_known_identity_and_refuses_a_stranger(store, monkeypatch):
    monkeypatch.setenv("EFFMON_SSO_PROVIDER", "default")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert [b.label for b in at.button][:1] == ["通过单位统一身份认证登录"]
    assert at.text_input(key="login_name")  # local accounts still log in beside it
    with duckdb.connect(str(store)) as connection:
        from effmon.security.accounts import add_user

        add_user(connection, "wang@district.gov.cn", "分析员", "Long enough pw", "test", sso=True)
    monkeypatch.setattr(st, "user", _provider_user("stranger@example.com"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert "没有以该身份" in at.error[0].value and not at.metric
    monkeypatch.setattr(st, "user", _provider_user("wang@district.gov.cn"))
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    assert not at.exception and at.metric  # straight to the overview, as 分析员
    assert at.session_state["user"] == {"username": "wang@district.gov.cn", "role": "分析员"}


def test_a_store_held_too_long_by_another_process_gives_a_clear_message(store, monkeypatch):
    monkeypatch.setenv("EFFMON_STORE_WAIT_SECONDS", "0.5")
    at = _app()  # the store opened (and migrated) once in this process, the user logged in
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path;"
         " from effmon.store.sharing import connect_waiting;"
         " con = connect_waiting(Path(sys.argv[1]), 30);"  # as a command waits for the app
         " print('held', flush=True); time.sleep(30)", str(store)],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        at.run()
    finally:
        holder.kill()
        holder.wait()
    assert not at.exception
    assert "秒内未释放，请稍后再试" in at.error[0].value


def test_the_hotspots_page_puts_the_planted_surge_on_top_and_drills_to_its_tickets(store):
    at = _app("views/hotspots.py")
    assert not at.exception
    surge = planted_events_of(store)["complaint_surge"]
    at.selectbox(key="filter_month").set_value(surge["start"][:7])
    at.run()
    ranked = _table(at, "热度")
    top = ranked.iloc[0]
    assert surge["keyword"] in top["热点问题"] or surge["category"] in top["热点问题"]
    assert top["投诉数"] >= 20
    # As the card counts them: a problem reported once is not listed as a hot issue.
    hot = next(m for m in at.metric if m.label.startswith("热点问题"))
    assert ranked["投诉数"].min() >= 2 and len(ranked) == int(hot.value.replace(",", ""))
    tickets = _table(at, "诉求内容")  # the drill shows the first issue's complaints
    assert len(tickets) == top["投诉数"]
    assert set(tickets["分类来源"]) == {"导入文件"}  # the demo's complaints come categorised
    assert tickets["诉求内容"].str.contains(surge["category"]).mean() > 0.8


def test_the_hotspots_page_trains_the_category_model_and_takes_a_review(store):
    at = _app("views/hotspots.py")
    next(b for b in at.button if b.label == "用本库投诉训练分类模型").click()
    at.run(timeout=240)  # trains, calibrates and cross-validates
    assert not at.exception and "已训练并保存投诉分类模型 v1" in at.success[0].value
    with duckdb.connect(str(store)) as connection:
        connection.execute(
            "UPDATE complaints SET category = NULL, category_source = NULL "
            "WHERE ticket_id IN (SELECT ticket_id FROM complaints ORDER BY ticket_id LIMIT 3)"
        )
        from effmon.analytics.complaint_categories import categorize_batch
        from effmon.text.categories import load_classifier

        batch = connection.execute(
            "SELECT batch_id FROM complaints WHERE category IS NULL LIMIT 1"
        ).fetchall()[0][0]
        categorize_batch(connection, batch, load_classifier(store))
        connection.execute(
            "UPDATE complaints SET category_confidence = 0.1 WHERE category_source = 'model'"
        )
    at = _app("views/hotspots.py")
    # How far the confidence holds, measured on the store's own complaints at training.
    trust = next(c.value for c in at.caption if c.value.startswith("按本模型的训练数据交叉验证"))
    assert "没有一条判错" in trust and "最低的 15% 仍送人工复核" in trust  # the demo's are plain
    reliability = json.loads(at.get("plotly_chart")[-1].proto.spec)["data"]
    assert [trace["name"] for trace in reliability] == ["置信度与准确率相等", "实际准确率"]
    queue = _table(at, "置信度")
    assert len(queue) >= 1
    ticket = queue["工单编号"].iloc[0]
    at.selectbox(key="review_ticket").set_value(ticket)
    at.selectbox(key="review_category").set_value("系统故障")
    next(b for b in at.button if b.label == "保存复核").click()
    at.run()
    assert "复核为「系统故障」" in at.success[0].value
    reviewed = _count(store, f"SELECT count(*) FROM category_reviews WHERE ticket_id = '{ticket}'")
    assert reviewed == 1
    # The next training learns from the correction: the learning curve counts it.
    next(b for b in at.button if b.label == "用本库投诉训练分类模型").click()
    at.run(timeout=240)  # trains, calibrates and cross-validates
    versions = _table(at, "其中复核更正")
    assert versions["版本"].tolist() == ["v1", "v2"]
    assert versions["其中复核更正"].tolist() == [0, 1]


def test_the_hotspots_page_shows_the_surge_as_an_emerging_topic(store):
    at = _app("views/hotspots.py")
    surge = planted_events_of(store)["complaint_surge"]
    at.selectbox(key="filter_month").set_value(surge["start"][:7])
    at.run()
    assert not at.exception
    topics = _table(at, "话题")
    assert topics["话题"].str.contains("社保卡|系统故障|补换").iloc[:3].any()


def test_the_hotspots_page_shows_on_time_closure_and_streets_by_category(store):
    at = _app("views/hotspots.py")
    assert not at.exception
    closure = _table(at, "按时办结率(%)")
    assert set(closure["来源"]) <= {"12345热线", "意见箱", "纪委转办", "现场", "网上"}
    assert (closure["按时办结"] <= closure["已办结"]).all()
    assert (closure["已办结"] <= closure["投诉数"]).all()
    on_time = (100 * closure["按时办结"] / closure["已办结"]).round(1)
    # in % like the other rates on the pages
    pd.testing.assert_series_equal(closure["按时办结率(%)"], on_time, check_names=False)
    at.radio(key="closure_dimension").set_value("street")
    at.run()
    assert "街道" in _table(at, "按时办结率(%)").columns
    streets = _table(at, "系统故障")  # the street × category table
    assert streets.iloc[:, 1:].to_numpy().sum() == int(at.metric[0].value.replace(",", ""))
    # categories over the 12 months to the sidebar month, though the span is one month
    months = _table(at, "2026-10")
    assert list(months.columns[1:]) == [
        str(pd.Period("2026-10", "M") - k) for k in range(11, -1, -1)
    ]
    assert months["2026-10"].sum() == int(at.metric[0].value.replace(",", ""))


def test_the_administrator_reads_every_setting_and_no_other_role_can(store, monkeypatch):
    monkeypatch.setenv("EFFMON_FAILURE_STREAK_MONTHS", "2")
    monkeypatch.setenv("EFFMON_ADMIN_PASSWORD", "Never-shown-pw1")
    at = _app("views/settings.py")
    assert not at.exception
    table = _table(at, "设置项").set_index("设置项")
    assert list(table.columns) == ["当前值", "默认值", "说明"]
    assert (table.loc["failure_streak_months", ["当前值", "默认值"]] == ["2", "3"]).all()
    assert "连续不合格" in table.loc["failure_streak_months", "说明"]
    assert table.loc["admin_password", "当前值"] == "已设置"
    assert not table.isin(["Never-shown-pw1"]).any().any()
    assert "failure_streak_months" in at.info[0].value  # named as changed
    assert "EFFMON_" in at.caption[0].value  # how to change one
    for role in ("领导", "分析员", "巡查员"):
        assert refused(_app("views/settings.py", role=role))
    direct = AppTest.from_file(str(REPO / "views/settings.py"), default_timeout=60)
    direct.session_state["user"] = {"username": "王敏", "role": "分析员"}
    direct.run()
    assert direct.error[0].value == "当前账户的角色无权访问此页面或执行此操作。"
    assert not direct.dataframe


@pytest.mark.parametrize("months", [1, 99])
def test_the_streak_setting_decides_the_inspection_pages_prompt_letter_problems(
    store, monkeypatch, months
):
    monkeypatch.setenv("EFFMON_FAILURE_STREAK_MONTHS", str(months))
    at = _open_tab(_app("views/inspections.py"), "inspection_tab", INSPECTION_TABS[2])
    assert any(f"连续不合格在本月达到 {months} 个月" in c.value for c in at.caption)
    letters = next((d.value for d in at.dataframe if "问题" in d.value.columns), None)
    streaks = [] if letters is None else letters["问题"][letters["问题"].str.startswith("连续")]
    assert (len(streaks) > 0) is (months == 1)  # every new failure of the month, or none


def test_a_failing_page_says_so_in_chinese_without_a_traceback(store, monkeypatch):
    from effmon.ui import cached, failure
    from tests.conftest import REAL_PAGE_FAILED

    monkeypatch.setattr(failure, "page_failed", REAL_PAGE_FAILED)

    def broken(*args):
        raise RuntimeError("/srv/effmon/secret.duckdb: something internal")

    monkeypatch.setattr(cached, "monthly_overview", broken)
    at = _app("views/overview.py")
    assert not at.exception
    shown = " ".join(e.value for e in at.error)
    assert labels.PAGE_FAILED in shown and "secret" not in shown and "Traceback" not in shown
