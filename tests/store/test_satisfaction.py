"""好差评 counts per dimension on a tiny store worked out by hand."""

from datetime import datetime

import pytest

from effmon.analytics.satisfaction import satisfaction_by
from effmon.store import satisfaction
from effmon.store.filters import Filters
from effmon.store.writes import refresh_case_aggregates

EVALUATIONS = [
    # id, evaluated_at, site, department, window, channel, level, comment
    ("E1", datetime(2026, 10, 8, 10), "Q01", "税务局", "Q01-1", "评价器", 5, "很好"),
    ("E2", datetime(2026, 10, 9, 11), "Q01", "税务局", "Q01-1", "短信", 4, None),
    ("E3", datetime(2026, 10, 9, 15), "Q01", "税务局", "Q01-2", "评价器", 1, "等太久"),
    ("E4", datetime(2026, 10, 20, 9), "J01", "人社局", "J01-1", "APP", 3, None),
    ("E5", datetime(2026, 10, 21, 9), "J01", "人社局", "J01-1", "评价器", 2, "态度差"),
    ("E6", datetime(2026, 9, 30, 9), "J01", "人社局", "J01-1", "评价器", 5, None),
]

OCT_8 = datetime(2026, 10, 8, 9)


@pytest.fixture
def store(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES "
        "('Q01', '主中心', '区级大厅', '芳草街街道'), ('J01', '石羊中心', '街道综合便民服务中心', '石羊街道')"
    )
    con.executemany(
        "INSERT INTO evaluations (evaluation_id, evaluated_at, site_id, department, window_name, "
        "channel, level, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        EVALUATIONS,
    )
    con.executemany(
        "INSERT INTO cases (case_id, department, site_id, window_name, channel, received_at, "
        "finished_at) VALUES (?, ?, ?, ?, '窗口', ?, ?)",
        # 税务局: six cases, four of them finished; 人社局: four, all finished
        [(f"B{i}", "税务局", "Q01", "Q01-1", OCT_8, OCT_8 if i < 4 else None) for i in range(6)]
        + [(f"C{i}", "人社局", "J01", "J01-1", OCT_8, OCT_8) for i in range(4)],
    )
    refresh_case_aggregates(con)
    return con


def test_levels_good_and_bad_per_department(store):
    frame = satisfaction.evaluations_by(store, Filters(), "2026-10", "2026-10", "department")
    rows = frame.set_index("key")
    assert rows.loc[
        "税务局", ["evaluations", "level_5", "level_4", "level_1", "good", "bad"]
    ].tolist() == [3, 1, 1, 1, 2, 1]
    assert rows.loc["人社局", ["evaluations", "level_3", "level_2", "good", "bad"]].tolist() == [
        2,
        1,
        1,
        0,
        1,
    ]


@pytest.mark.parametrize(
    ("dimension", "filters", "expected"),
    [
        ("month", Filters(), {"2026-09": 1, "2026-10": 5}),
        ("evaluation_channel", Filters(), {"评价器": 4, "短信": 1, "APP": 1}),
        ("window_name", Filters(streets=("芳草街街道",)), {"Q01-1": 2, "Q01-2": 1}),
        ("site_id", Filters(departments=("人社局",)), {"J01": 3}),
    ],
)
def test_evaluations_per_dimension_value(store, dimension, filters, expected):
    frame = satisfaction.evaluations_by(store, filters, "2026-09", "2026-10", dimension)
    assert dict(zip(frame["key"], frame["evaluations"], strict=True)) == expected


def test_rates_with_the_share_of_cases_evaluated(store):
    rates = satisfaction_by(store, Filters(), "2026-10", "2026-10", "department").set_index("key")
    assert rates.loc["税务局", "good_share"] == pytest.approx(2 / 3)
    assert rates.loc["税务局", "bad_share"] == pytest.approx(1 / 3)
    assert rates.loc["税务局", "active_share"] == pytest.approx(3 / 4)  # of finished cases
    assert rates.loc["人社局", "active_share"] == pytest.approx(2 / 4)
    by_channel = satisfaction_by(store, Filters(), "2026-10", "2026-10", "evaluation_channel")
    assert by_channel["active_share"].isna().all()  # the evaluation channel is not the case's


def test_unknown_dimension_is_refused(store):
    with pytest.raises(ValueError):
        satisfaction.evaluations_by(store, Filters(), "2026-10", "2026-10", "t.level; DROP TABLE x")
