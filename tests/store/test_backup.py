"""Backups: a verified copy, refused when damaged, restored with the old store kept; and a
copy before every schema upgrade."""

import duckdb
import pytest

from effmon.cli import main
from effmon.errors import StoreError
from effmon.store import backup
from effmon.store.connect import MIGRATIONS_DIR, open_store, schema_version


def test_backup_and_restore_through_the_command_line(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    con.execute(
        "INSERT INTO benchmarks (region, indicator, period, value) VALUES ('深圳', 'x', '2025', 1)"
    )
    con.close()
    copy = tmp_path / "b.duckdb"
    assert main(["backup", "--to", str(copy), "--db", str(db)]) == 0
    assert "已备份到" in capsys.readouterr().out
    manifest = backup.verify(copy)
    assert manifest["rows"]["benchmarks"] == 1 and manifest["schema_version"] >= 11
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM benchmarks")  # a mistake to undo
    con.close()
    assert main(["restore", str(copy), "--db", str(db)]) == 0
    assert "原数据库保留为" in capsys.readouterr().out
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM benchmarks").fetchall() == [(1,)]
    con.close()
    kept = list(tmp_path.glob("s.duckdb.before-restore-*"))
    assert len(kept) == 1


def test_a_damaged_backup_is_refused_and_the_store_stays(tmp_path):
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    copy = tmp_path / "b.duckdb"
    backup.backup(con, db, copy)
    con.close()
    with open(copy, "r+b") as f:
        f.seek(5000)
        f.write(b"\x00garbage")
    with pytest.raises(StoreError, match="校验值不符"):
        backup.restore(copy, db)
    assert main(["restore", str(copy), "--db", str(db)]) == 1
    assert not list(tmp_path.glob("s.duckdb.before-restore-*"))


def test_a_schema_upgrade_keeps_a_copy_of_the_old_store(tmp_path):
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    for script in sorted(MIGRATIONS_DIR.glob("*.sql"))[:2]:
        (old_dir / script.name).write_text(script.read_text(encoding="utf-8"), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    open_store(db, old_dir).close()  # a store at version 2
    upgraded = open_store(db)
    assert schema_version(upgraded) > 2
    upgraded.close()
    kept = tmp_path / "s.duckdb.v2.bak"
    assert backup.verify(kept)["schema_version"] == 2
