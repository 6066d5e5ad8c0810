"""On-time closure and repeat complaints, per ticket.

A ticket's time runs in working days (the calendar's workday_no, holidays and make-up
days included) from its 受理 to its first 办结 event, against the 办结 limit of its source
(complaint_limits), as judged once in effmon.store.measures.COMPLAINT_TICKETS. A repeat
(重复投诉) is judged there too, as the catalog's repeat_complaints counts it: the same
complainant, or the same problem at the same place after it was closed, within
``repeat_complaint_days`` (a setting).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from effmon import config
from effmon.store.filters import Filters, in_months
from effmon.store.measures import COMPLAINT_TICKETS


def closure(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, today: date
) -> pd.DataFrame:
    """Tickets received in months start..end: ticket_id, source, department, street,
    complainant, received_at, closed_at, workdays (taken, or so far while open),
    limit_workdays, on_time (closed within the limit; NULL while open), overdue (open past
    the limit), repeat (see the module docstring)."""
    where, params = filters.where("t")
    return con.execute(
        f"""
        WITH tickets AS (
            SELECT t.ticket_id, t.source, t.department, t.street, t.complainant, t.received_at,
                   t.flow_closed_at AS closed_at, t.limit_workdays, t.on_time,
                   coalesce(t.repeat_after_days <= ?, false) AS repeat,
                   coalesce(closed.workday_no, today.workday_no) - received.workday_no
                       AS workdays
            FROM {COMPLAINT_TICKETS} t
            LEFT JOIN calendar received ON received.day = t.received_at::DATE
            LEFT JOIN calendar closed ON closed.day = t.flow_closed_at::DATE
            LEFT JOIN calendar today ON today.day = ?::DATE
            WHERE {in_months("t.received_at")} AND {where}
        )
        SELECT * EXCLUDE (repeat), closed_at IS NULL AND workdays > limit_workdays AS overdue,
               repeat
        FROM tickets ORDER BY received_at, ticket_id
        """,
        [config.get_float("repeat_complaint_days"), today, start, end, *params],
    ).df()
