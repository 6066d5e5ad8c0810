"""Temperature scaling: a linear SVM's decision values made into probabilities whose
confidence matches the accuracy on texts it did not see."""

import numpy as np
import pytest
from scipy.special import softmax
from sklearn.datasets import make_classification
from sklearn.svm import LinearSVC

from effmon.text.calibration import TemperatureScaled
from effmon.text.review import calibration_error


@pytest.mark.parametrize("classes", [2, 4])
def test_the_scaled_confidence_matches_the_accuracy_on_unseen_rows(classes):
    X, y = make_classification(
        n_samples=4000, n_features=30, n_informative=10, n_classes=classes,
        flip_y=0.1, class_sep=0.8, random_state=7,
    )  # fmt: skip
    train, test = slice(0, 2500), slice(2500, None)
    model = TemperatureScaled(LinearSVC(C=0.5), folds=3).fit(X[train], y[train])
    probabilities = model.predict_proba(X[test])
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    plain = LinearSVC(C=0.5).fit(X[train], y[train])
    assert (model.predict(X[test]) == plain.predict(X[test])).all()  # the ranking is the SVM's
    correct = model.predict(X[test]) == y[test]
    scaled = calibration_error(probabilities.max(axis=1), correct)
    decision = plain.decision_function(X[test])
    raw = softmax(np.column_stack([-decision, decision]) if classes == 2 else decision, axis=1)
    assert scaled < 0.05 and scaled < calibration_error(raw.max(axis=1), correct) / 2
