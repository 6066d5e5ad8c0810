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

from effmon import config, labels, schedule
from effmon.analytics import satisfaction_index as index
from effmon.analytics.overview import month_window, overview_months, units_for_attention
from effmon.analytics.satisfaction import (
    learn_from_stars,
    satisfaction_by,
    train_from_evaluations,
)
from effmon.analytics.satisfaction import record_followup as record_step
from effmon.analytics.workload import MEASURES, compute_hour_weekday
from effmon.demo.build import build_demo
from effmon.errors import EffmonError, SessionEnded
from effmon.forecast.scan import refresh_findings
from effmon.security import sessions
from effmon.semantic import catalog, display
from effmon.store import audit, queries, writes
from effmon.store import satisfaction as store_satisfaction
from effmon.store.connect import open_store
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame, splits
from effmon.store.sharing import SharedStore
from effmon.store.versions import DATA
from effmon.store.workload import hour_weekday_load, workload_by
from effmon.store.workload import pivot as workload_pivot
from effmon.text.models import newest_version
from effmon.text.sentiment import MODEL_NAME, Scorer, load_scorer, trained_message
from effmon.ui import follows

_FIRST_START = threading.Lock()


@st.cache_resource(show_spinner=False)
def _shared(path: str) -> SharedStore:
    """The process's access to the store, migrated once when the process first opens it."""
    seconds = float(config.get("store_wait_seconds"))
    open_store(path, wait_seconds=seconds).close()
    return SharedStore(Path(path), seconds)


@st.cache_resource(show_spinner=False)
def findings_schedule(path: str) -> threading.Thread | None:
    """The process's one daily recomputation of the latest month's findings, at
    findings_daily_at (None when that is empty: no schedule)."""
    at = config.get("findings_daily_at")
    if not at:
        return None
    try:
        when = schedule.daily_time(at)
    except EffmonError:  # a wrong setting must not stop every page: the log says it
        schedule.LOG.exception("findings_daily_at")
        return None
    return schedule.start_daily(when, lambda: _latest_findings(path))


def _latest_findings(path: str) -> None:
    """Compute the findings of the newest month with data (on the schedule's thread)."""
    with store_access(path):
        con = cursor(path)
        months = queries.data_months(con)
        if months:
            refresh_findings(con, [months[0]])


def db() -> str:
    """Path of the configured store."""
    return str(config.db_path())


@contextmanager
def store_session(path: str) -> Iterator[None]:
    """Hold the store open for one page run, whose cached results are those of the data's
    versions as the run begins (effmon.ui.follows): what another session or process (such
    as ``effmon ingest``) changed in the meantime is computed again, nothing else."""
    notice = st.empty()
    with _shared(path).use(on_wait=lambda: notice.info(labels.STORE_WAIT_PAGE)):
        notice.empty()
        follows.refresh(path, cursor(path))
        yield
        audit.seal(cursor(path))  # the run's audit entries join the chain


def store_access(path: str):
    """The store held open outside a page run (a background thread, a download being
    built): a context manager."""
    return _shared(path).use()


def cursor(path: str) -> duckdb.DuckDBPyConnection:
    """A fresh cursor on the store at ``path``, inside ``store_session``."""
    return _shared(path).cursor()


def record_audit(
    path: str, user: str | None, action: str, target: str, detail: dict, client: str | None
) -> None:
    """Add one entry to the audit trail, also outside a page run (a download being built)."""
    with store_access(path):
        audit.record(cursor(path), user, action, target, detail, client)
        audit.seal(cursor(path))


def audit_verdict(path: str) -> audit.Verdict:
    """Whether the audit trail's chain is intact (uncached: it grows)."""
    return audit.verify(cursor(path))


def session_role(path: str, session_id: str | None) -> str | None:
    """The role of the login session ``session_id`` as the store holds it now, the session
    resumed (effmon.security.sessions), also outside a page run (a download being built);
    None for no session or one that has ended."""
    if session_id is None:
        return None
    with store_access(path):
        try:
            return sessions.resume(cursor(path), session_id)[1]
        except SessionEnded:
            return None


def audit_entries(path: str, username: str, action: str, text: str) -> pd.DataFrame:
    """The newest audit entries of a user, an action and a text (uncached: it grows)."""
    return audit.search(cursor(path), username=username, action=action, text=text)


def load_history(path: str) -> pd.DataFrame:
    """Every load of a file into the store, newest first (effmon.store.queries.load_history)."""
    return queries.load_history(cursor(path))


def can_split(measure: str, dimensions: tuple[str, ...]) -> bool:
    """Whether 自助分析 can split ``measure`` by ``dimensions`` (effmon.store.measures)."""
    return splits(measure, list(dimensions))


def pivot_measures() -> list[str]:
    """The measures 自助分析 offers: every one of the catalog that the store computes."""
    return [m.key for m in catalog.measures().values() if not m.computed]


def ensure_data(path: str) -> bool:
    """Build the demo store when the store is empty, and its sentiment model from its stars;
    True when it did.

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
        learn_from_stars(con, Path(path))
        return True


@follows.follows(())
def is_demo(path: str) -> bool:
    """True for a store built by the demo generator."""
    return writes.get_meta(cursor(path), "demo") is not None


@follows.follows(("cases",))
def months(path: str) -> list[str]:
    return queries.data_months(cursor(path))


@follows.follows(("cases",))
def dimensions(path: str) -> dict[str, pd.DataFrame]:
    return queries.dimension_values(cursor(path))


@follows.follows(DATA)
def monthly_overview(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """The headline measures per month, with the satisfaction index of the months of
    ``index_window_months`` to ``end``."""
    monthly = overview_months(cursor(path), filters, start, end)
    by_month = satisfaction_index(path, filters, *_index_window(end), ("month",))
    by_month = by_month[["month", "index"]].rename(columns={"index": "satisfaction_index"})
    return monthly.merge(by_month, on="month", how="left")


@follows.follows(DATA)
def attention(path: str, filters: Filters, month: str, dimension: str) -> pd.DataFrame:
    return units_for_attention(cursor(path), filters, month, dimension)


@follows.follows(("cases",))
def site_names(path: str) -> dict[str, str]:
    """Site id → site name."""
    sites = dimensions(path)["sites"]
    return dict(zip(sites["site_id"], sites["name"], strict=True))


@follows.follows(DATA)
def measures(
    path: str, filters: Filters, start: str, end: str, keys: tuple[str, ...]
) -> pd.DataFrame:
    """Catalog measures over months start..end taken together: one row."""
    return measure_frame(cursor(path), filters, start, end, list(keys), [])


@follows.follows(("cases",))
def value_names(path: str) -> dict[str, dict[str, str]]:
    """The names of sites, windows and indicators (effmon.semantic.display.value_names)."""
    return display.value_names(queries.value_names(cursor(path)))


@follows.follows(("cases",))
def workload(path: str, filters: Filters, start: str, end: str, dimension: str) -> pd.DataFrame:
    return workload_by(cursor(path), filters, start, end, dimension, MEASURES)


@follows.follows(("cases",))
def hour_weekday(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    return compute_hour_weekday(hour_weekday_load(cursor(path), filters, start, end))


@follows.follows(DATA)
def pivot(
    path: str, filters: Filters, start: str, end: str, measure: str, dimensions: tuple[str, ...]
) -> pd.DataFrame:
    return workload_pivot(cursor(path), filters, start, end, measure, list(dimensions))


@follows.follows(("evaluations",))
def satisfaction(path: str, filters: Filters, start: str, end: str, dimension: str) -> pd.DataFrame:
    return satisfaction_by(cursor(path), filters, start, end, dimension)


def comment_scores(
    path: str, filters: Filters, start: str, end: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The stored scores of each comment of the months: (comment, sentiment, aspects),
    mentions; the model version keys the cache, as a training scores them again."""
    return _comment_scores(path, filters, start, end, newest_version(Path(path), MODEL_NAME))


@follows.follows(("evaluations",))
def _comment_scores(
    path: str, filters: Filters, start: str, end: str, version: int | None
) -> tuple[pd.DataFrame, pd.DataFrame]:  # version: part of the cache key
    comments = store_satisfaction.distinct_comments(cursor(path), filters, start, end)
    return index.comment_scores(cursor(path), comments)  # stored when loaded, never scored here


@follows.follows(("evaluations",))
def satisfaction_index(
    path: str, filters: Filters, start: str, end: str, keys: tuple[str, ...]
) -> pd.DataFrame:
    """The satisfaction index per group of ``keys`` (see analytics.satisfaction_index)."""
    scores, _ = comment_scores(path, filters, *_index_window(end))
    return index.satisfaction_index(cursor(path), filters, start, end, scores, keys)


@follows.follows(("evaluations",))
def index_evaluations(
    path: str, filters: Filters, start: str, end: str, department: str
) -> pd.DataFrame:
    """The evaluations of one department behind its index."""
    scores, _ = comment_scores(path, filters, *_index_window(end))
    return store_satisfaction.scored_evaluations(
        cursor(path), filters, start, end, scores, index.WEIGHTS, department
    )


@follows.follows(("evaluations",))
def aspects(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """Aspect mentions and their mean sentiment per department."""
    _, mentions = comment_scores(path, filters, *_index_window(end))
    return store_satisfaction.aspect_groups(
        cursor(path), filters, start, end, mentions[["comment", "aspect", "sentiment"]]
    )


def _index_window(end: str) -> tuple[str, str]:
    """The months whose comments are scored: the ``index_window_months`` ending at ``end``
    (every page asks within them)."""
    return month_window(end, config.get_int("index_window_months"))


@follows.follows(("evaluations",))
def followups(path: str, filters: Filters, start: str, end: str) -> pd.DataFrame:
    """差评 follow-up items with their comment's sentiment."""
    items = store_satisfaction.followups(
        cursor(path), filters, start, end, int(config.get("followup_workdays")), datetime.now()
    )
    scores, _ = index.comment_scores(cursor(path), items["comment"].fillna("").tolist())
    return items.assign(sentiment=scores["sentiment"].fillna(0.5).to_numpy())  # 0.5: no comment


def record_followup(
    path: str, evaluation_id: str, state: str, when: datetime, actor: str, note: str
) -> None:
    """Add a follow-up step, then forget the cached results it changes."""
    record_step(cursor(path), evaluation_id, state, when, actor, note)
    data_changed()


def scorer(path: str) -> Scorer:
    """The sentiment scorer of the store, reloaded when a newer model is trained."""
    return _scorer(path, newest_version(Path(path), MODEL_NAME))


@st.cache_resource(show_spinner=False)
def _scorer(path: str, version: int | None) -> Scorer:  # version: part of the cache key
    return load_scorer(Path(path))


def train_sentiment(path: str) -> str:
    """Train the sentiment model on the store's evaluations, which scores every comment
    again; what it produced, as text."""
    saved = train_from_evaluations(cursor(path), Path(path))
    data_changed()  # the stored scores changed
    return trained_message(saved)


def data_changed() -> None:
    """After this run wrote the store: the rest of the run reads the data as it is now."""
    path = db()
    follows.refresh(path, cursor(path))
