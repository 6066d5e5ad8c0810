"""The catalog's queries on Apache Spark (local mode) over the two-district lake: every
query the catalog generates, and every measure, equal to DuckDB's over the same files.
Needs pyspark and Java 17 (./run.sh city); run with ``pytest -m spark``."""

from __future__ import annotations

import pandas as pd
import pytest

from effmon.city.lake import open_lake
from effmon.city.measures import lake_measure_frame
from effmon.semantic import catalog
from effmon.store.filters import Filters
from effmon.store.measures import SOURCES, measure_query
from tests.city.districts import AS_OF, FIRST, KEYS, SECOND

pytest.importorskip("pyspark", reason="pyspark is the city's extra: ./run.sh city")
pytest.importorskip("sqlglot", reason="sqlglot is the city's extra: ./run.sh city")

from effmon.city.engines import open_engine
from effmon.store.spark_sql import spark_sql

pytestmark = pytest.mark.spark

# (filters, dimensions) the city asks for: districts compared, one district's months, a
# site level across the city by street, departments of one district by site level
CHOICES = [
    (Filters(), ["district"]),
    (Filters(districts=(SECOND[0],)), ["month"]),
    (Filters(levels=("区级大厅", "街道综合便民服务中心")), ["district", "street"]),
    (Filters(districts=(FIRST[0],), departments=("税务局", "人社局")), ["level"]),
]


@pytest.fixture(scope="module")
def engines(two_districts):
    lake = open_lake([str(two_districts)])
    spark = open_engine(lake, "spark", remote="")
    yield open_engine(lake, "duckdb"), spark
    spark.spark.stop()


def _sorted(frame: pd.DataFrame, dimensions: list[str]) -> pd.DataFrame:
    return frame.sort_values(dimensions, ignore_index=True) if dimensions else frame


@pytest.mark.parametrize("source", list(SOURCES))
@pytest.mark.parametrize(("filters", "dimensions"), CHOICES[:2] + CHOICES[2:3])
def test_each_generated_query_reads_the_same_on_spark(engines, source, filters, dimensions):
    duck, spark = engines
    members = [m for m in catalog.measures().values() if m.source == source]
    sql, params = measure_query(filters, "2026-01", "2026-10", source, members, dimensions,
                                AS_OF, lake=True)  # fmt: skip
    expected = _sorted(duck.run(sql, params), dimensions)
    assert len(expected) > 0
    found = _sorted(spark.run(sql, params), dimensions)
    pd.testing.assert_frame_equal(expected, found, check_dtype=False)


@pytest.mark.parametrize(("filters", "dimensions"), CHOICES)
def test_every_measure_reads_the_same_on_spark(engines, filters, dimensions):
    duck, spark = engines
    expected = lake_measure_frame(duck, filters, "2025-12", "2026-11", KEYS, dimensions, AS_OF)
    found = lake_measure_frame(spark, filters, "2025-12", "2026-11", KEYS, dimensions, AS_OF)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(
        _sorted(expected, dimensions), _sorted(found, dimensions), check_dtype=False
    )


def test_results_come_back_through_arrow_with_pandas_types(engines):
    duck, spark = engines
    sql = "SELECT site_id, count(*) AS n, max(wait_minutes) AS longest FROM cases c GROUP BY 1"
    expected = _sorted(duck.run(sql, []), ["site_id"])
    found = _sorted(spark.run(sql, []), ["site_id"])
    assert found["site_id"].isna().sum() == 1  # online cases belong to no site
    assert found["n"].dtype == "int64" and found["longest"].dtype == "float64"
    assert pd.api.types.is_string_dtype(found["site_id"])
    pd.testing.assert_frame_equal(expected, found)


def test_a_quantile_is_spark_s_exact_percentile():
    sql = spark_sql("SELECT quantile_cont(c.wait_minutes, 0.9) FROM cases c", [])
    assert sql == "SELECT PERCENTILE(c.wait_minutes, 0.9) FROM cases AS c"


def test_a_parameter_is_a_quoted_literal_never_pasted_text():
    sql = spark_sql(
        "SELECT * FROM sites f WHERE f.street IN (SELECT unnest(?))", [["甲' OR 1=1 --"]]
    )
    assert "'甲\\' OR 1=1 --'" in sql
