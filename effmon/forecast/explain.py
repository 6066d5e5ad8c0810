"""An alert's decomposition (异常解构): the leaves of its period against a baseline, the
causes localized in them, and the sentence that says so."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon import labels
from effmon.forecast.rootcause import Cause, localize
from effmon.store import queries

BASELINE_MONTHS = 6
BASELINE_WEEKS = 4
MIN_SHARE = 0.3
COMPLAINT_DIMENSIONS = ["street", "category", "department", "source"]
CASE_DIMENSIONS = ["department", "site_id", "channel"]
_KEYED = {"category_complaints": "category", "street_complaints": "street"}


def explain(con: duckdb.DuckDBPyConnection, alert: pd.Series) -> list[Cause]:
    """The causes of one alert (metric, key, period): complaints by street, category,
    department and source against the mean of the six months before; daily cases by
    department, site and channel against the same weekday of the four weeks before. Other
    metrics are not decomposed (an empty list)."""
    metric = alert["metric"]
    if metric == "daily_cases":
        leaves = queries.case_leaves(con, alert["period"], BASELINE_WEEKS)
        return localize(leaves, CASE_DIMENSIONS)
    if metric in ("complaints", *_KEYED):
        leaves = queries.complaint_leaves(con, alert["period"], BASELINE_MONTHS)
        dimensions = COMPLAINT_DIMENSIONS
        if metric in _KEYED:
            leaves = leaves[leaves[_KEYED[metric]] == alert["key"]]
            dimensions = [d for d in dimensions if d != _KEYED[metric]]
        return localize(leaves, dimensions)
    return []


def sentence(alert: pd.Series, causes: list[Cause]) -> str:
    """ "月投诉量偏高的 90% 来自 中和街道 的 系统故障" — the main cause in words."""
    if not causes:
        return labels.ALERTS["no_cause"]
    main = causes[0]
    name = labels.FORECAST_METRICS[alert["metric"]]
    if isinstance(alert["key"], str) and alert["key"]:
        name = f"{name}（{alert['key']}）"
    return labels.ALERTS["cause"].format(
        metric=name,
        direction=labels.ALERT_DIRECTIONS[alert["direction"]],
        share=main.share,
        where=" 的 ".join(value for _, value in main.where),
    )
