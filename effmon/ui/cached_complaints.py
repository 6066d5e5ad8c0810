"""Cached access to the complaint analyses for the 投诉热点 page (see effmon.ui.cached)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from effmon import config
from effmon.analytics.closure import closure_by
from effmon.analytics.complaint_categories import review_queue as category_review
from effmon.analytics.complaint_categories import train_from_complaints
from effmon.analytics.emerging import emerging_topics
from effmon.analytics.hot_issues import hot_issues as compute_hot_issues
from effmon.analytics.overview import month_window
from effmon.store import closure as store_closure
from effmon.store import complaint_categories as store_categories
from effmon.store import complaints as store_complaints
from effmon.store.filters import Filters
from effmon.text import categories
from effmon.text.models import newest_version
from effmon.ui.cached import cursor, data_changed
from effmon.ui.follows import follows


@follows(("complaints",))
def complaints(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    return store_complaints.complaints_between(cursor(path), filters, start, end)


@follows(("complaints",))
def hot_issues(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    return compute_hot_issues(complaints(path, filters, start, end))


@follows(("complaints",))
def emerging(path: str, filters: Filters, month: str) -> pd.DataFrame:
    """Topics of ``month`` that rose against the ``emerging_baseline_months`` before it."""
    before = str(pd.Period(month, "M") - 1)
    first, _ = month_window(before, config.get_int("emerging_baseline_months"))
    return emerging_topics(
        complaints(path, filters, month, month), complaints(path, filters, first, before)
    )


@follows(("complaints",))
def closure(path: str, filters: Filters, start: str, end: str, dimension: str) -> pd.DataFrame:
    """On-time closure and repeats per source, department or street (effmon.analytics.closure)."""
    tickets = store_closure.closure(cursor(path), filters, start, end, date.today())
    return closure_by(tickets, dimension)


@follows(("complaints",))
def category_months(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    return store_complaints.category_months(cursor(path), filters, start, end)


def classifier(path: str) -> categories.Classifier | None:
    """The store's complaint category model, reloaded when a newer one is trained."""
    return _classifier(path, newest_version(Path(path), categories.MODEL_NAME))


@st.cache_resource(show_spinner=False)
def _classifier(path: str, version: int | None) -> categories.Classifier | None:  # version: key
    return categories.load_classifier(Path(path))


def train(path: str) -> str:
    """Train the category model on the store's categorised complaints; what it produced."""
    return categories.trained_message(train_from_complaints(cursor(path), Path(path)))


@follows(("complaints",))
def review_queue(path: str) -> pd.DataFrame:
    return category_review(cursor(path), config.get_float("review_share"))


def record_review(path: str, ticket_id: str, category: str, reviewer: str) -> None:
    """Keep a reviewer's category, then forget the cached results it changes."""
    store_categories.record_review(cursor(path), ticket_id, category, reviewer, datetime.now())
    data_changed()
