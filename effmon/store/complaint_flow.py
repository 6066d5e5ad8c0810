"""The complaint workflow's tables: ``complaints`` registered in the app, their
``complaint_events`` (appended, never updated or deleted) and the time limits per source
and state (``complaint_limits``, the latest row holds). The rules are
effmon.domain.complaint_workflow."""

from __future__ import annotations

import threading
from datetime import datetime

import duckdb
import pandas as pd

from effmon.store import versions

_CURRENT = """
SELECT c.ticket_id, c.source, c.title, c.category, c.category_source, c.received_at, e.state,
       e.since, e.due_at,
       coalesce(u.unit, c.department) AS unit
FROM complaints c
JOIN (
    SELECT ticket_id, arg_max(state, happened_at) AS state, max(happened_at) AS since,
           arg_max(due_at, happened_at) AS due_at
    FROM complaint_events WHERE state <> '更正' GROUP BY ticket_id
) e USING (ticket_id)
LEFT JOIN (
    SELECT ticket_id, arg_max(unit, happened_at) AS unit
    FROM complaint_events WHERE unit IS NOT NULL GROUP BY ticket_id
) u USING (ticket_id)
"""


def limits(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The working days allowed per source and state now: source, state, workdays."""
    return con.execute(
        "SELECT source, state, arg_max(workdays, changed_at) AS workdays "
        "FROM complaint_limits GROUP BY ALL ORDER BY source, state"
    ).df()


def limit_of(con: duckdb.DuckDBPyConnection, source: str, state: str) -> int | None:
    """The working days allowed now in ``state`` for complaints from ``source``, or None."""
    return con.execute(
        "SELECT arg_max(workdays, changed_at) FROM complaint_limits WHERE source = ? AND state = ?",
        [source, state],
    ).fetchall()[0][0]


def insert_limit(
    con: duckdb.DuckDBPyConnection,
    source: str,
    state: str,
    workdays: int,
    changed_at: datetime,
    actor: str,
) -> None:
    """Add a time limit row (the older ones stay)."""
    con.execute(
        "INSERT INTO complaint_limits VALUES (?, ?, ?, ?, ?)",
        [source, state, workdays, changed_at, actor],
    )
    versions.changed(con, "complaints")


def insert_complaint(
    con: duckdb.DuckDBPyConnection,
    *,
    ticket_id: str,
    source: str,
    complainant: str | None,
    title: str,
    body: str,
    received_at: datetime,
    category: str | None,
    department: str,
    site_id: str | None,
    street: str | None,
) -> None:
    """Add a complaint registered in the app."""
    con.execute(
        """
        INSERT INTO complaints (ticket_id, source, complainant, title, body, received_at,
                                category, department, site_id, street, source_file, loaded_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'app', ?)
        """,
        [
            ticket_id,
            source,
            complainant,
            title,
            body,
            received_at,
            category,
            department,
            site_id,
            street,
            received_at,
        ],
    )
    versions.changed(con, "complaints")


def insert_event(
    con: duckdb.DuckDBPyConnection,
    ticket_id: str,
    state: str,
    happened_at: datetime,
    due_at: datetime | None,
    actor: str,
    note: str | None,
    **fields,
) -> None:
    """Append one event; ``fields`` are further columns of complaint_events (unit, result,
    channel_ok, attitude_ok, solved, satisfaction)."""
    columns = ["ticket_id", "state", "happened_at", "due_at", "actor", "note", *fields]
    con.execute(
        f"INSERT INTO complaint_events ({', '.join(columns)}, source_file, loaded_at) "
        f"VALUES ({', '.join('?' * len(columns))}, 'app', ?)",
        [ticket_id, state, happened_at, due_at, actor, note, *fields.values(), happened_at],
    )
    versions.changed(con, "complaints")


def close(
    con: duckdb.DuckDBPyConnection, ticket_id: str, closed_at: datetime, satisfaction: str | None
) -> None:
    """Record the closure of a complaint and the citizen's satisfaction with it."""
    con.execute(
        "UPDATE complaints SET closed_at = ?, satisfaction = ? WHERE ticket_id = ?",
        [closed_at, satisfaction, ticket_id],
    )
    versions.changed(con, "complaints")


# Steps are taken one at a time: DuckDB lets one process write a store at a time, and
# within it this lock orders the page runs (each on its own cursor), so a step's check of
# the current state and its write are one. DuckDB's own conflict check would not do: it
# misses an update made after a transaction began and committed before it wrote.
one_step_at_a_time = threading.Lock()


def current(con: duckdb.DuckDBPyConnection, ticket_id: str) -> dict | None:
    """One complaint's ticket_id, source, title, category, received_at, state (its latest
    but corrections), since, due_at and unit; None when there is no such complaint."""
    found = con.execute(f"SELECT * FROM ({_CURRENT}) WHERE ticket_id = ?", [ticket_id]).df()
    return None if found.empty else found.iloc[0].to_dict()


def events(con: duckdb.DuckDBPyConnection, ticket_id: str) -> pd.DataFrame:
    """Every event of one complaint in order: state, happened_at, due_at, actor, unit, note,
    result, channel_ok, attitude_ok, solved, satisfaction."""
    return con.execute(
        """
        SELECT state, happened_at, due_at, actor, unit, note, result, channel_ok,
               attitude_ok, solved, satisfaction
        FROM complaint_events WHERE ticket_id = ? ORDER BY happened_at, rowid
        """,
        [ticket_id],
    ).df()


def events_of(con: duckdb.DuckDBPyConnection, ticket_ids: list[str]) -> pd.DataFrame:
    """Every event of the complaints ``ticket_ids``, each complaint's in order: ticket_id and
    the columns of events."""
    return con.execute(
        """
        SELECT ticket_id, state, happened_at, due_at, actor, unit, note, result, channel_ok,
               attitude_ok, solved, satisfaction
        FROM complaint_events WHERE ticket_id IN (SELECT unnest(?::VARCHAR[]))
        ORDER BY ticket_id, happened_at, rowid
        """,
        [ticket_ids],
    ).df()


def not_in(con: duckdb.DuckDBPyConnection, state: str) -> pd.DataFrame:
    """The complaints whose state is not ``state``: ticket_id, source, title, category,
    category_source, received_at, state, since, due_at, unit; the earliest due first."""
    return con.execute(
        f"SELECT * FROM ({_CURRENT}) WHERE state <> ? ORDER BY due_at NULLS LAST, since",
        [state],
    ).df()
