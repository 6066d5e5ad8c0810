"""The engines a city's lake is read with: DuckDB in this process, or Apache Spark (local
mode, or a cluster behind a Spark Connect server). Each lake table is a view, under the
table's name, of the files the districts' manifests name (effmon.city.lake chooses them),
and a query is the store's own (DuckDB's dialect) run as it is or translated for Spark
(effmon.store.spark_sql)."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

import duckdb
import pandas as pd
import pyarrow.dataset as ds

from effmon import labels
from effmon.errors import LakeError

# Spark's default of 200 shuffle partitions suits a cluster, not a lake read on 2 cores.
LOCAL_SPARK = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.shuffle.partitions": "4",
    "spark.sql.session.timeZone": "UTC",
}


class LakeEngine(Protocol):
    name: str

    def run(self, sql: str, params: list) -> pd.DataFrame:
        """The rows of a DuckDB-dialect query with positional parameters."""
        ...


class DuckDBLake:
    """The lake read by DuckDB in this process, each table a pyarrow dataset (so any URL
    pyarrow reads, with no DuckDB extension to fetch)."""

    name = "duckdb"

    def __init__(self, datasets: dict[str, ds.Dataset]) -> None:
        self.con = duckdb.connect()
        self.datasets = datasets

    def run(self, sql: str, params: list) -> pd.DataFrame:
        cursor = self.con.cursor()  # one per query: a connection is not thread-safe
        for table, dataset in self.datasets.items():  # a registration is the cursor's own
            cursor.register(table, dataset)
        return cursor.execute(sql, params).df()


class SparkLake:
    """The lake read by Apache Spark, each table from the addresses of its files: on the
    Spark Connect server at ``remote``, or in local mode in this process. Results come
    back through Arrow (pyspark's own pandas conversion does not support pandas 3)."""

    name = "spark"

    def __init__(self, urls: dict[str, list[str]], remote: str = "") -> None:
        try:  # the city's extra, not part of a district's install
            from pyspark.sql import SparkSession

            from effmon.store.spark_sql import spark_sql
        except ImportError as exc:
            raise LakeError(labels.LAKE["no_spark"]) from exc
        self.translate = spark_sql
        with _arrow_only():
            if remote:
                self.spark = SparkSession.builder.remote(remote).getOrCreate()
            else:
                builder = SparkSession.builder.master("local[*]").appName("effmon")
                for key, value in LOCAL_SPARK.items():
                    builder = builder.config(key, value)
                self.spark = builder.getOrCreate()
            for table, paths in urls.items():
                self.spark.read.parquet(*paths).createOrReplaceTempView(table)

    def run(self, sql: str, params: list) -> pd.DataFrame:
        with _arrow_only():
            return self.spark.sql(self.translate(sql, params)).toArrow().to_pandas()


@contextmanager
def _arrow_only() -> Iterator[None]:
    """pyspark warns that it does not fully support pandas 3; effmon never hands it a pandas
    frame, results come back as Arrow tables (tests/city/test_spark.py checks them)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "PySpark does not yet fully support pandas")
        yield
