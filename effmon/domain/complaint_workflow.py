"""The complaint handling workflow (投诉处理) as rules: 受理 → 核查 → 督办 → 处理 → 回访 → 办结,
with 退回 (the unit hands it back for reassignment) and 重办 (the revisit finds it unsolved).

Each step is a new event; a correction is a 更正 event that changes no state. Every state has
a time limit in working days per source, so each step sets the due time of the state it
enters: the end of that working day. The store keeps the events (effmon.store.complaint_flow);
effmon.analytics.complaint_workflow applies these rules to it.
"""

from __future__ import annotations

from datetime import datetime, time

import pandas as pd

from effmon import labels
from effmon.errors import EffmonError
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


def check_limit(source: str, state: str, workdays: int, actor: str) -> None:
    """Refuse a time limit for an unknown source or state, out of 1..60 days, or by nobody."""
    if source not in SOURCES or state not in (*NEXT, DONE):
        raise EffmonError(labels.FLOW["bad_limit"].format(source=source, state=state))
    if not 0 < workdays <= 60 or not actor.strip():
        raise EffmonError(labels.FLOW["limit_range"])


def check_registration(source: str, title: str, body: str, unit: str, actor: str) -> None:
    """Refuse a complaint from an unknown source or lacking its title, text, unit or actor."""
    if source not in SOURCES:
        raise EffmonError(
            labels.FLOW["bad_source"].format(source=source, allowed="、".join(SOURCES))
        )
    for value, what in ((title, "title"), (body, "body"), (unit, "unit"), (actor, "actor")):
        if not (value or "").strip():
            raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS[what]))


def ticket_id(now: datetime) -> str:
    """The id of a complaint registered at ``now``."""
    return f"TS{now:%Y%m%d%H%M%S%f}"


def check_step(
    ticket: str,
    current: str,
    state: str,
    actor: str,
    *,
    unit: str | None = None,
    result: str | None = None,
    channel_ok: bool | None = None,
    attitude_ok: bool | None = None,
    solved: bool | None = None,
    satisfaction: str | None = None,
) -> None:
    """Refuse moving a complaint from ``current`` to ``state`` unless NEXT allows it and the
    step has what it needs: 核查 after 退回 a unit; 回访 the handling result; 办结 and 重办
    the revisit's three answers and the citizen's satisfaction (办结 only when solved, 重办
    only when not)."""
    allowed = NEXT.get(current, ())
    if state not in allowed:
        raise EffmonError(
            labels.FLOW["bad_step"].format(
                ticket=ticket,
                current=current,
                state=state,
                allowed="、".join(allowed) or labels.FLOW["none"],
            )
        )
    if not actor.strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["actor"]))
    if current == "退回" and not (unit or "").strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["unit"]))
    if state == "回访" and not (result or "").strip():
        raise EffmonError(labels.FLOW["missing"].format(what=labels.FLOW_FIELDS["result"]))
    if state in ("办结", "重办"):
        if None in (channel_ok, attitude_ok, solved) or satisfaction not in SATISFACTION:
            raise EffmonError(labels.FLOW["revisit"])
        if solved != (state == "办结"):
            raise EffmonError(labels.FLOW["solved" if state == "办结" else "unsolved"])


def check_correction(actor: str, note: str) -> None:
    """Refuse a correction without who made it and what it says."""
    if not actor.strip() or not note.strip():
        raise EffmonError(labels.FLOW["correction"])


def due_at(state: str, now: datetime, workdays: int | None) -> datetime | None:
    """When the state entered at ``now`` is due: the end of the working day ``workdays``
    after; None for 办结 or a state without a limit."""
    if state == DONE or workdays is None:
        return None
    return datetime.combine(add_workdays(now.date(), int(workdays)), END_OF_DAY)


def with_overdue(open_tickets: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """``open_tickets`` (with due_at) with overdue: due before ``now``."""
    return open_tickets.assign(overdue=open_tickets["due_at"] < pd.Timestamp(now))
