"""Comment sentiment: a model trained on labelled comments, or snownlp when none is.

The trained model is an NB-weighted logistic regression (Wang & Manning 2012, "NBSVM"):
each comment becomes the set of its character 1- to 5-grams (hashed into 2^20 features, so
the model has no vocabulary to store and scoring needs no word segmentation), every
feature is scaled by its log-count ratio between positive and negative training texts, and
a logistic regression gives the probability that the comment is positive, temperature
scaled on out-of-fold values (effmon.text.calibration: on ChnSentiCorp dev the calibration
error fell from 0.050 to 0.013). Classes are weighted by their frequency, because a service
centre's own ratings are nearly all good.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import HashingVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from effmon import labels
from effmon.errors import EffmonError
from effmon.text import models
from effmon.text.calibration import TemperatureScaled
from effmon.text.review import held_out_trust

MODEL_NAME = "sentiment"
MIN_PER_CLASS = 5
CALIBRATION_FOLDS = 3
# Spellings of the two labels accepted in a training file (compared lower-cased).
LABEL_VALUES = {
    **dict.fromkeys(["1", "1.0", "positive", "pos", "正面", "积极", "好评"], 1),
    **dict.fromkeys(["0", "0.0", "negative", "neg", "负面", "消极", "差评"], 0),
}


class LogCountRatio(TransformerMixin, BaseEstimator):
    """Scales each feature by log(p/q): its share among positive vs negative texts, and keeps
    only the features some training text has (the others would weigh nothing: the
    regression then works on thousands of columns, not 2^20, a hundred times as fast)."""

    def __init__(self, alpha: float = 1.0):
        self.alpha = alpha

    def fit(self, X, y):
        present, y = X > 0, np.asarray(y)
        positive = self.alpha + np.asarray(present[y == 1].sum(axis=0)).ravel()
        negative = self.alpha + np.asarray(present[y == 0].sum(axis=0)).ravel()
        ratio = np.log(positive / positive.sum()) - np.log(negative / negative.sum())
        self.kept_ = np.flatnonzero(present.getnnz(axis=0))
        self.ratio_ = ratio[self.kept_]
        return self

    def transform(self, X):
        return X[:, self.kept_].multiply(self.ratio_).tocsr()


def build_model() -> Pipeline:
    """An untrained sentiment model."""
    weighted = make_pipeline(
        LogCountRatio(), LogisticRegression(C=30, max_iter=5000, class_weight="balanced")
    )
    return make_pipeline(
        HashingVectorizer(
            analyzer="char", ngram_range=(1, 5), binary=True, alternate_sign=False, n_features=2**20
        ),
        TemperatureScaled(weighted, folds=CALIBRATION_FOLDS),
    )


def train(texts: Sequence[str], targets: Sequence[int]) -> Pipeline:
    """A model fitted to ``texts`` labelled 1 (positive) or 0 (negative)."""
    counts = pd.Series(targets).value_counts()
    if min(counts.get(0, 0), counts.get(1, 0)) < MIN_PER_CLASS:
        raise EffmonError(
            labels.SENTIMENT["too_few"].format(
                minimum=MIN_PER_CLASS, positive=counts.get(1, 0), negative=counts.get(0, 0)
            )
        )
    return build_model().fit(list(texts), list(targets))


def train_and_save(
    store: Path, texts: pd.Series, targets: pd.Series, source: str, review_share: float
) -> models.SavedModel:
    """Train on ``texts`` labelled 1/0 and save the model as the store's next version, with
    how far its confidence holds on the texts held out in turn (effmon.text.review); refused
    when that is worse than the version in use (models.save_if_not_worse)."""
    model = train(texts.tolist(), targets.tolist())
    positive = int(targets.sum())
    meta = {
        "source": source,
        "rows": len(targets),
        "positive": positive,
        "trust": held_out_trust(build_model(), texts.tolist(), targets.tolist(), review_share),
    }
    return models.save_if_not_worse(store, MODEL_NAME, model, meta)


def trained_message(saved: models.SavedModel) -> str:
    """What training produced, for the command line and the page."""
    positive = saved.meta["positive"]
    return labels.SENTIMENT["trained"].format(
        version=saved.version,
        path=saved.path,
        positive=positive,
        negative=saved.meta["rows"] - positive,
    )


def binary_targets(values: pd.Series, name: str, column: str) -> pd.Series:
    """1/0 for each label of a training file; any other label is an error naming its row."""
    mapped = values.astype(str).str.strip().str.lower().map(LABEL_VALUES)
    unknown = mapped.isna()
    if unknown.any():
        rows = [str(i + 2) for i in np.flatnonzero(unknown)[:5]]  # header is row 1
        found = sorted(set(values[unknown].astype(str)))[:5]
        raise EffmonError(
            labels.SENTIMENT["bad_labels"].format(
                name=name, column=column, rows="、".join(rows), values="、".join(found)
            )
        )
    return mapped.astype(int)


def targets_from_levels(levels: pd.Series) -> pd.Series:
    """1 for 满意/非常满意 (4-5), 0 for 不满意/非常不满意 (1-2), NA for 基本满意 (3)."""
    return levels.map(lambda level: 1 if level >= 4 else 0 if level <= 2 else pd.NA)


@dataclass
class Scorer:
    """Scores comments with the store's newest trained model, or with snownlp."""

    model: Pipeline | None
    saved: models.SavedModel | None

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Probability that each text is positive (0-1); empty texts score 0.5."""
        texts = ["" if t is None or t != t else str(t) for t in texts]
        if self.model is not None:
            result = self.model.predict_proba(texts)[:, 1]
        else:
            result = np.array([snownlp_score(t) for t in texts], dtype=float)
        return np.where([t.strip() == "" for t in texts], 0.5, result)

    def describe(self) -> str:
        """Which scorer this is, for the page and the command line."""
        if self.saved is None:
            return labels.SENTIMENT["using_snownlp"]
        return self.saved.describe(labels.SENTIMENT["using_model"])


def load_scorer(store: Path) -> Scorer:
    """The scorer the app and the command line use for the store at ``store``."""
    found = models.latest(store, MODEL_NAME)
    return Scorer(None, None) if found is None else Scorer(*found)


@functools.lru_cache(maxsize=2**16)
def snownlp_score(text: str) -> float:
    """snownlp's positive probability (its own model, trained on product reviews); a text
    is scored once per process (it is slow, ~30 ms, and the same comments recur)."""
    from snownlp import SnowNLP  # imported late: it loads its model on first use

    return float(SnowNLP(text).sentiments) if text.strip() else 0.5
