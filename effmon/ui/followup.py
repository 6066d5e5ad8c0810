"""满意度 page section: 差评 follow-up summary, items and the form to record a step."""

from __future__ import annotations

from datetime import datetime

import streamlit as st

from effmon import config, labels
from effmon.analytics.satisfaction import followup_summary
from effmon.domain.followup_workflow import NEXT as FOLLOWUP_NEXT
from effmon.errors import EffmonError
from effmon.semantic import display
from effmon.store.filters import Filters
from effmon.ui import cached, notice, session, state
from effmon.ui.choice import choose
from effmon.ui.tables import render_table


def render_followups(path: str, filters: Filters, start: str, end: str, names: dict) -> None:
    """Per-department 整改 summary, the items, and a form for the next step of one."""
    st.subheader(labels.FOLLOWUP["title"])
    st.caption(labels.FOLLOWUP["caption"].format(days=config.get("followup_workdays")))
    items = cached.followups(path, filters, start, end)
    if not items.empty:
        summary = followup_summary(items)
        summary["rectify_share"] = display.table_values(
            "followup_rectify_share", summary["rectify_share"]
        )
        render_table(
            summary.round(1).rename(columns=labels.FOLLOWUP_SUMMARY),
            f"差评整改_{start}_{end}",
            key="followup_summary",
        )
        shown = display.named(items, names).assign(
            level=items["level"].map(labels.LEVEL_NAMES),
            sentiment=items["sentiment"].round(2),
        )[list(labels.FOLLOWUP_COLUMNS)]
        render_table(
            shown.rename(columns=labels.FOLLOWUP_COLUMNS),
            f"差评事项_{start}_{end}",
            key="followup_items",
        )
    if not session.can("fieldwork"):
        return
    open_items = items[items["state"].isin(list(FOLLOWUP_NEXT))]
    with st.expander(labels.FOLLOWUP["record"], expanded=state.FOLLOWUP_RESULT in st.session_state):
        notice.show(state.FOLLOWUP_RESULT)
        if open_items.empty:
            st.info(labels.FOLLOWUP["none_open"])
        else:
            with st.form("followup_form"):
                described = {
                    item.evaluation_id: f"{item.evaluated_at:%Y-%m-%d %H:%M} {item.department} "
                    f"{item.state} {item.comment if isinstance(item.comment, str) else ''}"
                    for item in open_items.itertuples()
                }
                chosen = choose(labels.FOLLOWUP["pick"], described, key=state.FOLLOWUP_PICK)
                day = st.date_input(labels.FOLLOWUP["when"], key=state.FOLLOWUP_DAY)
                actor = st.text_input(labels.FOLLOWUP["actor"], key=state.FOLLOWUP_ACTOR)
                note = st.text_input(labels.FOLLOWUP["note"], key=state.FOLLOWUP_NOTE)
                saved = st.form_submit_button(labels.FOLLOWUP["save"])
            if saved:
                current = open_items.set_index("evaluation_id").at[chosen, "state"]
                step = FOLLOWUP_NEXT[current]
                when = min(datetime.combine(day, datetime.now().time()), datetime.now())
                try:
                    if not actor.strip():
                        raise EffmonError(labels.FOLLOWUP["no_actor"])
                    cached.record_followup(path, chosen, step, when, actor.strip(), note.strip())
                except EffmonError as exc:
                    st.error(str(exc))
                else:
                    session.audited("followup", chosen, state=step, actor=actor.strip())
                    saved_note = labels.FOLLOWUP["saved"].format(id=chosen, state=step)
                    notice.after_rerun(state.FOLLOWUP_RESULT, saved_note)
