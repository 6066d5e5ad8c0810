"""Reading a city's lake: each district through its manifest, checked, and the catalog's
measures over it by DuckDB equal to those over the district's own store."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pyarrow.parquet as pq
import pytest

from effmon.city.engines import open_city, open_engine
from effmon.city.export import export_district
from effmon.city.lake import open_lake
from effmon.city.manifest import SCHEMA_KEY
from effmon.city.measures import lake_measure_frame
from effmon.errors import LakeError
from effmon.store.connect import open_store
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame
from tests.city.districts import AS_OF, FIRST, KEYS, SECOND

# (filters, dimensions): the whole district, a site level by month, a department by street
CHOICES = [
    (Filters(), []),
    (Filters(levels=("区级大厅",)), ["month"]),
    (Filters(departments=("税务局", "人社局")), ["street"]),
    (Filters(streets=("锦城街道", "石桥街道")), ["level", "channel"]),
]


@pytest.fixture
def lake(two_districts, tmp_path):
    """A private copy of the two-district lake, to spoil."""
    return shutil.copytree(two_districts, tmp_path / "lake")


def _manifest_path(lake, code):
    return lake / f"district={code}" / "manifest.json"


def _edit_manifest(lake, code, change):
    path = _manifest_path(lake, code)
    manifest = json.loads(path.read_text(encoding="utf-8"))
    change(manifest)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


def test_the_lake_is_the_union_of_the_districts(two_districts):
    lake = open_lake([str(two_districts)])
    assert lake.names() == dict([FIRST, SECOND])
    # the second is the first one month later: the two compare fully up to the first's end
    assert lake.months()[0] == "2025-11" and lake.months()[-1] == "2026-11"
    assert lake.last_common_month() == "2026-10"
    assert len(lake.urls("cases")) == sum(len(d.urls("cases")) for d in lake.districts)


def test_a_lake_may_be_given_as_district_folders_and_urls(two_districts):
    roots = [f"file://{two_districts / 'district=510104'}", str(two_districts / "district=510105")]
    assert open_lake(roots).names() == dict([FIRST, SECOND])


def test_a_district_of_another_schema_version_is_refused(lake):
    _edit_manifest(lake, SECOND[0], lambda m: m.update(schema_version=m["schema_version"] - 1))
    with pytest.raises(LakeError, match=r"「青羊区」（510105）的数据按数据库结构版本 \d+ 导出"):
        open_lake([str(lake)])


def test_a_partition_of_another_schema_version_is_refused(lake):
    manifest = json.loads(_manifest_path(lake, FIRST[0]).read_text(encoding="utf-8"))
    part = manifest["tables"]["evaluations"][3]
    path = lake / f"district={FIRST[0]}" / part["path"]
    rows = pq.read_table(path)
    pq.write_table(rows.replace_schema_metadata({SCHEMA_KEY: b"19"}), path)
    with pytest.raises(LakeError, match=f"锦江区.*分区 .*{part['month']}.* 的数据库结构版本为 19"):
        open_lake([str(lake)])


def test_a_district_exported_twice_under_two_names_is_refused(lake, first_db, tmp_path):
    other = tmp_path / "other"
    con = open_store(first_db)
    export_district(con, str(other), FIRST[0], "锦江新区")
    con.close()
    with pytest.raises(
        LakeError, match="510104 在数据湖中导出了两次，名称分别为「锦江区」和「锦江新区」"
    ):
        open_lake([str(lake), str(other)])


def test_a_file_that_does_not_match_its_checksum_is_refused(lake):
    manifest = json.loads(_manifest_path(lake, SECOND[0]).read_text(encoding="utf-8"))
    path = lake / f"district={SECOND[0]}" / manifest["tables"]["complaint_tickets"][0]["path"]
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(LakeError, match=r"「青羊区」（510105）的文件 .* 与清单记录的校验值不符"):
        open_lake([str(lake)])


def test_a_folder_whose_manifest_names_another_district_is_refused(lake):
    (lake / f"district={SECOND[0]}").rename(lake / "district=510199")
    with pytest.raises(LakeError, match="district=510199 中的清单属于区县代码 510105"):
        open_lake([str(lake)])


def test_an_unknown_engine_is_named(two_districts):
    with pytest.raises(LakeError, match="「hive」"):
        open_city([str(two_districts)], "hive")


@pytest.fixture(scope="module")
def duck(two_districts):
    return open_engine(open_lake([str(two_districts)]), "duckdb")


@pytest.mark.parametrize(("filters", "dimensions"), CHOICES)
def test_a_district_reads_the_same_in_the_lake_as_in_its_store(duck, first_db, filters, dimensions):
    con = open_store(first_db)
    own = measure_frame(con, filters, "2026-01", "2026-10", KEYS, dimensions, AS_OF)
    con.close()
    mine = Filters(**{**filters.__dict__, "districts": (FIRST[0],)})
    lake = lake_measure_frame(duck, mine, "2026-01", "2026-10", KEYS, dimensions, AS_OF)
    order = dimensions or None
    pd.testing.assert_frame_equal(
        own.sort_values(order, ignore_index=True) if order else own,
        lake.sort_values(order, ignore_index=True) if order else lake,
        check_dtype=False,
    )


def test_the_districts_are_told_apart(duck):
    frame = lake_measure_frame(duck, Filters(), "2026-10", "2026-10", ["cases"], ["district"])
    by_district = frame.set_index("district")["cases"]
    # the second is the first one month later, with a fifth of its cases gone
    september = lake_measure_frame(
        duck, Filters(districts=(FIRST[0],)), "2026-09", "2026-09", ["cases"], []
    )["cases"].iloc[0]
    assert by_district[SECOND[0]] == pytest.approx(0.8 * september, rel=0.05)
    assert by_district[SECOND[0]] != september
