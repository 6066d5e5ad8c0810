"""effmon lake export: a district's tables as Parquet by district and month with a manifest,
replaced atomically and only for its own district."""

from __future__ import annotations

import json

import duckdb
import pytest

from effmon import cli
from effmon.city import export
from effmon.city.export import export_district
from effmon.city.lake import open_lake
from effmon.errors import LakeError
from effmon.store.connect import latest_schema_version, open_store
from tests.city.districts import FIRST, SECOND


def _manifest(lake, code):
    return json.loads((lake / f"district={code}" / "manifest.json").read_text(encoding="utf-8"))


def test_every_table_is_written_by_month_with_its_row_count_and_checksum(two_districts, first_db):
    manifest = _manifest(two_districts, FIRST[0])
    assert (manifest["district_code"], manifest["district_name"]) == FIRST
    assert manifest["schema_version"] == latest_schema_version()
    assert (manifest["first_month"], manifest["last_month"]) == ("2025-11", "2026-10")
    con = duckdb.connect(str(first_db), read_only=True)
    for table in ("case_cube", "cases", "evaluations", "attendance", "inspections", "sites"):
        parts = manifest["tables"][table]
        stored = con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
        assert sum(p["rows"] for p in parts) == stored, table
        assert all(len(p["sha256"]) == 64 for p in parts)
    assert (
        sum(p["rows"] for p in manifest["tables"]["complaint_tickets"])
        == con.execute("SELECT count(*) FROM complaints").fetchall()[0][0]
    )
    october = next(p for p in manifest["tables"]["cases"] if p["month"] == "2026-10")
    folder = two_districts / f"district={FIRST[0]}"
    assert october["path"] == f"{manifest['export_id']}/cases/month=2026-10/part-0.parquet"
    rows = duckdb.sql(
        "SELECT DISTINCT district, strftime(received_at, '%Y-%m') FROM read_parquet("
        f"'{folder / october['path']}', hive_partitioning = false)"
    ).fetchall()
    assert rows == [(FIRST[0], "2026-10")]


def test_a_re_export_replaces_only_its_own_district(two_districts, second_db, tmp_path):
    lake = tmp_path / "lake"
    for source in (two_districts / f"district={c}" for c, _ in (FIRST, SECOND)):
        (lake / source.name).mkdir(parents=True)
        for path in source.rglob("*"):
            target = lake / source.name / path.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.is_file():
                target.write_bytes(path.read_bytes())
    first_before = _manifest(lake, FIRST[0])
    old = _manifest(lake, SECOND[0])["export_id"]
    con = open_store(second_db)
    export_district(con, str(lake), *SECOND)
    con.close()
    new = _manifest(lake, SECOND[0])["export_id"]
    assert new != old
    assert [p.name for p in (lake / f"district={SECOND[0]}").iterdir() if p.is_dir()] == [new]
    assert _manifest(lake, FIRST[0]) == first_before
    assert open_lake([str(lake)]).names() == dict([FIRST, SECOND])


def test_an_export_cut_short_is_never_read(first_db, tmp_path, monkeypatch):
    lake = tmp_path / "lake"
    con = open_store(first_db)
    before = export_district(con, str(lake), *FIRST)

    def power_cut(*args):
        raise OSError("disk full")

    monkeypatch.setattr(export, "_replace_manifest", power_cut)
    with pytest.raises(OSError):
        export_district(con, str(lake), *FIRST)
    monkeypatch.undo()
    folder = lake / f"district={FIRST[0]}"
    assert len([p for p in folder.iterdir() if p.is_dir()]) == 2  # the old and the cut one
    (district,) = open_lake([str(lake)]).districts
    assert district.manifest.export_id == before.export_id
    assert all(before.export_id in url for url in district.urls("cases"))
    export_district(con, str(lake), *FIRST)  # the next export clears the cut one away
    con.close()
    assert len([p for p in folder.iterdir() if p.is_dir()]) == 1


def test_a_first_export_still_being_written_is_not_there_yet(two_districts, tmp_path):
    (two_districts / "district=510106" / "e1" / "cases").mkdir(parents=True)
    assert set(open_lake([str(two_districts)]).names()) == {FIRST[0], SECOND[0]}


@pytest.mark.parametrize(("code", "name"), [("", "锦江区"), ("510104", " "), ("51/0104", "锦江区")])
def test_an_export_needs_a_district_code_and_name(con, tmp_path, code, name):
    with pytest.raises(LakeError, match="区县"):
        export_district(con, str(tmp_path / "lake"), code, name)


def test_the_command_line_exports_and_checks(first_db, tmp_path, capsys):
    lake = tmp_path / "lake"
    argv = ["lake", "export", "--db", str(first_db), "--out", str(lake)]
    assert cli.main([*argv, "--code", FIRST[0], "--name", FIRST[1]]) == 0
    assert "已将区县「锦江区」（510104）导出到" in capsys.readouterr().out
    assert cli.main(["lake", "check", str(lake)]) == 0
    printed = capsys.readouterr().out
    assert "1 个区县" in printed and "510104　锦江区　2025-11 — 2026-10" in printed
    assert cli.main(["lake", "check", str(tmp_path / "nothing")]) == 1
    assert "没有任何区县的导出" in capsys.readouterr().err
