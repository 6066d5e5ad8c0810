"""日常巡查 page, 指标目录 tab: the indicator catalog, an administrator's form to change or
add an indicator, and the history of changes."""

from __future__ import annotations

import streamlit as st

from effmon import labels
from effmon.analytics import inspections
from effmon.domain.inspection_calendar import FREQUENCIES
from effmon.domain.kinds import allowed_values
from effmon.errors import EffmonError
from effmon.store import catalog, queries
from effmon.ui import cached, grid, notice, session, state
from effmon.ui.choice import choose
from effmon.ui.tables import render_table

NEW = ""


def render_catalog(path: str) -> None:
    con = cached.cursor(path)
    notice.show(state.CATALOG_RESULT)
    indicators = queries.indicator_catalog(con)
    st.subheader(labels.INSPECTION["catalog_title"])
    render_table(indicators.rename(columns=labels.INSPECTION_COLUMNS), "巡查指标目录", "catalog")
    levels = allowed_values("site_level")
    counts = {
        lv: int(indicators["site_levels"].str.split("|").map(lambda v, lv=lv: lv in v).sum())
        for lv in levels
    }
    st.caption(
        labels.INSPECTION["catalog_counts"]
        + "："
        + "，".join(f"{lv} {n} 项" for lv, n in counts.items())
    )
    by_id = indicators.set_index("indicator_id")
    described = {NEW: labels.INSPECTION["catalog_new"]} | {
        i: f"{i} {name}" for i, name in by_id["name"].items()
    }
    chosen = choose(labels.INSPECTION["catalog_pick"], described, key=state.CATALOG_PICK)
    current = by_id.loc[chosen].to_dict() if chosen != NEW else {}
    names = labels.INSPECTION_COLUMNS
    if not session.can("admin"):
        return
    with st.form(f"catalog_form_{chosen}"):
        indicator_id = st.text_input(names["indicator_id"], chosen, disabled=chosen != NEW)
        name = st.text_input(names["name"], current.get("name", ""))
        description = st.text_area(names["description"], current.get("description") or "")
        method = st.text_area(names["method"], current.get("method") or "")
        frequency = st.selectbox(
            names["frequency"],
            FREQUENCIES,
            index=FREQUENCIES.index(current["frequency"]) if current else 2,
        )
        site_levels = st.multiselect(
            names["site_levels"],
            levels,
            default=current["site_levels"].split("|") if current else levels[:3],
            placeholder=labels.CHOOSE,
            select_all=False,
        )
        actor = st.text_input(labels.INSPECTION["catalog_actor"])
        reason = st.text_input(labels.INSPECTION["catalog_reason"])
        saved = st.form_submit_button(labels.INSPECTION["catalog_save"])
    if saved:
        indicator = {
            "indicator_id": indicator_id,
            "name": name,
            "description": description,
            "method": method,
            "frequency": frequency,
            "site_levels": "|".join(site_levels),
        }
        try:
            changed = inspections.save_indicator(con, indicator, actor, reason)
        except EffmonError as exc:
            st.error(str(exc))
        else:
            if not changed:
                st.info(labels.INSPECTION["catalog_same"])
            else:
                cached.data_changed()
                session.audited("catalog_edit", indicator_id, reason=reason)
                said = labels.INSPECTION["catalog_saved"].format(indicator=indicator_id)
                notice.after_rerun(state.CATALOG_RESULT, said)
    history = catalog.changes(con)
    if not history.empty:
        st.subheader(labels.INSPECTION["catalog_history"])
        grid.show_frame(history.rename(columns=labels.INSPECTION_COLUMNS))
