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
