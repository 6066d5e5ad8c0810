"""Department satisfaction index (满意度指数): one 0-100 score per department and month.

Every evaluation gets a score

    x = 60·r + 20·s + 20·a

where r = (level − 1) / 4 is its rating (非常满意 1, 满意 0.75, 基本满意 0.5, 不满意 0.25,
非常不满意 0), s the sentiment of its comment (0-1; r when it has no comment) and a the mean
sentiment of the service aspects its comment mentions (s when it mentions none). A
department's index in a month is the mean x of its n evaluations, with the 95% interval
mean ± t(0.975, n−1+k)·√(v/n), where v blends the department's variance with that of all
evaluations as if k = 5 of those were added, v = ((n−1)·sd² + k·sd_all²)/(n−1+k): few
evaluations give a wide interval even when they agree. Departments are
ranked by the interval's lower bound, so three glowing evaluations do not outrank three
thousand good ones. The score rises with each input: a better rating, a more positive
comment or a more positive aspect never lowers it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import stats

from effmon.text.aspects import aspect_sentiments

WEIGHTS = {"rating": 60, "sentiment": 20, "aspects": 20}
PRIOR_WEIGHT = 5
FALL_MIN_EVALUATIONS = 10  # a month with fewer says too little to call a fall


def score_evaluations(
    rows: pd.DataFrame, score: Callable[[Sequence[str]], np.ndarray]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``rows`` (evaluation_id, month, department, level, comment) with their rating,
    sentiment, aspects and x; and the aspect mentions of their comments (evaluation_id,
    month, department, aspect, clause, sentiment)."""
    rating = (rows["level"].astype(float) - 1) / 4
    has_comment = rows["comment"].fillna("").str.strip() != ""
    texts = rows.loc[has_comment, "comment"].drop_duplicates()
    by_text = dict(zip(texts, score(texts.tolist()), strict=True))
    sentiment = rows["comment"].map(by_text).where(has_comment).fillna(rating)
    commented = rows.loc[has_comment, ["evaluation_id", "month", "department", "comment"]]
    mentions = aspect_sentiments(commented, score).drop(columns="comment")
    per_evaluation = mentions.groupby("evaluation_id")["sentiment"].mean()
    aspects = rows["evaluation_id"].map(per_evaluation).fillna(sentiment)
    x = WEIGHTS["rating"] * rating + WEIGHTS["sentiment"] * sentiment + WEIGHTS["aspects"] * aspects
    scored = rows.assign(rating=rating, sentiment=sentiment, aspects=aspects, x=x)
    return scored, mentions


def index_by(scored: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Index per group of ``keys``: keys, evaluations, index, low, high (95% interval)."""
    pooled = scored["x"].var()
    grouped = scored.groupby(keys, as_index=False)["x"].agg(
        evaluations="size", index="mean", var="var"
    )
    n = grouped["evaluations"]
    # The group's variance blended with the variance of all evaluations, as if PRIOR_WEIGHT
    # evaluations of it were added: a handful of identical ratings still gets a wide interval.
    blended = ((n - 1) * grouped["var"].fillna(0) + PRIOR_WEIGHT * pooled) / (n - 1 + PRIOR_WEIGHT)
    half = stats.t.ppf(0.975, n - 1 + PRIOR_WEIGHT) * np.sqrt(blended / n)
    return grouped.assign(
        low=(grouped["index"] - half).clip(lower=0), high=(grouped["index"] + half).clip(upper=100)
    ).drop(columns="var")


def ranking(index: pd.DataFrame) -> pd.DataFrame:
    """Departments best first by the lower bound of their interval."""
    ranked = index.sort_values(["low", "index"], ascending=False)
    return ranked.reset_index(drop=True).assign(rank=lambda f: range(1, len(f) + 1))


def falls(index: pd.DataFrame) -> pd.DataFrame:
    """Department-months of at least FALL_MIN_EVALUATIONS evaluations whose whole interval
    lies below the department's median index over the period: department, month,
    evaluations, index, low, high, median, fall (median − index); largest fall first."""
    median = index.groupby("department")["index"].transform("median")
    found = index.assign(median=median, fall=median - index["index"])
    found = found[
        (found["high"] < found["median"]) & (found["evaluations"] >= FALL_MIN_EVALUATIONS)
    ]
    return found.sort_values("fall", ascending=False, ignore_index=True)


def aspect_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per department and aspect: mentions and mean sentiment (0-100)."""
    return mentions.groupby(["department", "aspect"], as_index=False)["sentiment"].agg(
        mentions="size", sentiment=lambda s: 100 * s.mean()
    )


def monthly_index(scored: pd.DataFrame) -> pd.DataFrame:
    """The index of all scored evaluations per month: month, satisfaction_index."""
    return index_by(scored, ["month"])[["month", "index"]].rename(
        columns={"index": "satisfaction_index"}
    )
