"""专项调研报告 on the small demo store: the planted system launch comes out clearly, and
the measures it did not touch do not."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from effmon.analytics.research import Window, before_after
from effmon.demo.build import planted_events
from effmon.errors import EffmonError
from effmon.reports.request import Request
from effmon.reports.research import gap_text, make_research_report
from effmon.store.filters import Filters
from tests.reports.pdf import pages_text


@pytest.fixture(scope="module")
def launch(demo) -> dict:
    return planted_events(demo)["system_launch"]


@pytest.fixture(scope="module")
def launch_effects(demo, launch):
    event = date.fromisoformat(launch["date"])
    _daily, effects, comparison = before_after(
        demo, Filters(site_ids=(launch["site_id"],)), Window(event, 8)
    )
    return effects.set_index("measure"), comparison


def test_the_planted_wait_drop_is_found(launch_effects, launch):
    effects, comparison = launch_effects
    wait = effects.loc["wait_minutes_mean"]
    assert wait["verdict"] == "down" and wait["effect_high"] < 0
    # planted: waits × 0.55 from the launch on
    assert wait["effect_low"] <= wait["before"] * (launch["wait_factor"] - 1) <= wait["effect_high"]
    assert comparison.kind == "level"  # the other 区级大厅


def test_what_was_not_planted_is_no_significant_change(launch_effects):
    effects, _ = launch_effects
    assert effects.loc["cases", "verdict"] == "none"
    assert effects.loc["windows", "verdict"] == "none"


def test_the_headline_agrees_with_the_raw_means(launch_effects):
    """A significant change never points against the unit's own means without saying why."""
    effects, _ = launch_effects
    for measure, row in effects.iterrows():
        if row["verdict"] != "none":
            assert (row["effect"] > 0) == (row["difference"] > 0), measure


def test_the_report_names_the_event_and_finds_the_drop(demo, launch):
    request = Request(
        launch["date"], "分析员", unit=launch["site_id"], event="上线智能排队叫号系统",
        now=datetime(2026, 11, 5),
    )  # fmt: skip
    text = "".join(pages_text(make_research_report(demo, request)))
    day = date.fromisoformat(launch["date"])
    said = f"{day.year}年{day.month}月{day.day}日"
    assert "专项调研报告" in text and f"事件日期：{said}" in text
    method = text[text.rindex("一、调研事项与方法") : text.rindex("二、事件前后对比")]
    assert f"于{said}上线智能排队叫号系统" in method
    assert "同级别其他点位" in method
    effects = text[text.rindex("二、事件前后对比") : text.rindex("三、与先进地区对标")]
    assert "平均等候时长显著下降" in effects and "95%置信区间" in effects
    assert "日办件量无显著变化" in effects and "开放窗口数无显著变化" in effects
    assert "显著上升" not in effects
    peers = text[text.rindex("三、与先进地区对标") : text.rindex("四、结论与建议")]
    assert all(region in peers for region in ("上海浦东", "深圳", "苏州", "北京"))
    assert peers.count("本区无此数据") <= 1
    advice = text[text.rindex("四、结论与建议") :]
    assert "平均等候时长显著下降" in advice and "推广" in advice


@pytest.mark.parametrize(
    ("indicator", "ours", "peer", "said"),
    [
        ("即办件占比", 29.4, 57.5, "低 28.1 个百分点"),
        ("网办率", 90.0, 88.0, "高 2.0 个百分点"),
        ("平均等候时长", 13.6, 5.5, "高 8.1 分钟"),
        ("好评率", 96.97, 99.8, "低 2.83 个百分点"),
        ("网办率", 88.0, 88.0, "持平"),
    ],
)
def test_gaps_between_shares_are_in_points(indicator, ours, peer, said):
    assert gap_text(indicator, ours, peer) == said


def test_an_event_too_close_to_the_data_end_is_a_clear_error(demo):
    request = Request("2026-10-28", "分析员")  # data end 10-31
    with pytest.raises(EffmonError, match="事件前后各需至少"):
        make_research_report(demo, request)
