"""The 提示函 issued (table letters): a number per year that is never reused, the same number
for the same unit and month when its letter is made again, and the problems each named."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.transaction import transaction

LISTED = "l.year, l.number, l.site_id, s.name, l.period, l.issued_on, l.reply_by, l.items"


def read_only(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the store is open read-only (a letter made there cannot take a number)."""
    (flag,) = con.execute(
        "SELECT readonly FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchone()
    return bool(flag)


def letter_of(con: duckdb.DuckDBPyConnection, site_id: str, period: str) -> dict | None:
    """The letter issued to ``site_id`` about month ``period``: year, number, issued_on,
    reply_by, issued_by, items (a list of dicts); None when none was."""
    row = con.execute(
        "SELECT year, number, issued_on, reply_by, issued_by, items FROM letters "
        "WHERE site_id = ? AND period = ?",
        [site_id, period],
    ).fetchone()
    if row is None:
        return None
    keys = ("year", "number", "issued_on", "reply_by", "issued_by", "items")
    return {**dict(zip(keys, row, strict=True)), "items": json.loads(row[5])}


def issue_letter(
    con: duckdb.DuckDBPyConnection,
    site_id: str,
    period: str,
    items: list[dict],
    issued_on: date,
    reply_by: date,
    issued_by: str,
    now: datetime,
) -> dict:
    """The letter to ``site_id`` about ``period`` with its number: the one it was given
    before (its items replaced by ``items``), else the next number of ``issued_on``'s year.
    Returns letter_of's dict."""
    text = json.dumps(items, ensure_ascii=False, default=str)
    with transaction(con):
        known = con.execute(
            "SELECT 1 FROM letters WHERE site_id = ? AND period = ?", [site_id, period]
        ).fetchone()
        if known:
            con.execute(
                "UPDATE letters SET items = ?, made_at = ? WHERE site_id = ? AND period = ?",
                [text, now, site_id, period],
            )
        else:
            con.execute(
                """
                INSERT INTO letters
                SELECT ?, coalesce(max(number), 0) + 1, ?, ?, ?, ?, ?, ?, ?
                FROM letters WHERE year = ?
                """,
                [issued_on.year, site_id, period, issued_on, reply_by, issued_by, text, now,
                 issued_on.year],
            )  # fmt: skip
        versions.changed(con, "fieldwork")
    return letter_of(con, site_id, period)


def letters_of_period(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """The letters issued about month ``period`` (for the next month's follow-up of the
    replies), by number: year, number, site_id, name (the site's), period, issued_on,
    reply_by, items (JSON text)."""
    return con.execute(
        f"SELECT {LISTED} FROM letters l LEFT JOIN sites s USING (site_id) "
        "WHERE l.period = ? ORDER BY l.year, l.number",
        [period],
    ).df()


def site(con: duckdb.DuckDBPyConnection, site_id: str) -> dict:
    """What a letter's heading says of a site: name, level, street, address (None when not
    recorded)."""
    row = con.execute(
        "SELECT name, level, street, address FROM sites WHERE site_id = ?", [site_id]
    ).fetchone()
    keys = ("name", "level", "street", "address")
    return dict(zip(keys, row or (site_id, None, None, None), strict=True))
