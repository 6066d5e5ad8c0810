"""A load killed with SIGKILL at any moment leaves the store as it was, or fully loaded."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from effmon.cli import main

ROWS = 1_000_000
KILL_ATTEMPTS = 3
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


def _load(db, big_csv) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "effmon.cli", "ingest", "cases", str(big_csv), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _store_with_one_case(folder) -> Path:
    db = folder / "store.duckdb"
    first = folder / "first.csv"
    first.write_text(
        "办件编号,办理部门,办理渠道,受理时间\nA1,税务局,窗口,2026-10-08\n", encoding="utf-8"
    )
    assert main(["ingest", "cases", str(first), "--db", str(db)]) == 0
    return db


@pytest.fixture(scope="module")
def load_seconds(big_csv, tmp_path_factory):
    """How long the whole load takes when not killed (it must complete)."""
    db = _store_with_one_case(tmp_path_factory.mktemp("complete"))
    started = time.monotonic()
    process = _load(db, big_csv)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 0, err
    assert _state(db) == (1 + ROWS, (2, 1 + ROWS))
    return time.monotonic() - started


# The kills land from start-up through parsing, validation and the final commit.
@pytest.mark.parametrize("share", [0.1, 0.25, 0.4, 0.55, 0.7, 0.8])
def test_killed_load_is_all_or_nothing(tmp_path, big_csv, load_seconds, share):
    # The load's pace varies with what else the machine runs (the suite runs in parallel):
    # a load that finished before its kill is tried again, on a fresh store, a little sooner.
    for attempt in range(KILL_ATTEMPTS):
        folder = tmp_path / f"attempt{attempt}"
        folder.mkdir()
        db = _store_with_one_case(folder)
        process = _load(db, big_csv)
        time.sleep(load_seconds * share * 0.8**attempt)
        if process.poll() is None:  # the kill lands mid-way
            break
        assert process.returncode == 0, process.stderr.read()
    else:
        pytest.fail(f"the load finished before each of {KILL_ATTEMPTS} kills")
    process.send_signal(signal.SIGKILL)
    process.wait()
    cases, (batches, loaded) = _state(db)
    assert (cases, batches, loaded) in {(1, 1, 1), (1 + ROWS, 2, 1 + ROWS)}
