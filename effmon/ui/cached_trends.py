"""Cached access to forecasts and alerts for the 趋势预测与预警 and 总览 pages (see
effmon.ui.cached)."""

from __future__ import annotations

import pandas as pd

from effmon.forecast import metrics as forecast_metrics
from effmon.forecast.backtest import backtest
from effmon.forecast.hotspots import rising
from effmon.forecast.models import Forecast, calendar_model
from effmon.forecast.scan import refresh_findings
from effmon.store import findings as store_findings
from effmon.store.filters import Filters
from effmon.ui.cached import cursor
from effmon.ui.follows import follows


def _metric_area(path: str, filters: Filters, metric: str, *_) -> tuple[str, ...]:
    """The area of the data a metric's series is counted from (cases, complaints, …)."""
    return (forecast_metrics.METRICS[metric].source,)


@follows(_metric_area)
def forecast_history(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> pd.Series:
    return forecast_metrics.history(cursor(path), filters, metric, frequency, end, key)


@follows(_metric_area)
def forecast(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> Forecast:
    history = forecast_history(path, filters, metric, frequency, end, key)
    horizon = forecast_metrics.FREQUENCIES[frequency].horizon
    return calendar_model(history, horizon, ratio=forecast_metrics.METRICS[metric].ratio)


@follows(_metric_area)
def forecast_backtest(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> pd.DataFrame:
    history = forecast_history(path, filters, metric, frequency, end, key)
    plan = forecast_metrics.FREQUENCIES[frequency]
    ratio = forecast_metrics.METRICS[metric].ratio
    return backtest(history, plan.origins, plan.backtest_horizon, ratio=ratio)


@follows(_metric_area)
def forecast_keys(path: str, filters: Filters, metric: str, end: str) -> list[str]:
    """The values of the metric's key (categories, streets, sites) in its history."""
    return list(forecast_metrics.split(cursor(path), filters, metric, "monthly", end))


@follows(_metric_area)
def hotspots(path: str, filters: Filters, metric: str, end: str) -> pd.DataFrame:
    """Categories or streets (by ``metric``) whose complaints are expected to rise."""
    return rising(forecast_metrics.split(cursor(path), filters, metric, "monthly", end))


def month_findings(path: str, month: str) -> pd.DataFrame:
    """The stored findings of ``month`` with their states (read, never computed here)."""
    return store_findings.findings_between(cursor(path), month, month)


def open_findings(path: str, month: str) -> pd.DataFrame:
    """The stored findings of ``month`` still to be dealt with, most pressing first."""
    found = month_findings(path, month)
    return found[~found["state"].isin(store_findings.CLOSED_STATES)]


def findings_computed(path: str, month: str) -> bool:
    """Whether the findings of ``month`` have been computed."""
    return bool(store_findings.computed_months(cursor(path), month, month))


def compute_findings(path: str, month: str) -> int:
    """Compute and store the findings of ``month`` at a user's request; how many."""
    return refresh_findings(cursor(path), [month])[month]


def alert_rules(path: str) -> pd.DataFrame:
    return store_findings.rules(cursor(path))


def add_alert_rule(
    path: str, metric: str, op: str, threshold: float, actor: str, month: str
) -> None:
    """Add a rule and compute the findings of ``month`` with it."""
    store_findings.add_rule(cursor(path), metric, op, threshold, actor)
    compute_findings(path, month)


def switch_off_alert_rule(path: str, rule_id: int, month: str) -> None:
    """Switch a rule off and compute the findings of ``month`` without it."""
    store_findings.switch_off_rule(cursor(path), rule_id)
    compute_findings(path, month)


def finding_history(path: str, finding_id: str) -> pd.DataFrame:
    return store_findings.finding_history(cursor(path), finding_id)


def set_finding_state(path: str, finding_id: str, step: str, actor: str, note: str) -> None:
    store_findings.set_state(cursor(path), finding_id, step, actor, note)
