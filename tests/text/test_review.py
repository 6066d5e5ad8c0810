"""Calibration error, reliability and the review queue of the least certain texts."""

import numpy as np
import pytest

from effmon.text.review import calibration_error, reliability, review_queue


def test_a_model_whose_confidence_is_its_accuracy_has_no_calibration_error():
    confidence = np.repeat([0.55, 0.75, 0.95], 20)
    correct = np.concatenate([np.arange(20) < n for n in (11, 15, 19)])
    assert calibration_error(confidence, correct) == pytest.approx(0.0)
    assert [n for _, _, n in reliability(confidence, correct)] == [20, 20, 20]


def test_an_overconfident_model_shows_the_gap():
    confidence = np.full(10, 0.9)
    correct = np.arange(10) < 6  # 60% right at 90% confidence
    assert calibration_error(confidence, correct) == pytest.approx(0.3)
    assert reliability(confidence, correct) == [(pytest.approx(0.9), 0.6, 10)]


def test_the_queue_takes_the_least_certain_and_says_what_it_caught():
    confidence = np.array([0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.97, 0.99])
    correct = np.array([False, True, False, True, True, True, True, True, False, True])
    outcome = review_queue(confidence, correct, 0.2)
    assert outcome.queued == 0.2 and outcome.threshold == 0.4
    assert outcome.errors_caught == pytest.approx(1 / 3)  # the error at 0.97 is accepted
    assert outcome.accepted_accuracy == pytest.approx(6 / 8)
    everything = review_queue(confidence, correct, 1.0)
    assert everything.errors_caught == 1.0 and everything.accepted_accuracy == 1.0


def test_a_training_measures_its_trust_on_held_out_folds_when_each_label_has_enough():
    from sklearn.datasets import make_classification
    from sklearn.linear_model import LogisticRegression

    from effmon.text.review import held_out_trust

    X, y = make_classification(n_samples=600, n_features=10, flip_y=0.15, random_state=3)
    trust = held_out_trust(LogisticRegression(), X, y, share=0.15)
    assert trust["texts"] == 600 and 0.7 < trust["accuracy"] < 0.95
    assert trust["queued"] == pytest.approx(0.15)
    assert (
        trust["accepted_accuracy"] > trust["accuracy"]
    )  # the queue took more errors than its share
    assert sum(n for _, _, n in trust["reliability"]) == 600
    assert held_out_trust(LogisticRegression(), X[:12], [0] * 4 + [1] * 8, share=0.15) is None


def test_a_retrained_model_replaces_the_one_in_use_only_when_it_is_not_worse(tmp_path):
    from effmon.errors import EffmonError
    from effmon.text import models

    store = tmp_path / "store.duckdb"

    def measured(accuracy: float) -> dict:
        return {"source": "测试", "rows": 1000, "trust": {"accuracy": accuracy, "texts": 1000}}

    models.save_if_not_worse(store, "m", "first", measured(0.95))
    models.save_if_not_worse(store, "m", "within noise", measured(0.94))  # 2 SE ≈ 0.015
    with pytest.raises(EffmonError, match=r"低于正在使用的 v2（94\.0%）"):
        models.save_if_not_worse(store, "m", "worse", measured(0.90))
    assert models.latest(store, "m")[0] == "within noise"
    assert [v.version for v in models.history(store, "m")] == [1, 2]
