"""Workload (窗口办件): the catalog measures its tables show, and the hour × weekday load."""

from __future__ import annotations

import pandas as pd

from effmon.store.measures import SOURCES

# The dimensions 窗口办件 groups by: a month and those of the case aggregates.
DIMENSIONS = ["month", *SOURCES["case_cube"].dimensions]

# The columns of 窗口办件's tables and drill-down, in order (effmon.semantic measures).
MEASURES = [
    "cases",
    "online_cases",
    "online_share",
    "extended_cases",
    "extended_share",
    "wait_minutes_mean",
    "wait_minutes_p90",
    "overdue_cases",
    "finished_cases",
    "closed_share",
    "early_share",
    "instant_share",
    "windows",
    "cases_per_window",
    "staffed_hours",
    "cases_per_staffed_hour",
]


def compute_hour_weekday(load: pd.DataFrame) -> pd.DataFrame:
    """Counter cases as a weekday (rows 0-6, Monday first) × hour (columns) matrix."""
    matrix = load.pivot_table(index="weekday", columns="hour", values="cases", aggfunc="sum")
    return matrix.reindex(index=range(7)).fillna(0).astype(int)
