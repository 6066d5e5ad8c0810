"""The one formatter: values and changes as people read them."""

import math

import pandas as pd
import pytest

from effmon.semantic import display


@pytest.mark.parametrize(
    ("key", "value", "text"),
    [
        ("cases", 17331.0, "17,331 件"),
        ("cases", 102.0, "102 件"),
        ("online_share", 0.55813, "55.8%"),
        ("good_share", 0.97137, "97.14%"),
        ("wait_minutes_mean", 9.0994394618, "9.1 分钟"),
        ("satisfaction_index", 79.84, "79.8 分"),
        ("complaints", math.nan, "—"),
        ("complaints", None, "—"),
    ],
)
def test_value_by_its_rule(key, value, text):
    assert display.value_text(key, value) == text


@pytest.mark.parametrize(
    ("key", "value", "base", "words"),
    [
        ("cases", 1052.0, 1000.0, "上升 5.2%"),
        ("cases", 690.0, 1000.0, "下降 31.0%"),
        ("cases", 1001.0, 1000.0, "基本持平"),
        ("online_share", 0.526, 0.5, "上升 2.6 个百分点"),
        ("good_share", 0.962, 0.97, "下降 0.8 个百分点"),
        ("good_share", 0.9702, 0.97, "基本持平"),
        ("satisfaction_index", 76.5, 80.0, "下降 3.5 分"),
        ("complaints", 104.0, 3.0, "由 3 件增至 104 件"),  # not 3366.7%
        ("complaints", 2.0, 9.0, "由 9 件降至 2 件"),
        ("complaints", 5.0, 5.0, "基本持平"),
        ("wait_minutes_mean", 13.2, 13.3, "下降 0.8%"),  # a mean is no small count
        ("cases", 1000.0, math.nan, "—"),
    ],
)
def test_change_in_words(key, value, base, words):
    assert display.change_text(key, value, base) == words


@pytest.mark.parametrize(
    ("key", "value", "base", "judged"),
    [
        ("wait_minutes_mean", 11.9, 13.2, "good"),  # a shorter wait is good news
        ("complaints", 170.0, 63.0, "bad"),
        ("online_share", 0.56, 0.55, "good"),
        ("cases", 2000.0, 1000.0, "flat"),  # volume is neither
        ("on_time_share", 0.8, math.nan, "flat"),
    ],
)
def test_judgement_follows_the_direction(key, value, base, judged):
    assert display.judge(key, value, base) == judged


def test_table_values_are_rounded_numbers_in_percent():
    shares = display.table_values("online_share", pd.Series([0.55813, None]))
    assert shares.iloc[0] == 55.8 and math.isnan(shares.iloc[1])
    counts = display.table_values("cases", pd.Series([102.0, 3.0]))
    assert str(counts.dtype) == "Int64" and list(counts) == [102, 3]
    assert display.header("wait_minutes_mean") == "平均等候时长(分钟)"


def test_signed_change_for_a_card():
    assert display.signed_change_text("online_share", 0.56, 0.55) == "+1.0 个百分点"
    assert display.signed_change_text("cases", 1100.0, 1000.0) == "+10.0%"
    assert display.signed_change_text("cases", 1100.0, math.nan) is None
    assert display.signed_change_text("cases", 1000.4, 1000.0) == "基本持平"  # never +0.0%


NAMES = display.value_names(
    {
        "site": {"Q01": "主中心", "J03": "石羊街道综合便民服务中心"},
        "window": {
            "Q01-D01-4": ("主中心", "税务局"),
            "J03-综合4": ("石羊街道综合便民服务中心", None),
        },
        "indicator": {"I03": "一次性告知与首问责任"},
    }
)


@pytest.mark.parametrize(
    ("dimension", "key", "shown"),
    [
        ("site_id", "Q01", "主中心"),
        ("window_name", "Q01-D01-4", "主中心 税务局 4 号窗口"),
        ("window_name", "J03-综合4", "石羊街道综合便民服务中心 4 号综合窗口"),
        ("indicator_id", "I03", "一次性告知与首问责任"),
        ("site_id", None, "（未注明/网办无点位）"),
        ("department", float("nan"), "（未注明）"),
        ("department", "税务局", "税务局"),
        ("site_id", "X99", "X99"),  # a code the store has no name for stays as it is
    ],
)
def test_a_dimension_value_reads_by_its_name(dimension, key, shown):
    assert display.key_text(dimension, key, NAMES) == shown


def test_a_table_of_measures_has_names_headers_and_rounded_values():
    frame = pd.DataFrame(
        {"site_id": ["Q01", None], "cases": [1234.0, 5.0], "online_share": [0.5567, 1.0]}
    )
    shown = display.measure_table(frame, ["site_id"], ["cases", "online_share"], NAMES)
    assert list(shown.columns) == ["点位", "办件量(件)", "网办率(%)"]
    assert shown.values.tolist() == [["主中心", 1234, 55.7], ["（未注明/网办无点位）", 5, 100.0]]
    named = display.named(pd.DataFrame({"window_name": ["Q01-D01-4"], "note": ["Q01"]}), NAMES)
    assert named.values.tolist() == [["主中心 税务局 4 号窗口", "Q01"]]  # only dimensions
