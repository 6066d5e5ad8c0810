"""The 专项调研 page's access to the store: the before/after estimates, the peer gaps, the
benchmark form and the report."""

from __future__ import annotations

from datetime import date

import pandas as pd

from effmon import labels
from effmon.analytics.research import Comparison, Window, before_after, gaps_in
from effmon.reports import catalog
from effmon.reports.request import Request
from effmon.reports.research import scope_name
from effmon.store import research
from effmon.store.filters import Filters
from effmon.store.versions import DATA
from effmon.ui import cached, session
from effmon.ui.follows import follows


@follows(("cases",))
def event_effects(
    path: str, filters: Filters, event: date, weeks: int
) -> tuple[pd.DataFrame, pd.DataFrame, Comparison]:
    """The daily operation around the event (with the comparison's, scaled), the estimated
    effects and the comparison units."""
    return before_after(cached.cursor(path), filters, Window(event, weeks))


@follows(("cases",))
def scope_text(path: str, filters: Filters) -> str:
    """The page's scope in words (site names, departments; 全区 when none)."""
    return scope_name(cached.cursor(path), filters)


@follows(())
def benchmark_periods(path: str) -> list[str]:
    return research.benchmark_periods(cached.cursor(path))


@follows(DATA)
def gaps(path: str, period: str) -> pd.DataFrame:
    """The district's gaps to the peers in ``period`` ('YYYY' or 'YYYY-MM')."""
    return gaps_in(cached.cursor(path), period)


def add_benchmark(path: str, **entry) -> None:
    """Store a benchmark from the form, audited, and forget cached results."""
    research.add_benchmark(cached.cursor(path), user=session.username() or "", **entry)
    session.audited("benchmark_add", entry["indicator"], **entry)
    cached.data_changed()


def research_report(
    path: str, filters: Filters, event: date, weeks: int, name: str = ""
) -> catalog.Generated:
    """The 专项调研报告 of the event (on ``event``, named ``name``) for the page's scope, kept
    and audited."""
    request = Request(
        event.isoformat(), session.username() or "",
        filters=filters, weeks=weeks, event=name.strip(),
    )  # fmt: skip
    made = catalog.generate(cached.cursor(path), "research", request)
    session.audited("report", labels.REPORT_KINDS["research"], period=event.isoformat())
    return made
