"""Workload counts on a tiny store whose numbers are worked out by hand."""

from datetime import datetime

import pytest

from effmon.store import workload
from effmon.store.filters import Filters
from effmon.store.writes import refresh_case_aggregates

CASES = [
    # case_id, department, site_id, window, channel, received, finished, promised, wait
    (
        "B1",
        "税务局",
        "Q01",
        "Q01-1",
        "窗口",
        datetime(2026, 10, 12, 9),
        datetime(2026, 10, 12, 9, 30),
        0,
        10.0,
    ),
    # due end of 10-14 (2 working days after Monday 10-12): finished 10-13, a day early
    (
        "B2",
        "税务局",
        "Q01",
        "Q01-2",
        "窗口",
        datetime(2026, 10, 12, 10),
        datetime(2026, 10, 13, 15),
        2,
        20.0,
    ),
    # due end of 10-13: finished 10-14, overdue
    (
        "B3",
        "税务局",
        "Q01",
        "Q01-1",
        "延时服务",
        datetime(2026, 10, 12, 12),
        datetime(2026, 10, 14, 9),
        1,
        30.0,
    ),
    # open; due end of 10-20: overdue by the end of October
    ("B4", "税务局", None, None, "网办", datetime(2026, 10, 13, 20), None, 5, None),
    # open and due end of 10-16: overdue by the end of October
    ("B5", "人社局", "J01", "J01-1", "窗口", datetime(2026, 10, 15, 9), None, 1, 40.0),
    (
        "B6",
        "人社局",
        "J01",
        "J01-1",
        "窗口",
        datetime(2026, 9, 30, 9),
        datetime(2026, 9, 30, 10),
        0,
        5.0,
    ),
]
KEYS = [
    "cases",
    "online_cases",
    "extended_cases",
    "counter_cases",
    "instant_cases",
    "finished_cases",
    "early_share",
    "overdue_cases",
    "waits",
    "windows",
    "wait_minutes_mean",
    "wait_minutes_p90",
    "staffed_hours",
]


@pytest.fixture
def store(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES "
        "('Q01', '主中心', '区级大厅', '芳草街街道'), ('J01', '石羊中心', '街道综合便民服务中心', '石羊街道')"
    )
    con.executemany(
        "INSERT INTO cases (case_id, department, site_id, window_name, channel, received_at, "
        "finished_at, promised_days, wait_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        CASES,
    )
    refresh_case_aggregates(con)
    return con


def _row(frame, key):
    return frame.set_index("key").loc[key]


def test_counts_by_department(store):
    frame = workload.workload_by(store, Filters(), "2026-10", "2026-10", "department", KEYS)
    tax = _row(frame, "税务局")
    assert (tax["cases"], tax["online_cases"], tax["extended_cases"], tax["instant_cases"]) == (
        4,
        1,
        1,
        1,
    )
    assert (tax["finished_cases"], tax["early_share"]) == (3, 1 / 2)
    assert (tax["overdue_cases"], tax["waits"], tax["windows"]) == (2, 3, 2)  # B3, B4
    assert tax["wait_minutes_mean"] == pytest.approx(20.0)
    assert tax["wait_minutes_p90"] == pytest.approx(28.0)  # 10, 20, 30 → interpolated
    assert _row(frame, "人社局")["overdue_cases"] == 1  # B5, open past its due day


def test_staffed_hours_are_the_hours_a_window_received_counter_cases(store):
    frame = workload.workload_by(store, Filters(), "2026-10", "2026-10", "department", KEYS)
    # 税务局: Q01-1 at 10-12 9:00 and 12:00 (延时服务), Q01-2 at 10:00; the online B4 has none.
    assert (_row(frame, "税务局")["staffed_hours"], _row(frame, "税务局")["counter_cases"]) == (
        3,
        3,
    )
    assert _row(frame, "人社局")["staffed_hours"] == 1
    by_month = workload.pivot(store, Filters(), "2026-09", "2026-10", "staffed_hours", ["month"])
    assert by_month.values.tolist() == [["2026-09", 1], ["2026-10", 4]]


def test_staffed_hours_cannot_be_split_by_channel(store):
    frame = workload.workload_by(store, Filters(), "2026-10", "2026-10", "channel", KEYS)
    assert frame["staffed_hours"].isna().all() and frame["cases"].sum() == 5


def test_open_case_is_not_overdue_before_its_due_day(store):
    # Seen from September's end, B5 (received in October) is not even in the period.
    frame = workload.workload_by(store, Filters(), "2026-09", "2026-09", "department", KEYS)
    assert frame["overdue_cases"].sum() == 0 and frame["cases"].sum() == 1


@pytest.mark.parametrize(
    ("dimension", "filters", "expected"),
    [
        ("month", Filters(), {"2026-09": 1, "2026-10": 5}),
        ("level", Filters(), {"区级大厅": 3, "街道综合便民服务中心": 2, None: 1}),
        ("street", Filters(departments=("人社局",)), {"石羊街道": 2}),
        ("window_name", Filters(streets=("芳草街街道",)), {"Q01-1": 2, "Q01-2": 1}),
        ("channel", Filters(), {"窗口": 4, "延时服务": 1, "网办": 1}),
    ],
)
def test_cases_per_dimension_value(store, dimension, filters, expected):
    frame = workload.workload_by(store, filters, "2026-09", "2026-10", dimension, KEYS)
    got = {(None if k != k else k): v for k, v in zip(frame["key"], frame["cases"], strict=True)}
    assert got == expected


def test_unknown_dimension_is_refused(store):
    with pytest.raises(ValueError, match="unknown"):
        workload.workload_by(store, Filters(), "2026-10", "2026-10", "1; DROP TABLE cases", KEYS)


def test_hour_weekday_counts_counter_cases_only(store):
    load = workload.hour_weekday_load(store, Filters(), "2026-10", "2026-10")
    assert load.values.tolist() == [[0, 9, 1], [0, 10, 1], [0, 12, 1], [3, 9, 1]]


@pytest.mark.parametrize(
    ("measure", "dimensions", "expected"),
    [
        ("cases", ["department"], [("税务局", 4), ("人社局", 1)]),
        ("overdue_cases", ["department"], [("税务局", 2), ("人社局", 1)]),
        ("wait_minutes_mean", ["street"], [("石羊街道", 40.0), ("芳草街街道", 20.0), (None, None)]),
        (
            "cases",
            ["department", "channel"],
            [
                ("税务局", "窗口", 2),
                ("人社局", "窗口", 1),
                ("税务局", "延时服务", 1),
                ("税务局", "网办", 1),
            ],
        ),
    ],
)
def test_pivot_of_one_measure(store, measure, dimensions, expected):
    frame = workload.pivot(store, Filters(), "2026-10", "2026-10", measure, dimensions)
    rows = [tuple(None if v != v else v for v in row) for row in frame.itertuples(index=False)]
    assert sorted(rows, key=str) == sorted(expected, key=str)


@pytest.mark.parametrize(
    ("measure", "dimensions"),
    [
        ("cases; DROP TABLE cases", ["department"]),
        ("cases", ["department) FROM cases; --"]),
        ("cases", ["department", "department"]),
        ("cases", ["department", "channel", "month"]),
    ],
)
def test_pivot_refuses_anything_outside_the_catalogue(store, measure, dimensions):
    with pytest.raises(ValueError):
        workload.pivot(store, Filters(), "2026-10", "2026-10", measure, dimensions)
    assert store.execute("SELECT count(*) FROM cases").fetchall()[0][0] == len(CASES)


def test_a_pivot_lists_the_largest_first_and_months_in_order(store):
    by_department = workload.pivot(store, Filters(), "2026-09", "2026-10", "cases", ["department"])
    assert by_department["department"].tolist() == ["税务局", "人社局"]  # 4 and 2 cases
    by_month = workload.pivot(store, Filters(), "2026-09", "2026-10", "cases", ["month"])
    assert by_month["month"].tolist() == ["2026-09", "2026-10"]
