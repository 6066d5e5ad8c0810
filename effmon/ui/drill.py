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
    """The workload table of the current drill level, with controls to go down or back."""
    trail: list[tuple[str, str]] = st.session_state.setdefault(state.WORKLOAD_DRILL, [])
    trail_names = (display.key_text(level, value, names) for level, value in trail)
    st.caption(" › ".join([labels.WORKLOAD["drill_top"], *map(plain, trail_names)]))
    scoped = replace(filters, **{FILTER_FIELDS[level]: (value,) for level, value in trail})
    level = LEVELS[len(trail)]
    measures = cached.workload(path, scoped, start, end, level)
    table = workload_display(measures, level, names)
    render_table(table, f"{labels.PAGES['workload']}_{catalog.dimension(level).name}", key="drill")
    if level == LEVELS[-1]:
        st.caption(labels.WORKLOAD["drill_end"])
    else:
        choices = [k for k in measures["key"] if isinstance(k, str)]
        pick = st.selectbox(
            labels.WORKLOAD["drill_pick"],
            choices,
            key=state.WORKLOAD_DRILL_PICK,
            format_func=lambda k: display.key_text(level, k, names),
        )
        if st.button(labels.WORKLOAD["drill_go"], key=state.WORKLOAD_DRILL_GO, disabled=not pick):
            trail.append((level, pick))
            st.rerun()
    if trail and st.button(labels.WORKLOAD["drill_back"], key=state.WORKLOAD_DRILL_BACK):
        trail.pop()
        st.rerun()
