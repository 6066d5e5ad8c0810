"""How far a model's confidence can be trusted, and what a review queue of the least certain
texts catches: measured on predictions whose truth is known (held-out folds). A training
measures it on the centre's own labelled texts (``held_out_trust``) and keeps the result
with the model, for the page to show."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from sklearn.base import clone
from sklearn.model_selection import StratifiedKFold, cross_val_predict

BINS = 10  # equal-width confidence bins of the calibration error and reliability diagram


def reliability(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> list[tuple]:
    """(mean confidence, accuracy, count) of the predictions in each non-empty bin of
    confidence, lowest first: a calibrated model's accuracy equals its confidence."""
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(confidence, edges[1:-1]), 0, bins - 1)
    return [
        (float(confidence[which == b].mean()), float(correct[which == b].mean()), int(n))
        for b in range(bins)
        if (n := int((which == b).sum()))
    ]


def calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = BINS) -> float:
    """Expected calibration error: the count-weighted mean gap between confidence and
    accuracy over the bins."""
    total = len(confidence)
    return sum(n / total * abs(c - a) for c, a, n in reliability(confidence, correct, bins))


def queue_size(total: int, share: float) -> int:
    """How many of ``total`` texts a review of ``share`` of them takes (rounded up)."""
    return math.ceil(share * total)


def queued(confidence: np.ndarray, share: float) -> np.ndarray:
    """Whether each text goes to review: the queue_size least confident (ties in order)."""
    chosen = np.zeros(len(confidence), dtype=bool)
    chosen[np.argsort(confidence, kind="stable")[: queue_size(len(confidence), share)]] = True
    return chosen


@dataclass(frozen=True)
class QueueOutcome:
    """What a review queue of the least certain ``queued`` share of texts does."""

    queued: float  # share of the texts sent to a reviewer
    threshold: float  # confidence below which a text is queued
    errors_caught: float  # share of the model's errors that are in the queue
    accepted_accuracy: float  # accuracy of the texts accepted without review


def review_queue(confidence: np.ndarray, correct: np.ndarray, share: float) -> QueueOutcome:
    """The outcome of queueing the ``share`` of texts with the lowest confidence."""
    sent = queued(confidence, share)
    errors = ~correct.astype(bool)
    return QueueOutcome(
        queued=float(sent.mean()),
        threshold=float(confidence[sent].max()) if sent.any() else 0.0,
        errors_caught=float(errors[sent].sum() / max(errors.sum(), 1)),
        accepted_accuracy=float(correct[~sent].mean()) if (~sent).any() else 1.0,
    )


def held_out_trust(
    model, texts: list[str], truth: list, share: float, folds: int = 3
) -> dict | None:
    """Calibration and the review queue of ``model`` (untrained) on ``texts``, each scored by
    a model trained on the other folds: accuracy, calibration_error, reliability bins and
    the queue of ``share`` (errors_caught, accepted_accuracy), as plain numbers; None when a
    label has too few texts for the folds (and the model's own calibration folds in each)."""
    truth = np.asarray(truth)
    if np.unique(truth, return_counts=True)[1].min() < folds * folds:
        return None
    split = StratifiedKFold(folds, shuffle=True, random_state=0)
    probabilities = cross_val_predict(clone(model), texts, truth, cv=split, method="predict_proba")
    classes = np.unique(truth)
    correct = classes[probabilities.argmax(axis=1)] == truth
    confidence = probabilities.max(axis=1)
    outcome = review_queue(confidence, correct, share)
    return {
        "texts": len(truth),
        "accuracy": float(correct.mean()),
        "calibration_error": calibration_error(confidence, correct),
        "reliability": reliability(confidence, correct),
        "queued": outcome.queued,
        "errors_caught": outcome.errors_caught,
        "accepted_accuracy": outcome.accepted_accuracy,
    }
