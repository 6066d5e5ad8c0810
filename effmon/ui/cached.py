"""Cached access to the store for the pages: a shared connection per process, cached queries.

The connection is open only during page runs (``store_session``), so that command-line
loads can write the file in between (see effmon.store.sharing). Cached functions take the
store's path (the cache key) and plain arguments; each query runs on its own cursor
because one DuckDB connection is not shared across threads.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from effmon import config, labels
from effmon.analytics import satisfaction_index as index
from effmon.analytics.overview import month_window, overview_months, units_for_attention
from effmon.analytics.satisfaction import satisfaction_by, train_from_evaluations
from effmon.analytics.workload import compute_hour_weekday, compute_workload
from effmon.demo.build import build_demo
from effmon.forecast import metrics as forecast_metrics
from effmon.forecast.backtest import backtest
from effmon.forecast.explain import explain, sentence
from effmon.forecast.hotspots import rising
from effmon.forecast.models import Forecast, calendar_model
from effmon.forecast.scan import scan
from effmon.security import audit
from effmon.store import alerts as store_alerts
from effmon.store import queries, writes
from effmon.store import satisfaction as store_satisfaction
from effmon.store.connect import open_store
from effmon.store.filters import Filters
from effmon.store.sharing import SharedStore
from effmon.store.workload import hour_weekday_load, workload_by
from effmon.store.workload import pivot as workload_pivot
from effmon.text.models import newest_version
from effmon.text.sentiment import MODEL_NAME, Scorer, load_scorer, trained_message

_FIRST_START = threading.Lock()


@st.cache_resource(show_spinner=False)
def _shared(path: str) -> SharedStore:
    """The process's access to the store, migrated once when the process first opens it."""
    seconds = float(config.get("store_wait_seconds"))
    open_store(path, wait_seconds=seconds).close()
    return SharedStore(Path(path), seconds)


def db() -> str:
    """Path of the configured store."""
    return str(config.db_path())


@contextmanager
def store_session(path: str) -> Iterator[None]:
    """Hold the store open for one page run; forget cached results when another process
    (such as ``effmon ingest``) wrote it in the meantime."""
    notice = st.empty()
    with _shared(path).use(on_wait=lambda: notice.info(labels.STORE_WAIT_PAGE)) as written:
        notice.empty()
        if written:
            data_changed()
        yield


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the store at ``path``, inside ``store_session``."""
    return _shared(path).cursor()


def record_audit(path: str, user: str | None, action: str, target: str, detail: dict) -> None:
    """Add one entry to the audit trail, also outside a page run (a download being built)."""
    with _shared(path).use():
        audit.record(cursor(path), user, action, target, detail)


def ensure_data(path: str) -> bool:
    """Build the demo store when the store is empty; True when it did.

    Sessions arriving together at the first start build it once: the others wait.
    """
    with _FIRST_START:
        con = cursor(path)
        if not writes.is_empty(con):
            return False
        build_demo(
            con,
            months=int(config.get("demo_months")),
            seed=int(config.get("demo_seed")),
            scale=float(config.get("demo_scale")),
        )
        return True


@st.cache_data(show_spinner=False)
def is_demo(path: str) -> bool:
    """True for a store built by the demo generator."""
    return writes.get_meta(cursor(path), "demo") is not None


@st.cache_data(show_spinner=False)
def months(path: str) -> list[str]:
    return queries.data_months(cursor(path))


@st.cache_data(show_spinner=False)
def dimensions(path: str) -> dict[str, pd.DataFrame]:
    return queries.dimension_values(cursor(path))


@st.cache_data(show_spinner=False)
def monthly_overview(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """The headline measures per month, with the satisfaction index of the last 13 months
    (the month, the one before and the one a year before)."""
    monthly = overview_months(cursor(path), filters, start, end)
    by_month = satisfaction_index(path, filters, *_index_window(end), ("month",))
    by_month = by_month[["month", "index"]].rename(columns={"index": "satisfaction_index"})
    return monthly.merge(by_month, on="month", how="left")


@st.cache_data(show_spinner=False)
def attention(path: str, filters: Filters, month: str, dimension: str) -> pd.DataFrame:
    return units_for_attention(cursor(path), filters, month, dimension)


@st.cache_data(show_spinner=False)
def site_names(path: str) -> dict[str, str]:
    """Site id → site name."""
    sites = dimensions(path)["sites"]
    return dict(zip(sites["site_id"], sites["name"], strict=True))


@st.cache_data(show_spinner=False)
def workload(path: str, filters: Filters, start: str, end: str, dimension: str) -> pd.DataFrame:
    return compute_workload(workload_by(cursor(path), filters, start, end, dimension))


@st.cache_data(show_spinner=False)
def hour_weekday(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    return compute_hour_weekday(hour_weekday_load(cursor(path), filters, start, end))


@st.cache_data(show_spinner=False)
def pivot(
    path: str, filters: Filters, start: str, end: str, measure: str, dimensions: tuple[str, ...]
) -> pd.DataFrame:
    return workload_pivot(cursor(path), filters, start, end, measure, list(dimensions))


@st.cache_data(show_spinner=False)
def satisfaction(path: str, filters: Filters, start: str, end: str, dimension: str) -> pd.DataFrame:
    return satisfaction_by(cursor(path), filters, start, end, dimension)


def comment_scores(
    path: str, filters: Filters, start: str, end: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each comment of the months scored once: (comment, sentiment, aspects), mentions."""
    return _comment_scores(path, filters, start, end, newest_version(Path(path), MODEL_NAME))


@st.cache_data(show_spinner=False)
def _comment_scores(
    path: str, filters: Filters, start: str, end: str, version: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:  # version: part of the cache key
    comments = store_satisfaction.distinct_comments(cursor(path), filters, start, end)
    return index.comment_scores(comments, scorer(path).scores)


@st.cache_data(show_spinner=False)
def satisfaction_index(
    path: str, filters: Filters, start: str, end: str, keys: tuple[str, ...]
) -> pd.DataFrame:
    """The satisfaction index per group of ``keys`` (see analytics.satisfaction_index)."""
    scores, _ = comment_scores(path, filters, *_index_window(end))
    return index.satisfaction_index(cursor(path), filters, start, end, scores, keys)


@st.cache_data(show_spinner=False)
def index_evaluations(
    path: str, filters: Filters, start: str, end: str, department: str
) -> pd.DataFrame:
    """The evaluations of one department behind its index."""
    scores, _ = comment_scores(path, filters, *_index_window(end))
    return store_satisfaction.scored_evaluations(
        cursor(path), filters, start, end, scores, index.WEIGHTS, department
    )


@st.cache_data(show_spinner=False)
def aspects(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """Aspect mentions and their mean sentiment per department."""
    _, mentions = comment_scores(path, filters, *_index_window(end))
    return store_satisfaction.aspect_groups(
        cursor(path), filters, start, end, mentions[["comment", "aspect", "sentiment"]]
    )


def _index_window(end: str) -> tuple[str, str]:
    """The months whose comments are scored: the 13 ending at ``end`` (a month, the one
    before it and the one a year before; every page asks within them)."""
    return month_window(end, 13)


@st.cache_data(show_spinner=False)
def followups(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """差评 follow-up items with their comment's sentiment."""
    items = store_satisfaction.followups(
        cursor(path), filters, start, end, int(config.get("followup_workdays")), datetime.now()
    )
    return items.assign(sentiment=scorer(path).scores(items["comment"].tolist()))


def record_followup(
    path: str, evaluation_id: str, state: str, when: datetime, actor: str, note: str
) -> None:
    """Add a follow-up step, then forget the cached results it changes."""
    store_satisfaction.record_followup(cursor(path), evaluation_id, state, when, actor, note)
    data_changed()


def scorer(path: str) -> Scorer:
    """The sentiment scorer of the store, reloaded when a newer model is trained."""
    return _scorer(path, newest_version(Path(path), MODEL_NAME))


@st.cache_resource(show_spinner=False)
def _scorer(path: str, version: int | None) -> Scorer:  # version: part of the cache key
    return load_scorer(Path(path))


def train_sentiment(path: str) -> str:
    """Train the sentiment model on the store's evaluations; what it produced, as text.
    The caches keyed by model version pick the new one up by themselves."""
    return trained_message(train_from_evaluations(cursor(path), Path(path)))


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


def data_changed() -> None:
    """Forget every cached query result after the store changed."""
    st.cache_data.clear()
