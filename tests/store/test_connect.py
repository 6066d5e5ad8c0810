import shutil

import pytest

from effmon.errors import StoreError
from effmon.store.connect import MIGRATIONS_DIR, open_store, schema_version
from effmon.store.writes import DATA_TABLES

TABLES = {*DATA_TABLES, "indicators", "load_batches", "store_meta", "schema_version"}


def test_new_store_has_every_table_and_provenance(con):
    names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert names >= TABLES
    for table in TABLES - {"load_batches", "store_meta", "schema_version"}:
        columns = {r[0] for r in con.execute(f"DESCRIBE {table}").fetchall()}
        assert {"source_file", "batch_id", "loaded_at"} <= columns, table


def test_catalog_is_seeded_from_the_checklist(con):
    rows = con.execute("SELECT frequency, count(*) FROM indicators GROUP BY 1").fetchall()
    assert dict(rows).keys() == {"日常", "1周", "1月", "半年"}


@pytest.fixture
def migrations(tmp_path):
    """A copy of the shipped migrations that a test can extend with a newer version."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    return folder


def test_older_store_is_upgraded_in_place_keeping_its_data(tmp_path, migrations):
    path = tmp_path / "old.duckdb"
    old = open_store(path, migrations)
    old.execute(
        "INSERT INTO benchmarks (region, indicator, period, value) VALUES ('深圳', '网办率', '2025', 90)"
    )
    assert schema_version(old) == 1
    old.close()
    (migrations / "0002_benchmark_target.sql").write_text(
        "ALTER TABLE benchmarks ADD COLUMN target DOUBLE;", encoding="utf-8"
    )
    upgraded = open_store(path, migrations)
    assert schema_version(upgraded) == 2
    assert upgraded.execute("SELECT region, value, target FROM benchmarks").fetchall() == [
        ("深圳", 90.0, None)
    ]
    upgraded.close()
    again = open_store(path, migrations)  # nothing left to apply
    assert schema_version(again) == 2


def test_failed_upgrade_leaves_the_store_at_its_version(tmp_path, migrations):
    path = tmp_path / "old.duckdb"
    open_store(path, migrations).close()
    (migrations / "0002_broken.sql").write_text(
        "ALTER TABLE benchmarks ADD COLUMN target DOUBLE; SELECT * FROM no_such_table;",
        encoding="utf-8",
    )
    with pytest.raises(StoreError, match="第 2 版"):
        open_store(path, migrations)
    store = open_store(path)
    assert schema_version(store) == 1
    assert "target" not in {r[0] for r in store.execute("DESCRIBE benchmarks").fetchall()}
