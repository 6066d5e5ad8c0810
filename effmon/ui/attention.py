"""The units that need attention this month, as the cockpit shows them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.store.filters import Filters
from effmon.ui import cached, page_pdf


def render_attention(path: str, filters: Filters, month: str) -> None:
    """A tab per unit kind (部门, 点位) with its ranked adverse changes."""
    st.subheader(labels.ATTENTION["title"])
    st.caption(labels.ATTENTION["caption"])
    names = cached.site_names(path)
    tabs = st.tabs(list(labels.ATTENTION["tabs"].values()))
    for tab, dimension in zip(tabs, labels.ATTENTION["tabs"], strict=True):
        with tab:
            found = cached.attention(path, filters, month, dimension)
            if found.empty:
                st.info(labels.ATTENTION["none"])
            else:
                page_pdf.show_table(
                    attention_display(found, names),
                    f"{labels.ATTENTION['title']}（{labels.ATTENTION['tabs'][dimension]}）",
                )


def attention_display(found: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Chinese headers, site names, changes in %."""
    a = labels.ATTENTION
    return pd.DataFrame(
        {
            a["unit"]: [names.get(k, k) for k in found["key"]],
            a["measure"]: found["measure"].map(labels.ATTENTION_MEASURES),
            a["current"]: found["current"].round(1),
            a["previous"]: found["previous"].round(1),
            a["change"]: [
                a["new"] if change != change else f"{change * 100:+.1f}%"
                for change in found["change"]
            ],
        }
    )
