"""Findings in words: what a finding is about reads as a person would say it."""

from effmon.findings_text import sentence

SITES = {"Q02": "高新区政务服务中心（东区分中心）"}


def _finding(**given) -> dict:
    return {
        "kind": "anomaly",
        "metric": "street_complaints",
        "key": "中和街道",
        "happened": "2026-08",
        "direction": "up",
        "value": 170.0,
        "expected": 73.0,
        "measure": "complaints",
        "judgement": "恶化",
        "severity": "严重",
        "evidence": {},
        **given,
    }


def test_a_surge_and_what_it_merged_read_without_list_labels():
    merged = {"merged": [{"metric": "category_complaints", "key": "系统故障"},
                         {"metric": "complaints", "key": None}]}  # fmt: skip
    said = sentence(_finding(evidence=merged), SITES)
    assert said.startswith("2026年8月中和街道投诉量偏高：实际 170 件，按以往规律预期约 73 件")
    assert "「系统故障」类投诉、全区投诉量" in said
    assert "（月）" not in said and "某" not in said


def test_a_streak_names_its_site_and_indicator_without_codes():
    streak = _finding(kind="streak", metric="repeated_failure", key="Q02 I32 大厅人员管理",
                      value=3.0, measure="inspection_pass_share", direction="down")  # fmt: skip
    said = sentence(streak, SITES)
    assert said.startswith(
        "高新区政务服务中心（东区分中心）「大厅人员管理」自2026年8月起连续 3 个月"
    )
    assert "Q02" not in said and "I32" not in said
