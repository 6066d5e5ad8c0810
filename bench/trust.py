"""What the benches of the text models print about trust: calibration and a review queue,
from predictions whose truth is known (out-of-fold or on a held-out split)."""

from __future__ import annotations

import numpy as np

from effmon.text.review import calibration_error, review_queue

SHARES = (0.05, 0.10, 0.15, 0.20)
TARGET_ACCURACY = 0.98  # of the texts accepted without review (issue 23)


def trust(confidence: np.ndarray, correct: np.ndarray) -> None:
    """Calibration and the review queues of SHARES, from predictions of known truth."""
    print(f"calibration error (ECE, 10 bins): {calibration_error(confidence, correct):.4f}")
    print("  queued  below   errors caught  accuracy of the accepted")
    for share in SHARES:
        outcome = review_queue(confidence, correct, share)
        print(
            f"  {outcome.queued:5.0%}  {outcome.threshold:5.3f}  {outcome.errors_caught:13.1%}"
            f"  {outcome.accepted_accuracy:.4f}"
        )
    needed = share_for_accuracy(confidence, correct, TARGET_ACCURACY)
    print(f"  the accepted reach {TARGET_ACCURACY} with {needed:.0%} of the texts queued")


def share_for_accuracy(confidence: np.ndarray, correct: np.ndarray, accuracy: float) -> float:
    """The least share of the least certain texts to queue for the rest to reach
    ``accuracy``."""
    kept_correct = np.asarray(correct, dtype=float)[np.argsort(confidence, kind="stable")]
    # accuracy of the texts left after queueing the first k, for k = 0 .. n-1
    left = np.cumsum(kept_correct[::-1])[::-1] / np.arange(len(kept_correct), 0, -1)
    reached = np.flatnonzero(left >= accuracy)
    return (reached[0] if len(reached) else len(kept_correct)) / len(kept_correct)
