"""The units that need attention this month, as the cockpit shows them."""

from __future__ import annotations

import streamlit as st

from effmon import labels
from effmon.readable import attention_frame
from effmon.store.filters import Filters
from effmon.ui import cached, page_pdf


def render_attention(path: str, filters: Filters, month: str) -> None:
    """A tab per unit kind (部门, 点位) with its ranked adverse changes."""
    st.subheader(labels.ATTENTION["title"])
    st.caption(labels.ATTENTION["caption"])
    names = cached.value_names(path)
    tabs = st.tabs(list(labels.ATTENTION["tabs"].values()))
    for tab, dimension in zip(tabs, labels.ATTENTION["tabs"], strict=True):
        with tab:
            found = cached.attention(path, filters, month, dimension)
            if found.empty:
                st.info(labels.ATTENTION["none"])
            else:
                page_pdf.show_table(
                    attention_frame(found.assign(dimension=dimension), names),
                    f"{labels.ATTENTION['title']}（{labels.ATTENTION['tabs'][dimension]}）",
                )
