"""Cached access to forecasts and alerts for the 趋势预测与预警 and 总览 pages (see
effmon.ui.cached)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon.forecast import metrics as forecast_metrics
from effmon.forecast.backtest import backtest
from effmon.forecast.explain import explain, sentence
from effmon.forecast.hotspots import rising
from effmon.forecast.models import Forecast, calendar_model
from effmon.forecast.scan import scan
from effmon.store import alerts as store_alerts
from effmon.store.filters import Filters
from effmon.ui.cached import cursor, data_changed


@st.cache_data(show_spinner=False)
def forecast_history(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> pd.Series:
    return forecast_metrics.history(cursor(path), filters, metric, frequency, end, key)


@st.cache_data(show_spinner=False)
def forecast(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> Forecast:
    history = forecast_history(path, filters, metric, frequency, end, key)
    horizon = forecast_metrics.FREQUENCIES[frequency].horizon
    return calendar_model(history, horizon, ratio=forecast_metrics.METRICS[metric].ratio)


@st.cache_data(show_spinner=False)
def forecast_backtest(
    path: str, filters: Filters, metric: str, frequency: str, end: str, key: str | None
) -> pd.DataFrame:
    history = forecast_history(path, filters, metric, frequency, end, key)
    plan = forecast_metrics.FREQUENCIES[frequency]
    ratio = forecast_metrics.METRICS[metric].ratio
    return backtest(history, plan.origins, plan.backtest_horizon, ratio=ratio)


@st.cache_data(show_spinner=False)
def forecast_keys(path: str, filters: Filters, metric: str, end: str) -> list[str]:
    """The values of the metric's key (categories, streets, sites) in its history."""
    return list(forecast_metrics.split(cursor(path), filters, metric, "monthly", end))


@st.cache_data(show_spinner=False)
def hotspots(path: str, filters: Filters, metric: str, end: str) -> pd.DataFrame:
    """Categories or streets (by ``metric``) whose complaints are expected to rise."""
    return rising(forecast_metrics.split(cursor(path), filters, metric, "monthly", end))


@st.cache_data(show_spinner=False)
def scan_alerts(path: str, month: str) -> int:
    """Scan ``month`` for anomalies and store the new alerts (once per month and data state);
    how many were new."""
    return store_alerts.save_alerts(cursor(path), scan(cursor(path), month))


def open_alerts(path: str) -> pd.DataFrame:
    """Alerts not resolved or dismissed, the most severe first."""
    return store_alerts.current_alerts(cursor(path))


@st.cache_data(show_spinner=False)
def alert_causes(path: str, alert_id: str) -> tuple[pd.DataFrame, str]:
    """The decomposition of one alert (where, actual, expected, share) and its sentence."""
    con = cursor(path)
    alert = store_alerts.current_alerts(con, open_only=False).set_index("alert_id").loc[alert_id]
    alert["alert_id"] = alert_id
    causes = explain(con, alert)
    frame = pd.DataFrame(
        {
            "where": [" 的 ".join(v for _, v in c.where) for c in causes],
            "actual": [c.actual for c in causes],
            "expected": [c.expected for c in causes],
            "share": [c.share for c in causes],
        }
    )
    return frame, sentence(alert, causes)


def alert_rules(path: str) -> pd.DataFrame:
    return store_alerts.rules(cursor(path))


def add_alert_rule(path: str, metric: str, op: str, threshold: float, actor: str) -> None:
    """Add a rule, then scan again (the scans are cached)."""
    store_alerts.add_rule(cursor(path), metric, op, threshold, actor)
    data_changed()


def switch_off_alert_rule(path: str, rule_id: int) -> None:
    store_alerts.switch_off_rule(cursor(path), rule_id)
    data_changed()


def alert_history(path: str, alert_id: str) -> pd.DataFrame:
    return store_alerts.alert_history(cursor(path), alert_id)


def set_alert_state(path: str, alert_id: str, step: str, actor: str, note: str) -> None:
    store_alerts.set_state(cursor(path), alert_id, step, actor, note)
