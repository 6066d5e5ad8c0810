"""What a report is made for, and how its period reads."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import numpy as np

from effmon.store.filters import Filters

Score = Callable[[Sequence[str]], np.ndarray]


@dataclass(frozen=True)
class Request:
    """A report's period ('YYYY-MM' or 'YYYY'), its author and what it is about."""

    period: str
    generated_by: str
    # Unused: comment sentiment is stored when comments are loaded and reports read it.
    score: Score | None = None
    filters: Filters = field(default_factory=Filters)
    unit: str = ""  # the site or department a 提示函 is addressed to
    complaint: str = ""  # the ticket of a single-complaint report
    weeks: int = 8  # research: the weeks compared on each side of the event
    today: date | None = None  # for open tickets' working days; default today
    now: datetime = field(default_factory=datetime.now)  # the export stamp
