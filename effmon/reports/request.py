"""What a report is made for, and how its period reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd

from effmon import labels
from effmon.store import queries
from effmon.store.filters import Filters

Score = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Request:
    """A report's period ('YYYY-MM' or 'YYYY'), its author and what it is about."""

    period: str
    generated_by: str
    score: Score  # comment sentiment, as the satisfaction page scores them
    filters: Filters = field(default_factory=Filters)
    unit: str = ""  # the site or department a 提示函 is addressed to
    complaint: str = ""  # the ticket of a single-complaint report
    today: date | None = None  # for open tickets' working days; default today
    now: datetime = field(default_factory=datetime.now)  # the export stamp


def period_name(period: str) -> str:
    """'2026-10' → 2026年10月; '2026' → 2026年度."""
    if len(period) == 4:
        return labels.REPORT_PERIOD["year"].format(year=period)
    year, month = period.split("-")
    return labels.REPORT_PERIOD["month"].format(year=year, month=int(month))


@dataclass(frozen=True)
class Span:
    """The months a report covers and those it is compared with."""

    start: str
    end: str
    name: str  # 2026年10月, 2026年度
    yearly: bool

    @property
    def last_year(self) -> tuple[str, str]:
        return str(pd.Period(self.start, "M") - 12), str(pd.Period(self.end, "M") - 12)


def span_of(con: duckdb.DuckDBPyConnection, period: str) -> Span:
    """A month 'YYYY-MM', or a year 'YYYY' up to its newest month with data."""
    if len(period) == 7:
        return Span(period, period, period_name(period), yearly=False)
    held = [m for m in queries.data_months(con) if m.startswith(period)]
    end = max(held) if held else f"{period}-12"
    return Span(f"{period}-01", end, period_name(period), yearly=True)
