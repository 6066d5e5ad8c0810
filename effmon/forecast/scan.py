"""The anomaly scan of a month over the main metrics, feeding the stored alerts."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon import labels
from effmon.analytics.overview import overview_months
from effmon.forecast import metrics
from effmon.forecast.anomalies import COLUMNS, daily_anomalies, monthly_anomalies
from effmon.store import alerts
from effmon.store.filters import Filters

SCAN_MONTHS = 3  # monthly metrics: the month scanned and the two before it
# Headline metrics (analytics.overview) a threshold rule can watch; shares are fractions.
SHARE_RULES = ("bad_share", "good_share", "online_share", "on_time_share", "inspection_pass_share")
RULE_METRICS = (*SHARE_RULES, "wait_minutes_mean", "complaints", "overdue_cases")


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
    found.append(rule_breaches(con, end, alerts.rules(con)))
    result = pd.concat([f for f in found if not f.empty] or [pd.DataFrame(columns=COLUMNS)])
    return result.reindex(columns=["metric", "key", *COLUMNS]).reset_index(drop=True)


def rule_breaches(con: duckdb.DuckDBPyConnection, end: str, rules: pd.DataFrame) -> pd.DataFrame:
    """The active threshold rules that month ``end`` breaks, district-wide: metric "rule",
    key (the rule in words), and the columns of effmon.forecast.anomalies."""
    values = overview_months(con, Filters(), end, end).set_index("month")
    rows = []
    for rule in rules.itertuples():
        value = float(values.at[end, rule.metric]) if end in values.index else float("nan")
        if value != value or not (
            value > rule.threshold if rule.op == ">" else value < rule.threshold
        ):
            continue
        rows.append(
            {
                "metric": "rule",
                "key": rule_text(rule.metric, rule.op, rule.threshold),
                "period": end,
                "value": value,
                "expected": rule.threshold,
                "score": 0.0,
                "severity": labels.RULES["severity"],
                "direction": "up" if rule.op == ">" else "down",
            }
        )
    return pd.DataFrame(rows, columns=["metric", "key", *COLUMNS])


def rule_text(metric: str, op: str, threshold: float) -> str:
    """差评率 > 1% — a rule in words (shares in percent)."""
    shown = f"{threshold * 100:g}%" if metric in SHARE_RULES else f"{threshold:g}"
    return f"{labels.METRICS[metric]} {op} {shown}"


def _within(found: pd.DataFrame, months: set[str]) -> pd.DataFrame:
    return found[found["period"].isin(months)]
