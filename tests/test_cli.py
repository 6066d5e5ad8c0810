"""The effmon command as a user runs it."""

from __future__ import annotations

import csv
import os
import shutil

import duckdb

from effmon.cli import main


def _count(db, table):
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]


def test_ingest_good_file_then_again(tmp_path, write_file, capsys):
    db = tmp_path / "s.duckdb"
    path = write_file("t.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,2026-10-09\n")
    assert main(["ingest", "complaints", str(path), "--db", str(db)]) == 0
    assert main(["--db", str(db), "ingest", "complaints", str(path)]) == 0
    out = capsys.readouterr().out
    assert "新增 2" in out and "新增 0，已存在 2" in out
    assert _count(db, "complaints") == 2


def test_strict_rejection_exits_non_zero_and_writes_the_report(tmp_path, write_file, capsys):
    db = tmp_path / "s.duckdb"
    path = write_file("t.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,坏日期\n")
    assert main(["ingest", "complaints", str(path), "--db", str(db)]) == 1
    captured = capsys.readouterr()
    assert "全部未导入" in captured.err and "坏日期" in captured.out
    with open(tmp_path / "t.csv.errors.csv", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {
            "文件": "t.csv",
            "行号": "3",
            "列": "留言时间",
            "原始值": "坏日期",
            "原因": rows[0]["原因"],
        }
    ]
    assert _count(db, "complaints") == 0


def test_skip_invalid_with_errors_file(tmp_path, write_file):
    db = tmp_path / "s.duckdb"
    path = write_file("t.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,坏日期\n")
    report = tmp_path / "rejected.csv"
    args = [
        "ingest",
        "complaints",
        str(path),
        "--db",
        str(db),
        "--skip-invalid",
        "--errors",
        str(report),
    ]
    assert main(args) == 0
    assert report.exists() and _count(db, "complaints") == 1


def test_unreadable_file_is_an_error_message_not_a_traceback(tmp_path, write_file, capsys):
    path = write_file("t.csv", "工单编号,留言时间,心情\nT1,2026-10-08,好\n")
    assert main(["ingest", "complaints", str(path), "--db", str(tmp_path / "s.duckdb")]) == 1
    assert "未识别的列：心情" in capsys.readouterr().err
    mapped = [
        "ingest",
        "complaints",
        str(path),
        "--db",
        str(tmp_path / "s.duckdb"),
        "--map",
        "心情=",
    ]
    assert main(mapped) == 0


def test_demo_command_builds_a_store(tmp_path, capsys):
    db = tmp_path / "d.duckdb"
    assert (
        main(["demo", "--db", str(db), "--months", "12", "--scale", "0.01", "--end", "2026-10"])
        == 0
    )
    assert "complaint_surge" in capsys.readouterr().out
    assert _count(db, "sites") == 128
    assert main(["demo", "--db", str(db), "--months", "12"]) == 1  # not into a store with data


def test_the_demo_learns_its_sentiment_from_its_own_stars(tmp_path, capsys):
    """Comments are scored by a model of the centre's own 4-5★ and 1-2★ comments, so a 5★
    comment reads clearly positive on the aspects it mentions (the public model read
    12-28 out of 100 beside a 97% 好评率)."""
    from effmon.analytics import satisfaction_index as index
    from effmon.store import satisfaction
    from effmon.store.filters import Filters

    db = tmp_path / "d.duckdb"
    args = ["demo", "--db", str(db), "--months", "12", "--scale", "0.02", "--end", "2026-10"]
    assert main(args) == 0
    assert "已训练并保存模型 v1" in capsys.readouterr().out
    with duckdb.connect(str(db)) as con:
        comments = satisfaction.distinct_comments(con, Filters(), "2025-11", "2026-10")
        _, mentions = index.comment_scores(con, comments)
        stars = con.execute(
            "SELECT comment, max(level) AS level FROM evaluations GROUP BY comment"
        ).df()
    by_stars = mentions.merge(stars, on="comment").groupby("level")["sentiment"].mean()
    assert by_stars[5] > 0.75 and by_stars[1] < 0.25


def test_batches_lists_loads(tmp_path, write_file, capsys):
    db = tmp_path / "s.duckdb"
    main(
        [
            "ingest",
            "complaints",
            str(write_file("t.csv", "工单编号,留言时间\nT1,2026-10-08\n")),
            "--db",
            str(db),
        ]
    )
    assert main(["batches", "--db", str(db)]) == 0
    assert "t.csv" in capsys.readouterr().out


def test_alerts_computes_and_prints_the_findings_of_a_month_or_a_year(demo_db, tmp_path, capsys):
    db = tmp_path / "s.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM finding_months")
        con.execute("DELETE FROM findings")
    assert main(["alerts", "--db", str(db), "--period", "2026-07"]) == 0
    out = capsys.readouterr().out
    assert "已计算 2026-07：发现" in out and "责任单位" in out
    assert main(["alerts", "--db", str(db), "--period", "2026"]) == 0
    assert capsys.readouterr().out.count("已计算 2026-") == 10  # the year's months with data
    assert _count(db, "finding_months") == 10
    assert main(["alerts", "--db", str(db), "--period", "26-07"]) == 1


def test_a_load_computes_the_findings_of_the_months_it_touched(demo_db, tmp_path, write_file):
    db = tmp_path / "s.duckdb"
    shutil.copy(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute("DELETE FROM finding_months WHERE period = '2026-10'")
    csv = write_file("t.csv", "工单编号,留言时间\nT9001,2026-10-08\n")
    assert main(["ingest", "complaints", str(csv), "--db", str(db)]) == 0
    with duckdb.connect(str(db)) as con:
        assert con.execute("SELECT period FROM finding_months").fetchall().count(("2026-10",)) == 1


def test_every_data_table_has_a_name_for_the_demo_summary():
    from effmon import labels
    from effmon.store.writes import DATA_TABLES

    assert set(DATA_TABLES) <= set(labels.TABLES)


def test_what_the_command_line_writes_is_its_users_alone(tmp_path):
    """Store, backups and their manifests, reports: 0600 in 0700 folders, whatever the
    umask the command was started with."""
    import stat
    import subprocess
    import sys

    from tests.conftest import REPO

    db = tmp_path / "data" / "s.duckdb"

    def effmon(*args: str) -> None:
        run = subprocess.run(
            [sys.executable, "-m", "effmon.cli", "--db", str(db), *args],
            cwd=REPO, capture_output=True, text=True, preexec_fn=lambda: os.umask(0o022),
        )  # fmt: skip
        assert run.returncode == 0, run.stderr

    effmon("backup")
    effmon("audit", "verify")
    written = [db, *(p for p in db.parent.rglob("*.duckdb*") if p.is_file())]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in written}
    assert modes and set(modes.values()) == {0o600}, modes
    folders = [db.parent, *(p for p in db.parent.rglob("*") if p.is_dir())]
    assert {stat.S_IMODE(p.stat().st_mode) for p in folders} == {0o700}
