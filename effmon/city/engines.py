"""The city's lake opened with the engine of the settings: ``engine`` (duckdb or spark) and
``spark_remote`` (a Spark Connect server; local mode when empty), over the lake at
``lake``, checked first (effmon.city.lake)."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow.dataset as ds

from effmon import config, labels
from effmon.city import files
from effmon.city.lake import Lake, lake_roots, open_lake
from effmon.errors import LakeError
from effmon.store.lake import LAKE_TABLES
from effmon.store.lake_engines import DuckDBLake, LakeEngine, SparkLake

ENGINES = ("duckdb", "spark")


@dataclass(frozen=True)
class City:
    lake: Lake
    engine: LakeEngine


def open_city(roots: list[str] | None = None, engine: str = "", remote: str | None = None) -> City:
    """The lake at ``roots`` (by default the setting ``lake``) and the engine of ``engine``
    (by default the setting) that reads it."""
    engine = engine or config.get("engine")
    if engine not in ENGINES:
        raise LakeError(labels.LAKE["bad_engine"].format(engine=engine))
    lake = open_lake(roots or lake_roots(config.get("lake")))
    return City(lake, open_engine(lake, engine, remote))


def open_engine(lake: Lake, engine: str, remote: str | None = None) -> LakeEngine:
    """An engine of kind ``engine`` over the checked ``lake``."""
    if engine == "spark":
        urls = {table: lake.urls(table) for table in LAKE_TABLES}
        return SparkLake(urls, config.get("spark_remote") if remote is None else remote)
    return DuckDBLake({table: _dataset(lake, table) for table in LAKE_TABLES})


def _dataset(lake: Lake, table: str) -> ds.Dataset:
    parts = []
    for district in lake.districts:
        district_fs, _ = files.open_root(district.root)
        paths = [files.open_root(url)[1] for url in district.urls(table)]
        parts.append(ds.dataset(paths, filesystem=district_fs, format="parquet"))
    return parts[0] if len(parts) == 1 else ds.dataset(parts)
