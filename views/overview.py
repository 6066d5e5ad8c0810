"""总览: headline KPIs of the chosen month with MoM/YoY change, the month's stored findings,
units needing attention, trend."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.overview import compute_kpis, month_window
from effmon.readable import definitions_frame
from effmon.ui import cached, page_pdf, session, state
from effmon.ui.alerts import month_findings
from effmon.ui.attention import render_attention
from effmon.ui.filters import current_filters, require_month
from effmon.ui.kpi import render_kpi_cards

BIG_SCREEN_CSS = """<style>
[data-testid="stMetricValue"] { font-size: 3rem; }
[data-testid="stMetricLabel"] p { font-size: 1.3rem; }
h1 { font-size: 3.2rem; }
</style>"""

session.require("page:overview")
st.title(labels.PAGES["overview"])
month = require_month()

path = cached.db()
filters = current_filters()
start, end = month_window(month, 24)
monthly = cached.monthly_overview(path, filters, start, end)
if month not in set(monthly["month"]):
    st.info(labels.NO_DATA)
    st.stop()

big = st.toggle(labels.BIG_SCREEN, key=state.OVERVIEW_BIG_SCREEN)
if big:
    st.markdown(BIG_SCREEN_CSS, unsafe_allow_html=True)
st.caption(labels.OVERVIEW_CAPTION.format(month=month))
render_kpi_cards(
    compute_kpis(monthly, month), month, per_row=4 if big else 5, by_place=filters.by_place
)
month_findings(path, month)
render_attention(path, filters, month)
st.subheader(labels.OVERVIEW_TREND)
page_pdf.show_chart(charts.build_trend_figure(monthly), labels.OVERVIEW_TREND, key="overview_trend")
if not big:
    with st.expander(labels.OVERVIEW_DEFINITIONS):
        page_pdf.show_table(definitions_frame(), labels.OVERVIEW_DEFINITIONS, key="definitions")
