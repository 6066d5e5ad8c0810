"""The satisfaction index: its formula, monotonicity, intervals, falls; follow-up summary."""

from datetime import datetime

import numpy as np
import pandas as pd
import pytest

from effmon.analytics.satisfaction import followup_summary
from effmon.analytics.satisfaction_index import falls, index_by, ranking, score_evaluations


def _score(texts):
    """A stand-in scorer: texts with 好 are positive, others negative."""
    return np.array([0.9 if "好" in t else 0.1 for t in texts])


def _rows(levels, comments=None):
    n = len(levels)
    return pd.DataFrame(
        {
            "evaluation_id": [f"E{i}" for i in range(n)],
            "month": ["2026-10"] * n,
            "department": ["税务局"] * n,
            "level": levels,
            "comment": comments or [None] * n,
        }
    )


def test_score_of_one_evaluation_follows_the_formula():
    scored, mentions = score_evaluations(_rows([4], ["态度很好，但是排队太久"]), _score)
    # rating 0.75; comment sentiment 0.9; aspects: attitude 0.9, efficiency 0.1 → 0.5
    assert scored["x"][0] == pytest.approx(60 * 0.75 + 20 * 0.9 + 20 * 0.5)
    assert sorted(mentions["aspect"]) == ["attitude", "efficiency"]


def test_without_a_comment_the_rating_stands_for_everything():
    scored, _ = score_evaluations(_rows([5, 1]), _score)
    assert scored["x"].tolist() == [100.0, 0.0]


@pytest.mark.parametrize(
    ("worse", "better"),
    [
        ((3, "态度差"), (4, "态度差")),  # a better rating
        ((4, "态度差"), (4, "态度好")),  # a more positive comment and aspect
        ((4, "说不上来"), (4, "还好")),  # a more positive comment, no aspect
    ],
)
def test_index_rises_with_each_input(worse, better):
    low, _ = score_evaluations(_rows([worse[0]], [worse[1]]), _score)
    high, _ = score_evaluations(_rows([better[0]], [better[1]]), _score)
    assert high["x"][0] > low["x"][0]


def test_fewer_evaluations_give_a_wider_interval_and_a_lower_rank():
    scored = pd.DataFrame(
        {
            "department": ["少"] * 3 + ["多"] * 300,
            "x": [100.0] * 3 + list(np.tile([100.0, 100.0, 100.0, 100.0, 90.0], 60)),
        }
    )
    index = index_by(scored, ["department"]).set_index("department")
    assert index.loc["少", "index"] > index.loc["多", "index"]
    width = index["high"] - index["low"]
    assert width["少"] > width["多"] > 0
    assert ranking(index.reset_index())["department"].tolist() == ["多", "少"]


def test_a_fall_is_a_month_whose_interval_lies_below_the_median():
    months = [f"2026-{m:02d}" for m in range(1, 7)]
    scored = pd.DataFrame(
        [
            {"department": d, "month": m, "x": x}
            for d in ("税务局", "人社局")
            for m in months
            for x in (
                [40.0, 50.0, 60.0] * 10 if (d, m) == ("税务局", "2026-04") else [95.0, 90.0] * 15
            )
        ]
    )
    found = falls(index_by(scored, ["department", "month"]))
    assert found[["department", "month"]].values.tolist() == [["税务局", "2026-04"]]
    assert found["fall"][0] == pytest.approx(92.5 - 50.0)


def test_followup_summary_per_department():
    items = pd.DataFrame(
        {
            "department": ["税务局", "税务局", "人社局"],
            "state": ["已整改", "已回访", "已整改"],
            "evaluated_at": [datetime(2026, 10, 1), datetime(2026, 10, 2), datetime(2026, 10, 3)],
            "rectified_at": [datetime(2026, 10, 5), pd.NaT, datetime(2026, 10, 4, 12)],
            "overdue": [False, True, False],
        }
    )
    summary = followup_summary(items).set_index("department")
    assert summary.loc["税务局", ["items", "rectified", "overdue"]].tolist() == [2, 1, 1]
    assert summary.loc["税务局", "rectify_share"] == 0.5
    assert summary.loc["税务局", "days_to_fix"] == 4.0
    assert summary.loc["人社局", "days_to_fix"] == 1.5
