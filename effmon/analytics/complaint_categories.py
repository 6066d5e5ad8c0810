"""The category classifier applied to the store: at load time, on the store's own
complaints for training, and the rows a reviewer should look at (the rest are accepted
automatically)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from effmon import config, labels
from effmon.store import complaint_categories as store
from effmon.text import categories, models
from effmon.text.review import queue_size

TEXT_COLUMNS = ["title", "body"]


def categorize_batch(
    con: duckdb.DuckDBPyConnection, batch_id: int, classifier: categories.Classifier
) -> int:
    """Fill in the category of the batch's complaints that came without one (or with one of
    another scheme); returns how many it classified."""
    rows = store.to_classify(con, batch_id, classifier.categories)
    if rows.empty:
        return 0
    predicted = classifier.classify(categories.joined_text(rows, TEXT_COLUMNS).tolist())
    store.save_predictions(con, predicted.assign(ticket_id=rows["ticket_id"].to_numpy()))
    return len(rows)


def load_time_step(
    con: duckdb.DuckDBPyConnection,
) -> Callable[[duckdb.DuckDBPyConnection, int], int] | None:
    """The step that classifies a loaded batch, when the store has a trained model."""
    path = store.store_file(con)
    classifier = categories.load_classifier(path) if path else None
    if classifier is None:
        return None
    return functools.partial(categorize_batch, classifier=classifier)


def train_from_complaints(con: duckdb.DuckDBPyConnection, path: Path) -> models.SavedModel:
    """Train on the store's categorised complaints (files' and reviewers' categories)."""
    rows = store.training_rows(con)
    texts = categories.joined_text(rows, TEXT_COLUMNS)
    return categories.train_and_save(
        path, texts, rows["category"], labels.CATEGORIES["from_store"],
        config.get_float("review_share"), corrections=int(rows["reviewed"].sum()),
    )  # fmt: skip


def review_queue(con: duckdb.DuckDBPyConnection, share: float) -> pd.DataFrame:
    """The ``share`` of the classifier's categories a reviewer looks at: the least confident
    (effmon.text.review.queue_size of them), least first."""
    return store.least_confident(con, queue_size(store.model_categorised(con), share))


def category_origin(complaints: pd.DataFrame, queued: pd.Series) -> pd.Series:
    """Where each complaint's category came from, in words: its file, a reviewer, or the
    classifier, waiting in the review queue (ticket ids ``queued``) or accepted without it;
    None for a complaint without a category."""
    words = labels.CATEGORIES["origin"]
    source = complaints["category_source"].fillna("file")
    by_model = source == "model"
    origin = np.select(
        [source == "review", by_model & complaints["ticket_id"].isin(queued), by_model],
        [words["review"], words["queued"], words["accepted"]],
        words["file"],
    )
    return pd.Series(origin, index=complaints.index).where(complaints["category"].notna())


def origins(con: duckdb.DuckDBPyConnection, complaints: pd.DataFrame) -> pd.Series:
    """category_origin of ``complaints`` (with category_source), the store's review queue
    as it stands deciding which of the classifier's categories wait for review."""
    queued = review_queue(con, config.get_float("review_share"))["ticket_id"]
    return category_origin(complaints, queued)


def by_model(origin: pd.Series) -> pd.Series:
    """Whether each origin (category_origin's words) is the classifier's, unreviewed."""
    words = labels.CATEGORIES["origin"]
    return origin.isin([words["queued"], words["accepted"]])
