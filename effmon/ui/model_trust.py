"""How far a trained text model's confidence holds, as measured when it was trained
(effmon.text.review.held_out_trust): a sentence and the reliability diagram; and what the
reviewers' corrections did for it, version after version (the learning curve)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from effmon import charts, labels
from effmon.semantic import display
from effmon.text import models
from effmon.ui import page_pdf
from effmon.ui.tables import render_table


def render_trust(meta: dict, key: str) -> None:
    """The trust measured at training (``meta`` of the saved model), if it was."""
    words = labels.TRUST
    trust = meta.get("trust")
    st.subheader(words["title"])
    if not trust:
        st.caption(words["unmeasured"])
        return
    faultless = trust["accuracy"] == 1.0  # no error for the queue to catch
    st.caption(
        words["faultless" if faultless else "summary"].format(
            texts=trust["texts"],
            accuracy=display.percent_text(trust["accuracy"]),
            gap=_gap(trust["calibration_error"]),
            queued=display.percent_text(trust["queued"], decimals=0),
            caught=display.percent_text(trust["errors_caught"], decimals=0),
            accepted=display.percent_text(trust["accepted_accuracy"]),
        )
    )
    page_pdf.show_chart(charts.build_reliability_figure(trust["reliability"]), key=key)


def _gap(share: float) -> str:
    """The gap between confidence and accuracy in 个百分点, one decimal (相差不到 0.1 个百分点
    when it rounds to none)."""
    points = display.points_text(share)
    if points == display.points_text(0.0):
        return labels.TRUST["under_a_tenth"]
    return labels.TRUST["gap"].format(points=points)


def render_learning(path: str, name: str) -> None:
    """Each version of the model ``name``: when, on how many texts, how many of them the
    reviewers' corrections, and its held-out accuracy."""
    words = labels.TRUST
    versions = models.history(Path(path), name)
    if not versions:
        return
    st.caption(words["learning"])
    trust = [v.meta.get("trust") or {} for v in versions]
    table = pd.DataFrame(
        {
            words["columns"]["version"]: [f"v{v.version}" for v in versions],
            words["columns"]["trained_at"]: [
                v.meta["trained_at"].replace("T", " ") for v in versions
            ],
            words["columns"]["rows"]: [v.meta["rows"] for v in versions],
            words["columns"]["corrections"]: [v.meta.get("corrections", 0) for v in versions],
            words["columns"]["accuracy"]: [
                display.percent_text(t["accuracy"]) if t else words["unmeasured_short"]
                for t in trust
            ],
        }
    )
    render_table(table, f"{name}_版本", f"{name}_versions")
