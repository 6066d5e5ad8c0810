"""Complaint categories: a linear classifier trained on already-categorised complaints.

Each text becomes TF-IDF weights of its character 1- to 3-grams (robust to spelling,
punctuation and unseen words) and of its words and word pairs (the phrases that carry a
topic), both hashed (effmon.text.hashed) and kept only when seen in two training texts; a
linear SVM with class weights inversely proportional to the class sizes picks the category.
The confidence of a prediction is the calibrated probability of that category (temperature
scaling fitted over three folds, effmon.text.calibration), so a low value means a reviewer
should look.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.pipeline import Pipeline, make_pipeline, make_union
from sklearn.svm import LinearSVC

from effmon import labels
from effmon.errors import EffmonError
from effmon.text import models
from effmon.text.calibration import TemperatureScaled
from effmon.text.hashed import CharGrams, HashedTfidf, WordGrams
from effmon.text.review import held_out_trust

MODEL_NAME = "complaint_category"
MIN_PER_CATEGORY = 3  # the calibration's three folds each need one of every category
CALIBRATION_FOLDS = 3


def build_model() -> Pipeline:
    """An untrained category model."""
    features = make_union(
        make_pipeline(CharGrams(n_max=3), HashedTfidf(min_df=2)),
        make_pipeline(WordGrams(), HashedTfidf(min_df=2)),
    )
    svm = LinearSVC(C=0.5, class_weight="balanced")
    return make_pipeline(features, TemperatureScaled(svm, folds=CALIBRATION_FOLDS))


def train(texts: Sequence[str], categories: Sequence[str]) -> Pipeline:
    """A model fitted to ``texts`` labelled with ``categories`` (at least two of them, each
    with at least MIN_PER_CATEGORY texts)."""
    counts = pd.Series(list(categories)).value_counts()
    if len(counts) < 2:
        raise EffmonError(labels.CATEGORIES["one_category"].format(found="、".join(counts.index)))
    few = counts[counts < MIN_PER_CATEGORY]
    if len(few):
        found = "、".join(f"{c}（{n} 条）" for c, n in few.items())
        raise EffmonError(
            labels.CATEGORIES["too_few"].format(minimum=MIN_PER_CATEGORY, found=found)
        )
    return build_model().fit(list(texts), list(categories))


def train_and_save(
    store: Path,
    texts: pd.Series,
    categories: pd.Series,
    source: str,
    review_share: float,
    corrections: int = 0,
) -> models.SavedModel:
    """Train on ``texts`` and save the model as the store's next version, with how far its
    confidence holds on the texts held out in turn (effmon.text.review) for a review of
    ``review_share`` and how many of the categories are reviewers' ``corrections``; refused
    when that measure is worse than the version in use (models.save_if_not_worse)."""
    model = train(texts.tolist(), categories.tolist())
    meta = {
        "source": source,
        "rows": len(texts),
        "categories": {str(k): int(v) for k, v in categories.value_counts().items()},
        "corrections": corrections,
        "trust": held_out_trust(build_model(), texts.tolist(), categories.tolist(), review_share),
    }
    return models.save_if_not_worse(store, MODEL_NAME, model, meta)


def trained_message(saved: models.SavedModel) -> str:
    """What training produced, for the command line and the page."""
    counts = saved.meta["categories"]
    return labels.CATEGORIES["trained"].format(
        version=saved.version, path=saved.path, rows=saved.meta["rows"], categories=len(counts)
    )


def joined_text(table: pd.DataFrame, columns: Sequence[str]) -> pd.Series:
    """The text of each row: its non-empty ``columns`` (title first) joined by a space."""
    parts = table[list(columns)].fillna("").astype(str)
    return parts.apply(lambda row: " ".join(v.strip() for v in row if v.strip()), axis=1)


@dataclass
class Classifier:
    """Predicts categories with one saved version of the model."""

    model: Pipeline
    saved: models.SavedModel

    @property
    def categories(self) -> list[str]:
        return [str(c) for c in self.model.classes_]

    def classify(self, texts: Sequence[str]) -> pd.DataFrame:
        """category and category_confidence (0-1) of each text, in order."""
        texts = ["" if t is None or t != t else str(t) for t in texts]
        if not texts:
            return pd.DataFrame({"category": [], "category_confidence": []})
        probabilities = self.model.predict_proba(texts)
        best = probabilities.argmax(axis=1)
        return pd.DataFrame(
            {
                "category": self.model.classes_[best].astype(str),
                "category_confidence": probabilities[np.arange(len(texts)), best].round(4),
            }
        )

    def describe(self) -> str:
        return self.saved.describe(labels.CATEGORIES["using_model"])


def load_classifier(store: Path) -> Classifier | None:
    """The store's newest category model, or None before the first training."""
    found = models.latest(store, MODEL_NAME)
    return None if found is None else Classifier(*found)
