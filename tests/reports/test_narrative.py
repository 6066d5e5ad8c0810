"""Generated sentences: changes in words, and the suggestions tied to findings."""

from __future__ import annotations

import pandas as pd
import pytest

from effmon.reports import narrative


def test_listing_joins_the_chinese_way():
    assert narrative.listing(["甲"]) == "甲"
    assert narrative.listing(["甲", "乙", "丙"]) == "甲、乙和丙"


@pytest.mark.parametrize(
    ("p", "shown"),
    [(0.04321, "0.043"), (0.001, "0.001"), (0.000999, "< 0.001"), (1e-12, "< 0.001")],
)
def test_p_value_never_reads_zero(p, shown):
    assert narrative.p_value(p) == shown


NOTHING = pd.DataFrame(columns=["key", "measure", "current"])
NO_HOT = pd.DataFrame(columns=["title", "complaints"])
NO_FALLS = pd.DataFrame(columns=["department", "index"])


def test_nothing_found_suggests_nothing():
    assert narrative.suggestions(NOTHING, NO_HOT, 0.95, NO_FALLS, []) == []


def test_each_finding_brings_its_suggestion():
    attention = pd.DataFrame(
        {
            "key": ["税务局", "Q01", "医保局"],
            "measure": ["complaints", "wait_minutes_mean", "overdue_cases"],
            "current": [9.0, 21.5, 12.0],
        }
    )
    hot = pd.DataFrame({"title": ["某小区：车位、捆绑", "单件问题"], "complaints": [12, 1]})
    falls = pd.DataFrame({"department": ["不动产登记中心"], "index": [67.3]})
    findings = [
        {
            "kind": "measured",
            "key": "中和街道",
            "unit": "人社局",
            "sentence": "2026年9月中和街道投诉量偏高：实际 15 件，按以往规律预期约 2 件。",
        },
        {"kind": "hot_issue", "key": "某小区：车位、捆绑", "unit": None, "sentence": "热点。"},
    ]
    found = narrative.suggestions(attention, hot, 0.82, falls, findings, {"Q01": "主中心"})
    text = "\n".join(found)
    assert "税务局投诉诉求增至 9 件" in text
    assert "主中心窗口平均等候时长上升至 21.5 分钟" in text and "增开窗口" in text
    assert "医保局超期办件增至 12 件" in text
    assert "「某小区：车位、捆绑」已有 12 件" in text and "单件问题" not in text
    assert "按时办结率为 82.0%，低于 90.0%" in text
    assert "不动产登记中心满意度指数降至 67.3 分" in text
    assert "中和街道投诉量偏高" in text and "建议人社局查明原因" in text
    assert "热点。" not in text  # a hot issue has its own suggestion


def test_a_streak_of_failed_inspections_is_to_be_rectified_and_checked_again():
    streak = {"kind": "streak", "key": "Q01 I04 办事指南更新准确", "value": 4, "unit": "Q01"}
    [said] = narrative.suggestions(NOTHING, NO_HOT, 0.95, NO_FALLS, [streak], {"Q01": "主中心"})
    assert said.startswith("主中心「办事指南更新准确」已连续 4 个月巡查不合格")
    assert "提示函" in said and "复查" in said and "核实原因" not in said
