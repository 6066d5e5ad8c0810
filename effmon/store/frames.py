"""A pandas frame visible to SQL under a name for the length of a block."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import pandas as pd


@contextmanager
def registered(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> Iterator[None]:
    """Register ``frame`` as ``name`` on ``con``; unregister it however the block ends."""
    con.register(name, frame)
    try:
        yield
    finally:
        con.unregister(name)
