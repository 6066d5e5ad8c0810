"""Backups: a verified copy, refused when damaged, restored with the old store kept; and a
copy before every schema upgrade."""

import getpass
import hashlib
import json

import duckdb
import pytest

from effmon.cli import main
from effmon.errors import StoreError
from effmon.store import audit, backup
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
        backup.restore(copy, db, "测试")
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


def _trail(db) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT seq, action, username FROM audit_log ORDER BY seq").fetchall()
    finally:
        con.close()


def _forge(copy, rewrite_chain: bool) -> None:
    """Delete the backup's first audit entry and write its manifest again to match — and,
    with ``rewrite_chain``, number and hash the remaining trail anew, as an intruder who
    read the code would."""
    con = duckdb.connect(str(copy))
    con.execute("DELETE FROM audit_log WHERE seq = 1")
    if rewrite_chain:
        con.execute("UPDATE audit_log SET seq = NULL, hash = NULL")
        audit.seal(con)
    con.close()
    manifest = json.loads(copy.with_name(copy.name + ".json").read_text())
    con = duckdb.connect(str(copy), read_only=True)
    manifest["rows"]["audit_log"] = con.execute("SELECT count(*) FROM audit_log").fetchall()[0][0]
    manifest["audit_head"] = dict(zip(("seq", "hash"), audit.verify(con).head, strict=True))
    con.close()
    manifest["sha256"] = hashlib.sha256(copy.read_bytes()).hexdigest()
    copy.with_name(copy.name + ".json").write_text(json.dumps(manifest))


@pytest.mark.parametrize("rewrite_chain", [False, True])
def test_a_backup_forged_after_deleting_audit_entries_is_refused(tmp_path, rewrite_chain):
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    audit.record(con, "王敏", "export", "窗口办件", {})
    copy = tmp_path / "b.duckdb"
    backup.backup(con, db, copy, "命令行（root）")
    con.close()
    _forge(copy, rewrite_chain)
    with pytest.raises(StoreError, match="审计日志"):
        backup.restore(copy, db, "命令行（root）")
    assert not list(tmp_path.glob("s.duckdb.before-restore-*"))  # nothing changed


def test_a_restore_keeps_the_audit_entries_made_after_the_backup(tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    open_store(db).close()
    copy = tmp_path / "b.duckdb"
    assert main(["backup", "--to", str(copy), "--db", str(db)]) == 0
    con = open_store(db)
    audit.record(con, "王敏", "export", "投诉工单", {})  # after the backup
    con.close()
    assert main(["restore", str(copy), "--db", str(db)]) == 0
    assert "补回备份之后产生的审计记录 1 条" in capsys.readouterr().out
    trail = _trail(db)
    assert [action for _, action, _ in trail][-3:] == ["backup", "export", "restore"]
    assert [seq for seq, _, _ in trail] == list(range(1, len(trail) + 1))  # one chain
    user = getpass.getuser()
    assert trail[-1][2] == trail[-3][2] == f"命令行（{user}）"  # the OS user on the CLI
    assert main(["audit", "verify", "--db", str(db)]) == 0


@pytest.mark.parametrize(
    "tamper",
    [
        "DELETE FROM audit_log WHERE seq = 2",
        "UPDATE audit_log SET target = '别的文件' WHERE seq = 2",
        "UPDATE audit_log SET happened_at = happened_at - INTERVAL 1 DAY WHERE seq = 2",
    ],
    ids=["deleted", "edited", "backdated"],
)
def test_audit_verify_finds_a_deleted_or_edited_entry(tmp_path, capsys, tamper):
    db = tmp_path / "s.duckdb"
    con = open_store(db)
    for target in ("a.csv", "b.csv", "c.csv"):
        audit.record(con, "王敏", "load", target, {})
    audit.seal(con)
    con.close()
    assert main(["audit", "verify", "--db", str(db)]) == 0
    assert "3 条记录逐条链接校验无误" in capsys.readouterr().out
    con = duckdb.connect(str(db))
    con.execute(tamper)
    con.close()
    assert main(["audit", "verify", "--db", str(db)]) == 1
    assert "在第 2 条记录处断裂" in capsys.readouterr().err
