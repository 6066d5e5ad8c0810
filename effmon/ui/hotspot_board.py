"""The 投诉热点 page's parts: the hot-issue table with its tickets, categories over time,
and the category model with the review of its unsure predictions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import charts, config, labels
from effmon.analytics.closure import DIMENSIONS as CLOSURE_DIMENSIONS
from effmon.analytics.complaint_categories import category_origin
from effmon.analytics.overview import month_window
from effmon.reports import narrative
from effmon.semantic import display
from effmon.store.filters import Filters
from effmon.ui import cached_complaints as data
from effmon.ui import notice, page_pdf, session, state
from effmon.ui.choice import choose
from effmon.ui.model_trust import render_learning, render_trust
from effmon.ui.tables import render_table
from effmon.ui.training import render_training

TICKET_COLUMNS = [
    "ticket_id", "received_at", "source", "street", "category", "category_origin", "title", "body",
]  # fmt: skip


def render_hot_issues(path: str, filters: Filters, start: str, end: str) -> None:
    """Ranked hot issues, how heat is computed, and the complaints behind a chosen one."""
    words = labels.HOTSPOTS
    with st.expander(words["heat_rule"]):
        st.markdown(
            words["heat_text"].format(days=f"{config.get_float('hot_issue_half_life_days'):g}")
        )
    issues = data.hot_issues(path, filters, start, end)
    if issues.empty:
        st.info(words["no_complaints"])
        return
    # As the card above counts them: a problem reported once is a complaint, not a hot issue.
    least = config.get_int("hot_issue_min_complaints")
    issues = issues[issues["complaints"] >= least].reset_index(drop=True)
    if issues.empty:
        st.info(words["no_hot_issues"].format(least=least))
        return
    shown = words["columns_shown"]
    # What ranks an issue first, where and when after: the key columns stay on screen.
    order = [
        "title", "complaints", "heat", "complainants", "likes", "place", "object", "first", "last",
    ]  # fmt: skip
    table = issues[order].rename(columns=shown)
    render_table(table.head(100), f"投诉热点_{start}_{end}", "hot_issues")
    top = issues.head(30)
    ranked = {i: f"{i + 1}. {row.title}（{row.complaints} 件）" for i, row in top.iterrows()}
    choice = choose(words["drill"], ranked, key=state.HOTSPOT_DRILL)
    tickets = data.complaints(path, filters, start, end)
    behind = tickets[tickets["ticket_id"].isin(top.at[choice, "ticket_ids"])]
    queued = data.review_queue(path)["ticket_id"]
    behind = behind.assign(category_origin=category_origin(behind, queued))
    st.caption(words["tickets"])
    render_table(
        behind[TICKET_COLUMNS].rename(columns=labels.COLUMNS), "热点问题投诉明细", "hot_tickets"
    )


def render_emerging(path: str, filters: Filters, month: str) -> None:
    """Keywords of the month whose share of complaints rose significantly."""
    words = labels.HOTSPOTS
    st.caption(
        words["emerging_caption"].format(
            month=month, months=config.get_int("emerging_baseline_months")
        )
    )
    topics = data.emerging(path, filters, month)
    if topics.empty:
        st.info(words["emerging_none"])
        return
    shown = topics.drop(columns=["ticket_ids", "keyword"]).assign(
        p_value=topics["p_value"].map(narrative.p_value)
    )
    render_table(shown.rename(columns=words["emerging_columns"]), f"新兴话题_{month}", "emerging")


def render_closure(path: str, filters: Filters, start: str, end: str) -> None:
    """On-time closure and repeat complaints by source, department or street."""
    words = labels.HOTSPOTS
    st.caption(words["closure_caption"].format(days=config.get_int("repeat_complaint_days")))
    dimension = st.radio(
        words["closure_by"], list(CLOSURE_DIMENSIONS), key=state.CLOSURE_DIMENSION,
        format_func=words["closure_dimensions"].get, horizontal=True,
    )  # fmt: skip
    table = data.closure(path, filters, start, end, dimension)
    if table.empty:
        st.info(words["no_complaints"])
        return
    shown = table.assign(
        on_time_rate=display.table_values("on_time_share", table["on_time_rate"]),
        repeat_share=display.table_values("repeat_share", table["repeat_share"]),
    ).rename(columns={**words["closure_columns"], "key": words["closure_dimensions"][dimension]})
    render_table(shown, f"按时办结_{start}_{end}", "closure")


def render_categories(path: str, filters: Filters, start: str, end: str) -> None:
    """Complaints per category and month over the ``hotspot_trend_months`` to ``end`` (a trend needs
    months, whatever the span), and per street and category in the span."""
    words = labels.HOTSPOTS
    tickets = data.complaints(path, filters, start, end)
    if tickets.empty:
        st.info(words["no_complaints"])
        return
    months = config.get_int("hotspot_trend_months")
    first = month_window(end, months)[0]
    counts = data.category_months(path, filters, first, end)
    counts = counts.assign(category=counts["category"].fillna(words["unclassified_name"]))
    st.caption(words["trend"].format(months=months))
    page_pdf.show_chart(
        charts.build_category_figure(counts, words["cards"]["complaints"]), key="category_chart"
    )
    pivot = counts.pivot_table(
        index="category", columns="month", values="complaints", fill_value=0, aggfunc="sum"
    )
    render_table(pivot.reset_index().rename(columns={"category": words["category"]}),
                 f"投诉类别_{first}_{end}", "category_months")  # fmt: skip
    heat = tickets.assign(
        street=tickets["street"].fillna(words["no_street"]),
        category=tickets["category"].fillna(words["unclassified_name"]),
    ).pivot_table(index="street", columns="category", values="ticket_id", aggfunc="count",
                  fill_value=0)  # fmt: skip
    heat = heat.loc[heat.sum(axis=1).sort_values(ascending=False).index].reset_index()
    st.caption(words["street_heat"])
    street_table = heat.rename(columns={"street": labels.COLUMNS["street"]})
    page_pdf.show_chart(
        charts.build_pivot_figure(street_table, words["cards"]["complaints"]), key="street_heat"
    )
    render_table(street_table, f"街道类别投诉_{start}_{end}", "street_heat_table")


def render_review(path: str) -> None:
    """The category model in use, its training, and the review of unsure predictions."""
    words = labels.HOTSPOTS
    notice.show(state.CATEGORY_RESULT)
    model = data.classifier(path)
    st.caption(model.describe() if model else words["model_none"])
    render_training(
        words["train_hint"], words["train_button"], state.CATEGORY_TRAIN, state.CATEGORY_RESULT,
        "complaint_category", lambda: data.train(path),
    )  # fmt: skip
    if model is not None:
        render_trust(model.saved.meta, key="category_trust")
        render_learning(path, "complaint_category")
    queue = data.review_queue(path)
    if queue.empty:
        st.info(words["review_none"])
        return
    share = config.get_float("review_share")
    st.caption(
        words["review_caption"].format(
            share=display.percent_text(share, decimals=0), count=f"{len(queue):,}"
        )
    )
    render_table(_queue_display(queue), "分类待复核", "review_queue")
    if not session.can("analyse") or model is None:
        return
    with st.form("category_review"):
        ticket = st.selectbox(words["review_pick"], queue["ticket_id"], key=state.REVIEW_TICKET)
        category = st.selectbox(
            words["review_category"], model.categories, key=state.REVIEW_CATEGORY
        )
        saved = st.form_submit_button(words["review_save"], key=state.REVIEW_SAVE)
    if saved:
        data.record_review(path, ticket, category, session.username())
        session.audited("category_review", ticket, category=category)
        notice.after_rerun(
            state.CATEGORY_RESULT, words["review_saved"].format(ticket=ticket, category=category)
        )


def _queue_display(queue: pd.DataFrame) -> pd.DataFrame:
    words = labels.HOTSPOTS
    return queue.rename(
        columns={
            **labels.COLUMNS,
            "category_confidence": words["confidence"],
            "file_category": words["file_category"],
        }
    )
