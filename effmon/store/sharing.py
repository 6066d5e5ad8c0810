"""Share one store file between the running app and command-line runs.

DuckDB lets one process at a time open a database file for writing. So the app keeps its
connection open only while some page is being computed and for a moment after (opening and
closing the file took a tenth of the server's time per page view when every run did it);
a command (``effmon ingest``, a cron job) that finds the file held waits for it and says so.
A waiting command leaves a request file beside the store (``<store>.waiting.<pid>``): the
app then lets the pages already running finish, opens no new connection and hands the file
over, so a busy app cannot starve the command. The app in turn waits while the command
writes; which of its cached results the write made stale it reads in effmon.store.versions.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from effmon import labels
from effmon.errors import StoreError

_LOCKED = "Could not set lock on file"
_POLL_SECONDS = 0.05
LINGER_SECONDS = 1.0  # the file stays open this long after the last page run, unless asked


def connect_waiting(
    path: Path,
    wait_seconds: float,
    on_wait: Callable[[], None] = lambda: None,
    announce: bool = True,
) -> duckdb.DuckDBPyConnection:
    """Open ``path`` for writing, waiting up to ``wait_seconds`` while another process holds it.

    ``on_wait`` is called once, when the wait begins. With ``announce`` a request file tells
    the app that a command is waiting, for as long as it waits.
    """
    request = _request_file(path)
    deadline = time.monotonic() + wait_seconds
    told = False
    try:
        while True:
            try:
                return duckdb.connect(str(path))
            except duckdb.Error as exc:
                if _LOCKED not in str(exc):
                    detail = labels.STORE_UNAVAILABLE.format(path=path, detail=exc)
                    raise StoreError(detail) from exc
                if time.monotonic() > deadline:
                    raise StoreError(
                        labels.STORE_BUSY.format(path=path, seconds=round(wait_seconds))
                    ) from exc
            if not told:
                if announce:
                    request.write_text(str(os.getpid()), encoding="utf-8")
                on_wait()
                told = True
            time.sleep(_POLL_SECONDS)
    finally:
        request.unlink(missing_ok=True)


def commands_waiting(path: Path) -> bool:
    """True while a live process waits for the store (stale request files are removed)."""
    waiting = False
    for request in path.parent.glob(f"{path.name}.waiting.*"):
        if _alive(int(request.name.rsplit(".", 1)[1])):
            waiting = True
        else:
            request.unlink(missing_ok=True)
    return waiting


def _request_file(path: Path) -> Path:
    return path.with_name(f"{path.name}.waiting.{os.getpid()}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class SharedStore:
    """The app's connection to one store: open while a page run uses it and LINGER_SECONDS
    after, closed otherwise (at once when a command is waiting).

    Page runs on several threads share the open connection (each through its own cursor).
    """

    def __init__(self, path: Path, wait_seconds: float) -> None:
        self.path = path
        self.wait_seconds = wait_seconds
        self._turn = threading.Condition()
        self._users = 0
        self._con: duckdb.DuckDBPyConnection | None = None
        self._local = threading.local()

    @contextmanager
    def use(self, on_wait: Callable[[], None] = lambda: None) -> Iterator[None]:
        """Hold the connection for one page run (what another process wrote meanwhile is in
        effmon.store.versions)."""
        if getattr(self._local, "depth", 0):  # a nested use on the same thread
            self._local.depth += 1
            try:
                yield
            finally:
                self._local.depth -= 1
            return
        self._join(on_wait)
        self._local.depth = 1
        try:
            yield
        finally:
            self._local.depth = 0
            self._leave()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the open connection; only inside ``use``."""
        if self._con is None or not getattr(self._local, "depth", 0):
            raise RuntimeError("store used outside SharedStore.use()")
        return self._con.cursor()

    def _join(self, on_wait: Callable[[], None]) -> None:
        with self._turn:
            # A command is waiting: let the running pages finish so the file is released.
            while self._con is not None and commands_waiting(self.path):
                if self._users == 0:
                    self._close()
                else:
                    self._turn.wait(_POLL_SECONDS)
            if self._con is None:
                self._con = self._open(on_wait)
            self._users += 1

    def _open(self, on_wait: Callable[[], None]) -> duckdb.DuckDBPyConnection:
        """Connect after the waiting commands had their turn; each wait is bounded."""
        deadline = time.monotonic() + self.wait_seconds
        if commands_waiting(self.path):
            on_wait()
            on_wait = lambda: None  # noqa: E731 - told once is enough
            while commands_waiting(self.path) and time.monotonic() < deadline:
                time.sleep(_POLL_SECONDS)
        return connect_waiting(self.path, self.wait_seconds, on_wait, announce=False)

    def _leave(self) -> None:
        with self._turn:
            self._users -= 1
            if self._users == 0:
                if commands_waiting(self.path):
                    self._close()
                else:
                    closing = threading.Timer(LINGER_SECONDS, self._close_if_unused)
                    closing.daemon = True
                    closing.start()

    def _close_if_unused(self) -> None:
        with self._turn:
            if self._users == 0 and self._con is not None:
                self._close()

    def _close(self) -> None:
        self._con.close()
        self._con = None
        self._turn.notify_all()
