"""窗口办件: workload measures by dimension, drill-down to a window, hour × weekday load."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.workload import DIMENSIONS, MEASURES
from effmon.semantic import catalog, display
from effmon.ui import cached, page_pdf, session, state
from effmon.ui.drill import render_drill
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.tables import render_table, workload_display

session.require("page:workload")
st.title(labels.PAGES["workload"])
start, end = choose_period(state.WORKLOAD_SPAN)
path = cached.db()
filters = current_filters()
names = cached.value_names(path)
st.caption(f"{start} — {end}")

st.subheader(labels.WORKLOAD["by_dimension"])
dimension = st.selectbox(
    labels.WORKLOAD["dimension"],
    DIMENSIONS,
    key=state.WORKLOAD_DIMENSION,
    index=DIMENSIONS.index("department"),
    format_func=lambda d: catalog.dimension(d).name,
)
measures = cached.workload(path, filters, start, end, dimension)
if measures.empty:
    st.info(labels.NO_DATA)
    st.stop()
table = workload_display(measures, dimension, names)
top = table.head(20)
page_pdf.show_chart(
    charts.build_bar_figure(top.iloc[:, 0], top[display.header("cases")], display.header("cases")),
    key="workload_bars",
)
render_table(
    table,
    f"{labels.PAGES['workload']}_{catalog.dimension(dimension).name}_{start}_{end}",
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
    for key in MEASURES:
        st.markdown(f"- {catalog.measure(key).name}：{catalog.measure(key).definition}")
