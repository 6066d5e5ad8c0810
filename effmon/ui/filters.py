"""The shared sidebar filters; their choice persists across pages in session state."""

from __future__ import annotations

import streamlit as st

from effmon import labels
from effmon.analytics.overview import month_window
from effmon.store.filters import Filters
from effmon.ui import cached, state

LEVEL_ORDER = ("区级大厅", "街道综合便民服务中心", "社区便民服务室", "智能自助政务服务点位")


# URL query parameter of each filter, so a view can be bookmarked or shared.
URL_PARAMS = {
    state.FILTER_MONTH: "month",
    state.FILTER_LEVELS: "level",
    state.FILTER_STREETS: "street",
    state.FILTER_SITES: "site",
    state.FILTER_DEPARTMENTS: "dept",
}


def render_filters(path: str) -> None:
    """Draw the period and dimension filters in the sidebar; mirror them in the URL."""
    months = cached.months(path)
    dims = cached.dimensions(path)
    sites = dims["sites"]
    levels = [lv for lv in LEVEL_ORDER if lv in set(sites["level"])]
    options = {
        state.FILTER_MONTH: months,
        state.FILTER_LEVELS: levels,
        state.FILTER_STREETS: sorted(set(sites["street"])),
        state.FILTER_SITES: sites["site_id"].tolist(),
        state.FILTER_DEPARTMENTS: dims["departments"]["department"].tolist(),
    }
    _take_from_url(options)
    with st.sidebar:
        st.subheader(labels.FILTERS["title"])
        if months:
            if st.session_state.get(state.FILTER_MONTH) not in months:
                st.session_state[state.FILTER_MONTH] = months[0]
            st.selectbox(labels.FILTERS["month"], months, key=state.FILTER_MONTH)
        st.multiselect(
            labels.FILTERS["levels"],
            levels,
            key=state.FILTER_LEVELS,
            placeholder=labels.FILTER_ALL,
            select_all=False,
        )
        st.multiselect(
            labels.FILTERS["streets"],
            options[state.FILTER_STREETS],
            key=state.FILTER_STREETS,
            placeholder=labels.FILTER_ALL,
            select_all=False,
        )
        chosen = sites
        if st.session_state.get(state.FILTER_LEVELS):
            chosen = chosen[chosen["level"].isin(st.session_state[state.FILTER_LEVELS])]
        if st.session_state.get(state.FILTER_STREETS):
            chosen = chosen[chosen["street"].isin(st.session_state[state.FILTER_STREETS])]
        names = dict(zip(chosen["site_id"], chosen["name"], strict=True))
        kept = [s for s in st.session_state.get(state.FILTER_SITES, []) if s in names]
        st.session_state[state.FILTER_SITES] = kept
        st.multiselect(
            labels.FILTERS["site_ids"],
            list(names),
            key=state.FILTER_SITES,
            format_func=lambda s: f"{names[s]}（{s}）",
            placeholder=labels.FILTER_ALL,
            select_all=False,
        )
        st.multiselect(
            labels.FILTERS["departments"],
            options[state.FILTER_DEPARTMENTS],
            key=state.FILTER_DEPARTMENTS,
            placeholder=labels.FILTER_ALL,
            select_all=False,
        )
        st.caption(labels.FILTER_HINT)
    _put_in_url()


def _take_from_url(options: dict[str, list[str]]) -> None:
    """At a session's start, filters named in the URL (known values only) become its choice."""
    for key, param in URL_PARAMS.items():
        if key in st.session_state or param not in st.query_params:
            continue
        values = [v for v in st.query_params.get_all(param) if v in options[key]]
        if key == state.FILTER_MONTH:
            if values:
                st.session_state[key] = values[0]
        else:
            st.session_state[key] = values


def _put_in_url() -> None:
    for key, param in URL_PARAMS.items():
        value = st.session_state.get(key)
        if value:
            st.query_params[param] = value
        elif param in st.query_params:
            del st.query_params[param]


def require_month() -> str:
    """The sidebar month; a store without cases gets a note and the page stops."""
    month = current_month()
    if month is None:
        st.info(labels.NO_DATA)
        st.stop()
    return month


def choose_period(key: str) -> tuple[str, str]:
    """The first and last month of 当月 / 近 3 个月 / 近 12 个月 ending at the sidebar month."""
    month = require_month()
    spans = labels.WORKLOAD["spans"]
    span = st.radio(
        labels.WORKLOAD["span"], list(spans), key=key, format_func=spans.get, horizontal=True
    )
    return month_window(month, span)


def current_month() -> str | None:
    """The month chosen in the sidebar ('YYYY-MM'), None when the store has no cases."""
    return st.session_state.get(state.FILTER_MONTH)


WHOLE_DISTRICT = Filters()  # no filter: what the wall display shows


def current_filters() -> Filters:
    """The dimension filters chosen in the sidebar."""
    get = st.session_state.get
    return Filters(
        levels=tuple(get(state.FILTER_LEVELS, [])),
        streets=tuple(get(state.FILTER_STREETS, [])),
        site_ids=tuple(get(state.FILTER_SITES, [])),
        departments=tuple(get(state.FILTER_DEPARTMENTS, [])),
    )
