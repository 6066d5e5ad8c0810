"""How far a model's confidence can be trusted, and what a review queue of the least certain
texts catches: measured on predictions whose truth is known (held-out folds)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

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
