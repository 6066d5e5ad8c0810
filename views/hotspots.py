"""投诉热点: hot issues with the complaints behind them, emerging topics, categories over
time and by street, on-time closure and repeat complaints, and the category model with the
review of its unsure predictions."""

import streamlit as st

from effmon import config, labels
from effmon.ui import cached, session, state
from effmon.ui import cached_complaints as data
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.hotspot_board import (
    render_categories,
    render_closure,
    render_emerging,
    render_hot_issues,
    render_review,
)

session.require("page:hotspots")
st.title(labels.PAGES["hotspots"])
start, end = choose_period(state.HOTSPOT_SPAN)
path = cached.db()
filters = current_filters()
tickets = data.complaints(path, filters, start, end)
issues = data.hot_issues(path, filters, start, end)
least = config.get_int("hot_issue_min_complaints")
cards = {
    "complaints": len(tickets),
    "issues": int((issues["complaints"] >= least).sum()) if len(issues) else 0,
    "unclassified": int(tickets["category"].isna().sum()),
    "review": len(data.review_queue(path)),
}
for column, (key, value) in zip(st.columns(len(cards)), cards.items(), strict=True):
    column.metric(labels.HOTSPOTS["cards"][key].format(least=least), f"{value:,}")
hot, emerging, trend, closure, review = st.tabs(labels.HOTSPOTS["tabs"])
with hot:
    render_hot_issues(path, filters, start, end)
with emerging:
    render_emerging(path, filters, end)
with trend:
    render_categories(path, filters, start, end)
with closure:
    render_closure(path, filters, start, end)
with review:
    render_review(path)
