"""Drill-down from the district to one window (全区 → 街道 → 点位 → 部门 → 窗口) and back."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from effmon import labels
from effmon.semantic import catalog, display
from effmon.store.filters import Filters
from effmon.ui import cached, state
from effmon.ui.plain import plain
from effmon.ui.tables import render_table, workload_display

LEVELS = ("street", "site_id", "department", "window_name")
FILTER_FIELDS = {"street": "streets", "site_id": "site_ids", "department": "departments"}


def render_drill(path: str, filters: Filters, start: str, end: str, names: dict) -> None:
    """The workload table of the current drill level: a click on a row (or the picker and
    its button) goes down a level, the back button up."""
    trail: list[tuple[str, str]] = st.session_state.setdefault(state.WORKLOAD_DRILL, [])
    trail_names = (display.key_text(level, value, names) for level, value in trail)
    st.caption(" › ".join([labels.WORKLOAD["drill_top"], *map(plain, trail_names)]))
    scoped = replace(filters, **{FILTER_FIELDS[level]: (value,) for level, value in trail})
    level = LEVELS[len(trail)]
    measures = cached.workload(path, scoped, start, end, level)
    table = workload_display(measures, level, names)
    name = f"{labels.PAGES['workload']}_{catalog.dimension(level).name}"
    if level == LEVELS[-1]:
        render_table(table, name, key="drill")
        st.caption(labels.WORKLOAD["drill_end"])
    else:
        # Each level's table is its own widget: a row chosen above is not chosen again below.
        key = _table_key(trail)
        clicked = render_table(
            table, name, key=key, on_select="rerun", selection_mode="single-row"
        ).selection.rows
        if clicked and isinstance(measures["key"].iloc[clicked[0]], str):
            _down(trail, level, measures["key"].iloc[clicked[0]])
        st.caption(labels.WORKLOAD["drill_click"])
        choices = [k for k in measures["key"] if isinstance(k, str)]
        pick = st.selectbox(
            labels.WORKLOAD["drill_pick"],
            choices,
            key=state.WORKLOAD_DRILL_PICK,
            format_func=lambda k: display.key_text(level, k, names),
        )
        if st.button(labels.WORKLOAD["drill_go"], key=state.WORKLOAD_DRILL_GO, disabled=not pick):
            _down(trail, level, pick)
    if trail and st.button(labels.WORKLOAD["drill_back"], key=state.WORKLOAD_DRILL_BACK):
        trail.pop()
        st.session_state.pop(f"{_table_key(trail)}_table", None)  # forget the row clicked there
        st.rerun()


def _table_key(trail: list[tuple[str, str]]) -> str:
    return f"drill_{len(trail)}"


def _down(trail: list[tuple[str, str]], level: str, key: str) -> None:
    trail.append((level, key))
    st.rerun()
