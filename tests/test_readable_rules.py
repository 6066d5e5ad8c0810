"""Each readable-output rule (tests/readable_rules.py) on a bad example, which it reports,
and a good one, which it leaves alone."""

from __future__ import annotations

import pandas as pd
import pytest

from tests import readable_rules as rules

SITES = {"Q02": "高新区政务服务中心（东区分中心）", "S48": "肖家河社区便民服务室"}
IDS = rules.id_pattern(SITES, ["Q02-D01-4", "S48-综合2"])
DECIMALS = {"网办率": 1, "好评率": 2, "办件量": 0, "每窗口办件量": 1}


@pytest.mark.parametrize(
    ("rule", "bad", "good"),
    [
        (rules.fraction_share_in_text, "好评率 0.97", "好评率 97.0%"),
        (rules.fraction_share_in_text, "网办率为0.558", "网办率上升 0.55 个百分点"),
        (rules.share_over_100_in_text, "好评率 123.4%", "办件量同比上升 120.0%"),
        (rules.share_over_100_in_text, "在岗率：101%", "在岗率 100.0%"),
        (
            rules.share_change_in_percent_in_text,
            "好评率同比上升 1.2%",
            "好评率同比上升 1.2 个百分点",
        ),
        (rules.share_change_in_percent_in_text, "网办率落后 28.1%", "办件量同比上升 5.2%"),
        (rules.percent_on_small_base_in_text, "环比变化 3366.7%", "由 3 件增至 104 件"),
        (rules.percent_on_small_base_in_text, "同比上升 1,959.5%", "同比上升 959.5%"),
        (rules.too_many_decimals_in_text, "平均等候 9.0994394618 分钟", "平均等候 9.1 分钟"),
        (rules.too_many_decimals_in_text, "MASE 0.634", "有明显趋势（p < 0.001）"),
        (rules.too_many_decimals_in_text, "相对变化 -12.475%", "p 值 0.275 无显著变化"),
        (rules.count_with_point_zero_in_text, "受理办件 102.0 件", "受理办件 102 件"),
        (rules.count_with_point_zero_in_text, "抽查 3,744.0 人次", "等候 13.0 分钟，好评率 97.0%"),
        (rules.count_with_point_zero_in_text, "办件量 102.0", "满意度指数 85.0"),
        (rules.count_with_point_zero_in_text, "投入 12.0 人", "投入 12.0 人天"),
        (rules.count_with_point_zero_in_text, "共 39.0 个", "日均 39.0 个，变化为 -1.0 个"),
        (rules.english_in_text, "Oct 2026", "2026年10月"),
        (rules.thousands_without_separator_in_text, "办件量 3923 件", "办件量 3,923 件"),
        (
            rules.thousands_without_separator_in_text,
            "日均 1234.5 件",
            "2026年 12345热线 TS20260807001446 2026-08-07 17:30 〔2026〕",
        ),
        (
            rules.maker_named_in_text,
            "由 命令行（root） 于 2026-12-03 17:24 生成",
            "生成时间：2026-12-03 17:24",
        ),
        (rules.maker_named_in_text, "由测试员于2026-11-05 09:00生成", "由承办单位答复"),
        (rules.english_in_text, "办件量 20k", "办件量 20,000 件"),
        (rules.english_in_text, "1.5M", "P90 等候时长"),
        (rules.english_in_text, "Choose an option", "请选择"),
        (rules.english_in_text, "差评率 nan%", "差评率 —"),
        (rules.english_in_text, "锁定至 NaT", "Bonferroni 校正"),
        (rules.english_in_text, "None", "无"),
    ],
)
def test_text_rule(rule, bad, good):
    assert rule(bad), f"{rule.__name__} misses {bad!r}"
    assert not rule(good), f"{rule.__name__} wrongly reports {good!r}"


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("网办率 55.81%", "网办率 55.8%"),
        ("好评率 97.136%", "好评率 97.14%"),
        ("办件量 102.5", "每窗口办件量 102.5"),
        ("办件量：9.8", "日办件量 9.8"),  # a daily mean is another quantity
    ],
)
def test_decimals_over_the_measure_rule_in_text(bad, good):
    assert rules.decimals_over_rule_in_text(bad, DECIMALS)
    assert not rules.decimals_over_rule_in_text(good, DECIMALS)


@pytest.mark.parametrize(
    ("bad", "good"),
    [
        ("Q02 连续 3 个月巡查不合格", "Q02 高新区政务服务中心（东区分中心） 连续 3 个月巡查不合格"),
        ("点位 Q02", "高新区政务服务中心（东区分中心）（Q02）"),
        ("窗口 Q02-D01-4 差评", "高新区政务服务中心（东区分中心） Q02-D01-4 差评"),
        ("S48-综合2", "肖家河社区便民服务室 S48-综合2"),
    ],
)
def test_bare_ids_in_text(bad, good):
    assert rules.bare_ids_in_text(bad, SITES, IDS)
    assert not rules.bare_ids_in_text(good, SITES, IDS)


def test_ids_are_whole_tokens():
    assert not rules.bare_ids_in_text("工单 TSQ0220261001 与 Q021", SITES, IDS)


@pytest.mark.parametrize(
    ("header", "share", "count"),
    [
        ("网办率(%)", True, False),
        ("好评率", True, False),
        ("延时服务占比", True, False),
        ("同比(%)", False, False),
        ("环比变化率", False, False),
        ("办件量", False, True),
        ("办件量(件)", False, True),
        ("评价数", False, True),
        ("抽查人次(人)", False, True),
        ("满意度指数", False, False),
        ("每窗口小时办件量", False, False),  # a ratio of the catalog, not a count
        ("平均等候时长(分钟)", False, False),
    ],
)
def test_column_kinds(header, share, count):
    assert rules.is_share_header(header) == share
    assert rules.is_count_header(header) == count


@pytest.mark.parametrize(
    ("rule", "header", "bad", "good"),
    [
        (rules.fraction_share_column, "好评率(%)", [0.97, 0.953, 0.88], [97.0, 95.3, 88.0]),
        # a small share in % (差评率 0.35%) is no fraction
        (rules.fraction_share_column, "差评率(%)", [0.97, 0.53], [0.35, 0.12, 0.0]),
        (rules.share_over_100_column, "好评率(%)", [97.0, 123.4], [97.0, 100.0]),
        (rules.share_over_100_column, "按时办结率", [101.5], [99.9]),
        (rules.too_many_decimals_column, "平均等候时长(分钟)", [9.0994394618], [9.1]),
        (rules.too_many_decimals_column, "MASE", [0.634], [0.63]),
        (rules.count_as_float_column, "办件量", [148.0, 93.0], [148, 93]),
        (rules.count_as_float_column, "差评数(条)", [1.0, 0.0], [1, 0]),
    ],
)
def test_column_rule(rule, header, bad, good):
    assert rule(header, pd.Series(bad)), f"{rule.__name__} misses {bad}"
    assert not rule(header, pd.Series(good)), f"{rule.__name__} wrongly reports {good}"


def test_no_rule_on_progress_against_a_plan():
    assert not rules.share_over_100_column("完成比例(%)", pd.Series([100.7]))


def test_the_catalog_rule_of_a_column():
    # 网办率 shows 1 decimal: 55.81 is over its rule, though under 2
    assert rules.too_many_decimals_column("网办率(%)", pd.Series([55.81]), rule=1)
    assert not rules.too_many_decimals_column("网办率(%)", pd.Series([55.8]), rule=1)


def test_p_values_keep_three_decimals():
    assert not rules.too_many_decimals_column("p 值", pd.Series([0.275]))


def test_a_long_table_follows_each_row_measure():
    bad = pd.DataFrame({"指标": ["投诉诉求量", "平均等候时长"], "本月": [6.0, 17.25]})
    assert rules.row_measure_cells(bad, whole=True) == ["投诉诉求量 本月=6.0"]
    assert rules.row_measure_cells(bad, whole=False) == ["平均等候时长 本月=17.25"]
    good = pd.DataFrame({"指标": ["投诉诉求量", "平均等候时长"], "本月": ["6 件", "17.3 分钟"]})
    assert not rules.row_measure_cells(good, whole=True)
    assert not rules.row_measure_cells(good, whole=False)


def test_bare_id_cells():
    bad = pd.DataFrame({"点位": ["Q02"], "不合格": [3]})
    good = pd.DataFrame({"点位": ["Q02"], "点位名称": [SITES["Q02"]]})
    named = pd.DataFrame({"窗口": [f"{SITES['S48']} S48-综合2"]})
    assert rules.bare_id_cells(bad, SITES, IDS) == ["点位=Q02"]
    assert not rules.bare_id_cells(good, SITES, IDS)
    assert not rules.bare_id_cells(named, SITES, IDS)


def test_english_cells():
    assert rules.english_cells(pd.DataFrame({"状态": ["nan"]}))
    assert rules.english_cells(pd.DataFrame({"Choose an option": ["待整改"]}))
    assert not rules.english_cells(pd.DataFrame({"状态": ["待整改"]}))


def test_english_date_axes():
    dates = {"x": ["2026-11-01T00:00:00", "2026-11-02T00:00:00"], "y": [1, 2]}
    assert rules.english_date_axes({"data": [dates], "layout": {}}) == [
        "xaxis (2026-11-01T00:00:00 …)"
    ]
    dated = {"data": [dates], "layout": {"xaxis": {"tickformat": "%m-%d"}}}
    months = {"data": [{"x": ["2025-11", "2025-12"]}], "layout": {}}  # a category axis
    assert not rules.english_date_axes(dated)
    assert not rules.english_date_axes(months)
