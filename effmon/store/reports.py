"""Generated reports kept in the store for the report centre (the newest KEEP of them)."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

KEEP = 100
LISTED = "report_id, kind, period, subject, generated_by, generated_at, pages, seconds"


def save_report(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    period: str,
    subject: str,
    generated_by: str,
    generated_at: datetime,
    pages: int,
    seconds: float,
    pdf: bytes,
) -> int:
    """Keep one generated report (dropping those beyond the newest KEEP); returns its id."""
    (report_id,) = con.execute(
        "INSERT INTO reports (kind, period, subject, generated_by, generated_at, pages, seconds,"
        " pdf) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING report_id",
        [kind, period, subject, generated_by, generated_at, pages, seconds, pdf],
    ).fetchone()
    con.execute(
        "DELETE FROM reports WHERE report_id NOT IN "
        "(SELECT report_id FROM reports ORDER BY report_id DESC LIMIT ?)",
        [KEEP],
    )
    return report_id


def recent_reports(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The newest reports first: report_id, kind, period, subject, generated_by,
    generated_at, pages, seconds."""
    return con.execute(
        f"SELECT {LISTED} FROM reports ORDER BY report_id DESC LIMIT ?", [limit]
    ).df()


def report_pdf(con: duckdb.DuckDBPyConnection, report_id: int) -> bytes | None:
    """The PDF of one kept report, or None when it is no longer kept."""
    row = con.execute("SELECT pdf FROM reports WHERE report_id = ?", [report_id]).fetchone()
    return None if row is None else bytes(row[0])
