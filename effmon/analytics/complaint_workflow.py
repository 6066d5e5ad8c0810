"""The complaint workflow on the store: each step checked by the rules of
effmon.domain.complaint_workflow and kept by effmon.store.complaint_flow."""

from __future__ import annotations

from datetime import datetime, timedelta

import duckdb
import pandas as pd

from effmon import labels
from effmon.domain import complaint_workflow as rules
from effmon.errors import EffmonError
from effmon.store import complaint_flow as store
from effmon.store import complaints
from effmon.store.transaction import transaction
from effmon.workdays import workdays_between


def set_limit(
    con: duckdb.DuckDBPyConnection,
    source: str,
    state: str,
    workdays: int,
    actor: str,
    now: datetime | None = None,
) -> None:
    """Change one time limit (kept as a new row, the old one stays)."""
    rules.check_limit(source, state, workdays, actor)
    store.insert_limit(con, source, state, workdays, now or datetime.now(), actor.strip())


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
    rules.check_registration(source, title, body, unit, actor)
    ticket_id = rules.ticket_id(now)
    with transaction(con):
        store.insert_complaint(
            con,
            ticket_id=ticket_id,
            source=source,
            complainant=complainant,
            title=title.strip(),
            body=body.strip(),
            received_at=now,
            category=category,
            department=unit.strip(),
            site_id=site_id,
            street=street,
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
    """Move the complaint to ``state`` if its current state allows it and the step has what
    it needs (effmon.domain.complaint_workflow.check_step). One step at a time: a step
    taken meanwhile by someone else refuses this one."""
    now = now or datetime.now()
    current = _current(con, ticket_id)
    rules.check_step(
        ticket_id,
        current["state"],
        state,
        actor,
        unit=unit,
        result=result,
        channel_ok=channel_ok,
        attitude_ok=attitude_ok,
        solved=solved,
        satisfaction=satisfaction,
    )
    with store.one_step_at_a_time, transaction(con):
        if store.current(con, ticket_id)["state"] != current["state"]:
            raise EffmonError(labels.FLOW["moved_on"].format(ticket=ticket_id))
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
        if state == rules.DONE:
            store.close(con, ticket_id, now, satisfaction)


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
    _current(con, ticket_id)
    rules.check_correction(actor, note)
    store.insert_event(
        con,
        ticket_id,
        rules.CORRECTION,
        now or datetime.now(),
        None,
        actor.strip(),
        note.strip(),
        unit=(unit or "").strip() or None,
    )


def timeline(
    con: duckdb.DuckDBPyConnection, ticket_id: str, now: datetime | None = None
) -> pd.DataFrame:
    """Every event of one complaint in order: state, happened_at, due_at, actor, unit, note,
    result, the revisit answers and satisfaction, and late — on the step itself, judged
    against its own limit (judge_steps): ended after its due time, or still open past it at
    ``now``; a correction is never late."""
    events = store.events(con, ticket_id)
    judged = judged_steps(con, ticket_id, now).set_index(events.index[_steps(events)])
    return events.assign(
        due_at=judged["due_at"], late=judged["late"].reindex(events.index, fill_value=False)
    )


def judged_steps(
    con: duckdb.DuckDBPyConnection, ticket_id: str, now: datetime | None = None
) -> pd.DataFrame:
    """Each step of one complaint judged against its own time limit (see judge_steps)."""
    found = _current(con, ticket_id)
    events = store.events(con, ticket_id)
    history = complaints.limit_history(con, found["source"])
    return judge_steps(events, history, now or datetime.now())


def judged_steps_of(
    con: duckdb.DuckDBPyConnection, tickets: pd.DataFrame, now: datetime
) -> pd.DataFrame:
    """The steps of every complaint of ``tickets`` (ticket_id, source), each judged against
    its own limit as judge_steps does: ticket_id and COLUMNS_JUDGED, in ticket order."""
    events = store.events_of(con, tickets["ticket_id"].tolist())
    limits = {s: _limits(complaints.limit_history(con, s)) for s in tickets["source"].unique()}
    source_of = dict(zip(tickets["ticket_id"], tickets["source"], strict=True))
    steps = _as_steps(events)
    known = [limits[source_of[t]] for t in steps["ticket_id"]]
    return _judge(steps, known, now, steps["ticket_id"])[["ticket_id", *COLUMNS_JUDGED]]


def _steps(events: pd.DataFrame) -> pd.Series:
    """The events that are steps of the workflow (corrections are not)."""
    return events["state"] != rules.CORRECTION


def _as_steps(events: pd.DataFrame) -> pd.DataFrame:
    steps = events[_steps(events)].reset_index(drop=True)
    return steps.rename(columns={"happened_at": "started_at"})


def judge_steps(events: pd.DataFrame, history: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """The steps of ``events`` (state, happened_at, …; corrections left out), each judged
    against the limit of its own state: state, started_at, ended_at (the next step; NaT while
    it is the current one), limit_workdays (in force when the step began — the earliest one
    set when it began before any — or NaN: no limit, as for 办结), due_at (the end of the
    working day the limit allows), late (ended after due_at, or still open past it at
    ``now``), open, actor, unit, note, result, satisfaction, workdays (the working days it
    took after the day it began, or so far while open; 0 for 办结). ``history`` is the
    source's limits over time (state, workdays, changed_at)."""
    steps = _as_steps(events)
    one = pd.Series(0, index=steps.index)
    return _judge(steps, [_limits(history)] * len(steps), now, one)[COLUMNS_JUDGED]


def _judge(
    steps: pd.DataFrame, limits: list[dict], now: datetime, ticket: pd.Series
) -> pd.DataFrame:
    """judge_steps over the steps of one or more tickets (``ticket`` tells them apart;
    ``limits``: each step's source's limits, _limits)."""
    ended = steps["started_at"].groupby(ticket).shift(-1)
    workdays = [
        _limit_then(known, state, started) for known, state, started in
        zip(limits, steps["state"], steps["started_at"], strict=True)
    ]  # fmt: skip
    due = [
        rules.due_at(state, started.to_pydatetime(), days)
        for state, started, days in zip(steps["state"], steps["started_at"], workdays, strict=True)
    ]
    due = pd.to_datetime(pd.Series(due, dtype="object", index=steps.index))
    finished = steps["state"] == rules.DONE
    still = ended.isna() & ~finished
    until = ended.where(~still, pd.Timestamp(now))
    return steps.assign(
        ended_at=ended,
        limit_workdays=pd.Series(workdays, dtype="float", index=steps.index),
        due_at=due,
        late=due.notna() & (until > due),
        open=still,
        workdays=[
            len(workdays_between(start.date() + timedelta(1), end.date()))
            for start, end in zip(
                steps["started_at"], until.fillna(steps["started_at"]), strict=True
            )
        ],
    )


COLUMNS_JUDGED = [
    "state", "started_at", "ended_at", "limit_workdays", "due_at", "late", "open", "actor",
    "unit", "note", "result", "satisfaction", "workdays",
]  # fmt: skip


def _limits(history: pd.DataFrame) -> dict[str, list[tuple[pd.Timestamp, int]]]:
    """A source's limit history (state, workdays, changed_at; oldest first) by state."""
    found: dict[str, list[tuple[pd.Timestamp, int]]] = {}
    for state, workdays, changed in zip(
        history["state"], history["workdays"], history["changed_at"], strict=True
    ):
        found.setdefault(state, []).append((changed, int(workdays)))
    return found


def _limit_then(
    limits: dict[str, list[tuple[pd.Timestamp, int]]], state: str, started: pd.Timestamp
) -> int | None:
    rows = limits.get(state, [])
    if state == rules.DONE or not rows:
        return None
    before = [days for changed, days in rows if changed <= started]
    return before[-1] if before else rows[0][1]


def queue(con: duckdb.DuckDBPyConnection, now: datetime | None = None) -> pd.DataFrame:
    """Complaints not yet 办结: ticket_id, source, title, category, category_source,
    received_at, state, since, due_at, unit, overdue; the most urgent first."""
    return rules.with_overdue(store.not_in(con, rules.DONE), now or datetime.now())


def _current(con: duckdb.DuckDBPyConnection, ticket_id: str) -> dict:
    found = store.current(con, ticket_id)
    if found is None:
        raise EffmonError(labels.FLOW["unknown"].format(ticket=ticket_id))
    return found


def _add_event(
    con: duckdb.DuckDBPyConnection,
    ticket_id: str,
    source: str,
    state: str,
    now: datetime,
    actor: str,
    note: str | None,
    **fields,
) -> None:
    """Append a step with the due time of the state it enters."""
    workdays = store.limit_of(con, source, state) if state != rules.DONE else None
    due = rules.due_at(state, now, workdays)
    store.insert_event(con, ticket_id, state, now, due, actor, note, **fields)
