"""The small demo store opened read-only once per test module, and a neutral comment
scorer (snownlp would take seconds per month of comments)."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest


@pytest.fixture(scope="module")
def demo(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def neutral(texts) -> np.ndarray:
    """Every comment scored 0.5."""
    return np.full(len(texts), 0.5)
