"""Workload measures (窗口办件) derived from the counts of ``store.workload``."""

from __future__ import annotations

import numpy as np
import pandas as pd

MEASURES = [
    "cases",
    "online_cases",
    "online_share",
    "extended_cases",
    "extended_share",
    "wait_minutes_mean",
    "wait_minutes_p90",
    "overdue_cases",
    "early_share",
    "instant_share",
    "windows",
    "cases_per_window",
    "staffed_hours",
    "cases_per_staffed_hour",
]


def compute_workload(counts: pd.DataFrame) -> pd.DataFrame:
    """Shares and per-window volume from the counts of ``workload_by``.

    online_share = online / all cases; extended_share = 延时服务 / all; early_share = cases
    finished before their due day / finished cases with a time limit; instant_share = 即办件
    / all; counter cases are those of 窗口 and 延时服务: cases_per_window = counter cases /
    windows that served them, cases_per_staffed_hour = counter cases / staffed window-hours.
    Columns: key, MEASURES.
    """
    if counts.empty:
        return pd.DataFrame(columns=["key", *MEASURES])
    return pd.DataFrame(
        {
            "key": counts["key"],
            "cases": counts["cases"],
            "online_cases": counts["online_cases"],
            "online_share": counts["online_cases"] / counts["cases"],
            "extended_cases": counts["extended_cases"],
            "extended_share": counts["extended_cases"] / counts["cases"],
            "wait_minutes_mean": counts["wait_minutes_mean"],
            "wait_minutes_p90": counts["wait_minutes_p90"],
            "overdue_cases": counts["overdue_cases"],
            "early_share": _ratio(counts["early_cases"], counts["limited_finished"]),
            "instant_share": counts["instant_cases"] / counts["cases"],
            "windows": counts["windows"],
            "cases_per_window": _ratio(counts["counter_cases"], counts["windows"]),
            "staffed_hours": counts["staffed_hours"],
            "cases_per_staffed_hour": _ratio(counts["counter_cases"], counts["staffed_hours"]),
        }
    )


def compute_hour_weekday(load: pd.DataFrame) -> pd.DataFrame:
    """Counter cases as a weekday (rows 0-6, Monday first) × hour (columns) matrix."""
    matrix = load.pivot_table(index="weekday", columns="hour", values="cases", aggfunc="sum")
    return matrix.reindex(index=range(7)).fillna(0).astype(int)


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    return numerator / denominator.where(denominator > 0, np.nan)
