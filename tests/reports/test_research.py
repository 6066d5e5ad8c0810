"""专项调研报告 on the small demo store: the planted system launch comes out clearly, and
the measures it did not touch do not."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from effmon.analytics.research import Window, before_after, peer_gaps
from effmon.demo.build import planted_events
from effmon.errors import EffmonError
from effmon.reports.request import Request
from effmon.reports.research import (
    event_position,
    gap_text,
    make_research_report,
    peer_advice,
    sourced,
    sources_text,
)
from effmon.semantic import display
from effmon.store import queries
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


def _report_text(demo, launch) -> str:
    request = Request(
        launch["date"], "分析员", unit=launch["site_id"], event="上线智能叫号系统",
        now=datetime(2026, 11, 5),
    )  # fmt: skip
    return "".join(pages_text(make_research_report(demo, request)))


def test_the_report_names_the_comparison_units(demo, launch, launch_effects):
    _, comparison = launch_effects
    names = queries.site_names(demo)
    units = [names[s] for s in comparison.filters.site_ids]
    text = _report_text(demo, launch)
    method = text[text.rindex("一、调研事项与方法") : text.rindex("二、事件前后对比")]
    assert f"对比单位共{len(units)}个：{'、'.join(units)}。" in method


def test_peer_benchmarks_state_their_source_and_advise_once(demo, launch):
    text = _report_text(demo, launch)
    (source,) = {n for (n,) in demo.execute("SELECT DISTINCT note FROM benchmarks").fetchall()}
    peers = text[text.rindex("三、与先进地区对标") : text.rindex("四、结论与建议")]
    assert f"数据来源：{source}。" in peers
    assert peers.count("本区无此数据") == 1
    advice = text[text.rindex("四、结论与建议") :]
    assert advice.count("落后于对标地区") <= 2 and "对标学习其做法" not in advice


def _gaps(notes: list) -> pd.DataFrame:
    peers = pd.DataFrame(
        {
            "region": ["甲市", "乙市", "丙市"],
            "indicator": ["网办率", "网办率", "好评率"],
            "value": [90.0, 85.0, 99.7],
            "unit": "%",
            "note": notes,
        }
    )
    return peer_gaps(peers, {"online_share": 0.60, "good_share": 0.995})


def test_benchmarks_without_a_source_are_left_out_and_counted():
    gaps = _gaps(["某省政务服务年报", None, " "])
    assert sourced(gaps)["region"].tolist() == ["甲市"]
    assert sources_text(sourced(_gaps(["年报甲", "年报乙", "年报甲"]))) == (
        "年报甲（甲市、丙市）；年报乙（乙市）"
    )


def test_peer_advice_is_proportional_to_the_gap():
    """网办率 30 points behind calls for a plan; 好评率 0.2 points behind only for a note."""
    large, small = peer_advice(_gaps(["年报", "年报", "年报"]))
    assert "网办率（比甲市低 30.0 个百分点）" in large and "制定改进措施" in large
    assert "好评率（比丙市低 0.20 个百分点）" in small and "差距较小" in small


def test_daily_means_and_their_changes_read_with_one_decimal_each(demo, launch):
    """The catalog's rule for means: 80.6 件 beside -1.0 个, never -1 个 beside +1.8 件."""
    text = _report_text(demo, launch)
    effects = text[text.rindex("二、事件前后对比") : text.rindex("三、与先进地区对标")]
    amounts = re.findall(r"([+-]?[\d,]+(?:\.\d+)?)(?:件|个|分钟)", effects)
    assert amounts and all(re.fullmatch(r"[+-]?[\d,]+\.\d", a) for a in amounts), amounts


@pytest.mark.parametrize(
    ("key", "value", "signed", "said"),
    [
        ("cases", 80.6, False, "80.6 件"),
        ("windows", -1.0, True, "-1.0 个"),
        ("cases", 1234.56, False, "1,234.6 件"),
        ("wait_minutes_mean", 8.06, True, "+8.1 分钟"),
    ],
)
def test_a_mean_reads_by_the_catalog_rule_for_means(key, value, signed, said):
    assert display.mean_text(key, value, signed) == said


def test_the_chart_marks_the_event_and_dates_its_axis_with_the_year(demo, launch):
    text = _report_text(demo, launch)
    day = date.fromisoformat(launch["date"])
    assert f"{day:%Y-%m-%d}上线智能叫号系统" in text  # the labelled line
    first = day - timedelta(weeks=8)
    assert f"{first - timedelta(days=first.weekday()):%Y-%m-%d}" in text  # the axis, with year


@pytest.mark.parametrize(
    ("event", "position"),
    [("2026-02-02", 2.0), ("2026-02-05", 2 + 3 / 7), ("2026-01-19", 0.0)],
)
def test_the_event_falls_between_the_weeks_around_it(event, position):
    weeks = pd.Series(pd.to_datetime(["2026-01-19", "2026-01-26", "2026-02-02", "2026-02-09"]))
    assert event_position(weeks, date.fromisoformat(event)) == pytest.approx(position)
