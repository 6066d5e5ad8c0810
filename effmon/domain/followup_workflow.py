"""The 差评 follow-up (回访 and 整改) as rules: its states in order, the step that may follow
each, and when a step may be dated. The store keeps the steps (effmon.store.satisfaction)."""

from __future__ import annotations

from datetime import datetime

from effmon import labels
from effmon.errors import EffmonError

STATES = ("待回访", "已回访", "已整改")
NEXT = {"待回访": "已回访", "已回访": "已整改"}


def check_step(
    current: str, state: str, evaluated_at: datetime, happened_at: datetime, now: datetime
) -> None:
    """Refuse a step other than the one after ``current``, or dated before the evaluation
    or after ``now``."""
    if NEXT.get(current) != state:
        raise EffmonError(labels.FOLLOWUP["bad_step"].format(current=current, state=state))
    if not evaluated_at <= happened_at <= now:
        raise EffmonError(labels.FOLLOWUP["bad_time"])
