from datetime import datetime

import pytest

from effmon.store import measures, queries
from effmon.store.filters import Filters
from effmon.store.writes import refresh_case_aggregates

CASES = [
    # case_id, department, site_id, channel, received_at, wait_minutes
    ("B1", "税务局", "Q01", "窗口", datetime(2026, 10, 8, 9), 10.0),
    ("B2", "税务局", None, "网办", datetime(2026, 10, 9, 20), None),
    ("B3", "人社局", "J01", "延时服务", datetime(2026, 10, 9, 12), 20.0),
    ("B4", "人社局", "J01", "窗口", datetime(2026, 9, 30, 9), 30.0),
]


@pytest.fixture
def store(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES "
        "('Q01', '主中心', '区级大厅', '芳草街街道'), ('J01', '石羊街道综合便民服务中心', '街道综合便民服务中心', '石羊街道')"
    )
    con.executemany(
        "INSERT INTO cases (case_id, department, site_id, channel, received_at, wait_minutes) VALUES (?, ?, ?, ?, ?, ?)",
        CASES,
    )
    # Monthly totals of a department that exports no detail, and of one that does (ignored).
    con.execute(
        "INSERT INTO case_totals (month, department, cases, online_cases, extended_cases) VALUES "
        "('2026-10-01', '公积金中心', 100, 70, 5), ('2026-10-01', '税务局', 999, 999, 999)"
    )
    refresh_case_aggregates(con)
    return con


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), (103, 71, 6, 15.0)),
        (Filters(departments=("税务局",)), (2, 1, 0, 10.0)),
        (Filters(levels=("街道综合便民服务中心",)), (1, 0, 1, 20.0)),
        (Filters(streets=("芳草街街道",)), (1, 0, 0, 10.0)),
        (Filters(site_ids=("J01",), departments=("人社局",)), (1, 0, 1, 20.0)),
    ],
)
def test_case_measures_take_in_monthly_totals_by_filter(store, filters, expected):
    keys = ["cases", "online_cases", "extended_cases", "wait_minutes_mean"]
    frame = measures.measure_frame(store, filters, "2026-10", "2026-10", keys, ["month"])
    row = frame.iloc[0]
    assert (
        row["cases"],
        row["online_cases"],
        row["extended_cases"],
        row["wait_minutes_mean"],
    ) == expected


def test_months_are_listed_newest_first(store):
    assert queries.data_months(store) == ["2026-10", "2026-09"]


def test_filter_values_are_bound_not_pasted(store):
    hostile = Filters(departments=("税务局') OR TRUE --",))
    assert measures.measure_frame(store, hostile, "2026-10", "2026-10", ["cases"], ["month"]).empty


def test_measures_per_day_and_split_by_a_key(store):
    days = queries.daily_measures(store, Filters(), "cases", "2026-09", "2026-10")
    assert [(f"{d:%Y-%m-%d}", n) for d, n in zip(days["day"], days["cases"], strict=True)] == [
        ("2026-09-30", 1),
        ("2026-10-08", 1),
        ("2026-10-09", 2),
    ]
    store.execute(
        "INSERT INTO complaints (ticket_id, received_at, category, street) VALUES "
        "('T1', '2026-10-08', '排队等候', '石羊街道'), ('T2', '2026-10-08', '排队等候', NULL), "
        "('T3', '2026-09-02', '系统故障', '石羊街道')"
    )
    by = queries.daily_measures(store, Filters(), "complaints", "2026-09", "2026-10", "category")
    assert [(f"{d:%Y-%m-%d}", k, n) for d, k, n in by.itertuples(index=False)] == [
        ("2026-09-02", "系统故障", 1),
        ("2026-10-08", "排队等候", 2),
    ]
    with pytest.raises(ValueError):
        queries.daily_measures(store, Filters(), "complaints", "2026-09", "2026-10", "1; DROP")
