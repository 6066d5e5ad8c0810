"""Shared fixtures: scratch stores, a small demo store, file writers, the public data."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from effmon.demo.build import build_demo
from effmon.store.connect import open_store
from effmon.ui import failure

REPO = Path(__file__).resolve().parent.parent
EXTERNAL = REPO.parent / "shared" / "data" / "external"
DEMO_END = date(2026, 10, 31)
DEMO_ARGS = {"months": 12, "seed": 7, "scale": 0.1, "end": DEMO_END}


REAL_PAGE_FAILED = failure.page_failed


@pytest.fixture(autouse=True)
def pages_fail_loudly(monkeypatch):
    """A page that fails in a test raises (AppTest's ``exception``), where a person would
    see effmon's plain message (effmon.ui.failure; its own test undoes this)."""

    def fail(exc: Exception) -> None:
        raise exc

    monkeypatch.setattr(failure, "page_failed", fail)


@pytest.fixture
def con():
    """An empty in-memory store with the current schema."""
    connection = open_store(":memory:")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """Path of a small demo store (12 months, ~35,000 cases), built once per test run."""
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    connection = open_store(path)
    build_demo(connection, **DEMO_ARGS)
    connection.close()
    return path


@pytest.fixture(scope="session")
def surge_db(tmp_path_factory) -> Path:
    """Path of a small demo store with the twelve months a monthly anomaly is judged against
    before its planted complaint surge (16 months, ~10,000 cases; the surge is in 2026-07):
    the surge is found in the total, its street and its category."""
    path = tmp_path_factory.mktemp("surge") / "surge.duckdb"
    connection = open_store(path)
    build_demo(connection, **{**DEMO_ARGS, "months": 16, "scale": 0.05})
    connection.close()
    return path


@pytest.fixture
def surge_store(surge_db, tmp_path, monkeypatch):
    """A private copy of the surge store, set as the app's store."""
    path = tmp_path / "surge.duckdb"
    shutil.copy(surge_db, path)
    monkeypatch.setenv("EFFMON_DB", str(path))
    return path


@pytest.fixture
def store(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo store, set as the app's store."""
    path = tmp_path / "store.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("EFFMON_DB", str(path))
    return path


@pytest.fixture
def write_file(tmp_path):
    """Write text (in an encoding) or bytes to a file in tmp_path and return its path."""

    def write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return write


@pytest.fixture
def external() -> Path:
    """The public evaluation data beside the checkout (skips where it is absent)."""
    if not EXTERNAL.is_dir():
        pytest.skip(f"public data not found at {EXTERNAL}")
    return EXTERNAL


def row_count(connection, table: str) -> int:
    return connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
