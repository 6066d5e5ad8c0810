"""日常巡查: record a visit, the monthly coverage board, inspection analysis, the catalog."""

import streamlit as st

from effmon import labels
from effmon.ui import cached, session, state
from effmon.ui.catalog_editor import render_catalog
from effmon.ui.filters import choose_period, current_filters, require_month
from effmon.ui.inspection_board import render_analysis, render_coverage
from effmon.ui.tabs import show_tabs
from effmon.ui.visit_entry import render_entry

session.require("page:inspections")
st.title(labels.PAGES["inspections"])
path = cached.db()
month = require_month()
names = labels.INSPECTION["tabs"]


def _analysis() -> None:
    start, end = choose_period("inspection_span")
    render_analysis(path, current_filters(), start, end)


show_tabs(
    [
        (names[0], "fieldwork", lambda: render_entry(path, cached.site_names(path))),
        (names[1], None, lambda: render_coverage(path, month)),
        (names[2], None, _analysis),
        (names[3], None, lambda: render_catalog(path)),
    ],
    state.INSPECTION_TAB,
)
