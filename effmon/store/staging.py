"""Typing and checking one imported file in SQL, before anything is stored.

The file is exposed as the view ``_raw``; ``_typed`` holds every row typed (one pass over
the data), ``_numbered`` adds the row number the user sees, ``_errors`` lists every rejected
cell with its reason code. Dates and numbers of a CSV are first read by DuckDB's own typed
reader (ISO forms: the fast path); a cell it cannot convert sends the file through the text
path, which knows every export format and names each bad cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from effmon.domain.kinds import Column, Kind, value_variants

# A first cell reading one of these marks a totals row at the bottom of an export.
TOTAL_MARKS = ("合计", "总计", "小计", "总合计", "合 计", "总 计", "小 计")
MAX_TEXT_CHARS = 20_000  # a text cell longer than this is not a real record
# C0 control characters other than tab, line feed and carriage return, and DEL.
CONTROL_CHARS = r"[\x{00}-\x{08}\x{0B}\x{0C}\x{0E}-\x{1F}\x{7F}]"

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
# Characters that do not show: a BOM or zero-width space inside a name makes an invisible
# twin of a key (「税务\ufeff局」 beside 「税务局」). Removed from every text cell.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# A time that may not come before the same row's received_at (a case finished before it
# was received is a typing error).
AFTER_RECEIPT = ("finished_at", "replied_at", "closed_at")
NATIVE_TYPES = {
    "timestamp": "TIMESTAMP",
    "date": "TIMESTAMP",
    "float": "DOUBLE",
    "number": "DOUBLE",
    "int": "DOUBLE",
}


@dataclass
class Source:
    """One file ready to stage: a UTF-8 CSV for DuckDB or an all-text frame."""

    name: str
    headers: list[str]
    first_row: int
    csv_path: Path | None = None
    delimiter: str = ","
    skip_lines: int = 0
    frame: pd.DataFrame | None = None  # columns c0..cN-1 as text plus _row


def stage_and_validate(
    con: duckdb.DuckDBPyConnection, source: Source, kind: Kind, positions: dict[str, int]
) -> None:
    """Create ``_raw``, ``_typed``, ``_numbered`` and ``_errors`` for ``source``."""
    if source.frame is not None:  # XLSX cells arrive as text, numbered by their sheet row
        _stage(con, source, {})
        _validate(con, kind, positions, None, set())
        return
    native = {n for n in positions if kind.column(n).type in NATIVE_TYPES}
    try:
        _stage(con, source, {positions[n]: NATIVE_TYPES[kind.column(n).type] for n in native})
        _validate(con, kind, positions, source.first_row, native)
    except duckdb.ConversionException:
        _stage(con, source, {})
        _validate(con, kind, positions, source.first_row, set())


def _stage(con: duckdb.DuckDBPyConnection, source: Source, types: dict[int, str]) -> None:
    """The file's data rows as the view ``_raw(c0..cN)``: text, or ``types`` by position."""
    width = len(source.headers)
    if source.frame is not None:
        con.register("_frame", source.frame)
        cells = ", ".join(f"CAST(c{i} AS VARCHAR) AS c{i}" for i in range(width))
        con.execute(f"CREATE OR REPLACE TEMP VIEW _raw AS SELECT _row, {cells} FROM _frame")
        return
    columns = ", ".join(f"'c{i}': '{types.get(i, 'VARCHAR')}'" for i in range(width))
    path = str(source.csv_path).replace("'", "''")
    con.execute(
        f"""CREATE OR REPLACE TEMP VIEW _raw AS
        SELECT * FROM read_csv('{path}', header = false, skip = {source.skip_lines},
                      delim = '{source.delimiter}', quote = '"', escape = '"',
                      columns = {{{columns}}}, auto_detect = false)"""
    )


def _validate(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    positions: dict[str, int],
    first_row: int | None,
    native: set[str],
) -> None:
    """Type every mapped column of ``_raw`` into ``_typed`` and collect problems in ``_errors``.

    CSV rows are numbered by position (``first_row`` is the file row of the first record;
    a window function to number them would serialise the scan); frames carry ``_row``.
    """
    select = ["_row"] if first_row is None else []
    with_text: set[str] = set()  # typed columns that keep the text of a bad cell (r_*)
    for col in kind.columns:
        cell = f"c{positions.get(col.name)}"
        if col.name not in positions:
            if col.key != "derived":
                select.append(f"NULL::{SQL_TYPES[col.type]} AS {col.name}")
        elif col.type == "text":
            visible = f"regexp_replace({cell}, '[{INVISIBLE}]', '', 'g')"
            select.append(
                f"nullif(CASE WHEN _blanks THEN trim({visible}, {_literal(_BLANKS)}) "
                f"ELSE {cell} END, '') AS {col.name}"
            )
        else:
            if col.name in native:
                # DuckDB's reader converted every cell: only a non-integer count can fail.
                typed = _native_expr(col, cell)
                text = f"CAST({cell} AS VARCHAR)" if col.type == "int" else None
            else:
                text = f"nullif(trim({cell}), '')"
                typed = _typed_expr(col, text)
            select.append(f"{typed} AS {col.name}")
            # Only the text of a cell that did not convert is kept (r_*), for the error report;
            # a cell DuckDB's reader typed cannot fail and has none.
            if text:
                select.append(f"CASE WHEN {col.name} IS NULL THEN {text} END AS r_{col.name}")
                with_text.add(col.name)
    # Blank rows and the totals row at the bottom of an export are skipped, not rejected.
    typed_cells = {positions[n] for n in native}
    cells = [
        f"CAST(c{i} AS VARCHAR)" if i in typed_cells else f"c{i}"
        for i in sorted(positions.values())
    ]
    first = f"coalesce({', '.join(cells)})"
    marks = ", ".join(_literal(m) for m in TOTAL_MARKS)
    select.append(f"{first} IS NULL OR {first} IN ({marks}) AS _skip")
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
        f"FROM (SELECT {', '.join(select)} FROM (SELECT *, {_has_blanks(kind, positions)} "
        "AS _blanks FROM _raw))"
    )
    # CTAS keeps the file's order, so a CSV record's rowid is its position in the file.
    numbering = "" if first_row is None else f"rowid + {first_row} AS _row, "
    con.execute(f"CREATE OR REPLACE TEMP VIEW _numbered AS SELECT {numbering}* FROM _typed")
    checks = [_check_sql(col, with_text) for col in kind.columns if col.name in positions]
    checks.append(_duplicate_sql(kind))
    con.execute(
        "CREATE OR REPLACE TEMP TABLE _errors AS "
        + " UNION ALL ".join(f"({c})" for c in checks if c)
    )


def _native_expr(col: Column, cell: str) -> str:
    """A cell DuckDB's reader already typed as TIMESTAMP or DOUBLE, in the column's type."""
    return {
        "timestamp": cell,
        "date": f"CAST({cell} AS DATE)",
        "float": cell,
        "number": cell,
        "int": f"CASE WHEN {cell} = trunc({cell}) THEN CAST({cell} AS BIGINT) END",
    }[col.type]


def _has_blanks(kind: Kind, positions: dict[str, int]) -> str:
    """True for a row whose text cells hold a blank or an invisible character anywhere.

    Exports pad text with tabs and newlines. Trimming a character set is slow in DuckDB and a
    regular expression per cell nearly as slow, so only the text cells of rows with a blank
    somewhere are trimmed (trimming a clean cell changes nothing); looking for a few
    characters in the row's text joined together is cheap.
    """
    cells = [
        f"c{positions[c.name]}" for c in kind.columns if c.type == "text" and c.name in positions
    ]
    if not cells:
        return "FALSE"
    text = f"concat_ws('', {', '.join(cells)})"
    return " OR ".join(f"contains({text}, chr({ord(c)}))" for c in _BLANKS + INVISIBLE)


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


def _raw_text(col: Column, with_text: set[str]) -> str:
    """The ``_typed`` expression of a cell's text when it did not convert (NULL otherwise)."""
    if col.type == "text":
        return col.name
    return f"r_{col.name}" if col.name in with_text else "NULL::VARCHAR"


def _conditions(col: Column, raw: str) -> list[tuple[str, str]]:
    """(SQL condition on a ``_typed`` row, reason code) for each rule the column must pass;
    ``raw`` is the text of a cell that did not convert."""
    typed = col.name
    conditions = []
    if col.required:
        conditions.append((f"{typed} IS NULL AND {raw} IS NULL", "required"))
    if col.type == "text":
        conditions.append((f"length({typed}) > {MAX_TEXT_CHARS}", "too_long"))
        conditions.append((f"regexp_matches({typed}, '{CONTROL_CHARS}')", "control_chars"))
    else:
        conditions.append((f"{raw} IS NOT NULL", f"bad_{col.type}"))
    if col.type in ("int", "float"):
        conditions.append((f"{typed} < 0", "negative"))
    if col.name in AFTER_RECEIPT:
        conditions.append((f"{typed} < received_at", "before_received"))
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


def _check_sql(col: Column, with_text: set[str]) -> str:
    """The rejected cells of one column: _row, column_name, value, reason, other_row."""
    raw = _raw_text(col, with_text)
    conditions = _conditions(col, raw)
    if not conditions:
        return ""
    reason = "CASE " + " ".join(f"WHEN {c} THEN '{r}'" for c, r in conditions) + " END"
    typed = col.name
    value = typed if col.type == "text" else f"coalesce({raw}, CAST({typed} AS VARCHAR))"
    return (
        f"SELECT _row, '{col.name}' AS column_name, value, reason, "
        f"NULL::BIGINT AS other_row FROM (SELECT _row, {value} AS value, {reason} AS reason "
        f"FROM _numbered WHERE NOT _skip) WHERE reason IS NOT NULL"
    )


def _duplicate_sql(kind: Kind) -> str:
    keys = [key_ref(kind.column(k)) for k in kind.key_columns]
    # Rows missing a required key are reported as such, not as duplicates of each other.
    given = [c for c in map(kind.column, kind.key_columns) if c.required or c.key == "derived"]
    present = " AND ".join(f"{key_ref(c)} IS NOT NULL" for c in given) or "TRUE"
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


def key_ref(col: Column) -> str:
    """The _typed column holding a key: derived keys have their own."""
    return f"{col.name}_key" if col.key == "derived" else col.name


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
