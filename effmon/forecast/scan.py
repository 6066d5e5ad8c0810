"""The anomaly scan of a month over the main metrics, feeding the stored alerts."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.forecast import metrics
from effmon.forecast.anomalies import COLUMNS, daily_anomalies, monthly_anomalies
from effmon.store.filters import Filters

SCAN_MONTHS = 3  # monthly metrics: the month scanned and the two before it


def scan(con: duckdb.DuckDBPyConnection, end: str, filters: Filters | None = None) -> pd.DataFrame:
    """Anomalies of daily case volume in month ``end``, and of monthly cases and complaints
    (in total, per category and per street) in the SCAN_MONTHS months to ``end``: metric,
    key, and the columns of effmon.forecast.anomalies. Monthly series are checked over a
    year, so an older surge does not distort the months scanned."""
    filters = filters or Filters()
    recent = {str(pd.Period(end, "M") - k) for k in range(SCAN_MONTHS)}
    found = []
    days = daily_anomalies(metrics.history(con, filters, "daily_cases", end, None))
    found.append(days[days["period"].str.startswith(end)].assign(metric="daily_cases", key=None))
    for metric in ("monthly_cases", "complaints"):
        history = metrics.history(con, filters, metric, end, None)
        found.append(_within(monthly_anomalies(history), recent).assign(metric=metric, key=None))
    for metric in ("category_complaints", "street_complaints"):
        for key, history in metrics.split(con, filters, metrics.METRICS[metric].key, end).items():
            found.append(_within(monthly_anomalies(history), recent).assign(metric=metric, key=key))
    result = pd.concat([f for f in found if not f.empty] or [pd.DataFrame(columns=COLUMNS)])
    return result.reindex(columns=["metric", "key", *COLUMNS]).reset_index(drop=True)


def _within(found: pd.DataFrame, months: set[str]) -> pd.DataFrame:
    return found[found["period"].isin(months)]
