"""Key-time attendance in the store: a DingTalk export with missing, duplicate and
malformed punches, summaries, and staff-rule violations from inspections."""

import pytest

from effmon.analytics.attendance import MEASURES
from effmon.ingest.pipeline import load_file
from effmon.store import attendance
from effmon.store.filters import Filters

EXPORT = (
    "姓名,工号,部门,点位编号,窗口,打卡时间\n"
    "王敏,G0001,税务局,Q01,Q01-D01-1,2026-11-16 08:57:12\n"
    "王敏,G0001,税务局,Q01,Q01-D01-1,2026-11-16 08:57:12\n"  # the same punch twice
    "王敏,G0001,税务局,Q01,Q01-D01-1,2026-11-16 12:01:00\n"
    "王敏,G0001,税务局,Q01,Q01-D01-1,2026-11-16 13:02:00\n"
    "王敏,G0001,税务局,Q01,Q01-D01-1,2026-11-17 09:31:00\n"  # late; then no more punches
    "李静,G0002,人社局,J07,J07-综合1,2026-11-16 08:50:00\n"
    "李静,G0002,人社局,J07,J07-综合1,2026-11-17 17:05:00\n"
)


def test_a_dingtalk_export_becomes_attendance_records(con, write_file):
    refused = load_file(con, "punches", write_file("钉钉打卡.csv", EXPORT))
    assert not refused.loaded  # strict: the duplicate punch is named, nothing is loaded
    assert refused.errors[["row", "column"]].values.tolist() == [[3, "姓名"]]
    assert "与文件第 2 行重复" in refused.errors.iloc[0]["reason"]
    result = load_file(con, "punches", write_file("钉钉打卡.csv", EXPORT), skip_invalid=True)
    assert result.loaded and result.rows_new == 6  # the duplicate punch is left out
    rows = con.execute(
        "SELECT staff_name, check_date, slot, status FROM attendance ORDER BY ALL"
    ).fetchall()
    assert len(rows) == 2 * 2 * 4  # two people, two working days, four slots
    wang = {(d.day, s): st for n, d, s, st in rows if n == "王敏"}
    assert wang[(16, "09:00")] == "在岗" and wang[(16, "16:55")] == "缺岗"  # forgot to punch out
    assert wang[(17, "09:00")] == "迟到" and wang[(17, "13:00")] == "缺岗"
    # Loading the same export again adds nothing and changes nothing.
    again = load_file(con, "punches", write_file("钉钉打卡2.csv", EXPORT), skip_invalid=True)
    assert again.rows_new == 0
    assert con.execute("SELECT count(*) FROM attendance").fetchall() == [(16,)]


def test_a_malformed_punch_time_is_named_and_nothing_is_loaded(con, write_file):
    bad = EXPORT + "李静,G0002,人社局,J07,J07-综合1,2026-11-17 25:61\n"
    result = load_file(con, "punches", write_file("坏打卡.csv", bad))
    assert not result.loaded
    errors = result.errors.set_index("row")
    assert errors.at[9, "column"] == "打卡时间" and errors.at[9, "value"] == "2026-11-17 25:61"
    assert con.execute("SELECT count(*) FROM punches").fetchall() == [(0,)]
    assert con.execute("SELECT count(*) FROM attendance").fetchall() == [(0,)]


def test_a_later_file_completes_a_day_and_a_spot_check_is_kept(con, write_file):
    con.execute(
        "INSERT INTO attendance (staff_name, check_date, slot, status, source_file) "
        "VALUES ('王敏', '2026-11-17', '16:55', '在岗', '抽查')"
    )
    load_file(con, "punches", write_file("a.csv", EXPORT), skip_invalid=True)
    more = "姓名,工号,部门,打卡时间\n王敏,G0001,税务局,2026-11-16 17:01:00\n"
    load_file(con, "punches", write_file("b.csv", more))
    status = dict(
        con.execute(
            "SELECT check_date::VARCHAR || ' ' || slot, status FROM attendance "
            "WHERE staff_name = '王敏'"
        ).fetchall()
    )
    assert status["2026-11-16 16:55"] == "在岗"  # the second file's punch out counts
    assert status["2026-11-17 16:55"] == "在岗"  # the spot check stays


def test_summaries_by_person_and_department(con, write_file):
    load_file(con, "punches", write_file("钉钉打卡.csv", EXPORT), skip_invalid=True)
    people = attendance.summary(con, Filters(), "2026-11", "2026-11", "staff_name", MEASURES)
    assert people["key"].tolist() == ["李静", "王敏"]  # the most absences first
    wang = people.set_index("key").loc["王敏"]
    assert (wang["attendance_checks"], wang["late_checks"], wang["absent_checks"]) == (8, 1, 4)
    parts = ["present_checks", "late_checks", "early_checks", "absent_checks"]
    assert wang[parts].sum() == 8 and wang["present_share"] == pytest.approx(3 / 8)
    records = attendance.records(con, Filters(), "2026-11", "2026-11", department="人社局")
    assert set(records["staff_name"]) == {"李静"} and "在岗" not in set(records["status"])


def test_staff_rule_violations_come_from_failed_conduct_inspections(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES ('Q01', '区中心', '区级大厅', 'X')"
    )
    con.execute(
        "INSERT INTO inspections (visit_date, site_id, indicator_id, result, finding) VALUES "
        "('2026-11-03', 'Q01', 'I12', '不合格', '未佩戴工牌'), "
        "('2026-11-03', 'Q01', 'I04', '不合格', '指南过期')"
    )
    found = attendance.staff_rule_violations(con, Filters(), "2026-11", "2026-11")
    assert found[["site_id", "indicator", "failures", "findings"]].values.tolist() == [
        ["Q01", "仪容仪表", 1, "未佩戴工牌"]
    ]
