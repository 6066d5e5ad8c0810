"""A load killed with SIGKILL at any moment leaves the store as it was, or fully loaded."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from effmon.cli import main

ROWS = 1_000_000
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def big_csv(tmp_path_factory):
    path = tmp_path_factory.mktemp("crash") / "cases.csv"
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["办件编号", "办理部门", "办理渠道", "受理时间", "等候时长"])
        out.writerows(
            (f"K{i:08d}", "税务局", "窗口", f"2026-10-{i % 28 + 1:02d} 09:00:00", i % 40)
            for i in range(ROWS)
        )
    return path


def _state(db):
    with duckdb.connect(str(db)) as con:
        cases = con.execute("SELECT count(*) FROM cases").fetchall()[0][0]
        batches = con.execute(
            "SELECT count(*), coalesce(sum(rows_new), 0) FROM load_batches"
        ).fetchall()[0]
    return cases, batches


# Start-up takes about a second and the load two more: the kills land in every phase.
@pytest.mark.parametrize("delay", [0.5, 1.2, 1.6, 2.0, 2.4, 2.8, 3.5])
def test_killed_load_is_all_or_nothing(tmp_path, write_file, big_csv, delay):
    db = tmp_path / "store.duckdb"
    first = write_file(
        "first.csv", "办件编号,办理部门,办理渠道,受理时间\nA1,税务局,窗口,2026-10-08\n"
    )
    assert main(["ingest", "cases", str(first), "--db", str(db)]) == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "effmon.cli", "ingest", "cases", str(big_csv), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    process.send_signal(signal.SIGKILL)
    process.wait()
    cases, (batches, loaded) = _state(db)
    assert (cases, batches, loaded) in {(1, 1, 1), (1 + ROWS, 2, 1 + ROWS)}
