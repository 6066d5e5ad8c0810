"""自助分析: one measure by up to two dimensions, as a pivot table and a chart, downloadable."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.overview import month_window
from effmon.store.workload import DIMENSIONS
from effmon.ui import cached, state
from effmon.ui.filters import current_filters, current_month
from effmon.ui.tables import pivot_display, render_table

MEASURE_CHOICES = [
    "cases",
    "online_cases",
    "online_share",
    "extended_cases",
    "extended_share",
    "wait_minutes_mean",
    "wait_minutes_p90",
    "overdue_cases",
    "instant_cases",
    "windows",
]

st.title(labels.PAGES["explore"])
month = current_month()
if month is None:
    st.info(labels.NO_DATA)
    st.stop()

path = cached.db()
span = st.radio(
    labels.WORKLOAD["span"],
    list(labels.WORKLOAD["spans"]),
    key=state.EXPLORE_SPAN,
    format_func=labels.WORKLOAD["spans"].get,
    horizontal=True,
)
measure = st.selectbox(
    labels.EXPLORE["measure"],
    MEASURE_CHOICES,
    key=state.EXPLORE_MEASURE,
    format_func=labels.WORKLOAD_MEASURES.get,
)
dimensions = st.multiselect(
    labels.EXPLORE["dimensions"],
    list(DIMENSIONS),
    default=["department"],
    key=state.EXPLORE_DIMENSIONS,
    max_selections=2,
    format_func=labels.DIMENSIONS.get,
)
if not dimensions:
    st.info(labels.EXPLORE["pick_dimension"])
    st.stop()

start, end = month_window(month, span)
long = cached.pivot(path, current_filters(), start, end, measure, tuple(dimensions))
if long.empty:
    st.info(labels.NO_DATA)
    st.stop()
table = pivot_display(long, dimensions, measure, cached.site_names(path))
figure = charts.build_pivot_figure(table, labels.WORKLOAD_MEASURES[measure])
st.caption(f"{start} — {end}。{labels.EXPLORE['hint']}")
st.plotly_chart(figure, key="explore_chart")
name = "_".join([labels.PAGES["explore"], labels.WORKLOAD_MEASURES[measure], start, end])
render_table(table, name, key="explore")
st.download_button(
    labels.EXPLORE["chart_html"],
    figure.to_html(include_plotlyjs=True, full_html=True),
    file_name=f"{name}.html",
    mime="text/html",
    key="explore_chart_html",
)
