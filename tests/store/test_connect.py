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


LATEST = max(int(p.stem.split("_")[0]) for p in MIGRATIONS_DIR.glob("*.sql"))


@pytest.fixture
def migrations(tmp_path):
    """A copy of the shipped migrations that a test can cut down or extend."""
    folder = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS_DIR, folder)
    return folder


def test_version_1_store_is_upgraded_in_place_keeping_its_data(tmp_path, migrations):
    for script in migrations.glob("*.sql"):
        if not script.name.startswith("0001_"):
            script.unlink()
    path = tmp_path / "v1.duckdb"
    old = open_store(path, migrations)
    assert schema_version(old) == 1
    old.execute(
        "INSERT INTO cases (case_id, department, channel, received_at, promised_days) "
        "VALUES ('B1', '税务局', '窗口', '2026-02-13 10:00', 2)"
    )
    old.execute(
        "INSERT INTO benchmarks (region, indicator, period, value) VALUES ('深圳', '网办率', '2025', 90)"
    )
    old.close()
    upgraded = open_store(path)
    assert schema_version(upgraded) == LATEST
    assert upgraded.execute("SELECT region, value FROM benchmarks").fetchall() == [("深圳", 90.0)]
    # Version 2 added the working-day calendar: from Friday 2026-02-13, two working days are
    # the make-up Saturday 02-14 and, after the Spring Festival holiday, Tuesday 02-24.
    due = upgraded.execute("SELECT due_at FROM case_deadlines WHERE case_id = 'B1'").fetchall()
    assert str(due[0][0]) == "2026-02-25 00:00:00"
    # Version 3 added the monthly case aggregates, filled from the cases already there.
    cube = upgraded.execute("SELECT month, cases, open_due FROM case_cube").fetchall()
    assert [(str(m), n, str(d)) for m, n, d in cube] == [("2026-02-01", 1, "2026-02-25 00:00:00")]
    upgraded.close()
    again = open_store(path)  # nothing left to apply
    assert schema_version(again) == LATEST


def test_failed_upgrade_leaves_the_store_at_its_version(tmp_path, migrations):
    path = tmp_path / "store.duckdb"
    open_store(path, migrations).close()
    broken = LATEST + 1
    (migrations / f"{broken:04d}_broken.sql").write_text(
        "ALTER TABLE benchmarks ADD COLUMN target DOUBLE; SELECT * FROM no_such_table;",
        encoding="utf-8",
    )
    with pytest.raises(StoreError, match=f"第 {broken} 版"):
        open_store(path, migrations)
    store = open_store(path)
    assert schema_version(store) == LATEST
    assert "target" not in {r[0] for r in store.execute("DESCRIBE benchmarks").fetchall()}
