"""专项调研: before/after an event chosen by the user (volume, waiting time, windows, with
confidence intervals; holidays accounted for), the peer-region comparison with its entry
form, and the research report."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from effmon import charts, labels
from effmon.errors import EffmonError
from effmon.reports import narrative
from effmon.reports.research import (
    comparison_text,
    effect_sentence,
    headline,
    peer_rows,
    unknown_sentence,
)
from effmon.semantic import display
from effmon.ui import cached, downloads, page_pdf, research_desk, session, state
from effmon.ui.filters import current_filters
from effmon.ui.plain import plain

WORDS = labels.RESEARCH_PAGE

session.require("page:research")
st.title(labels.PAGES["research"])
path = cached.db()
months = cached.months(path)
if not months:
    st.info(labels.NO_DATA)
    st.stop()
filters = current_filters()
st.caption(WORDS["caption"])

last_day = pd.Period(months[0], "M").end_time.date()
left, middle, right = st.columns([2, 3, 2])
event = left.date_input(
    WORDS["event"],
    value=last_day - timedelta(days=90),
    max_value=last_day,
    key=state.RESEARCH_EVENT,
)
event_name = middle.text_input(
    WORDS["event_name"], placeholder=WORDS["event_name_hint"], key=state.RESEARCH_EVENT_NAME
)
weeks = right.slider(WORDS["weeks"], 4, 26, 8, key=state.RESEARCH_WEEKS)
scope = research_desk.scope_text(path, filters)
st.markdown(f"**{plain(headline(scope, event, event_name.strip() or WORDS['unnamed']))}**")

st.subheader(WORDS["effects"])
try:
    daily, effects, comparison = research_desk.event_effects(path, filters, event, weeks)
except EffmonError as exc:
    st.warning(str(exc))
else:
    st.caption(plain(WORDS["compared"].format(comparison=comparison_text(comparison, scope))))
    for row in effects.to_dict("records"):
        st.markdown(f"- {plain(effect_sentence(row))}")
    page_pdf.show_table(
        effects.assign(
            measure=effects["measure"].map(labels.RESEARCH["measures"]),
            comparison_relative=display.percent_values(effects["comparison_relative"]),
            verdict=effects["verdict"].map(labels.RESEARCH["verdicts"]),
            p_value=effects["p_value"].map(narrative.p_value),
            relative=display.percent_values(effects["relative"]),
        )[list(WORDS["effect_columns"])]
        .rename(columns=WORDS["effect_columns"])
        .round(1),
        WORDS["effects"],
        key="research_effects",
    )
    measure = st.radio(
        WORDS["measure"], list(labels.RESEARCH["measures"]), horizontal=True,
        format_func=labels.RESEARCH["measures"].get, key=state.RESEARCH_MEASURE,
    )  # fmt: skip
    name = labels.RESEARCH["measures"][measure]
    figure = charts.build_event_figure(daily, measure, event, name)
    figure.add_scatter(
        x=pd.to_datetime(daily["day"]), y=daily[f"{measure}_comparison"], mode="lines",
        name=WORDS["comparison_line"], line={"color": "#999999"},
    )  # fmt: skip
    page_pdf.show_chart(figure, name, key="research_chart")
    st.caption(WORDS["method"])

st.subheader(WORDS["peers"])
if session.can("analyse"):
    with st.expander(WORDS["form"]), st.form("benchmark_form", clear_on_submit=True):
        cols = st.columns(3)
        region = cols[0].text_input(WORDS["region"], key=state.BENCHMARK_REGION)
        indicator = cols[1].text_input(WORDS["indicator"], key=state.BENCHMARK_INDICATOR)
        period_text = cols[2].text_input(WORDS["form_period"], key=state.BENCHMARK_PERIOD)
        cols = st.columns(3)
        value = cols[0].number_input(WORDS["value"], key=state.BENCHMARK_VALUE)
        unit = cols[1].text_input(WORDS["unit"], key=state.BENCHMARK_UNIT)
        note = cols[2].text_input(WORDS["note"], key=state.BENCHMARK_NOTE)
        st.caption(WORDS["import"])
        if st.form_submit_button(WORDS["save"]):
            try:
                research_desk.add_benchmark(
                    path, region=region, indicator=indicator, period=period_text.strip(),
                    value=value, unit=unit, note=note,
                )  # fmt: skip
            except EffmonError as exc:
                st.error(str(exc))
            else:
                st.success(WORDS["saved"].format(region=plain(region), indicator=plain(indicator)))


periods = research_desk.benchmark_periods(path)
if periods:
    period = st.selectbox(WORDS["period"], periods, key=state.RESEARCH_PERIOD)
    gaps = research_desk.gaps(path, period)
    page_pdf.show_table(
        peer_rows(gaps).rename(columns=labels.RESEARCH_REPORT["peer_columns"]),
        WORDS["peers"],
        key="research_peers",
    )
    if said := unknown_sentence(gaps):
        st.caption(plain(said))
else:
    st.info(labels.RESEARCH_REPORT["no_peers"])

if session.can("report") and st.button(WORDS["report"], key=state.RESEARCH_REPORT):
    try:
        with st.spinner(labels.REPORT_CENTRE["working"]):
            made = research_desk.research_report(path, filters, event, weeks, event_name)
    except EffmonError as exc:
        st.error(str(exc))
    else:
        st.success(labels.REPORT_CENTRE["done"].format(pages=made.pages, seconds=made.seconds))
        downloads.download_button(
            labels.REPORT_CENTRE["download"], made.pdf, permission="report",
            what=labels.REPORT_KINDS["research"], file_name=f"research_{event}.pdf",
            mime="application/pdf", key=state.RESEARCH_DOWNLOAD,
        )  # fmt: skip
