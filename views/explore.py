"""自助分析: one measure by up to two dimensions, as a pivot table and a chart, downloadable."""

import functools

import streamlit as st

from effmon import charts, labels
from effmon.semantic import catalog, display
from effmon.ui import cached, downloads, page_pdf, session, state
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.tables import pivot_display, render_table

session.require("page:explore")
st.title(labels.PAGES["explore"])
start, end = choose_period(state.EXPLORE_SPAN)
path = cached.db()
measure = st.selectbox(
    labels.EXPLORE["measure"],
    cached.pivot_measures(),
    key=state.EXPLORE_MEASURE,
    format_func=lambda k: catalog.measure(k).name,
)
dimensions = st.multiselect(
    labels.EXPLORE["dimensions"],
    list(catalog.dimensions()),
    default=["department"],
    key=state.EXPLORE_DIMENSIONS,
    max_selections=2,
    format_func=lambda d: catalog.dimension(d).name,
    placeholder=labels.CHOOSE,
)
if not dimensions:
    st.info(labels.EXPLORE["pick_dimension"])
    st.stop()

if not cached.can_split(measure, tuple(dimensions)):
    st.info(labels.EXPLORE["not_split"].format(measure=catalog.measure(measure).name))
    st.stop()
long = cached.pivot(path, current_filters(), start, end, measure, tuple(dimensions))
if long.empty:
    st.info(labels.NO_DATA)
    st.stop()
table = pivot_display(long, dimensions, measure, cached.value_names(path))
figure = charts.build_pivot_figure(table, display.header(measure))
st.caption(f"{start} — {end}。{catalog.measure(measure).definition}{labels.EXPLORE['hint']}")
page_pdf.show_chart(figure, key="explore_chart")
name = "_".join([labels.PAGES["explore"], catalog.measure(measure).name, start, end])
render_table(table, name, key="explore")
downloads.download_button(
    labels.EXPLORE["chart_html"],
    functools.partial(figure.to_html, include_plotlyjs=True, full_html=True),
    permission="export",
    what=name,
    file_name=f"{name}.html",
    mime="text/html",
    key="explore_chart_html",
)
