"""Findings: one surge is one finding with its breakdown; judgement reads the measure's
direction; severity needs both significance and size; identities do not depend on order."""

import numpy as np
import pandas as pd
import pytest

from effmon.analytics.findings import (
    CANDIDATE_COLUMNS,
    RECORD_COLUMNS,
    compute_findings,
    grade,
    judge,
)

SURGE = {"street": "中和街道", "category": "系统故障"}


def _records() -> pd.DataFrame:
    """30 complaints of a month: 20 about one outage at one street, 10 scattered."""
    surge = [("中和街道", "系统故障", "人社局", "J07")] * 20
    others = [
        ("桂溪街道", "服务态度", "税务局", "J02"),
        ("桂溪街道", "服务态度", "税务局", "J02"),
        ("桂溪街道", "办事指南", "公安分局", "J02"),
        ("桂溪街道", "环境设施", "公安分局", "J02"),
        ("石羊街道", "服务态度", "医保局", "J03"),
        ("石羊街道", "办事指南", "医保局", "J03"),
        ("中和街道", "服务态度", "税务局", "J07"),
        ("芳草街街道", "咨询电话", "人社局", "J05"),
        ("芳草街街道", "服务态度", "民政局", "J05"),
        ("西园街道", "环境设施", "民政局", "J06"),
    ]
    rows = surge + others
    frame = pd.DataFrame(rows, columns=RECORD_COLUMNS[1:])
    return frame.assign(ticket_id=[f"T{i:03d}" for i in range(len(rows))])[RECORD_COLUMNS]


def _baseline() -> pd.DataFrame:
    return pd.DataFrame(
        [
            ("中和街道", "系统故障", "人社局", 0.5),
            ("桂溪街道", "服务态度", "税务局", 2.0),
            ("石羊街道", "服务态度", "医保局", 1.0),
        ],
        columns=["street", "category", "department", "expected"],
    )


def _candidate(**values) -> dict:
    row = dict.fromkeys(CANDIDATE_COLUMNS)
    row.update(
        kind="anomaly", measure="complaints", happened="2026-08", direction="up",
        expected=np.nan, score=1.0, significance="一般", detail={},
    )  # fmt: skip
    row.update(values)
    return row


def _surge_candidates() -> pd.DataFrame:
    """The surge as the scan sees it five times over, plus two unrelated candidates."""
    return pd.DataFrame(
        [
            _candidate(metric="street_complaints", key="中和街道", value=21.0, expected=2.0,
                       score=30.0, significance="严重", where=[SURGE]),
            _candidate(metric="complaints", key=None, value=30.0, expected=11.0, score=6.0,
                       significance="严重", where=[SURGE]),
            _candidate(metric="category_complaints", key="系统故障", value=20.0, expected=1.0,
                       score=14.0, significance="严重", where=[SURGE]),
            _candidate(kind="hot_issue", metric="hot_issue", key="中和街道：社保卡、系统故障",
                       value=18.0, score=16.0, tickets=[f"T{i:03d}" for i in range(18)]),
            _candidate(kind="change", metric="complaints_change", key="人社局", value=21.0,
                       expected=3.0, score=10.0, where=[{"department": "人社局"}]),
            _candidate(metric="street_complaints", key="桂溪街道", value=4.0, expected=2.0,
                       score=2.5, where=[{"street": "桂溪街道"}]),
            _candidate(metric="site_wait_minutes", measure="wait_minutes_mean", key="Q02",
                       direction="down", value=6.0, expected=11.0, score=-4.5,
                       significance="严重", detail={"unit": "Q02"}),
        ]
    )  # fmt: skip


def _findings(candidates: pd.DataFrame) -> pd.DataFrame:
    return compute_findings(candidates, _records(), _baseline(), severe_change=0.3)


def test_one_surge_is_one_finding_with_its_breakdown():
    found = _findings(_surge_candidates())
    assert len(found) == 3  # the surge, the unrelated street, the shorter wait
    surge = found.iloc[0]
    assert surge["finding_id"] == "complaints||2026-08|up"  # the total leads
    assert (surge["severity"], surge["judgement"]) == ("严重", "恶化")
    merged = {(m["metric"], m["key"]) for m in surge["evidence"]["merged"]}
    assert merged == {
        ("street_complaints", "中和街道"),
        ("category_complaints", "系统故障"),
        ("hot_issue", "中和街道：社保卡、系统故障"),
        ("complaints_change", "人社局"),
    }
    main = surge["evidence"]["breakdown"][0]
    assert main == {
        "street": "中和街道",
        "category": "系统故障",
        "department": "人社局",
        "actual": 20,
        "expected": 0.5,
    }
    assert surge["unit"] == "中和街道 人社局"
    assert "桂溪街道" in set(found["key"])  # its four complaints are not the surge's


def test_a_shorter_wait_is_good_news_not_severe():
    found = _findings(_surge_candidates()).set_index("metric")
    wait = found.loc["site_wait_minutes"]
    assert (wait["judgement"], wait["severity"]) == ("向好", "提示")
    assert wait["rank"] == 3  # after the worsening ones
    assert wait["unit"] == "Q02"


def test_a_fall_is_not_merged_with_a_rise_about_the_same_complaints():
    candidates = pd.concat(
        [
            _surge_candidates().head(1),
            pd.DataFrame(
                [
                    _candidate(
                        metric="category_complaints",
                        key="系统故障",
                        direction="down",
                        value=1.0,
                        expected=5.0,
                        score=-3.0,
                        where=[SURGE],
                    )
                ]
            ),
        ]
    )
    found = _findings(candidates)
    assert len(found) == 2
    fall = found.set_index("direction").loc["down"]
    assert fall["judgement"] == "向好" and "breakdown" not in fall["evidence"]


def test_identities_do_not_depend_on_the_order_of_the_candidates():
    candidates = _surge_candidates()
    once = _findings(candidates)
    again = _findings(candidates.iloc[::-1])
    pd.testing.assert_frame_equal(once.drop(columns="evidence"), again.drop(columns="evidence"))


def test_no_candidates_no_findings():
    found = _findings(pd.DataFrame(columns=CANDIDATE_COLUMNS))
    assert found.empty and "finding_id" in found


@pytest.mark.parametrize(
    ("measure", "direction", "judgement"),
    [
        ("wait_minutes_mean", "down", "向好"),  # a shorter wait
        ("wait_minutes_mean", "up", "恶化"),
        ("complaints", "down", "向好"),
        ("complaints", "up", "恶化"),
        ("good_share", "down", "恶化"),
        ("online_share", "up", "向好"),
        ("inspection_pass_share", "down", "恶化"),  # a failure streak
        ("no_such_measure", "up", "异动"),  # no better direction known
    ],
)
def test_judgement_reads_the_direction_of_the_measure(measure, direction, judgement):
    assert judge(measure, direction) == judgement


@pytest.mark.parametrize(
    ("judgement", "significance", "effect", "severity"),
    [
        ("恶化", "严重", 1.5, "严重"),
        ("恶化", "严重", 0.05, "一般"),  # significant but small: a big series' wobble
        ("恶化", "一般", 1.5, "一般"),  # large but within chance
        ("恶化", "严重", np.nan, "严重"),  # no expectation (a streak): significance decides
        ("向好", "严重", -0.6, "提示"),
        ("异动", "严重", 2.0, "一般"),
    ],
)
def test_severity_needs_significance_and_size(judgement, significance, effect, severity):
    assert grade(judgement, significance, effect, severe_change=0.3) == severity
