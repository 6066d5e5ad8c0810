"""总览: headline KPIs of the chosen month with MoM/YoY change, and a 24-month trend."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.overview import compute_kpis, month_window
from effmon.ui import cached
from effmon.ui.filters import current_filters, current_month
from effmon.ui.kpi import render_kpi_cards

st.title(labels.PAGES["overview"])
month = current_month()
if month is None:
    st.info(labels.NO_DATA)
    st.stop()

start, end = month_window(month, 24)
monthly = cached.monthly_overview(cached.db(), current_filters(), start, end)
if month not in set(monthly["month"]):
    st.info(labels.NO_DATA)
    st.stop()

st.caption(labels.OVERVIEW_CAPTION.format(month=month))
render_kpi_cards(compute_kpis(monthly, month))
st.subheader(labels.OVERVIEW_TREND)
st.plotly_chart(charts.build_trend_figure(monthly), key="overview_trend")
with st.expander(labels.OVERVIEW_DEFINITIONS):
    for key, text in labels.METRIC_DEFINITIONS.items():
        st.markdown(f"- **{labels.METRICS[key]}**：{text}")
