"""The daily schedule: when it runs next, that it runs, and that a failing run does not
end it."""

import threading
from datetime import datetime, time

import duckdb
import pytest

from effmon.errors import EffmonError
from effmon.schedule import daily_time, next_run, start_daily
from effmon.ui import cached


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime(2026, 12, 2, 5, 0), datetime(2026, 12, 2, 6, 30)),  # later today
        (datetime(2026, 12, 2, 6, 30), datetime(2026, 12, 3, 6, 30)),  # just run: tomorrow
        (datetime(2026, 12, 31, 23, 0), datetime(2027, 1, 1, 6, 30)),
    ],
)
def test_the_next_run_is_the_next_time_of_day(now, expected):
    assert next_run(now, time(6, 30)) == expected


@pytest.mark.parametrize("text", ["6点", "25:00", ""])
def test_a_bad_time_is_refused(text):
    with pytest.raises(EffmonError, match="HH:MM"):
        daily_time(text)


def test_runs_go_on_after_a_failing_one():
    """A clock that is always a moment before the time: every wait is short."""
    runs, done, stop = [], threading.Event(), threading.Event()

    def job():
        runs.append(1)
        if len(runs) == 1:
            raise RuntimeError("the store was busy")
        done.set()

    start_daily(time(6, 30), job, stop, clock=lambda: datetime(2026, 12, 2, 6, 29, 59, 990000))
    assert done.wait(5)
    stop.set()
    assert len(runs) >= 2


def test_the_app_schedule_computes_the_latest_month(store):
    with duckdb.connect(str(store)) as con:
        con.execute("DELETE FROM finding_months WHERE period = '2026-10'")
    cached._latest_findings(str(store))
    with duckdb.connect(str(store)) as con:
        computed = con.execute("SELECT count(*) FROM finding_months WHERE period = '2026-10'")
        assert computed.fetchall() == [(1,)]
