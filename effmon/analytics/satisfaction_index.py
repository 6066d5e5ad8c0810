"""Department satisfaction index (满意度指数): one 0-100 score per department and month.

Every evaluation gets a score

    x = 60·r + 20·s + 20·a

where r = (level − 1) / 4 is its rating (非常满意 1, 满意 0.75, 基本满意 0.5, 不满意 0.25,
非常不满意 0), s the sentiment of its comment (0-1; r when it has no comment) and a the mean
sentiment of the service aspects its comment mentions (s when it mentions none). A
department's index in a month is the mean x of its n evaluations, with the 95% interval
mean ± t(0.975, n−1+k)·√(v/n), where v blends the department's variance with that of all
evaluations as if k = 5 of those were added, v = ((n−1)·sd² + k·sd_all²)/(n−1+k): few
evaluations give a wide interval even when they agree. Departments are ranked by the
interval's lower bound, so three glowing evaluations do not outrank three thousand good
ones. The score rises with each input: a better rating, a more positive comment or a more
positive aspect never lowers it.

Comments are scored once each (the same text recurs) when their evaluations are loaded, and
again when a sentiment model is trained; the scores are stored with the evaluations
(store.sentiment) and the index reads them: nothing is scored when a page or a report asks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

import duckdb
import numpy as np
import pandas as pd
from scipy import stats

from effmon import config
from effmon.store import satisfaction
from effmon.store import sentiment as stored
from effmon.store.complaint_categories import store_file
from effmon.store.filters import Filters
from effmon.text.aspects import aspect_sentiments
from effmon.text.sentiment import Scorer, load_scorer

WEIGHTS = (60.0, 20.0, 20.0)  # rating, comment sentiment, aspect sentiment
PRIOR_WEIGHT = 5

Score = Callable[[Sequence[str]], np.ndarray]


def comment_scores(
    con: duckdb.DuckDBPyConnection, comments: list[str]
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored scores of ``comments``: (comment, sentiment, aspects) and their aspect
    mentions (comment, aspect, clause, sentiment). Reads only: a comment not scored yet has
    NaN scores and counts by its rating."""
    return stored.stored_scores(con, comments), stored.stored_mentions(con, comments)


def compute_comment_scores(comments: list[str], score: Score) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score ``comments``: (comment, sentiment, aspects) and their aspect mentions (comment,
    aspect, clause, sentiment)."""
    mentions = aspect_sentiments(pd.DataFrame({"comment": comments}), score)
    aspects = mentions.groupby("comment")["sentiment"].mean()
    scores = pd.DataFrame({"comment": comments, "sentiment": score(comments) if comments else []})
    scores["aspects"] = scores["comment"].map(aspects)
    return scores, mentions


def store_comment_scores(
    con: duckdb.DuckDBPyConnection, score: Score, everything: bool = False
) -> int:
    """Score the comments of the store not scored yet (every one when ``everything``: a new
    model) and store the scores; returns how many different comments were scored. The
    caller holds the transaction (a load's, the demo's, a training's)."""
    comments = stored.comments_to_score(con, everything)
    if comments:
        scores, mentions = compute_comment_scores(comments, score)
        stored.save_scores(con, scores, mentions, datetime.now())
    return len(comments)


def store_scorer(con: duckdb.DuckDBPyConnection) -> Scorer:
    """The scorer of the store behind ``con``: its newest trained model, else snownlp."""
    path = store_file(con)
    return load_scorer(path) if path else Scorer(None, None)


def score_loaded(con: duckdb.DuckDBPyConnection, batch_id: int | None = None) -> int:
    """The load-time step of evaluations (and of the demo): score the comments not scored
    yet with the store's scorer, inside the load's transaction."""
    if not stored.comments_to_score(con):
        return 0
    return store_comment_scores(con, store_scorer(con).scores)


def index_by(groups: pd.DataFrame) -> pd.DataFrame:
    """From store.satisfaction.index_groups (keys, evaluations, index, var): keys,
    evaluations, index, low, high (the 95% interval)."""
    if groups.empty:
        return groups.drop(columns="var").assign(low=[], high=[])
    n = groups["evaluations"]
    var = groups["var"].fillna(0)
    grand = np.average(groups["index"], weights=n)
    # Variance of all evaluations together, from the groups' (law of total variance).
    pooled = ((n - 1) * var + n * (groups["index"] - grand) ** 2).sum() / max(n.sum() - 1, 1)
    blended = ((n - 1) * var + PRIOR_WEIGHT * pooled) / (n - 1 + PRIOR_WEIGHT)
    half = stats.t.ppf(0.975, n - 1 + PRIOR_WEIGHT) * np.sqrt(blended / n)
    return groups.assign(
        low=(groups["index"] - half).clip(lower=0), high=(groups["index"] + half).clip(upper=100)
    ).drop(columns="var")


def satisfaction_index(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    scores: pd.DataFrame,
    keys: tuple[str, ...],
) -> pd.DataFrame:
    """The index per group of ``keys`` (month, department, window_name; none: one row) of
    months start..end; ``scores`` from comment_scores covers their comments."""
    groups = satisfaction.index_groups(con, filters, start, end, scores, WEIGHTS, keys)
    return index_by(groups)


def ranking(index: pd.DataFrame) -> pd.DataFrame:
    """Departments (or windows) best first by the lower bound of their interval."""
    ranked = index.sort_values(["low", "index"], ascending=False)
    return ranked.reset_index(drop=True).assign(rank=lambda f: range(1, len(f) + 1))


def falls(index: pd.DataFrame) -> pd.DataFrame:
    """Department-months of at least ``index_fall_min_evaluations`` evaluations whose whole interval
    lies below the department's median index over the period: department, month,
    evaluations, index, low, high, median, fall (median − index); largest fall first."""
    median = index.groupby("department")["index"].transform("median")
    found = index.assign(median=median, fall=median - index["index"])
    below = (found["high"] < found["median"]) & (
        found["evaluations"] >= config.get_int("index_fall_min_evaluations")
    )
    return found[below].sort_values("fall", ascending=False, ignore_index=True)
