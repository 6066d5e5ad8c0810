"""The 考勤 page's queries (see effmon.ui.cached), run on the page's cursor. Not cached:
spot checks and loads change the records, and the page reads them once a run."""

from __future__ import annotations

import pandas as pd

from effmon.analytics.attendance import MEASURES
from effmon.store import attendance
from effmon.store.filters import Filters
from effmon.ui.cached import cursor


def summary(path: str, filters: Filters, start: str, end: str, by: str) -> pd.DataFrame:
    """Checks per value of ``by`` (effmon.store.attendance.summary)."""
    return attendance.summary(cursor(path), filters, start, end, by, MEASURES)


def records(path: str, filters: Filters, start: str, end: str, by: str, value: str) -> pd.DataFrame:
    """The records not 在岗 of one value of ``by`` (effmon.store.attendance.records)."""
    return attendance.records(cursor(path), filters, start, end, **{by: value})


def staff_rule_violations(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """Failed staff-conduct inspections (effmon.store.attendance.staff_rule_violations)."""
    return attendance.staff_rule_violations(cursor(path), filters, start, end)
