"""The complaint handling workflow (投诉处理): 受理 → 核查 → 督办 → 处理 → 回访 → 办结, with
退回 (the unit hands it back for reassignment) and 重办 (the revisit finds it unsolved).

Each step is a new row of ``complaint_events`` with who and when; a correction is a 更正
event; nothing is updated or deleted there. Every state has a time limit in working days
per source (``complaint_limits``, the latest row holds), so each step sets the due time of
the state it enters: the end of that working day.
"""

from __future__ import annotations

from datetime import datetime, time

import duckdb
import pandas as pd

from effmon import labels
from effmon.errors import EffmonError
from effmon.store.transaction import transaction
from effmon.workdays import add_workdays

SOURCES = ("12345热线", "意见箱", "纪委转办", "现场", "网上")
NEXT = {
    "受理": ("核查", "退回"),
    "核查": ("督办", "处理", "退回"),
    "督办": ("处理", "退回"),
    "处理": ("回访", "退回"),
    "回访": ("办结", "重办"),
    "重办": ("处理",),
    "退回": ("核查",),
}
DONE = "办结"
CORRECTION = "更正"
SATISFACTION = ("满意", "基本满意", "不满意")
END_OF_DAY = time(17, 30)
_CURRENT = """
SELECT c.ticket_id, c.source, c.title, c.category, c.received_at, e.state, e.since, e.due_at,
       coalesce(u.unit, c.department) AS unit
FROM complaints c
JOIN (
    SELECT ticket_id, arg_max(state, happened_at) AS state, max(happened_at) AS since,
           arg_max(due_at, happened_at) AS due_at
    FROM complaint_events WHERE state <> '更正' GROUP BY ticket_id
) e USING (ticket_id)
LEFT JOIN (
    SELECT ticket_id, arg_max(unit, happened_at) AS unit
    FROM complaint_events WHERE unit IS NOT NULL GROUP BY ticket_id
) u USING (ticket_id)
"""


def limits(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The working days allowed per source and state now: source, state, workdays."""
    return con.execute(
        "SELECT source, state, arg_max(workdays, changed_at) AS workdays "
        "FROM complaint_limits GROUP BY ALL ORDER BY source, state"
    ).df()


def set_limit(
    con: duckdb.DuckDBPyConnection,
    source: str,
    state: str,
    workdays: int,
    actor: str,
    now: datetime | None = None,
) -> None:
    """Change one time limit (kept as a new row, the old one stays)."""
    if source not in SOURCES or state not in (*NEXT, DONE):
        raise EffmonError(labels.FLOW["bad_limit"].format(source=source, state=state))
    if not 0 < workdays <= 60 or not actor.strip():
        raise EffmonError(labels.FLOW["limit_range"])
    con.execute(
        "INSERT INTO complaint_limits VALUES (?, ?, ?, ?, ?)",
        [source, state, workdays, now or datetime.now(), actor.strip()],
    )


def register(
    con: duckdb.DuckDBPyConnection,
    *,
    source: str,
    title: str,
    body: str,
    unit: str,
    actor: str,
    category: str | None = None,
    site_id: str | None = None,
    street: str | None = None,
    complainant: str | None = None,
    now: datetime | None = None,
) -> str:
    """Register a complaint (受理) assigned to ``unit``; returns its ticket id."""
    now = now or datetime.now()
    if source not in SOURCES:
        raise EffmonError(
            labels.FLOW["bad_source"].format(source=source, allowed="、".join(SOURCES))
        )
    for value, what in ((title, "title"), (body, "body"), (unit, "unit"), (actor, "actor")):
        if not (value or "").strip():
            raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS[what]))
    ticket_id = f"TS{now:%Y%m%d%H%M%S%f}"
    with transaction(con):
        con.execute(
            """
            INSERT INTO complaints (ticket_id, source, complainant, title, body, received_at,
                                    category, department, site_id, street, source_file, loaded_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'app', ?)
            """,
            [
                ticket_id,
                source,
                complainant,
                title.strip(),
                body.strip(),
                now,
                category,
                unit.strip(),
                site_id,
                street,
                now,
            ],
        )
        _add_event(con, ticket_id, source, "受理", now, actor.strip(), None, unit=unit.strip())
    return ticket_id


def advance(
    con: duckdb.DuckDBPyConnection,
    ticket_id: str,
    state: str,
    actor: str,
    note: str = "",
    *,
    unit: str | None = None,
    result: str | None = None,
    channel_ok: bool | None = None,
    attitude_ok: bool | None = None,
    solved: bool | None = None,
    satisfaction: str | None = None,
    now: datetime | None = None,
) -> None:
    """Move the complaint to ``state`` if its current state allows it. 核查 after 退回 needs a
    unit; 回访 needs the handling result; 办结 and 重办 need the revisit's three answers and
    the citizen's satisfaction (办结 only when solved, 重办 only when not)."""
    now = now or datetime.now()
    current = _current(con, ticket_id)
    allowed = NEXT.get(current["state"], ())
    if state not in allowed:
        raise EffmonError(
            labels.FLOW["bad_step"].format(
                ticket=ticket_id,
                current=current["state"],
                state=state,
                allowed="、".join(allowed) or labels.FLOW["none"],
            )
        )
    if not actor.strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["actor"]))
    if current["state"] == "退回" and not (unit or "").strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["unit"]))
    if state == "回访" and not (result or "").strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["result"]))
    if state in ("办结", "重办"):
        if None in (channel_ok, attitude_ok, solved) or satisfaction not in SATISFACTION:
            raise EffmonError(labels.FLOW["revisit"])
        if solved != (state == "办结"):
            raise EffmonError(labels.FLOW["solved" if state == "办结" else "unsolved"])
    with transaction(con):
        _add_event(
            con,
            ticket_id,
            current["source"],
            state,
            now,
            actor.strip(),
            note.strip() or None,
            unit=(unit or "").strip() or None,
            result=(result or "").strip() or None,
            channel_ok=channel_ok,
            attitude_ok=attitude_ok,
            solved=solved,
            satisfaction=satisfaction,
        )
        if state == DONE:
            con.execute(
                "UPDATE complaints SET closed_at = ?, satisfaction = ? WHERE ticket_id = ?",
                [now, satisfaction, ticket_id],
            )


def correct(
    con: duckdb.DuckDBPyConnection,
    ticket_id: str,
    actor: str,
    note: str,
    *,
    unit: str | None = None,
    now: datetime | None = None,
) -> None:
    """Record a correction (更正) of the complaint's record; the state does not change."""
    current = _current(con, ticket_id)
    if not actor.strip() or not note.strip():
        raise EffmonError(labels.FLOW["correction"])
    _add_event(
        con,
        ticket_id,
        current["source"],
        CORRECTION,
        now or datetime.now(),
        actor.strip(),
        note.strip(),
        unit=(unit or "").strip() or None,
        due=False,
    )


def timeline(con: duckdb.DuckDBPyConnection, ticket_id: str) -> pd.DataFrame:
    """Every event of one complaint in order: state, happened_at, due_at, actor, unit, note,
    result, the revisit answers and satisfaction, and whether it was late."""
    _current(con, ticket_id)
    frame = con.execute(
        """
        SELECT state, happened_at, due_at, actor, unit, note, result, channel_ok,
               attitude_ok, solved, satisfaction
        FROM complaint_events WHERE ticket_id = ? ORDER BY happened_at, rowid
        """,
        [ticket_id],
    ).df()
    # A step is late when it came after the due time of the state before it.
    previous_due = frame["due_at"].where(frame["state"] != CORRECTION).ffill().shift()
    frame["late"] = frame["happened_at"] > previous_due
    return frame


def queue(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> pd.DataFrame:
    """Complaints not yet 办结: ticket_id, source, title, category, received_at, state,
    since, due_at, unit, overdue; the most urgent first."""
    now = now or datetime.now()
    frame = con.execute(
        f"SELECT * FROM ({_CURRENT}) WHERE state <> ? ORDER BY due_at NULLS LAST, since",
        [DONE],
    ).df()
    return frame.assign(overdue=frame["due_at"] < pd.Timestamp(now))


def _current(con: duckdb.DuckDBPyConnection, ticket_id: str) -> dict:
    found = con.execute(f"SELECT * FROM ({_CURRENT}) WHERE ticket_id = ?", [ticket_id]).df()
    if found.empty:
        raise EffmonError(labels.FLOW["unknown"].format(ticket=ticket_id))
    return found.iloc[0].to_dict()


def _add_event(
    con: duckdb.DuckDBPyConnection,
    ticket_id: str,
    source: str,
    state: str,
    now: datetime,
    actor: str,
    note: str | None,
    *,
    due: bool = True,
    **fields,
) -> None:
    due_at = None
    if due and state != DONE:
        days = con.execute(
            "SELECT arg_max(workdays, changed_at) FROM complaint_limits "
            "WHERE source = ? AND state = ?",
            [source, state],
        ).fetchall()[0][0]
        if days is not None:
            due_at = datetime.combine(add_workdays(now.date(), int(days)), END_OF_DAY)
    columns = ["ticket_id", "state", "happened_at", "due_at", "actor", "note", *fields]
    con.execute(
        f"INSERT INTO complaint_events ({', '.join(columns)}, source_file, loaded_at) "
        f"VALUES ({', '.join('?' * len(columns))}, 'app', ?)",
        [ticket_id, state, now, due_at, actor, note, *fields.values(), now],
    )
