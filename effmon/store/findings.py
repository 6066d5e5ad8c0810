"""Findings computed per month and the steps of following them up (动态跟踪); the
threshold rules an administrator adds to them."""

from __future__ import annotations

import json
from datetime import datetime

import duckdb
import pandas as pd

from effmon import labels
from effmon.errors import EffmonError
from effmon.store import versions
from effmon.store.complaints import TICKET_COLUMNS
from effmon.store.filters import in_months
from effmon.store.frames import registered
from effmon.store.transaction import transaction

STATES = ("新发现", "已确认", "处理中", "已解决", "误报")
CLOSED_STATES = ("已解决", "误报")  # nothing left to do
NEXT_STATES = {
    "新发现": ("已确认", "误报"),
    "已确认": ("处理中", "误报"),
    "处理中": ("已解决", "误报"),
}
SYSTEM = "系统"
_STORED = [
    "finding_id", "rank", "kind", "metric", "measure", "key", "unit", "happened", "direction",
    "value", "expected", "score", "effect", "severity", "judgement",
]  # fmt: skip
_CURRENT = """
SELECT f.*, e.state, e.happened_at AS state_at
FROM findings f JOIN (
    SELECT finding_id, arg_max(state, happened_at) AS state, max(happened_at) AS happened_at
    FROM finding_events GROUP BY finding_id
) e USING (finding_id)
"""


def complaint_records(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """The tickets received in ``month``, oldest first: the columns of
    effmon.store.complaints.complaints_between and site_id."""
    return con.execute(
        f"SELECT {TICKET_COLUMNS}, site_id FROM complaints t WHERE {in_months('t.received_at')} "
        "ORDER BY received_at, ticket_id",
        [month, month],
    ).df()


# The tables whose rows findings are computed from, and the time each row is of.
_TIMED = {
    "cases": "received_at",
    "case_totals": "month",
    "evaluations": "evaluated_at",
    "complaints": "received_at",
    "inspections": "visit_date",
}


def batch_months(con: duckdb.DuckDBPyConnection, table: str, batch_id: int) -> list[str]:
    """The months ('YYYY-MM') the rows of one load batch of ``table`` fall in, oldest first;
    none for a table findings are not computed from."""
    if table not in _TIMED:
        return []
    rows = con.execute(
        f"SELECT DISTINCT strftime({_TIMED[table]}, '%Y-%m') AS month FROM {table} "
        "WHERE batch_id = ? ORDER BY month",
        [batch_id],
    ).fetchall()
    return [r[0] for r in rows if r[0]]


def first_month(con: duckdb.DuckDBPyConnection) -> str | None:
    """The first month ('YYYY-MM') of any case, evaluation or complaint; None when none."""
    return con.execute(
        "SELECT strftime(min(earliest), '%Y-%m') FROM ("
        "SELECT min(received_at) AS earliest FROM cases "
        "UNION ALL SELECT min(evaluated_at) FROM evaluations "
        "UNION ALL SELECT min(received_at) FROM complaints)"
    ).fetchall()[0][0]


def save_findings(con: duckdb.DuckDBPyConnection, period: str, found: pd.DataFrame) -> int:
    """Replace the findings of month ``period`` with ``found`` (effmon.analytics.findings
    FINDING_COLUMNS); a finding not seen before gets its 新发现 event, one seen before keeps
    its state. Returns how many were new."""
    now = datetime.now()
    rows = found[_STORED].assign(
        period=period,
        evidence=[json.dumps(e, ensure_ascii=False) for e in found["evidence"]],
        computed_at=now,
    )
    with registered(con, "_found", rows), transaction(con):
        con.execute("DELETE FROM findings WHERE period = ?", [period])
        con.execute("DELETE FROM finding_months WHERE period = ?", [period])
        con.execute(
            f"INSERT INTO findings (period, {', '.join(_STORED)}, evidence, computed_at) "
            f"SELECT period, {', '.join(_STORED)}, evidence, computed_at FROM _found"
        )
        con.execute("INSERT INTO finding_months VALUES (?, ?, ?)", [period, now, len(rows)])
        added = con.execute(
            "SELECT DISTINCT finding_id FROM _found f WHERE NOT EXISTS "
            "(SELECT 1 FROM finding_events e WHERE e.finding_id = f.finding_id)"
        ).fetchall()
        if added:
            con.executemany(
                "INSERT INTO finding_events VALUES (?, '新发现', ?, ?, NULL)",
                [(finding_id, now, SYSTEM) for (finding_id,) in added],
            )
        versions.changed(con, "findings")
    return len(added)


def findings_between(
    con: duckdb.DuckDBPyConnection, start: str, end: str, *, open_only: bool = False
) -> pd.DataFrame:
    """The findings of months start..end with their current state (state, state_at),
    month by month and by rank: period, the columns of effmon.analytics.findings
    FINDING_COLUMNS (evidence a dict) and computed_at."""
    where = " AND state NOT IN ('已解决', '误报')" if open_only else ""
    found = con.execute(
        f"SELECT * FROM ({_CURRENT}) WHERE period BETWEEN ? AND ?{where} ORDER BY period, rank",
        [start, end],
    ).df()
    return found.assign(evidence=[json.loads(e) for e in found["evidence"]])


def computed_months(con: duckdb.DuckDBPyConnection, start: str, end: str) -> list[str]:
    """The months of start..end whose findings have been computed, oldest first."""
    rows = con.execute(
        "SELECT period FROM finding_months WHERE period BETWEEN ? AND ? ORDER BY period",
        [start, end],
    ).fetchall()
    return [r[0] for r in rows]


def finding_history(con: duckdb.DuckDBPyConnection, finding_id: str) -> pd.DataFrame:
    """The events of one finding, oldest first: state, happened_at, actor, note."""
    return con.execute(
        "SELECT state, happened_at, actor, note FROM finding_events WHERE finding_id = ? "
        "ORDER BY happened_at",
        [finding_id],
    ).df()


def set_state(
    con: duckdb.DuckDBPyConnection, finding_id: str, state: str, actor: str, note: str = ""
) -> None:
    """Move a finding to its next state; anything else is refused and changes nothing."""
    found = con.execute(
        "SELECT arg_max(state, happened_at) FROM finding_events WHERE finding_id = ? "
        "HAVING count(*) > 0",
        [finding_id],
    ).fetchall()
    if not found:
        raise EffmonError(labels.ALERTS["unknown"].format(id=finding_id))
    current = found[0][0]
    if state not in NEXT_STATES.get(current, ()):
        raise EffmonError(labels.ALERTS["bad_step"].format(current=current, state=state))
    con.execute(
        "INSERT INTO finding_events VALUES (?, ?, ?, ?, ?)",
        [finding_id, state, datetime.now(), actor, note or None],
    )
    versions.changed(con, "findings")


RULE_OPS = (">", "<")


def add_rule(
    con: duckdb.DuckDBPyConnection, metric: str, op: str, threshold: float, actor: str
) -> int:
    """Add an active threshold rule; returns its number."""
    if op not in RULE_OPS:
        raise ValueError(f"unknown operator: {op}")
    rows = con.execute(
        "INSERT INTO alert_rules VALUES (nextval('rule_seq'), ?, ?, ?, ?, ?, TRUE) "
        "RETURNING rule_id",
        [metric, op, threshold, actor, datetime.now()],
    ).fetchall()
    versions.changed(con, "findings")
    return rows[0][0]


def switch_off_rule(con: duckdb.DuckDBPyConnection, rule_id: int) -> None:
    con.execute("UPDATE alert_rules SET active = FALSE WHERE rule_id = ?", [rule_id])
    versions.changed(con, "findings")


def rules(con: duckdb.DuckDBPyConnection, *, active_only: bool = True) -> pd.DataFrame:
    """rule_id, metric, op, threshold, created_by, created_at, active; oldest first."""
    where = "WHERE active" if active_only else ""
    return con.execute(f"SELECT * FROM alert_rules {where} ORDER BY rule_id").df()
