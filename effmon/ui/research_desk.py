"""The 专项调研 page's access to the store: the before/after estimates, the peer gaps, the
benchmark form and the report."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.research import Window, before_after, gaps_in
from effmon.reports import catalog
from effmon.reports.request import Request
from effmon.store import research
from effmon.store.filters import Filters
from effmon.ui import cached, session


@st.cache_data(show_spinner=False)
def event_effects(
    path: str, filters: Filters, event: date, weeks: int
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The daily operation around the event and the estimated effects."""
    return before_after(cached.cursor(path), filters, Window(event, weeks))


@st.cache_data(show_spinner=False)
def benchmark_periods(path: str) -> list[str]:
    return research.benchmark_periods(cached.cursor(path))


@st.cache_data(show_spinner=False)
def gaps(path: str, period: str) -> pd.DataFrame:
    """The district's gaps to the peers in ``period`` ('YYYY' or 'YYYY-MM')."""
    return gaps_in(cached.cursor(path), period)


def add_benchmark(path: str, **entry) -> None:
    """Store a benchmark from the form, audited, and forget cached results."""
    research.add_benchmark(cached.cursor(path), user=session.username() or "", **entry)
    session.audited("benchmark_add", entry["indicator"], **entry)
    cached.data_changed()


def research_report(path: str, filters: Filters, event: date, weeks: int) -> catalog.Generated:
    """The 专项调研报告 of the event for the page's scope, kept and audited."""
    request = Request(
        event.isoformat(), session.username() or "", cached.scorer(path).scores,
        filters=filters, weeks=weeks,
    )  # fmt: skip
    made = catalog.generate(cached.cursor(path), "research", request)
    session.audited("report", labels.REPORT_KINDS["research"], period=event.isoformat())
    return made
