"""The anomaly scan of a month over the main metrics, feeding the stored alerts."""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd

from effmon import labels
from effmon.analytics.overview import overview_months
from effmon.forecast import metrics
from effmon.forecast.anomalies import COLUMNS, daily_anomalies, monthly_anomalies
from effmon.store import alerts, queries
from effmon.store.filters import Filters

SCAN_MONTHS = 3  # monthly metrics: the month scanned and the two before it
MONTHLY = ("cases", "complaints", "bad_reviews")
SPLIT = (
    "category_complaints",
    "street_complaints",
    "department_extended_cases",
    "site_wait_minutes",
)
# Split metrics test dozens of series at once: at 95% each, one in twenty would be an
# alert by chance every month. Their bar is twice as far out.
SPLIT_WIDTHS = (2.0, 4.0)
REPEAT_MONTHS = 3  # an indicator failing at a site this many months in a row is an alert
# Headline metrics (analytics.overview) a threshold rule can watch; shares are fractions.
SHARE_RULES = ("bad_share", "good_share", "online_share", "on_time_share", "inspection_pass_share")
RULE_METRICS = (*SHARE_RULES, "wait_minutes_mean", "complaints", "overdue_cases")


def scan(con: duckdb.DuckDBPyConnection, end: str, filters: Filters | None = None) -> pd.DataFrame:
    """Anomalies of daily case volume in month ``end`` (metric "daily_cases"); of the MONTHLY
    counts, and of the SPLIT metrics per category, street, department or site, in the
    SCAN_MONTHS months to ``end``; indicators failing at a site REPEAT_MONTHS months in a
    row up to ``end``; and the breached threshold rules: metric, key, and the columns of
    effmon.forecast.anomalies. Monthly series are checked over a year, so an older surge
    does not distort the months scanned."""
    filters = filters or Filters()
    recent = {str(pd.Period(end, "M") - k) for k in range(SCAN_MONTHS)}
    found = []
    days = daily_anomalies(metrics.history(con, filters, "cases", "daily", end))
    found.append(days[days["period"].str.startswith(end)].assign(metric="daily_cases", key=None))
    for metric in MONTHLY:
        history = metrics.history(con, filters, metric, "monthly", end)
        found.append(_within(monthly_anomalies(history), recent).assign(metric=metric, key=None))
    for metric in SPLIT:
        ratio = metrics.METRICS[metric].ratio
        for key, history in metrics.split(con, filters, metric, "monthly", end).items():
            anomalies = monthly_anomalies(history, ratio=ratio, widths=SPLIT_WIDTHS)
            found.append(_within(anomalies, recent).assign(metric=metric, key=key))
    found.append(repeated_failures(con, end))
    found.append(rule_breaches(con, end, alerts.rules(con)))
    result = pd.concat([f for f in found if not f.empty] or [pd.DataFrame(columns=COLUMNS)])
    return result.reindex(columns=["metric", "key", *COLUMNS]).reset_index(drop=True)


def repeated_failures(con: duckdb.DuckDBPyConnection, end: str) -> pd.DataFrame:
    """Indicators failing at a site in REPEAT_MONTHS or more consecutive months up to ``end``:
    metric "repeated_failure", key (site and indicator), period (the first month of the
    run, so a longer run stays one alert), value (its months); 严重 from twice as long."""
    streaks = queries.failure_streaks(con, end)
    streaks = streaks[streaks["months"] >= REPEAT_MONTHS]
    return pd.DataFrame(
        {
            "metric": "repeated_failure",
            "key": streaks["site_id"] + " " + streaks["indicator_id"] + " " + streaks["name"],
            "period": streaks["first"],
            "value": streaks["months"].astype(float),
            "expected": 0.0,
            "score": streaks["months"] / REPEAT_MONTHS,
            "severity": np.where(streaks["months"] >= 2 * REPEAT_MONTHS, "严重", "一般"),
            "direction": "up",
        },
        columns=["metric", "key", *COLUMNS],
    )


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


def in_percent(alert_key: str | None) -> bool:
    """Whether a rule's alert (keyed by its rule_text) is about a share, shown in percent."""
    return isinstance(alert_key, str) and alert_key.endswith("%")


def _within(found: pd.DataFrame, months: set[str]) -> pd.DataFrame:
    return found[found["period"].isin(months)]
