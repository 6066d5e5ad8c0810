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


def stage(con: duckdb.DuckDBPyConnection, source: Source) -> int | None:
    """Expose the file's data rows as the temp view ``_raw(c0..cN)`` of text.

    Returns the file row of the first CSV record: CSV rows are numbered by their position
    (a window function to number them would serialise the scan). Frames carry ``_row``.
    """
    width = len(source.headers)
    if source.frame is not None:
        con.register("_frame", source.frame)
        cells = ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        con.execute(f"CREATE OR REPLACE TEMP VIEW _raw AS SELECT _row, {cells} FROM _frame")
        return None
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(width)) + "}"
    path = str(source.csv_path).replace("'", "''")
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW _raw AS
        SELECT * FROM read_csv('{path}', header = false, skip = {source.skip_lines},
                      delim = '{source.delimiter}', quote = '"', escape = '"',
                      columns = {columns}, auto_detect = false)"""
    )
    return source.first_row


def validate(
    con: duckdb.DuckDBPyConnection, kind: Kind, positions: dict[str, int], first_row: int | None
) -> None:
    """Type every mapped column of ``_raw`` into ``_typed`` and collect problems in ``_errors``.

    ``_numbered`` is ``_typed`` with ``_row``, the row number the user sees in the file.
    """
    select = ["_row"] if first_row is None else []
    for col in kind.columns:
        if col.name not in positions:
            if col.key != "derived":
                select.append(f"NULL::{SQL_TYPES[col.type]} AS {col.name}")
        elif col.type == "text":
            select.append(f"{_trimmed(f'c{positions[col.name]}')} AS {col.name}")
        else:
            cell = f"nullif(trim(c{positions[col.name]}), '')"
            select.append(f"{_typed_expr(col, cell)} AS {col.name}")
            # Only the text of a cell that did not convert is kept (r_*), for the error report.
            select.append(f"CASE WHEN {col.name} IS NULL THEN {cell} END AS r_{col.name}")
    # Blank rows and the totals row at the bottom of an export are skipped, not rejected.
    first = f"coalesce({', '.join(f'c{i}' for i in sorted(positions.values()))})"
    marks = ", ".join(_literal(m) for m in TOTAL_MARKS)
    longest = max(len(m) for m in TOTAL_MARKS) + 2
    select.append(
        f"{first} IS NULL OR (length({first}) <= {longest} "
        f"AND replace(trim({first}), ' ', '') IN ({marks})) AS _skip"
    )
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
    # CTAS keeps the file's order, so a CSV record's rowid is its position in the file.
    numbering = "" if first_row is None else f"rowid + {first_row} AS _row, "
    con.execute(f"CREATE OR REPLACE TEMP VIEW _numbered AS SELECT {numbering}* FROM _typed")
    checks = [_check_sql(col) for col in kind.columns if col.name in positions]
    checks.append(_duplicate_sql(kind))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _errors AS "
        + " UNION ALL ".join(f"({c})" for c in checks if c)
    )


def _trimmed(cell: str) -> str:
    """The cell without surrounding blanks (exports pad text with tabs and newlines).

    Trimming a character set is slow in DuckDB, so only cells that start or end with a
    blank pay for it.
    """
    blank = "[\\s\u3000\u00a0]"
    return (
        f"nullif(CASE WHEN regexp_matches({cell}, '^{blank}|{blank}$') "
        f"THEN trim({cell}, {_literal(_BLANKS)}) ELSE {cell} END, '')"
    )


def _typed_expr(col: Column, raw: str) -> str:
    number = f"TRY_CAST(replace({raw}, ',', '') AS DOUBLE)"
    # The plain cast takes ISO forms fast; the rest are Excel serial days (from 1899-12-30)
    # or one of the export formats. Digits only must be a serial or YYYYMMDD.
    timestamp = (
        f"coalesce(TRY_CAST({raw} AS TIMESTAMP), "
        f"CASE WHEN regexp_full_match({raw}, '\\d{{5}}(\\.\\d+)?') THEN TIMESTAMP '1899-12-30' "
        f"+ to_microseconds(CAST(round(CAST({raw} AS DOUBLE) * 86400e6) AS BIGINT)) "
        f"WHEN regexp_full_match({raw}, '\\d+') AND length({raw}) <> 8 THEN NULL "
        f"ELSE try_strptime({raw}, {TIMESTAMP_FORMATS!r}) END)"
    )
    enum = _enum_expr(col.domain, raw)
    return {
        "text": raw,
        "int": f"CASE WHEN {number} = trunc({number}) THEN CAST({number} AS BIGINT) END",
        "float": number,
        "number": number,
        "timestamp": timestamp,
        "date": f"CAST({timestamp} AS DATE)",
        "month": f"CAST(date_trunc('month', coalesce(try_strptime({raw}, {MONTH_FORMATS!r}), "
        f"{timestamp})) AS DATE)",
        "enum": enum,
        "level": f"CAST({enum} AS INTEGER)",
    }[col.type]


def _enum_expr(domain: str, raw: str) -> str:
    """The canonical value of an accepted spelling (from values.csv), NULL for any other."""
    cases = " ".join(
        f"WHEN {_literal(variant.lower())} THEN {_literal(value)}"
        for d, variant, value in value_variants()
        if d == domain
    )
    return f"CASE lower({raw}) {cases} END"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _conditions(col: Column) -> list[tuple[str, str]]:
    """(SQL condition on a ``_typed`` row, reason code) for each rule the column must pass."""
    typed = col.name
    raw = typed if col.type == "text" else f"r_{typed}"
    conditions = []
    if col.required:
        conditions.append((f"{typed} IS NULL AND {raw} IS NULL", "required"))
    if col.type != "text":
        conditions.append((f"{raw} IS NOT NULL", f"bad_{col.type}"))
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
    return conditions


def _check_sql(col: Column) -> str:
    """The rejected cells of one column: _row, column_name, value, reason, other_row."""
    conditions = _conditions(col)
    if not conditions:
        return ""
    reason = "CASE " + " ".join(f"WHEN {c} THEN '{r}'" for c, r in conditions) + " END"
    typed = col.name
    value = typed if col.type == "text" else f"coalesce(r_{typed}, CAST({typed} AS VARCHAR))"
    return (
        f"SELECT _row, '{col.name}' AS column_name, value, reason, "
        f"NULL::BIGINT AS other_row FROM (SELECT _row, {value} AS value, {reason} AS reason "
        f"FROM _numbered WHERE NOT _skip) WHERE reason IS NOT NULL"
    )


def _duplicate_sql(kind: Kind) -> str:
    keys = [_key_ref(kind.column(k)) for k in kind.key_columns]
    # Rows missing a required key are reported as such, not as duplicates of each other.
    given = [c for c in map(kind.column, kind.key_columns) if c.required or c.key == "derived"]
    present = " AND ".join(f"{_key_ref(c)} IS NOT NULL" for c in given) or "TRUE"
    # Find the repeated keys with a cheap aggregate before numbering their rows.
    match = " AND ".join(f"t.{k} IS NOT DISTINCT FROM d.{k}" for k in keys)
    return (
        f"WITH repeated AS (SELECT {', '.join(keys)} FROM _numbered WHERE NOT _skip AND {present} "
        f"GROUP BY ALL HAVING count(*) > 1) "
        f"SELECT _row, '{kind.key_columns[0]}' AS column_name, "
        f"CAST({keys[0]} AS VARCHAR) AS value, 'duplicate' AS reason, first_row AS other_row "
        f"FROM (SELECT _row, min(_row) OVER (PARTITION BY {', '.join(f't.{k}' for k in keys)}) "
        f"AS first_row, t.{keys[0]} FROM _numbered t SEMI JOIN repeated d ON {match} "
        f"WHERE NOT t._skip) WHERE _row > first_row"
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
    valid, source = ["NOT t._skip"], "_typed"
    if len(errors):
        valid.append("t._row NOT IN (SELECT _row FROM _errors)")
        source = "_numbered"
    columns = [c.name for c in kind.columns]
    values = [f"t.{_key_ref(c)}" for c in kind.columns]
    loaded_at = datetime.now()
    con.execute("BEGIN TRANSACTION")
    try:
        # The anti-join on the natural key makes a re-load add nothing; an empty table needs none.
        if con.execute(f"SELECT EXISTS (SELECT 1 FROM {kind.table})").fetchall()[0][0]:
            match = " AND ".join(
                f"x.{k} IS NOT DISTINCT FROM t.{_key_ref(kind.column(k))}" for k in kind.key_columns
            )
            valid.append(f"NOT EXISTS (SELECT 1 FROM {kind.table} x WHERE {match})")
        batch_id = con.execute("SELECT nextval('batch_seq')").fetchall()[0][0]
        rows_new = con.execute(
            f"INSERT INTO {kind.table} ({', '.join(columns)}, source_file, batch_id, loaded_at) "
            f"SELECT {', '.join(values)}, ?, ?, ? FROM {source} t WHERE {' AND '.join(valid)}",
            [source_file, batch_id, loaded_at],
        ).fetchall()[0][0]
        rows_valid = rows_read - (errors["row"].nunique() if len(errors) else 0)
        rows_present = rows_valid - rows_new
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
        "DROP VIEW IF EXISTS _numbered",
        "DROP TABLE IF EXISTS _typed",
        "DROP TABLE IF EXISTS _errors",
    ):
        con.execute(stmt)
    con.unregister("_frame")
