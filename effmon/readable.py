"""Frames with Chinese headers and names for people: shared by the pages, the command line
and (later) the reports."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd

from effmon import labels
from effmon.forecast.scan import in_percent


def alerts_display(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts with Chinese headers and names."""
    percent = np.where([in_percent(k) for k in alerts["key"]], 100, 1)  # 差评率 > 1%
    shown = alerts.assign(
        value=alerts["value"] * percent,
        expected=alerts["expected"] * percent,
        metric=alerts["metric"].map(lambda m: labels.ALERT_METRICS.get(m, m)),
        direction=alerts["direction"].map(labels.ALERT_DIRECTIONS),
        key=alerts["key"].fillna(labels.ALERTS["district"]),  # the scan's district-wide series
    )[list(labels.ALERT_COLUMNS)]
    return shown.rename(columns=labels.ALERT_COLUMNS)


def audit_detail(detail: str | None) -> str:
    """An audit entry's details (a JSON object, effmon.security.audit.record) as
    「名称：值」 pairs."""
    shown = []
    for key, value in (json.loads(detail) if detail else {}).items():
        if isinstance(value, str):  # a code (a login failure's reason) or free text
            value = labels.AUDIT_DETAIL_VALUES.get(key, {}).get(value, value)
        if value not in (None, ""):
            shown.append(f"{labels.AUDIT_DETAIL_KEYS.get(key, key)}：{value}")
    return "；".join(shown)


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
