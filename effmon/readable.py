"""Frames with Chinese headers and names for people: shared by the pages, the command line
and (later) the reports."""

from __future__ import annotations

import pandas as pd

from effmon import labels


def alerts_display(alerts: pd.DataFrame) -> pd.DataFrame:
    """Alerts with Chinese headers and names."""
    shown = alerts.assign(
        metric=alerts["metric"].map(lambda m: labels.ALERT_METRICS.get(m, m)),
        direction=alerts["direction"].map(labels.ALERT_DIRECTIONS),
        key=alerts["key"].fillna(""),
    )[list(labels.ALERT_COLUMNS)]
    return shown.rename(columns=labels.ALERT_COLUMNS)
