"""Emerging topics: a synthetic rise is found, steady and chance words are not."""

from __future__ import annotations

import pandas as pd

from effmon.analytics.emerging import emerging_topics

STEADY = ["窗口排队时间太长", "工作人员态度不好", "办事指南写得不清楚", "停车位太少"]


def _tickets(prefix: str, texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"ticket_id": [f"{prefix}{i}" for i in range(len(texts))], "title": texts, "body": ""}
    )


def test_a_new_problem_is_found_while_still_small_and_steady_ones_are_not():
    previous = _tickets("P", STEADY * 30)  # three months of the usual complaints
    current = _tickets("C", STEADY * 10 + ["小区电梯故障停运困人"] * 6)
    found = emerging_topics(current, previous)
    assert len(found) == 1  # 电梯, 故障, 停运 and 困人 fold into one topic
    top = found.iloc[0]
    assert top["keyword"] in {"电梯", "故障", "停运", "困人"}
    assert top["complaints"] == 6 and top["before"] == 0
    assert top["p_value"] < 0.001 and len(top["ticket_ids"]) == 6


def test_a_chance_wobble_is_not_a_topic():
    previous = _tickets("P", STEADY * 30 + ["电梯故障"] * 6)
    current = _tickets("C", STEADY * 10 + ["电梯故障"] * 3)  # same share as before
    assert emerging_topics(current, previous).empty


def test_no_complaints_no_topics():
    assert emerging_topics(_tickets("C", []), _tickets("P", STEADY)).empty
