"""Every dashboard page exports its own view as a PDF.

While a page runs, what it shows through ``show_table``, ``show_chart`` and
``effmon.ui.tables.render_table`` is collected; app.py then adds a sidebar button that turns
the collection into a PDF (effmon.reports.view) when clicked, for the roles that may make
reports. Each export goes to the audit trail (effmon.ui.downloads).
"""

from __future__ import annotations

import functools
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from effmon import labels
from effmon.reports.view import Part, make_view_report
from effmon.ui import downloads, grid, session, state
from effmon.ui.filters import current_filters, current_month


def start() -> None:
    """Forget what the previous page run showed."""
    st.session_state[state.PAGE_PDF_PARTS] = []


def add(caption: str, item: pd.DataFrame | go.Figure | str) -> None:
    """Remember one thing the page shows, for its PDF."""
    st.session_state.setdefault(state.PAGE_PDF_PARTS, []).append(Part(caption, item))


def show_table(frame: pd.DataFrame, caption: str = "", **options):
    """A table on screen (grid.show_frame, whose selection it returns), remembered for the
    page's PDF."""
    add(caption, frame)
    return grid.show_frame(frame, **options)


def show_chart(figure: go.Figure, caption: str = "", **options) -> None:
    """st.plotly_chart, remembered for the page's PDF."""
    add(caption, figure)
    st.plotly_chart(figure, **options)


def render_export_button(title: str, filtered: bool) -> None:
    """The sidebar button that downloads the page just shown as a PDF; the PDF names the
    month and filters the page was shown for, or says it shows all data (``filtered``
    False: a page the filters do not apply to)."""
    parts = list(st.session_state.get(state.PAGE_PDF_PARTS, []))
    if not parts or not session.can("report"):
        return
    scope = _scope() if filtered else labels.REPORT_VIEW["all_data"]
    downloads.download_button(
        labels.REPORT_VIEW["button"],
        functools.partial(_pdf, title, scope, session.username(), parts),
        permission="report",
        what=title,
        detail={"kind": "page", "scope": scope},
        file_name=f"{title}_{datetime.now():%Y%m%d_%H%M}.pdf",
        mime="application/pdf",
        key="page_pdf_export",
        where=st.sidebar,
    )


def _scope() -> str:
    filters = current_filters()
    chosen = [
        "、".join(values)
        for values in (filters.levels, filters.streets, filters.site_ids, filters.departments)
        if values
    ]
    month = current_month() or ""
    return labels.REPORT_VIEW["scope"].format(
        month=month, filters="；".join(chosen) or labels.FILTER_ALL
    )


def _pdf(title: str, scope: str, user: str, parts: list[Part]) -> bytes:
    """The page's PDF, dated when the button is clicked."""
    return make_view_report(title, scope, user, datetime.now(), parts)
