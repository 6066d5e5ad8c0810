"""All-or-nothing insertion of the checked rows of one imported file.

The valid rows of ``_typed`` (see ``staging``) are inserted in one transaction with an
anti-join on the kind's natural key, so re-loading the same data adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from effmon.domain.kinds import Kind
from effmon.store import audit, versions, writes
from effmon.store.staging import key_ref
from effmon.store.transaction import transaction

# Post-load steps per kind: dimension rows and workflow events derived from the new rows.
_DERIVED = {
    "cases": [
        """INSERT INTO departments (department, source_file, batch_id, loaded_at)
           SELECT DISTINCT department, source_file, batch_id, loaded_at FROM cases c
           WHERE batch_id = $1 AND NOT EXISTS
               (SELECT 1 FROM departments d WHERE d.department = c.department)""",
        """INSERT INTO windows (window_name, site_id, department, source_file, batch_id, loaded_at)
           SELECT DISTINCT window_name, site_id, department, source_file, batch_id, loaded_at
           FROM cases c WHERE batch_id = $1 AND window_name IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM windows w WHERE w.window_name = c.window_name
                AND w.site_id IS NOT DISTINCT FROM c.site_id)""",
        """INSERT INTO service_items (item, department, promised_days, is_instant,
                                      source_file, batch_id, loaded_at)
           SELECT item, any_value(department), max(promised_days), max(promised_days) = 0,
                  any_value(source_file), $1, any_value(loaded_at)
           FROM cases c WHERE batch_id = $1 AND item IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM service_items s WHERE s.item = c.item)
           GROUP BY item""",
    ],
    "complaints": [
        """INSERT INTO complaint_events (ticket_id, state, happened_at, source_file, batch_id,
                                         loaded_at)
           SELECT ticket_id, '受理', received_at, source_file, batch_id, loaded_at
           FROM complaints WHERE batch_id = $1
           UNION ALL
           SELECT ticket_id, '办结', coalesce(closed_at, replied_at), source_file, batch_id,
                  loaded_at
           FROM complaints WHERE batch_id = $1
               AND coalesce(closed_at, replied_at) IS NOT NULL""",
        """UPDATE complaints SET category_source = 'file'
           WHERE batch_id = $1 AND nullif(trim(category), '') IS NOT NULL""",
    ],
}


# Post-load steps per table that are more than SQL, inside the load's transaction: what
# the new rows change elsewhere in the store.
_AFTER_LOAD = {
    "cases": writes.refresh_case_aggregates,  # the aggregates of the months touched
    "case_totals": writes.refresh_case_aggregates,  # totals stand in for months without cases
    "holidays": lambda con, batch_id: writes.apply_holidays(con),  # calendar and deadlines
}


@dataclass
class Outcome:
    """Counts of one load and the rejected cells (row, column, value, reason, other_row)."""

    rows_read: int
    rows_new: int
    rows_present: int
    rows_rejected: int
    rows_skipped: int
    errors: pd.DataFrame
    batch_id: int | None


def insert_valid(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    *,
    source_file: str,
    sha256: str,
    strict: bool,
    actor: str,
    after_insert: Callable[[duckdb.DuckDBPyConnection, int], None] | None = None,
) -> Outcome:
    """Insert the valid rows of ``_typed`` not yet in the store, all or nothing.

    Strict: any rejected cell and nothing is inserted. Otherwise the other rows are.
    ``after_insert(con, batch_id)`` runs inside the same transaction (the classifier
    filling in complaint categories, attendance derived from punches).
    """
    rows_read, rows_skipped = con.execute(
        "SELECT count(*) FILTER (WHERE NOT _skip), count(*) FILTER (WHERE _skip) FROM _typed"
    ).fetchall()[0]
    errors = con.execute(
        "SELECT _row AS row, column_name AS column, value, reason, other_row FROM _errors "
        "ORDER BY _row, column_name"
    ).df()
    rows_rejected = int(errors["row"].nunique())
    if (strict and rows_rejected) or rows_read == 0:
        return Outcome(rows_read, 0, 0, rows_rejected, rows_skipped, errors, None)
    valid, source = ["NOT t._skip"], "_typed"
    if len(errors):
        valid.append("t._row NOT IN (SELECT _row FROM _errors)")
        source = "_numbered"
    columns = [c.name for c in kind.columns]
    values = [f"t.{key_ref(c)}" for c in kind.columns]
    loaded_at = datetime.now()
    try:
        with transaction(con):
            # The anti-join on the natural key makes a re-load add nothing; an empty
            # table needs none.
            if con.execute(f"SELECT EXISTS (SELECT 1 FROM {kind.table})").fetchall()[0][0]:
                match = " AND ".join(
                    f"x.{k} IS NOT DISTINCT FROM t.{key_ref(kind.column(k))}"
                    for k in kind.key_columns
                )
                valid.append(f"NOT EXISTS (SELECT 1 FROM {kind.table} x WHERE {match})")
            batch_id = writes.next_batch_id(con)
            rows_new = con.execute(
                f"INSERT INTO {kind.table} ({', '.join(columns)}, source_file, batch_id, "
                f"loaded_at) SELECT {', '.join(values)}, ?, ?, ? FROM {source} t "
                f"WHERE {' AND '.join(valid)}",
                [source_file, batch_id, loaded_at],
            ).fetchall()[0][0]
            rows_present = rows_read - rows_rejected - rows_new
            for sql in _DERIVED.get(kind.name, []):
                con.execute(sql, [batch_id])
            if kind.table in _AFTER_LOAD:
                _AFTER_LOAD[kind.table](con, batch_id)
            if after_insert is not None:
                after_insert(con, batch_id)
            if rows_new:
                versions.changed(con, versions.TABLE_AREAS[kind.table])
            audit.record(
                con,
                actor,
                "load",
                source_file,
                {
                    "kind": kind.name,
                    "sha256": sha256,
                    "rows_new": rows_new,
                    "rows_rejected": rows_rejected,
                    "batch": batch_id,
                },
            )
            writes.record_batch(
                con,
                batch_id,
                kind.name,
                source_file,
                loaded_at,
                mode="strict" if strict else "skip-invalid",
                rows_read=rows_read,
                rows_new=rows_new,
                rows_present=rows_present,
                rows_rejected=rows_rejected,
                rows_skipped=rows_skipped,
                sha256=sha256,
            )
    except BaseException:
        if kind.table == "holidays":
            writes.sync_holidays(con)  # back to the tables the store still holds
        raise
    return Outcome(rows_read, rows_new, rows_present, rows_rejected, rows_skipped, errors, batch_id)
