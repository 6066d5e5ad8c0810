"""The app's shared connection and command-line runs using one store file, with real
processes: the command waits for the app and says so, the app waits for the command and
learns that the store changed, a waiting command is not starved, waits are bounded."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from effmon.errors import StoreError
from effmon.store.connect import open_store
from effmon.store.sharing import LINGER_SECONDS, SharedStore, commands_waiting, connect_waiting
from effmon.store.versions import versions
from tests.conftest import REPO

CASES = "办件编号,办理部门,办理渠道,受理时间\n{rows}"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "store.duckdb"
    open_store(path).close()
    return path


def _ingest(store, csv_path, wait_seconds=30) -> subprocess.Popen:
    env = {**os.environ, "EFFMON_STORE_WAIT_SECONDS": str(wait_seconds)}
    return subprocess.Popen(
        [sys.executable, "-m", "effmon.cli", "ingest", "cases", str(csv_path), "--db", str(store)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _cases(shared: SharedStore) -> int:
    return shared.cursor().execute("SELECT count(*) FROM cases").fetchall()[0][0]


def _wait_for(condition, seconds=30.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_command_waits_for_the_app_then_loads_and_the_app_sees_it(store, write_file):
    cases = write_file("cases.csv", CASES.format(rows="A1,税务局,窗口,2026-10-08\n"))
    shared = SharedStore(store, wait_seconds=30)
    with shared.use():
        assert _cases(shared) == 0
        before = versions(shared.cursor())
        command = _ingest(store, cases)
        _wait_for(lambda: commands_waiting(store))  # it waits while a page runs
        time.sleep(0.5)
        assert command.poll() is None
    _, err = command.communicate(timeout=60)
    assert command.returncode == 0, err
    assert "等待其释放" in err
    with shared.use():
        assert _cases(shared) == 1  # the next page run reads the new data
        after = versions(shared.cursor())  # and knows which cached results it makes stale
        assert after["cases"] != before["cases"] and after["complaints"] == before["complaints"]


def test_a_page_run_waits_while_a_command_writes(store):
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]);"
            " con.execute(\"INSERT INTO store_meta VALUES ('note', 'x')\"); print('held', flush=True);"
            " time.sleep(1.5); con.close()",
            str(store),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "held"
    told = []
    shared = SharedStore(store, wait_seconds=30)
    started = time.monotonic()
    with shared.use(on_wait=lambda: told.append(True)):
        waited = time.monotonic() - started
        note = shared.cursor().execute("SELECT value FROM store_meta WHERE key = 'note'").fetchall()
    holder.wait(timeout=10)
    assert told == [True] and waited > 0.5 and note == [("x",)]


def test_a_waiting_command_is_not_starved_by_busy_pages(store, write_file):
    """Pages keep starting on other threads; the command still gets its turn."""
    cases = write_file("cases.csv", CASES.format(rows="A1,税务局,窗口,2026-10-08\n"))
    shared = SharedStore(store, wait_seconds=30)
    stop = threading.Event()
    seen: list[int] = []

    def busy_pages():
        while not stop.is_set():
            with shared.use():
                seen.append(_cases(shared))
                time.sleep(0.05)

    pages = [threading.Thread(target=busy_pages) for _ in range(3)]
    for page in pages:
        page.start()
    command = _ingest(store, cases)
    try:
        _, err = command.communicate(timeout=60)
    finally:
        stop.set()
        for page in pages:
            page.join(timeout=30)
    assert command.returncode == 0, err
    assert seen[0] == 0 and seen[-1] == 1


def test_a_command_gives_up_after_the_wait_with_a_clear_message(store, write_file):
    cases = write_file("cases.csv", CASES.format(rows="A1,税务局,窗口,2026-10-08\n"))
    shared = SharedStore(store, wait_seconds=30)
    with shared.use():
        command = _ingest(store, cases, wait_seconds=0.5)
        _, err = command.communicate(timeout=60)
        assert _cases(shared) == 0
    assert command.returncode == 1
    assert "未释放，请稍后再试" in err and str(store) in err
    assert not commands_waiting(store)  # the request file went with the command


def test_a_stale_request_of_a_dead_command_is_ignored(store):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    request = store.with_name(f"{store.name}.waiting.{dead}")
    request.write_text(dead)
    assert not commands_waiting(store) and not request.exists()


def test_store_use_outside_a_page_run_is_a_programming_error(store):
    with pytest.raises(RuntimeError):
        SharedStore(store, 1).cursor()


def test_a_file_that_is_not_a_store_is_named_in_the_error(tmp_path):
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match=r"junk\.duckdb"):
        connect_waiting(junk, 1)


def test_nested_use_on_one_thread_shares_the_connection(store):
    shared = SharedStore(store, 1)
    with shared.use():
        with shared.use():
            assert _cases(shared) == 0
        assert _cases(shared) == 0
    with pytest.raises(RuntimeError):
        shared.cursor()  # closed once the outer run ended


def test_the_file_is_released_a_moment_after_the_page_runs(store):
    shared = SharedStore(store, 1)
    with shared.use():
        pass
    with shared.use():  # the next run soon after finds it open
        assert _cases(shared) == 0
    time.sleep(LINGER_SECONDS + 0.5)
    other = subprocess.run(
        [
            sys.executable,
            "-c",
            "import duckdb, sys; duckdb.connect(sys.argv[1]).close()",
            str(store),
        ],
        capture_output=True,
        text=True,
    )
    assert other.returncode == 0, other.stderr
