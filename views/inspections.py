"""日常巡查: record a visit, the monthly coverage board, inspection analysis, the catalog."""

import streamlit as st

from effmon import labels
from effmon.ui import cached, session
from effmon.ui.catalog_editor import render_catalog
from effmon.ui.filters import choose_period, current_filters, require_month
from effmon.ui.inspection_board import render_analysis, render_coverage
from effmon.ui.visit_entry import render_entry

session.require("page:inspections")
st.title(labels.PAGES["inspections"])
path = cached.db()
month = require_month()
entry, board, analysis, catalog = st.tabs(labels.INSPECTION["tabs"])
with entry:
    render_entry(path, cached.site_names(path))
with board:
    render_coverage(path, month)
with analysis:
    start, end = choose_period("inspection_span")
    render_analysis(path, current_filters(), start, end)
with catalog:
    render_catalog(path)
