"""The process's one computation, in the background at start-up, of what the first pages
after a login show for the newest month over the whole district (总览 and the wall display,
the forecast of cases), so that no one waits for it on a first view."""

from __future__ import annotations

import logging
import threading

import streamlit as st

from effmon import labels
from effmon.analytics.overview import month_window
from effmon.store.filters import Filters
from effmon.ui import cached, cached_complaints, cached_trends, follows

_LOG = logging.getLogger(__name__)


@st.cache_resource(show_spinner=False)
def warm_up(path: str) -> threading.Thread:
    """Start the warm-up of the store at ``path`` (once per process)."""
    thread = threading.Thread(target=_warm, args=(path,), name="effmon-warm-up", daemon=True)
    thread.start()
    return thread


def _warm(path: str) -> None:
    """Compute what the first pages show; a failure only goes to the server's log, as the
    page that needs the figure computes it again and says what failed."""
    try:
        _compute(path)
    except Exception:
        _LOG.exception("warm-up of %s failed", path)


def _compute(path: str) -> None:
    with cached.store_access(path):
        follows.refresh(path, cached.cursor(path))
        newest = cached.months(path)
        if not newest:
            return
        month, whole = newest[0], Filters()
        cached.monthly_overview(path, whole, *month_window(month, 24))
        cached.value_names(path)
        for dimension in labels.ATTENTION["tabs"]:
            cached.attention(path, whole, month, dimension)
        cached_complaints.hot_issues(path, whole, month, month)
        for frequency in ("daily", "monthly"):
            cached_trends.forecast(path, whole, "cases", frequency, month, None)
