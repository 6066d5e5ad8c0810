"""投诉处理 page: the queue by state and deadline, registering a complaint, one complaint's
timeline with the form for its next step, and the time limits."""

from __future__ import annotations

import streamlit as st

from effmon import labels
from effmon.analytics import complaint_workflow as flow
from effmon.analytics.complaint_categories import category_origin
from effmon.domain import complaint_workflow as rules
from effmon.errors import EffmonError
from effmon.store import complaint_flow as store_flow
from effmon.ui import cached, notice, session, state
from effmon.ui import cached_complaints as data
from effmon.ui.choice import choose
from effmon.ui.plain import plain
from effmon.ui.tables import render_table

YES_NO = {True: "是", False: "否"}
# The queue's columns, what to act on first: the step, its deadline, whether it is late.
QUEUE_ORDER = [
    "ticket_id", "state", "due_at", "overdue", "unit", "title", "source", "category",
    "category_origin", "received_at", "since",
]  # fmt: skip


def render_queue(path: str) -> None:
    waiting = flow.queue(cached.cursor(path))
    counts = waiting["state"].value_counts()
    cards = st.columns(len(rules.NEXT) + 1)
    for card, name in zip(cards, rules.NEXT, strict=False):
        card.metric(name, int(counts.get(name, 0)))
    cards[-1].metric(labels.DESK["overdue"], int(waiting["overdue"].sum()))
    chosen = st.multiselect(
        labels.DESK["states"],
        list(rules.NEXT),
        key=state.FLOW_STATES,
        placeholder=labels.DESK["all"],
        select_all=False,
    )
    if chosen:
        waiting = waiting[waiting["state"].isin(chosen)]
    if st.checkbox(labels.DESK["only_overdue"], key=state.FLOW_ONLY_OVERDUE):
        waiting = waiting[waiting["overdue"]]
    shown = waiting.assign(
        overdue=waiting["overdue"].map(YES_NO),
        category_origin=category_origin(waiting, data.review_queue(path)["ticket_id"]),
    )[QUEUE_ORDER]
    render_table(shown.rename(columns=labels.DESK_COLUMNS), "投诉工单队列", "flow_queue")


def render_register(path: str) -> None:
    con = cached.cursor(path)
    units = sorted(cached.dimensions(path)["departments"]["department"])
    if not session.can("fieldwork"):
        st.info(labels.LOGIN["read_only"])
        return
    notice.show(state.FLOW_RESULT)  # the ticket just registered, where it was
    with st.form("flow_register", clear_on_submit=True):
        left, right = st.columns(2)
        source = left.selectbox(labels.DESK["source"], rules.SOURCES)
        unit = right.selectbox(labels.FLOW_FIELDS["unit"], units)
        title = st.text_input(labels.FLOW_FIELDS["title"], max_chars=200)
        body = st.text_area(labels.FLOW_FIELDS["body"], max_chars=5000)
        left, right = st.columns(2)
        complainant = left.text_input(labels.DESK["complainant"])
        actor = right.text_input(labels.FLOW_FIELDS["actor"], key=state.FLOW_REGISTER_ACTOR)
        saved = st.form_submit_button(labels.DESK["register"], type="primary")
    if saved:
        try:
            ticket = flow.register(
                con,
                source=source,
                title=title,
                body=body,
                unit=unit,
                actor=actor,
                complainant=complainant or None,
            )
        except EffmonError as exc:
            st.error(str(exc))
        else:
            cached.data_changed()
            session.audited("complaint_register", ticket, source=source, unit=unit)
            notice.after_rerun(state.FLOW_RESULT, labels.DESK["registered"].format(ticket=ticket))


def render_handling(path: str) -> None:
    con = cached.cursor(path)
    notice.show(state.FLOW_STEP_RESULT)
    waiting = flow.queue(con)
    described = {
        row.ticket_id: f"{row.ticket_id} [{row.state}] {row.title}" for row in waiting.itertuples()
    }
    typed = st.text_input(labels.DESK["ticket_any"], key=state.FLOW_TICKET_TYPED).strip()
    ticket = typed or choose(labels.DESK["ticket"], described, key=state.FLOW_TICKET)
    if not ticket:
        st.info(labels.DESK["none_open"])
        return
    try:
        line = flow.timeline(con, ticket)
    except EffmonError as exc:
        st.error(str(exc))
        return
    st.subheader(labels.DESK["timeline"].format(ticket=plain(ticket)))
    shown = line.assign(
        late=line["late"].map(YES_NO),
        **{c: line[c].map(YES_NO) for c in ("channel_ok", "attitude_ok", "solved")},
    )
    render_table(shown.rename(columns=labels.DESK_COLUMNS), f"工单时间线_{ticket}", "flow_line")
    current = line.loc[line["state"] != rules.CORRECTION, "state"].iloc[-1]
    if current not in rules.NEXT:
        st.success(labels.DESK["closed"])
    else:
        _render_step(con, ticket, current)
    _render_correction(con, ticket)


def _render_step(con, ticket: str, current: str) -> None:
    if not session.can("fieldwork"):
        return
    with st.form(f"flow_step_{ticket}"):
        st.markdown(f"**{labels.DESK['next'].format(current=current)}**")
        left, right = st.columns(2)
        step = left.selectbox(labels.DESK["step"], rules.NEXT[current], key=state.FLOW_STEP)
        actor = right.text_input(labels.FLOW_FIELDS["actor"], key=state.FLOW_ACTOR)
        note = st.text_input(labels.DESK["note"], key=state.FLOW_NOTE)
        unit = st.text_input(labels.DESK["unit_hint"], key=state.FLOW_UNIT)
        result = st.text_area(labels.DESK["result_hint"], key=state.FLOW_RESULT_TEXT)
        st.caption(labels.DESK["revisit_hint"])
        answers = st.columns(4)
        asked = {
            name: answers[k].radio(
                labels.DESK[name],
                [True, False],
                index=None,
                format_func=YES_NO.get,
                key=f"flow_{name}",
                horizontal=True,
            )
            for k, name in enumerate(("channel_ok", "attitude_ok", "solved"))
        }
        satisfaction = answers[3].selectbox(
            labels.DESK["satisfaction"],
            rules.SATISFACTION,
            index=None,
            key=state.FLOW_SATISFACTION,
            placeholder=labels.CHOOSE,
        )
        saved = st.form_submit_button(labels.DESK["save_step"], type="primary")
    if saved:
        try:
            flow.advance(
                con,
                ticket,
                step,
                actor,
                note,
                unit=unit,
                result=result,
                satisfaction=satisfaction,
                **asked,
            )
        except EffmonError as exc:
            st.error(str(exc))
        else:
            cached.data_changed()
            session.audited("complaint_step", ticket, state=step, actor=actor)
            said = labels.DESK["stepped"].format(ticket=ticket, state=step)
            _clear(STEP_FIELDS)  # the next step starts from an empty form
            notice.after_rerun(state.FLOW_STEP_RESULT, said)


STEP_FIELDS = [
    state.FLOW_ACTOR, state.FLOW_NOTE, state.FLOW_UNIT, state.FLOW_RESULT_TEXT,
    "flow_channel_ok", "flow_attitude_ok", "flow_solved", state.FLOW_SATISFACTION,
]  # fmt: skip
CORRECTION_FIELDS = [state.FLOW_CORRECT_NOTE, state.FLOW_CORRECT_UNIT, state.FLOW_CORRECT_ACTOR]


def _clear(keys: list[str]) -> None:
    """Forget what a saved form's fields held."""
    for key in keys:
        st.session_state.pop(key, None)


def _render_correction(con, ticket: str) -> None:
    """A correction of the record (更正): a new event, the state unchanged."""
    if not session.can("fieldwork"):
        return
    with st.expander(labels.DESK["correct"]), st.form(f"flow_correct_{ticket}"):
        note = st.text_input(labels.DESK["correct_note"], key=state.FLOW_CORRECT_NOTE)
        unit = st.text_input(labels.DESK["correct_unit"], key=state.FLOW_CORRECT_UNIT)
        actor = st.text_input(labels.FLOW_FIELDS["actor"], key=state.FLOW_CORRECT_ACTOR)
        saved = st.form_submit_button(labels.DESK["correct_save"])
    if saved:
        try:
            flow.correct(con, ticket, actor, note, unit=unit)
        except EffmonError as exc:
            st.error(str(exc))
        else:
            session.audited("complaint_correct", ticket, note=note)
            _clear(CORRECTION_FIELDS)
            notice.after_rerun(
                state.FLOW_STEP_RESULT, labels.DESK["corrected"].format(ticket=ticket)
            )


def render_limits(path: str) -> None:
    con = cached.cursor(path)
    notice.show(state.FLOW_LIMIT_RESULT)
    limits = store_flow.limits(con)
    table = limits.pivot(index="source", columns="state", values="workdays")
    table = table[[s for s in (*rules.NEXT, rules.DONE) if s in table.columns]].reset_index()
    render_table(table.rename(columns={"source": labels.DESK["source"]}), "投诉时限", "limits")
    st.caption(labels.DESK["limits_caption"])
    if not session.can("admin"):
        return
    with st.form("flow_limit"):
        cols = st.columns(4)
        source = cols[0].selectbox(
            labels.DESK["source"], rules.SOURCES, key=state.FLOW_LIMIT_SOURCE
        )
        step = cols[1].selectbox(
            labels.DESK["state"], [*rules.NEXT, rules.DONE], key=state.FLOW_LIMIT_STATE
        )
        days = cols[2].number_input(labels.DESK["workdays"], 1, 60, 5, key=state.FLOW_LIMIT_DAYS)
        actor = cols[3].text_input(labels.FLOW_FIELDS["actor"], key=state.FLOW_LIMIT_ACTOR)
        saved = st.form_submit_button(labels.DESK["save_limit"])
    if saved:
        try:
            flow.set_limit(con, source, step, int(days), actor)
        except EffmonError as exc:
            st.error(str(exc))
        else:
            session.audited("complaint_limit", f"{source}/{step}", workdays=int(days))
            said = labels.DESK["limit_saved"].format(source=source, state=step, days=int(days))
            notice.after_rerun(state.FLOW_LIMIT_RESULT, said)
