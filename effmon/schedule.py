"""A job run once a day at a set time on a background thread (the app's daily findings)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import datetime, time, timedelta

from effmon import labels
from effmon.errors import EffmonError

LOG = logging.getLogger(__name__)


def daily_time(text: str) -> time:
    """'HH:MM' as a time of day; anything else is an EffmonError naming it."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError as exc:
        raise EffmonError(labels.FINDINGS["bad_time"].format(text=text)) from exc


def next_run(now: datetime, at: time) -> datetime:
    """The first moment after ``now`` at time of day ``at``."""
    today = datetime.combine(now.date(), at)
    return today if today > now else today + timedelta(days=1)


def start_daily(
    at: time,
    job: Callable[[], None],
    stop: threading.Event | None = None,
    clock: Callable[[], datetime] = datetime.now,
) -> threading.Thread:
    """Start a daemon thread that runs ``job`` every day at ``at`` until ``stop`` is set;
    a failing run is logged and the next day's runs as planned."""
    stop = stop or threading.Event()

    def loop() -> None:
        while not stop.wait((next_run(clock(), at) - clock()).total_seconds()):
            try:
                job()
            except Exception:  # a bad day must not end the schedule; the log tells why
                LOG.exception("daily job failed")

    thread = threading.Thread(target=loop, name="effmon-daily", daemon=True)
    thread.start()
    return thread
