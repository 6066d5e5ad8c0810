"""The sample exports shipped in data/samples load as they are (the README points users at them)."""

import pytest

from effmon.ingest.pipeline import likelier_kind, load_file
from tests.conftest import REPO

SAMPLES = REPO / "data" / "samples"
# kind, file, rows loaded, rows skipped (title and totals rows of real exports)
EXPECTED = [
    ("sites", "sites.csv", 3, 0),
    ("cases", "cases_gbk.csv", 4, 1),
    ("case-totals", "case_totals.xlsx", 2, 1),
    ("evaluations", "evaluations.csv", 3, 0),
    ("complaints", "complaints_12345.xlsx", 2, 0),
    ("inspections", "inspections.csv", 3, 0),
    ("attendance", "attendance_dingtalk.csv", 3, 0),
    ("benchmarks", "benchmarks.csv", 2, 0),
]


def test_every_sample_loads_cleanly(con):
    for kind, name, rows, skipped in EXPECTED:
        result = load_file(con, kind, SAMPLES / name)
        assert (result.rows_new, result.rows_skipped, result.rows_rejected) == (rows, skipped, 0), (
            name
        )


@pytest.mark.parametrize("kind", ["cases", "evaluations", "complaints"])
def test_samples_bring_their_values_across(con, kind):
    for k, name, _, _ in EXPECTED:
        load_file(con, k, SAMPLES / name)
    checks = {
        "cases": (
            "SELECT channel FROM cases ORDER BY case_id",
            [("窗口",), ("窗口",), ("网办",), ("延时服务",)],
        ),
        "evaluations": ("SELECT level FROM evaluations ORDER BY evaluated_at", [(5,), (2,), (4,)]),
        "complaints": (
            "SELECT source FROM complaints ORDER BY ticket_id",
            [("12345热线",), ("意见箱",)],
        ),
    }
    sql, expected = checks[kind]
    assert con.execute(sql).fetchall() == expected


def test_every_sample_chosen_as_another_kind_points_to_its_own():
    # real exports: a GBK CSV, workbooks with a title row above the header, a grouped header
    for kind, name, _, _ in EXPECTED:
        other = "sites" if kind != "sites" else "cases"
        assert likelier_kind(SAMPLES / name, other, name=name) == kind, name
