"""The lake read through Spark Connect (EFFMON_SPARK_REMOTE), against a Spark Connect
server pyspark starts on this machine (``remote="local"``): the client a city's app uses
with its cluster, reading the same as DuckDB. Run with ``pytest -m spark``."""

from __future__ import annotations

import pandas as pd
import pytest

from effmon.city.engines import open_city
from effmon.city.measures import lake_measure_frame
from effmon.store.filters import Filters
from tests.city.districts import AS_OF, KEYS

pytest.importorskip("pyspark", reason="pyspark is the city's extra: ./run.sh city")
pytest.importorskip("grpc", reason="Spark Connect's client is in the city's extra")

pytestmark = pytest.mark.spark


def test_spark_connect_reads_the_same_as_duckdb(two_districts):
    connected = open_city([str(two_districts)], "spark", remote="local")
    try:
        assert type(connected.engine.spark).__module__.startswith("pyspark.sql.connect")
        found = lake_measure_frame(
            connected.engine, Filters(), "2026-01", "2026-10", KEYS, ["district"], AS_OF
        )
    finally:
        connected.engine.spark.stop()
    duck = open_city([str(two_districts)], "duckdb")
    expected = lake_measure_frame(
        duck.engine, Filters(), "2026-01", "2026-10", KEYS, ["district"], AS_OF
    )
    pd.testing.assert_frame_equal(
        expected.sort_values("district", ignore_index=True),
        found.sort_values("district", ignore_index=True),
        check_dtype=False,
    )
