"""What the benches of the text models print about trust: calibration and a review queue,
from predictions whose truth is known (out-of-fold or on a held-out split)."""

from __future__ import annotations

import numpy as np

from effmon.text.review import calibration_error, review_queue

SHARES = (0.05, 0.10, 0.15, 0.20)


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
