"""区县对比: the city's districts on one catalog measure, read from the city's lake by the
engine of EFFMON_ENGINE (DuckDB, or Spark locally or through Spark Connect): the league
table with 95% intervals, and one district's place month by month."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.overview import month_window, months_name
from effmon.city.display import league_chart_frame, league_display, positions_display
from effmon.errors import LakeError
from effmon.semantic import catalog, display
from effmon.ui import city_cached, page_pdf, session, state
from effmon.ui.filters import WHOLE_DISTRICT
from effmon.ui.tables import render_table

session.require("page:city")
st.title(labels.PAGES["city"])
words = labels.CITY
try:
    city = city_cached.current_city()
except LakeError as exc:
    st.info(words["no_lake"].format(error=exc))
    st.stop()
names = city.lake.names()
months = city.lake.months()
if not months:
    st.info(words["no_data"])
    st.stop()
st.caption(words["engine"].format(count=len(names), engine=words["engines"][city.engine.name]))

keys = [k for k, m in catalog.measures().items() if not m.computed]
left, middle, right = st.columns([2, 1, 1])
key = left.selectbox(
    words["measure"],
    keys,
    index=keys.index("good_share"),
    key=state.CITY_MEASURE,
    format_func=lambda k: catalog.measure(k).name,
)
newest_first = months[::-1]
common = city.lake.last_common_month()  # the districts compare fully up to it
month = middle.selectbox(
    words["month"],
    newest_first,
    index=newest_first.index(common) if common in newest_first else 0,
    key=state.CITY_MONTH,
)
spans = labels.WORKLOAD["spans"]
span = right.radio(
    words["span"], list(spans), key=state.CITY_SPAN, format_func=spans.get, horizontal=True
)
start, end = month_window(month, span)
lake_key = ",".join(city.lake.export_ids())  # a new export: new figures
whole = WHOLE_DISTRICT  # every district, all of it

table, city_value = city_cached.district_league(city, lake_key, whole, start, end, key)
measure_name = catalog.measure(key).name
st.subheader(words["league"].format(measure=measure_name, span=months_name(start, end)))
st.caption(f"{catalog.measure(key).definition}{words['league_caption']}")
if table.empty:
    st.info(words["no_data"])
    st.stop()
chart = league_chart_frame(table, key, names, city_value)
page_pdf.show_chart(charts.build_league_figure(chart, display.header(key)), key="city_league")
name = "_".join([labels.PAGES["city"], measure_name, start, end])
render_table(league_display(table, key, names), name, key="city_league")

district = st.selectbox(
    words["district"], list(names), key=state.CITY_DISTRICT, format_func=names.get
)
first, _ = month_window(month, 12)
places = city_cached.district_positions(city, lake_key, whole, first, month, key, district)
st.subheader(words["position"].format(district=names[district], measure=measure_name))
if places.empty:
    st.info(words["no_data"])
    st.stop()
page_pdf.show_chart(charts.build_position_figure(places, words["place_axis"]), key="city_position")
render_table(positions_display(places, key), f"{name}_{district}", key="city_position")
