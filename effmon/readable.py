"""Frames with Chinese headers and names for people: shared by the pages, the command line
and (later) the reports."""

from __future__ import annotations

import math

import pandas as pd

from effmon import labels


def alerts_display(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts with Chinese headers and names."""
    shown = alerts.assign(
        metric=alerts["metric"].map(lambda m: labels.ALERT_METRICS.get(m, m)),
        direction=alerts["direction"].map(labels.ALERT_DIRECTIONS),
        key=alerts["key"].fillna(labels.ALERTS["district"]),  # the scan's district-wide series
    )[list(labels.ALERT_COLUMNS)]
    return shown.rename(columns=labels.ALERT_COLUMNS)


def format_value(value: float, key: str, share: bool) -> str:
    """A KPI value as shown on a card: shares in %, minutes with one decimal, counts grouped."""
    if value is None or math.isnan(value):
        return labels.MISSING
    unit = labels.METRIC_UNITS[key]
    if share:
        return f"{value * 100:.1f}%"
    if unit in ("分钟", "分"):
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}"
