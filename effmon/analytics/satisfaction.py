"""好差评 rates from the counts of ``store.satisfaction``, and the 差评 follow-up steps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from effmon import config, labels
from effmon.analytics.satisfaction_index import store_comment_scores
from effmon.domain import followup_workflow
from effmon.errors import EffmonError
from effmon.store import queries, satisfaction
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame
from effmon.store.transaction import transaction
from effmon.text import models, sentiment

RATES = ["good_share", "bad_share", "active_share"]
DIMENSIONS = list(satisfaction.DIMENSIONS)  # what 满意度 groups evaluations by


def satisfaction_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Counts per level (store.satisfaction.evaluations_by) and the catalog's rates per value
    of ``dimension`` (主动评价率 unknown by evaluation channel, which cases do not have)."""
    counts = satisfaction.evaluations_by(con, filters, start, end, dimension)
    rates = measure_frame(con, filters, start, end, RATES, [dimension])
    return counts.merge(rates.rename(columns={dimension: "key"}), on="key", how="left")


def followup_summary(items: pd.DataFrame) -> pd.DataFrame:
    """Per department: items, rectified, rectify_share (整改率 = rectified / items), overdue
    and days_to_fix (mean days from the evaluation to its rectification); most items first."""
    rectified = items["state"] == "已整改"
    days = (items["rectified_at"] - items["evaluated_at"]).dt.total_seconds() / 86400
    summary = (
        items.assign(rectified=rectified, days=days.where(rectified))
        .groupby("department", as_index=False)
        .agg(
            items=("state", "size"),
            rectified=("rectified", "sum"),
            overdue=("overdue", "sum"),
            days_to_fix=("days", "mean"),
        )
    )
    summary.insert(3, "rectify_share", summary["rectified"] / summary["items"])
    return summary.sort_values(["items", "department"], ascending=[False, True], ignore_index=True)


def train_from_evaluations(con: duckdb.DuckDBPyConnection, store: Path) -> models.SavedModel:
    """Train the store's sentiment model on its own commented evaluations: 4-5★ positive,
    1-2★ negative (基本满意 says too little either way), then score every comment with it."""
    comments = queries.evaluation_comments(con)
    targets = sentiment.targets_from_levels(comments["level"])
    chosen = targets.notna()
    saved = sentiment.train_and_save(
        store,
        comments["comment"][chosen],
        targets[chosen].astype(int),
        labels.SENTIMENT["from_store"],
        config.get_float("review_share"),
    )
    rescore_comments(con, store)
    return saved


def learn_from_stars(con: duckdb.DuckDBPyConnection, store: Path) -> models.SavedModel | None:
    """The store's first sentiment model, trained on its own starred comments, when it has
    none yet and enough of both kinds (until then the public model, snownlp, scores); None
    when nothing was trained."""
    if models.newest_version(store, sentiment.MODEL_NAME) is not None:
        return None
    try:
        return train_from_evaluations(con, store)
    except EffmonError:  # too few comments of one kind yet
        return None


def rescore_comments(con: duckdb.DuckDBPyConnection, store: Path) -> int:
    """Score every comment of the store again with its scorer (after a training, or for a
    store from before scores were stored), all or nothing; returns the comments scored."""
    score = sentiment.load_scorer(store).scores
    with transaction(con):
        return store_comment_scores(con, score, everything=True)


def record_followup(
    con: duckdb.DuckDBPyConnection,
    evaluation_id: str,
    state: str,
    happened_at: datetime,
    actor: str,
    note: str | None = None,
) -> None:
    """Add one follow-up step; only the next state of the item's current one is accepted."""
    current = satisfaction.followup_state(con, evaluation_id)
    if current is None:
        raise EffmonError(labels.FOLLOWUP["unknown"].format(id=evaluation_id))
    now = datetime.now()
    followup_workflow.check_step(current[0], state, current[1], happened_at, now)
    satisfaction.insert_followup(con, evaluation_id, state, happened_at, actor, note, now)
