"""The case aggregate tables always equal the aggregation of the cases they summarise."""

from __future__ import annotations

import duckdb

from effmon.ingest.pipeline import load_file
from effmon.store.connect import open_store
from effmon.store.writes import CASE_AGGREGATES

HEADER = "办件编号,事项名称,办理部门,受理时间,办结时间,办理渠道,等候时长(分钟),承诺时限\n"


def aggregates_differ(con) -> int:
    """Rows in an aggregate table or its source view but not both."""
    return sum(
        con.execute(
            f"SELECT count(*) FROM ((SELECT * FROM {table} EXCEPT ALL SELECT * FROM {source}) "
            f"UNION ALL (SELECT * FROM {source} EXCEPT ALL SELECT * FROM {table}))"
        ).fetchall()[0][0]
        for table, source in CASE_AGGREGATES.items()
    )


def test_demo_build_fills_the_cube(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    assert (
        con.execute("SELECT sum(cases) FROM case_cube").fetchall()[0][0]
        == (con.execute("SELECT count(*) FROM cases").fetchall()[0][0])
    )
    assert aggregates_differ(con) == 0
    con.close()


def test_each_load_refreshes_the_months_it_touches(con, write_file):
    load_file(
        con,
        "cases",
        write_file(
            "a.csv",
            HEADER + "B1,企业设立登记,税务局,2026-09-08 09:00,2026-09-08 10:00,窗口,12.5,0\n"
            "B2,企业设立登记,税务局,2026-10-08 09:00,,窗口,3,2\n",
        ),
    )
    load_file(
        con,
        "cases",
        write_file(
            "b.csv",
            HEADER + "B2,企业设立登记,税务局,2026-10-08 09:00,,窗口,3,2\n"
            "B3,护照办理,税务局,2026-10-09 14:00,2026-10-20 09:00,窗口,7,2\n",
        ),
    )
    months = con.execute(
        "SELECT strftime(month, '%Y-%m'), sum(cases), sum(late_cases) FROM case_cube "
        "GROUP BY ALL ORDER BY 1"
    ).fetchall()
    assert months == [("2026-09", 1, 0), ("2026-10", 2, 1)]
    assert aggregates_differ(con) == 0


def test_failed_load_leaves_the_cube_as_it_was(con, write_file):
    good = HEADER + "B1,企业设立登记,税务局,2026-09-08 09:00,2026-09-08 10:00,窗口,12.5,0\n"
    load_file(con, "cases", write_file("a.csv", good))
    bad = HEADER + "B2,企业设立登记,税务局,2026-09-09 09:00,,窗口,不详,0\n"
    assert not load_file(con, "cases", write_file("b.csv", bad)).loaded
    assert con.execute("SELECT sum(cases) FROM case_cube").fetchall()[0][0] == 1


def test_store_opened_without_a_cube_is_filled(tmp_path, write_file):
    path = tmp_path / "s.duckdb"
    con = open_store(path)
    load_file(
        con,
        "cases",
        write_file("a.csv", HEADER + "B1,企业设立登记,税务局,2026-09-08 09:00,,窗口,1,0\n"),
    )
    con.execute("DELETE FROM case_cube")
    con.execute("DELETE FROM window_hours")
    con.close()
    again = open_store(path)
    assert aggregates_differ(again) == 0
    assert again.execute("SELECT count(*) FROM case_cube").fetchall()[0][0] == 1
    again.close()
