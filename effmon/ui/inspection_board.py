"""日常巡查 page, 覆盖情况 and 巡查分析 tabs: the monthly coverage board, person-days against
the plan, pass rates, repeated failures, rectification tracking and prompt-letter problems."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import config, labels
from effmon.analytics import inspections
from effmon.domain import inspection_calendar as calendar
from effmon.domain import inspection_visits as rules
from effmon.errors import EffmonError
from effmon.semantic import display
from effmon.store import inspections as store_inspections
from effmon.store import queries
from effmon.store.filters import Filters
from effmon.ui import cached, notice, session, state
from effmon.ui.choice import choose
from effmon.ui.tables import render_table


def render_coverage(path: str, month: str) -> None:
    con = cached.cursor(path)
    day = calendar.board_day(month)
    board = inspections.coverage(con, month, day)
    st.caption(labels.INSPECTION["as_of"].format(day=day))
    cards = st.columns(3)
    cards[0].metric(labels.INSPECTION["covered"], f"{board['inspected'].sum()} / {len(board)}")
    cards[1].metric(labels.INSPECTION["due"], int(board["due"].sum()))
    cards[2].metric(labels.INSPECTION["overdue"], int(board["overdue"].sum()))
    st.subheader(labels.INSPECTION["person_days_title"])
    plan = store_inspections.person_days(con, month)
    plan["share"] = display.percent_values(plan["share"])
    render_table(
        plan.round(2).rename(columns=labels.INSPECTION_COLUMNS), f"巡查人天_{month}", "plan"
    )
    st.subheader(labels.INSPECTION["board_title"])
    if st.checkbox(labels.INSPECTION["only_gaps"], key=state.BOARD_GAPS):
        board = board[~board["inspected"] | (board["overdue"] > 0)]
    shown = board.assign(inspected=board["inspected"].map({True: "是", False: "否"}))
    render_table(shown.rename(columns=labels.INSPECTION_COLUMNS), f"巡查覆盖_{month}", "board")
    late = board[board["overdue"] > 0]
    if late.empty:
        return
    site = st.selectbox(
        labels.INSPECTION["overdue_pick"],
        list(late["site_id"]),
        format_func=lambda s: f"{s} {late.set_index('site_id').at[s, 'name']}",
        key=state.BOARD_SITE,
    )
    due = inspections.due_indicators(con, day, site)
    overdue = due[due["overdue"]][["indicator_id", "name", "frequency", "last"]]
    render_table(
        overdue.rename(columns=labels.INSPECTION_COLUMNS), f"逾期指标_{site}_{month}", "overdue"
    )


def render_analysis(path: str, filters: Filters, start: str, end: str) -> None:
    con = cached.cursor(path)
    st.subheader(labels.INSPECTION["rates_title"])
    by = st.radio(
        labels.INSPECTION["by"],
        list(labels.INSPECTION_DIMENSIONS),
        format_func=labels.INSPECTION_DIMENSIONS.get,
        horizontal=True,
        key=state.RATES_BY,
    )
    rates = store_inspections.pass_rates(con, filters, start, end, by)
    shown = display.measure_table(
        rates.rename(columns={"key": by}),
        [by],
        store_inspections.PASS_RATES,
        cached.value_names(path),
    )
    render_table(shown, f"巡查合格率_{end}", "rates")

    st.subheader(labels.INSPECTION["streaks_title"])
    streaks = queries.failure_streaks(con, end, start)
    streaks = streaks[streaks["months"] >= config.get_int("failure_streak_months")]
    if streaks.empty:
        st.info(
            labels.INSPECTION["no_streaks"].format(months=config.get_int("failure_streak_months"))
        )
    else:
        shown = streaks.rename(columns={"name": "indicator"})
        shown.insert(1, "site_name", shown["site_id"].map(cached.site_names(path)))
        render_table(
            shown.rename(columns=labels.INSPECTION_COLUMNS), f"连续不合格_{end}", "streaks"
        )

    _render_rectifications(path, end)

    st.subheader(labels.INSPECTION["letters_title"])
    st.caption(
        labels.INSPECTION["letters_caption"].format(months=config.get_int("failure_streak_months"))
    )
    letters = inspections.prompt_letters(con, end, calendar.board_day(end))
    if letters.empty:
        st.info(labels.INSPECTION["no_letters"])
    else:
        render_table(
            letters.rename(columns=labels.INSPECTION_COLUMNS), f"提示函问题_{end}", "letters"
        )


def _render_rectifications(path: str, month: str) -> None:
    con = cached.cursor(path)
    st.subheader(labels.INSPECTION["rectify_title"])
    notice.show(state.RECTIFY_RESULT)
    items = inspections.rectifications(con, calendar.board_day(month))
    counts = items["state"].value_counts()
    cards = st.columns(3)
    for card, name in zip(cards, (rules.OPEN, rules.OVERDUE, rules.CLOSED), strict=True):
        card.metric(name, f"{int(counts.get(name, 0)):,}")
    pending = items[items["state"] != rules.CLOSED].reset_index(drop=True)
    render_table(pending.rename(columns=labels.INSPECTION_COLUMNS), f"待整改_{month}", "rectify")
    if pending.empty or not session.can("fieldwork"):
        return
    with st.form("rectify_form"):
        st.markdown(f"**{labels.INSPECTION['close_title']}**")
        names = cached.value_names(path)
        described = {
            i: f"{display.key_text('site_id', row.site_id, names)} {row.indicator} "
            f"{row.visit_date:%Y-%m-%d} {row.state}"
            for i, row in pending.iterrows()
        }
        chosen = choose(labels.INSPECTION["close_pick"], described, key=state.RECTIFY_PICK)
        actor = st.text_input(labels.INSPECTION["close_actor"], key=state.RECTIFY_ACTOR)
        note = st.text_input(labels.INSPECTION["close_note"], key=state.RECTIFY_NOTE)
        done = st.form_submit_button(labels.INSPECTION["close_save"])
    if done:
        item = pending.loc[chosen]
        try:
            inspections.close_rectification(
                con,
                item["site_id"],
                item["indicator_id"],
                pd.Timestamp(item["visit_date"]).date(),
                actor,
                note,
            )
        except EffmonError as exc:
            st.error(str(exc))
        else:
            cached.data_changed()
            session.audited("rectify_close", f"{item['site_id']} {item['indicator_id']}")
            said = labels.INSPECTION["closed"].format(
                site=item["site_id"], indicator=item["indicator"]
            )
            notice.after_rerun(state.RECTIFY_RESULT, said)
