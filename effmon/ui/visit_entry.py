"""日常巡查 page, 巡查录入 tab: record one visit of a site, and change a saved one."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from effmon import config, labels
from effmon.analytics import inspections
from effmon.domain import inspection_visits as rules
from effmon.errors import EffmonError
from effmon.store import visits
from effmon.ui import cached, grid, notice, session, state

DEFAULT_PERSON_DAYS = 0.5
_ROW = ["indicator_id", "result", "finding", "rectify_by"]


def render_entry(path: str, names: dict[str, str]) -> None:
    """Choose site and date, enter the due indicators, save them as one visit."""
    con = cached.cursor(path)
    if not session.can("fieldwork"):
        st.info(labels.LOGIN["read_only"])
        return
    notice.show(state.VISIT_RESULT)
    head = st.columns([2, 1, 1, 1])
    site = head[0].selectbox(
        labels.INSPECTION["site"],
        list(names),
        key=state.VISIT_SITE,
        format_func=lambda s: f"{s} {names[s]}",
    )
    day = head[1].date_input(labels.INSPECTION["day"], max_value=date.today(), key=state.VISIT_DAY)
    inspector = head[2].text_input(labels.INSPECTION["inspector"], key=state.VISIT_INSPECTOR)
    person_days = head[3].number_input(
        labels.INSPECTION["person_days"],
        min_value=0.1,
        max_value=31.0,
        value=DEFAULT_PERSON_DAYS,
        step=0.5,
        key=state.VISIT_PERSON_DAYS,
    )
    show_all = st.checkbox(labels.INSPECTION["show_all"], key=state.VISIT_SHOW_ALL)
    due = inspections.due_indicators(con, day, site)
    shown = due if show_all else due[due["due"]]
    if shown.empty:
        st.info(labels.INSPECTION["none_due"])
    else:
        st.caption(labels.INSPECTION["entry_caption"])
        with st.form(f"visit_form_{site}_{day}_{show_all}"):
            rows = _indicator_rows(shown, f"visit_{site}_{day}")
            rest_passed = st.checkbox(labels.INSPECTION["rest_passed"], key=state.VISIT_REST)
            saved = st.form_submit_button(labels.INSPECTION["save"], type="primary")
        if saved:
            if rest_passed:
                rows["result"] = rows["result"].fillna("合格")
            rows = rows[rows["result"].notna()].reset_index(drop=True)
            try:
                visit_id = inspections.save_visit(con, site, day, inspector, person_days, rows)
            except EffmonError as exc:
                st.error(str(exc))
            else:
                cached.data_changed()
                session.audited("visit_save", visit_id, rows=len(rows))
                note = labels.INSPECTION["saved"].format(visit=visit_id, rows=len(rows))
                notice.after_rerun(state.VISIT_RESULT, note)
    _render_edit(path, site)


def _render_edit(path: str, site: str) -> None:
    """The site's recent visits; one of them changed, the values it replaces kept."""
    con = cached.cursor(path)
    recent = visits.recent(con, site)
    hours = config.get("visit_edit_hours")
    with st.expander(labels.INSPECTION["recent"].format(hours=hours)):
        notice.show(state.VISIT_EDIT_RESULT)
        if recent.empty:
            st.info(labels.NO_DATA)
            return
        described = {
            row.visit_id: f"{row.visit_date:%Y-%m-%d} {row.inspector}（{row.visit_id}）"
            for row in recent.itertuples()
        }
        chosen = st.selectbox(
            labels.INSPECTION["pick_visit"],
            list(described),
            format_func=described.get,
            key=state.VISIT_PICK,
        )
        _, rows = inspections.visit(con, chosen)
        with st.form(f"visit_edit_{chosen}"):
            edited = _indicator_rows(rows, f"edit_{chosen}", current=rows)
            cols = st.columns(2)
            actor = cols[0].text_input(labels.INSPECTION["edit_actor"], key=state.VISIT_EDIT_ACTOR)
            reason = cols[1].text_input(labels.INSPECTION["edit_reason"], key=state.VISIT_REASON)
            saved = st.form_submit_button(labels.INSPECTION["edit_save"])
        if saved:
            try:
                if not actor.strip():
                    raise EffmonError(labels.VISITS["no_actor"])
                changed = inspections.edit_visit(
                    con, chosen, edited, actor.strip(), reason=reason, admin=session.can("admin")
                )
            except EffmonError as exc:
                st.error(str(exc))
            else:
                if not changed:
                    st.info(labels.INSPECTION["no_change"])
                else:
                    cached.data_changed()
                    session.audited("visit_edit", chosen, rows=changed, reason=reason)
                    done = labels.INSPECTION["edited"].format(rows=changed)
                    notice.after_rerun(state.VISIT_EDIT_RESULT, done)
        history = visits.changes(con, site)
        if not history.empty:
            st.markdown(f"**{labels.INSPECTION['history']}**")
            grid.show_frame(history.rename(columns=labels.INSPECTION_COLUMNS), key="visit_history")


def _indicator_rows(
    indicators: pd.DataFrame, prefix: str, current: pd.DataFrame | None = None
) -> pd.DataFrame:
    """One line per indicator (name and check method; result, finding, rectification
    deadline), prefilled from ``current``; what was entered, as save_visit's rows."""
    names = labels.INSPECTION_COLUMNS
    rows = []
    for n, item in enumerate(indicators.itertuples()):
        before = current.iloc[n] if current is not None else None
        what, result, finding, deadline = st.columns([3, 2.2, 3, 1.5])
        what.markdown(f"**{item.indicator_id} {item.name}**")
        if isinstance(getattr(item, "method", None), str):
            what.caption(f"{item.frequency}｜{item.method}")
        key = f"{prefix}_{item.indicator_id}"
        chosen = result.radio(
            names["result"],
            rules.RESULTS,
            index=rules.RESULTS.index(before["result"]) if before is not None else None,
            horizontal=True,
            key=f"{key}_result",
            label_visibility="collapsed",
        )
        text = finding.text_input(
            names["finding"],
            value=_given(before, "finding") or "",
            key=f"{key}_finding",
            placeholder=names["finding"],
            label_visibility="collapsed",
        )
        by = deadline.date_input(
            names["rectify_by"],
            value=_given(before, "rectify_by"),
            key=f"{key}_rectify_by",
            label_visibility="collapsed",
        )
        rows.append((item.indicator_id, chosen, text or None, by))
    return pd.DataFrame(rows, columns=_ROW)


def _given(row: pd.Series | None, column: str):
    """A stored value to prefill with, or None."""
    if row is None or pd.isna(row[column]):
        return None
    return row[column]
