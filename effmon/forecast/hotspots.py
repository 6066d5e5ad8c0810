"""Hotspot trend prediction: which categories or streets are expected to get more complaints
next month, ranked, with the numbers behind each call."""

from __future__ import annotations

import numpy as np
import pandas as pd

from effmon.forecast.models import calendar_model

RECENT_MONTHS = 3
MIN_RISE = 1.0  # complaints a month: a forecast less above the recent mean is no rise


def rising(series_by_key: dict[str, pd.Series]) -> pd.DataFrame:
    """Per key: before (mean of the three months before the last three), recent (mean of
    the last three), forecast and its 80% interval for the next month, rise (forecast −
    recent) and score (rise / √recent, so a rise counts more where counts are usually
    steady). Only keys whose forecast exceeds their recent mean by MIN_RISE or more while
    that mean is not falling (recent ≥ before), highest score first; ``confident`` marks
    those whose whole 80% interval exceeds the recent mean."""
    rows = []
    for key, history in series_by_key.items():
        if len(history) < 2 * RECENT_MONTHS or history.sum() == 0:
            continue
        forecast = calendar_model(history, 1)
        recent = float(history.iloc[-RECENT_MONTHS:].mean())
        before = float(history.iloc[-2 * RECENT_MONTHS : -RECENT_MONTHS].mean())
        mean = float(forecast.mean.iloc[0])
        low, high = float(forecast.lower[0.8].iloc[0]), float(forecast.upper[0.8].iloc[0])
        rows.append(
            {
                "key": key,
                "month": forecast.mean.index[0].strftime("%Y-%m"),
                "before": before,
                "recent": recent,
                "forecast": mean,
                "low_80": low,
                "high_80": high,
                "rise": mean - recent,
                "score": (mean - recent) / np.sqrt(max(recent, 1.0)),
                "confident": low > recent,
            }
        )
    found = pd.DataFrame(rows, columns=_COLUMNS)
    found = found[(found["rise"] >= MIN_RISE) & (found["recent"] >= found["before"])]
    return found.sort_values("score", ascending=False, ignore_index=True)


_COLUMNS = [
    "key",
    "month",
    "before",
    "recent",
    "forecast",
    "low_80",
    "high_80",
    "rise",
    "score",
    "confident",
]
