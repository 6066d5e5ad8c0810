"""窗口办件: workload measures by dimension, drill-down to a window, hour × weekday load."""

import streamlit as st

from effmon import charts, labels
from effmon.ui import cached, page_pdf, session, state
from effmon.ui.drill import render_drill
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.tables import render_table, workload_display

session.require("page:workload")
st.title(labels.PAGES["workload"])
start, end = choose_period(state.WORKLOAD_SPAN)
path = cached.db()
filters = current_filters()
names = cached.site_names(path)
st.caption(f"{start} — {end}")

st.subheader(labels.WORKLOAD["by_dimension"])
dimension = st.selectbox(
    labels.WORKLOAD["dimension"],
    list(labels.DIMENSIONS),
    key=state.WORKLOAD_DIMENSION,
    index=list(labels.DIMENSIONS).index("department"),
    format_func=labels.DIMENSIONS.get,
)
measures = cached.workload(path, filters, start, end, dimension)
if measures.empty:
    st.info(labels.NO_DATA)
    st.stop()
table = workload_display(measures, dimension, names)
top = table.head(20)
page_pdf.show_chart(
    charts.build_bar_figure(
        top.iloc[:, 0], top[labels.WORKLOAD_MEASURES["cases"]], labels.WORKLOAD_MEASURES["cases"]
    ),
    key="workload_bars",
)
render_table(
    table,
    f"{labels.PAGES['workload']}_{labels.DIMENSIONS[dimension]}_{start}_{end}",
    key="by_dimension",
)

st.subheader(labels.WORKLOAD["drill"])
render_drill(path, filters, start, end, names)

st.subheader(labels.WORKLOAD["heatmap"])
page_pdf.show_chart(
    charts.build_hour_weekday_figure(cached.hour_weekday(path, filters, start, end)),
    key="workload_heatmap",
)
with st.expander(labels.WORKLOAD["definitions"]):
    for line in labels.WORKLOAD_DEFINITIONS:
        st.markdown(f"- {line}")
