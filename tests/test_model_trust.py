"""The trust sentence of a text model's page section, in words a reader can take in."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _section(trust: dict) -> str:
    def app(trust):
        from effmon.ui.model_trust import render_trust

        render_trust({"trust": trust}, key="t")

    at = AppTest.from_function(app, args=(trust,)).run(timeout=60)
    assert not at.exception
    return " ".join(c.value for c in at.caption)


TRUST = {
    "texts": 1809,
    "accuracy": 0.92,
    "reliability": [(0.9, 0.9, 100)],
    "queued": 0.15,
    "errors_caught": 0.628,
    "accepted_accuracy": 0.9666,
}


@pytest.mark.parametrize(
    ("accuracy", "error", "says"),
    [
        (0.92, 0.0203, "平均相差 2.0 个百分点。置信度最低的 15% 送人工复核，可拦下模型错判的 63%"),
        (1.0, 0.0003, "没有一条判错，置信度与实际准确率平均相差不到 0.1 个百分点"),
    ],
)
def test_the_trust_sentence_says_the_gap_in_points(accuracy, error, says):
    caption = _section({**TRUST, "accuracy": accuracy, "calibration_error": error})
    assert says in caption
    assert "1,809 条" in caption
