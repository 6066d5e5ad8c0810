"""Cached results follow the data: a write by another process makes stale only what read the
area it changed (effmon.ui.follows, effmon.store.versions)."""

from __future__ import annotations

import subprocess
import sys

from effmon.store.filters import Filters
from effmon.ui import cached, cached_complaints, cached_trends
from tests.conftest import REPO

REGISTER = """
import sys
from datetime import datetime
from effmon.analytics.complaint_workflow import register
from effmon.store.connect import open_store
con = open_store(sys.argv[1], wait_seconds=30)  # as a command waits for the app
print(register(con, source="12345热线", title="窗口排队太久", body="排了两个小时", unit="税务局",
               actor="命令行", now=datetime(2026, 10, 20, 10, 0)))
"""


def test_a_complaint_written_elsewhere_leaves_the_other_pages_warm(store, monkeypatch):
    computed = []

    def counting(module, name):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *a, **k: computed.append(name) or real(*a, **k))

    counting(cached, "satisfaction_by")
    counting(cached_trends, "calendar_model")
    counting(cached_complaints.store_complaints, "complaints_between")
    path, month = str(store), "2026-10"

    def page_views() -> tuple:
        with cached.store_session(path):
            cached.satisfaction(path, Filters(), month, month, "department")
            cached_trends.forecast(path, Filters(), "cases", "monthly", month, None)
            return cached_complaints.complaints(path, Filters(), month, month)

    before = page_views()
    page_views()
    assert computed == ["satisfaction_by", "calendar_model", "complaints_between"]  # warm
    # another process (the command line) registers a complaint while the app runs
    run = subprocess.run(
        [sys.executable, "-c", REGISTER, path], cwd=REPO, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    after = page_views()
    assert computed[3:] == ["complaints_between"]  # 满意度 and the case forecast stay warm
    assert len(after) == len(before) + 1 and run.stdout.strip() in set(after["ticket_id"])


def test_the_first_overview_after_start_up_was_computed_in_the_background(store, monkeypatch):
    from effmon.analytics.overview import month_window
    from effmon.ui import warm_up

    computed = []
    real = cached.overview_months
    monkeypatch.setattr(cached, "overview_months", lambda *a: computed.append(a[2:]) or real(*a))
    path = str(store)
    warm_up._warm(path)  # what warm_up runs on its thread, once per process
    with cached.store_session(path):
        month = cached.months(path)[0]
        cached.monthly_overview(path, Filters(), *month_window(month, 24))
    assert computed == [month_window(month, 24)]  # once, by the warm-up
