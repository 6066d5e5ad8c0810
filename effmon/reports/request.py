"""What a report is made for, and how its period reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from effmon.store.filters import Filters


@dataclass(frozen=True)
class Request:
    """A report's period ('YYYY-MM' or 'YYYY'), its author and what it is about."""

    period: str
    generated_by: str
    filters: Filters = field(default_factory=Filters)
    unit: str = ""  # the site or department a 提示函 is addressed to
    complaint: str = ""  # the ticket of a single-complaint report
    weeks: int = 8  # research: the weeks compared on each side of the event
    event: str = ""  # research: what happened on the day (上线智能叫号系统)
    today: date | None = None  # for open tickets' working days; default today
    now: datetime = field(default_factory=datetime.now)  # the export stamp
