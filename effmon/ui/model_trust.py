"""How far a trained text model's confidence holds, as measured when it was trained
(effmon.text.review.held_out_trust): a sentence and the reliability diagram."""

from __future__ import annotations

import streamlit as st

from effmon import charts, labels
from effmon.ui import page_pdf


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
            accuracy=f"{trust['accuracy']:.1%}",
            gap=f"{trust['calibration_error'] * 100:.1f} 个百分点",
            queued=f"{trust['queued']:.0%}",
            caught=f"{trust['errors_caught']:.0%}",
            accepted=f"{trust['accepted_accuracy']:.1%}",
        )
    )
    page_pdf.show_chart(charts.build_reliability_figure(trust["reliability"]), key=key)
