"""Complaint tickets as the analyses read them: the tickets of some months, counts by
category and month."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.filters import Filters, in_months

TICKET_COLUMNS = (
    "ticket_id, source, complainant, title, body, received_at, category, category_source, "
    "category_confidence, department, street, likes, closed_at"
)


def complaint_months(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Months ('YYYY-MM') that hold complaints, newest first."""
    rows = con.execute(
        "SELECT DISTINCT strftime(received_at, '%Y-%m') AS month FROM complaints "
        "ORDER BY month DESC"
    ).fetchall()
    return [r[0] for r in rows]


def complaints_between(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Tickets received in months start..end ('YYYY-MM'), oldest first: ticket_id, source,
    complainant, title, body, received_at, category, category_source, category_confidence,
    department, street, likes, closed_at."""
    where, params = filters.where("t")
    return con.execute(
        f"SELECT {TICKET_COLUMNS} FROM complaints t "
        f"WHERE {in_months('t.received_at')} AND {where} ORDER BY received_at, ticket_id",
        [start, end, *params],
    ).df()


def category_months(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Tickets per month and category, months start..end: month ('YYYY-MM'), category
    (未分类 stays empty), complaints."""
    where, params = filters.where("t")
    return con.execute(
        f"SELECT strftime(received_at, '%Y-%m') AS month, category, count(*) AS complaints "
        f"FROM complaints t WHERE {in_months('t.received_at')} AND {where} "
        "GROUP BY ALL ORDER BY month, category",
        [start, end, *params],
    ).df()


def ticket(con: duckdb.DuckDBPyConnection, ticket_id: str) -> pd.DataFrame:
    """One ticket's row, or an empty frame: the columns of complaints_between and result
    (核查结果), reply (答复: the reply text, else the handling result recorded in the
    workflow), replied_at, satisfaction (回访满意度)."""
    return con.execute(
        f"""
        SELECT {TICKET_COLUMNS}, t.result,
               coalesce(t.reply_text, (SELECT arg_max(e.result, e.happened_at)
                                       FROM complaint_events e
                                       WHERE e.ticket_id = t.ticket_id)) AS reply,
               t.replied_at, t.satisfaction
        FROM complaints t WHERE ticket_id = ?
        """,
        [ticket_id],
    ).df()


def limit_history(con: duckdb.DuckDBPyConnection, source: str) -> pd.DataFrame:
    """Every time limit ever set for complaints from ``source``, oldest first: state,
    workdays, changed_at."""
    return con.execute(
        "SELECT state, workdays, changed_at FROM complaint_limits WHERE source = ? "
        "ORDER BY changed_at",
        [source],
    ).df()
