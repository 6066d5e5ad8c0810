"""The satisfaction index: its formula, monotonicity, intervals, falls; follow-up summary."""

from datetime import datetime

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from effmon.analytics.satisfaction import followup_summary
from effmon.analytics.satisfaction_index import (
    WEIGHTS,
    comment_scores,
    falls,
    index_by,
    ranking,
    satisfaction_index,
    store_comment_scores,
)
from effmon.store import satisfaction
from effmon.store.filters import Filters


def _score(texts):
    """A stand-in scorer: texts with 好 are positive, others negative."""
    return np.array([0.9 if "好" in t else 0.1 for t in texts])


def _store(con, evaluations):
    for i, (level, comment) in enumerate(evaluations):
        con.execute(
            "INSERT INTO evaluations (evaluation_id, evaluated_at, department, level, comment) "
            "VALUES (?, ?, '税务局', ?, ?)",
            [f"E{i}", datetime(2026, 10, 8, 9, i), level, comment],
        )
    store_comment_scores(con, _score)
    comments = satisfaction.distinct_comments(con, Filters(), "2026-10", "2026-10")
    return comment_scores(con, comments)[0]


def _x(con, evaluations):
    scores = _store(con, evaluations)
    rows = satisfaction.scored_evaluations(
        con, Filters(), "2026-10", "2026-10", scores, WEIGHTS, "税务局"
    )
    return rows.sort_values("comment", na_position="first")["x"].tolist()


def test_score_of_one_evaluation_follows_the_formula(con):
    scores = _store(con, [(4, "态度很好，但是排队太久")])
    index = satisfaction_index(con, Filters(), "2026-10", "2026-10", scores, ())
    # rating 0.75; comment sentiment 0.9; aspects: attitude 0.9, efficiency 0.1 → 0.5
    assert index["index"][0] == pytest.approx(60 * 0.75 + 20 * 0.9 + 20 * 0.5)


def test_without_a_comment_the_rating_stands_for_everything(con):
    assert sorted(_x(con, [(5, None), (1, None)])) == [0.0, 100.0]


@pytest.mark.parametrize(
    ("worse", "better"),
    [
        ((3, "态度差"), (4, "态度差")),  # a better rating
        ((4, "态度差"), (4, "态度好")),  # a more positive comment and aspect
        ((4, "说不上来"), (4, "还好")),  # a more positive comment, no aspect
    ],
)
def test_index_rises_with_each_input(con, worse, better):
    low = _x(con, [worse])[0]
    con.execute("DELETE FROM evaluations")
    high = _x(con, [better])[0]
    assert high > low


def test_fewer_evaluations_give_a_wider_interval_and_a_lower_rank():
    groups = pd.DataFrame(
        {
            "department": ["少", "多"],
            "evaluations": [3, 300],
            "index": [100.0, 98.0],
            "var": [0.0, 16.0],
        }
    )
    index = index_by(groups).set_index("department")
    width = index["high"] - index["low"]
    assert width["少"] > width["多"] > 0
    assert ranking(index.reset_index())["department"].tolist() == ["多", "少"]


def test_no_evaluations_no_index(con):
    index = satisfaction_index(con, Filters(), "2026-10", "2026-10", _store(con, []), ("month",))
    assert index.empty and list(index.columns) == ["month", "evaluations", "index", "low", "high"]


def test_pooled_variance_comes_from_the_groups():
    # Two groups of two evaluations, 0 and 100 apart: all four vary with variance 3333.3.
    groups = pd.DataFrame(
        {"department": ["a", "b"], "evaluations": [2, 2], "index": [0.0, 100.0], "var": [0.0, 0.0]}
    )
    index = index_by(groups)
    half = index["high"][0] - index["index"][0]
    blended = 5 * (4 * 2500 / 3) / (1 + 5)
    assert half == pytest.approx(stats.t.ppf(0.975, 6) * np.sqrt(blended / 2))


def test_a_fall_is_a_month_whose_interval_lies_below_the_median():
    months = [f"2026-{m:02d}" for m in range(1, 7)]
    groups = pd.DataFrame(
        [
            {
                "department": d,
                "month": m,
                "evaluations": 30,
                "index": 50.0 if (d, m) == ("税务局", "2026-04") else 92.5,
                "var": 68.97 if (d, m) == ("税务局", "2026-04") else 6.47,
            }
            for d in ("税务局", "人社局")
            for m in months
        ]
    )
    found = falls(index_by(groups))
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
