"""Staging, validation and all-or-nothing insertion of one imported file.

The file is staged as text, typed and checked in SQL (one pass over the data), and the
valid rows are inserted in one transaction with an anti-join on the kind's natural key,
so re-loading the same data adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import duckdb
import pandas as pd

from effmon.ingest.kinds import Column, Kind, value_variants
from effmon.ingest.readers import TOTAL_MARKS, Source

SQL_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "float": "DOUBLE",
    "number": "DOUBLE",
    "timestamp": "TIMESTAMP",
    "date": "DATE",
    "month": "DATE",
    "enum": "VARCHAR",
    "level": "INTEGER",
}
TIMESTAMP_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%Y%m%d",
    "%Y-%m-%dT%H:%M:%S",
]
MONTH_FORMATS = ["%Y-%m", "%Y/%m", "%Y.%m", "%Y年%m月", "%Y%m"]
EARLIEST = "1990-01-01"
_BLANKS = " \t\r\n\u3000\u00a0"
# Post-load steps per kind: dimension rows and workflow events derived from the new rows.
_DERIVED = {
    "cases": [
        """INSERT INTO departments (department, source_file, batch_id, loaded_at)
           SELECT DISTINCT department, source_file, batch_id, loaded_at FROM cases c
           WHERE batch_id = $batch AND NOT EXISTS
               (SELECT 1 FROM departments d WHERE d.department = c.department)""",
        """INSERT INTO windows (window_name, site_id, department, source_file, batch_id, loaded_at)
           SELECT DISTINCT window_name, site_id, department, source_file, batch_id, loaded_at
           FROM cases c WHERE batch_id = $batch AND window_name IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM windows w WHERE w.window_name = c.window_name
                AND w.site_id IS NOT DISTINCT FROM c.site_id)""",
        """INSERT INTO service_items (item, department, promised_days, is_instant,
                                      source_file, batch_id, loaded_at)
           SELECT item, any_value(department), max(promised_days), max(promised_days) = 0,
                  any_value(source_file), $batch, any_value(loaded_at)
           FROM cases c WHERE batch_id = $batch AND item IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM service_items s WHERE s.item = c.item)
           GROUP BY item""",
    ],
    "complaints": [
        """INSERT INTO complaint_events (ticket_id, state, happened_at, source_file, batch_id,
                                         loaded_at)
           SELECT ticket_id, '受理', received_at, source_file, batch_id, loaded_at
           FROM complaints WHERE batch_id = $batch
           UNION ALL
           SELECT ticket_id, '办结', coalesce(closed_at, replied_at), source_file, batch_id,
                  loaded_at
           FROM complaints WHERE batch_id = $batch
               AND coalesce(closed_at, replied_at) IS NOT NULL""",
    ],
}


@dataclass
class Outcome:
    """Counts of one load and the rejected cells (row, column, value, reason, other_row)."""

    rows_read: int
    rows_new: int
    rows_present: int
    rows_skipped: int
    errors: pd.DataFrame
    batch_id: int | None

    @property
    def rows_rejected(self) -> int:
        return int(self.errors["row"].nunique()) if len(self.errors) else 0


def stage(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """Expose the file's data rows as the temp view ``_raw(_row, c0..cN)`` of text."""
    width = len(source.headers)
    if source.frame is not None:
        con.register("_frame", source.frame)
        cells = ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        con.execute(f"CREATE OR REPLACE TEMP VIEW _raw AS SELECT _row, {cells} FROM _frame")
        return
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    path = str(source.csv_path).replace("'", "''")
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW _raw AS
        SELECT row_number() OVER () + {source.first_row - 1} AS _row, *
        FROM read_csv('{path}', header = false, skip = {source.skip_lines},
                      delim = '{source.delimiter}', quote = '"', escape = '"',
                      columns = {columns}, auto_detect = false)"""
    )


def validate(
    con: duckdb.DuckDBPyConnection, kind: Kind, positions: dict[str, int], width: int
) -> None:
    """Type every mapped column of ``_raw`` into ``_typed`` and collect problems in ``_errors``."""
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _value_map (domain VARCHAR, variant VARCHAR, value VARCHAR)"
    )
    con.executemany(
        "INSERT INTO _value_map VALUES (?, lower(?), ?)", [list(v) for v in value_variants()]
    )
    raw_cells = [f"nullif(trim(c{i}, '{_BLANKS}'), '')" for i in range(width)]
    marks = ", ".join(f"'{m}'" for m in TOTAL_MARKS)
    select = [
        "_row",
        f"coalesce({', '.join(raw_cells)}) IS NULL "
        f"OR replace(coalesce({', '.join(raw_cells)}), ' ', '') IN ({marks}) AS _skip",
    ]
    for col in kind.columns:
        if col.name in positions:
            select.append(f"{raw_cells[positions[col.name]]} AS r_{col.name}")
            select.append(f"{_typed_expr(col, f'r_{col.name}')} AS {col.name}")
        elif col.key != "derived":
            select.append(f"NULL::{SQL_TYPES[col.type]} AS {col.name}")
    # Keys derived from the typed row are computed over the typed columns in an outer query.
    derived = ["*"]
    for col in kind.columns:
        if col.key == "derived":
            row_text = " || '|' || ".join(
                f"coalesce(CAST({c.name} AS VARCHAR), '')"
                for c in kind.columns
                if c.key != "derived" and c.name in positions
            )
            given = col.name if col.name in positions else "NULL"
            derived.append(f"coalesce({given}, md5({row_text})) AS {col.name}_key")
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _typed AS SELECT {', '.join(derived)} "
        f"FROM (SELECT {', '.join(select)} FROM _raw)"
    )
    checks = [_check_sql(col) for col in kind.columns if col.name in positions]
    checks.append(_duplicate_sql(kind))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _errors AS "
        + " UNION ALL ".join(f"({c})" for c in checks if c)
    )


def _typed_expr(col: Column, raw: str) -> str:
    number = f"replace({raw}, ',', '')"
    timestamp = (
        f"CASE WHEN regexp_full_match({raw}, '\\d{{5}}(\\.\\d+)?') "
        # Excel serial day numbers count from 1899-12-30.
        f"THEN TIMESTAMP '1899-12-30' "
        f"+ to_microseconds(CAST(round(CAST({raw} AS DOUBLE) * 86400e6) AS BIGINT)) "
        f"WHEN regexp_full_match({raw}, '\\d+') AND length({raw}) <> 8 THEN NULL "
        f"ELSE coalesce(TRY_CAST({raw} AS TIMESTAMP), "
        f"try_strptime({raw}, {TIMESTAMP_FORMATS!r})) END"
    )
    enum = (
        f"(SELECT m.value FROM _value_map m WHERE m.domain = '{col.domain}' "
        f"AND m.variant = lower({raw}))"
    )
    return {
        "text": raw,
        "int": f"CASE WHEN regexp_full_match({number}, '-?\\d+(\\.0+)?') "
        f"THEN TRY_CAST({number} AS BIGINT) END",
        "float": f"TRY_CAST({number} AS DOUBLE)",
        "number": f"TRY_CAST({number} AS DOUBLE)",
        "timestamp": timestamp,
        "date": f"CAST({timestamp} AS DATE)",
        "month": f"CAST(date_trunc('month', coalesce(try_strptime({raw}, {MONTH_FORMATS!r}), "
        f"{timestamp})) AS DATE)",
        "enum": enum,
        "level": f"CAST({enum} AS INTEGER)",
    }[col.type]


def _check_sql(col: Column) -> str:
    raw, typed = f"r_{col.name}", col.name
    conditions = []
    if col.required:
        conditions.append((f"{raw} IS NULL", "required"))
    conditions.append((f"{raw} IS NOT NULL AND {typed} IS NULL", f"bad_{col.type}"))
    if col.type in ("int", "float"):
        conditions.append((f"{typed} < 0", "negative"))
    if col.type in ("timestamp", "date"):
        conditions.append(
            (
                f"{typed} < DATE '{EARLIEST}' OR {typed} > current_date + INTERVAL 1 YEAR",
                "date_range",
            )
        )
    if col.references:
        table, column = col.references.split(".")
        conditions.append(
            (
                f"{typed} IS NOT NULL AND {typed} NOT IN (SELECT {column} FROM {table})",
                "unknown_ref",
            )
        )
    reason = "CASE " + " ".join(f"WHEN {c} THEN '{r}'" for c, r in conditions) + " END"
    return (
        f"SELECT _row, '{col.name}' AS column_name, {raw} AS value, reason, "
        f"NULL::BIGINT AS other_row FROM (SELECT _row, {raw}, {reason} AS reason "
        f"FROM _typed WHERE NOT _skip) WHERE reason IS NOT NULL"
    )


def _duplicate_sql(kind: Kind) -> str:
    keys = [_key_ref(kind.column(k)) for k in kind.key_columns]
    # Rows missing a required key are reported as such, not as duplicates of each other.
    given = [c for c in map(kind.column, kind.key_columns) if c.required or c.key == "derived"]
    present = " AND ".join(f"{_key_ref(c)} IS NOT NULL" for c in given) or "TRUE"
    return (
        f"SELECT _row, '{kind.key_columns[0]}' AS column_name, "
        f"CAST({keys[0]} AS VARCHAR) AS value, 'duplicate' AS reason, first_row AS other_row "
        f"FROM (SELECT _row, {', '.join(keys)}, "
        f"min(_row) OVER (PARTITION BY {', '.join(keys)}) AS first_row "
        f"FROM _typed WHERE NOT _skip AND {present}) WHERE _row > first_row"
    )


def _key_ref(col: Column) -> str:
    return f"{col.name}_key" if col.key == "derived" else col.name


def insert_valid(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    *,
    source_file: str,
    sha256: str,
    mode: str,
    strict: bool,
) -> Outcome:
    """Insert the valid rows of ``_typed`` not yet in the store, all or nothing."""
    rows_read, rows_skipped = con.execute(
        "SELECT count(*) FILTER (WHERE NOT _skip), count(*) FILTER (WHERE _skip) FROM _typed"
    ).fetchall()[0]
    errors = con.execute(
        "SELECT _row AS row, column_name AS column, value, reason, other_row FROM _errors "
        "ORDER BY _row, column_name"
    ).df()
    if (strict and len(errors)) or rows_read == 0:
        return Outcome(rows_read, 0, 0, rows_skipped, errors, None)
    match = " AND ".join(
        f"x.{k} IS NOT DISTINCT FROM t.{_key_ref(kind.column(k))}" for k in kind.key_columns
    )
    valid = (
        "FROM _typed t WHERE NOT t._skip "
        "AND NOT EXISTS (SELECT 1 FROM _errors e WHERE e._row = t._row)"
    )
    exists = f"EXISTS (SELECT 1 FROM {kind.table} x WHERE {match})"
    columns = [c.name for c in kind.columns]
    values = [f"t.{_key_ref(c)}" for c in kind.columns]
    loaded_at = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        rows_present = con.execute(f"SELECT count(*) {valid} AND {exists}").fetchall()[0][0]
        batch_id = con.execute("SELECT nextval('batch_seq')").fetchall()[0][0]
        rows_new = con.execute(
            f"INSERT INTO {kind.table} ({', '.join(columns)}, source_file, batch_id, loaded_at) "
            f"SELECT {', '.join(values)}, ?, ?, ? {valid} AND NOT {exists}",
            [source_file, batch_id, loaded_at],
        ).fetchall()[0][0]
        for sql in _DERIVED.get(kind.name, []):
            con.execute(sql.replace("$batch", str(int(batch_id))))
        outcome = Outcome(rows_read, rows_new, rows_present, rows_skipped, errors, batch_id)
        con.execute(
            "INSERT INTO load_batches VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                batch_id,
                kind.name,
                source_file,
                sha256,
                loaded_at,
                mode,
                rows_read,
                rows_new,
                rows_present,
                outcome.rows_rejected,
                rows_skipped,
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return outcome


def drop_staging(con: duckdb.DuckDBPyConnection) -> None:
    """Remove the temp objects of one load."""
    for stmt in (
        "DROP VIEW IF EXISTS _raw",
        "DROP TABLE IF EXISTS _typed",
        "DROP TABLE IF EXISTS _errors",
        "DROP TABLE IF EXISTS _value_map",
    ):
        con.execute(stmt)
    con.unregister("_frame")
