"""Alerts of the anomaly scan and the steps of following them up (动态跟踪)."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from effmon import labels
from effmon.errors import EffmonError
from effmon.store.frames import registered
from effmon.store.transaction import transaction

STATES = ("新发现", "已确认", "处理中", "已解决", "误报")
NEXT_STATES = {
    "新发现": ("已确认", "误报"),
    "已确认": ("处理中", "误报"),
    "处理中": ("已解决", "误报"),
}
SYSTEM = "系统"
_CURRENT = """
SELECT a.*, e.state, e.happened_at AS state_at
FROM alerts a JOIN (
    SELECT alert_id, arg_max(state, happened_at) AS state, max(happened_at) AS happened_at
    FROM alert_events GROUP BY alert_id
) e USING (alert_id)
"""


def save_alerts(con: duckdb.DuckDBPyConnection, found: pd.DataFrame) -> int:
    """Store the anomalies in ``found`` (metric, key, period, direction, value, expected,
    score, severity) not stored yet, each with its 新发现 event; returns how many."""
    if found.empty:
        return 0
    now = datetime.now()
    rows = found.assign(
        alert_id=found["metric"]
        + "|"
        + found["key"].fillna("")
        + "|"
        + found["period"]
        + "|"
        + found["direction"],
        detected_at=now,
    )
    with registered(con, "_found", rows), transaction(con):
        added = con.execute(
            """
                INSERT INTO alerts
                SELECT alert_id, metric, key, period, direction, value, expected, score, severity,
                       detected_at
                FROM _found f
                WHERE NOT EXISTS (SELECT 1 FROM alerts a WHERE a.alert_id = f.alert_id)
                RETURNING alert_id
                """
        ).fetchall()
        if added:
            con.executemany(
                "INSERT INTO alert_events VALUES (?, '新发现', ?, ?, NULL)",
                [(alert_id, now, SYSTEM) for (alert_id,) in added],
            )
    return len(added)


def current_alerts(con: duckdb.DuckDBPyConnection, *, open_only: bool = True) -> pd.DataFrame:
    """Alerts with their current state, the most severe and newest first."""
    where = "WHERE state NOT IN ('已解决', '误报')" if open_only else ""
    return con.execute(
        f"SELECT * FROM ({_CURRENT}) {where} "
        "ORDER BY severity = '严重' DESC, period DESC, abs(score) DESC"
    ).df()


def alert_history(con: duckdb.DuckDBPyConnection, alert_id: str) -> pd.DataFrame:
    """The events of one alert, oldest first: state, happened_at, actor, note."""
    return con.execute(
        "SELECT state, happened_at, actor, note FROM alert_events WHERE alert_id = ? "
        "ORDER BY happened_at",
        [alert_id],
    ).df()


def set_state(
    con: duckdb.DuckDBPyConnection, alert_id: str, state: str, actor: str, note: str = ""
) -> None:
    """Move an alert to its next state; anything else is refused and changes nothing."""
    found = con.execute(f"SELECT state FROM ({_CURRENT}) WHERE alert_id = ?", [alert_id]).fetchall()
    if not found:
        raise EffmonError(labels.ALERTS["unknown"].format(id=alert_id))
    current = found[0][0]
    if state not in NEXT_STATES.get(current, ()):
        raise EffmonError(labels.ALERTS["bad_step"].format(current=current, state=state))
    con.execute(
        "INSERT INTO alert_events VALUES (?, ?, ?, ?, ?)",
        [alert_id, state, datetime.now(), actor, note or None],
    )


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
    return rows[0][0]


def switch_off_rule(con: duckdb.DuckDBPyConnection, rule_id: int) -> None:
    con.execute("UPDATE alert_rules SET active = FALSE WHERE rule_id = ?", [rule_id])


def rules(con: duckdb.DuckDBPyConnection, *, active_only: bool = True) -> pd.DataFrame:
    """rule_id, metric, op, threshold, created_by, created_at, active; oldest first."""
    where = "WHERE active" if active_only else ""
    return con.execute(f"SELECT * FROM alert_rules {where} ORDER BY rule_id").df()
