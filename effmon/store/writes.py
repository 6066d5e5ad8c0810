"""Bulk writes of generated frames and store-level metadata."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from effmon import workdays
from effmon.store import versions
from effmon.store.frames import registered

DATA_TABLES = (
    "sites",
    "departments",
    "windows",
    "service_items",
    "cases",
    "case_totals",
    "evaluations",
    "complaints",
    "complaint_events",
    "inspections",
    "visits",
    "attendance",
    "punches",
    "benchmarks",
)


def insert_frame(
    con: duckdb.DuckDBPyConnection,
    table: str,
    frame: pd.DataFrame,
    *,
    source_file: str,
    batch_id: int,
    loaded_at: datetime,
) -> int:
    """Append ``frame`` to ``table`` matching columns by name; returns the row count."""
    if table not in DATA_TABLES:
        raise ValueError(f"not a data table: {table}")
    with registered(con, "_insert_frame", frame):
        con.execute(
            f"INSERT INTO {table} BY NAME "
            "SELECT *, ? AS source_file, ? AS batch_id, ? AS loaded_at FROM _insert_frame",
            [source_file, batch_id, loaded_at],
        )
    versions.changed(con, versions.TABLE_AREAS.get(table, "reference"))
    return len(frame)


# Aggregate tables over cases and the views that define their rows (migration 0003).
CASE_AGGREGATES = {"case_cube": "case_cube_source", "window_hours": "window_hours_source"}


def refresh_case_aggregates(con: duckdb.DuckDBPyConnection, batch_id: int | None = None) -> None:
    """Recompute the aggregate months that hold cases or monthly totals of ``batch_id`` (every
    month if None)."""
    months = None
    if batch_id is not None:
        months = [
            month
            for (month,) in con.execute(
                "SELECT DISTINCT CAST(date_trunc('month', received_at) AS DATE) FROM cases "
                "WHERE batch_id = $1 UNION SELECT month FROM case_totals WHERE batch_id = $1",
                [batch_id],
            ).fetchall()
        ]
    chosen = "TRUE" if months is None else "list_contains(?::DATE[], month)"
    params = [] if months is None else [months]
    for table, source in CASE_AGGREGATES.items():
        con.execute(f"DELETE FROM {table} WHERE {chosen}", params)
        con.execute(f"INSERT INTO {table} SELECT * FROM {source} WHERE {chosen}", params)


def next_batch_id(con: duckdb.DuckDBPyConnection) -> int:
    """A new load-batch number."""
    return con.execute("SELECT nextval('batch_seq')").fetchall()[0][0]


def record_batch(
    con: duckdb.DuckDBPyConnection,
    batch_id: int,
    kind: str,
    source_file: str,
    loaded_at: datetime,
    *,
    mode: str,
    rows_read: int,
    rows_new: int,
    rows_present: int = 0,
    rows_rejected: int = 0,
    rows_skipped: int = 0,
    sha256: str | None = None,
) -> None:
    """Register a batch in the load history (mode: strict, skip-invalid or generated)."""
    con.execute(
        "INSERT INTO load_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            batch_id,
            kind,
            source_file,
            sha256,
            loaded_at,
            mode,
            rows_read,
            rows_new,
            rows_present,
            rows_rejected,
            rows_skipped,
        ],
    )


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no data table holds a row."""
    return not any(
        con.execute(f"SELECT EXISTS (SELECT 1 FROM {t})").fetchall()[0][0] for t in DATA_TABLES
    )


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: object) -> None:
    """Store one JSON value under ``key``."""
    con.execute(
        "INSERT OR REPLACE INTO store_meta VALUES (?, ?)",
        [key, json.dumps(value, ensure_ascii=False)],
    )


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> object | None:
    """The JSON value under ``key``, or None."""
    rows = con.execute("SELECT value FROM store_meta WHERE key = ?", [key]).fetchall()
    return json.loads(rows[0][0]) if rows else None


CALENDAR_YEARS = (2010, 2035)


def write_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)write the working-day calendar (CALENDAR_YEARS) from effmon.workdays."""
    frame = workdays.calendar_table(*CALENDAR_YEARS)
    with registered(con, "_calendar", frame):
        con.execute("DELETE FROM calendar")
        con.execute(
            "INSERT INTO calendar SELECT day, is_workday, workday_no, source FROM _calendar"
        )


def sync_holidays(con: duckdb.DuckDBPyConnection) -> None:
    """Make effmon.workdays follow the store's uploaded holiday tables (each day as its
    latest upload says)."""
    rows = con.execute(
        "SELECT day, arg_max(day_type, batch_id) = '工作日' FROM holidays GROUP BY day"
    ).fetchall()
    workdays.use_uploaded(dict(rows))


def apply_holidays(con: duckdb.DuckDBPyConnection) -> None:
    """After a holiday table is loaded: the calendar, the case deadlines and the aggregates
    computed from them follow it (inside the load's transaction)."""
    sync_holidays(con)
    write_calendar(con)
    refresh_case_aggregates(con)
