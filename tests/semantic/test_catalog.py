"""Every measure of the catalog computed through it on a hand-computed store."""

import math
from datetime import datetime

import pandas as pd
import pytest

from effmon.semantic import catalog
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame
from effmon.store.writes import refresh_case_aggregates

T = datetime
CASES = [
    # case_id, department, site_id, window, channel, received, finished, promised days, wait
    ("C0", "税务局", "Q01", "W1", "窗口", T(2026, 9, 15, 9), T(2026, 9, 15, 10), 0, 50.0),
    ("C1", "税务局", "Q01", "W1", "窗口", T(2026, 10, 14, 9), T(2026, 10, 14, 10), 0, 10.0),
    # due Wednesday 10-21 (five working days from Wednesday 10-14): early
    ("C2", "税务局", "Q01", "W1", "窗口", T(2026, 10, 14, 10), T(2026, 10, 15, 9), 5, 20.0),
    # the same limit, finished on 11-10: late
    ("C3", "人社局", "J01", "W2", "延时服务", T(2026, 10, 14, 12, 30), T(2026, 11, 10), 5, 30.0),
    # due Tuesday 10-20 and still open: overdue at the end of October
    ("C4", "人社局", None, None, "网办", T(2026, 10, 15, 20), None, 3, None),
    # due Monday 10-19, finished the Friday before: early
    ("C5", "税务局", None, None, "网办", T(2026, 10, 16, 8), T(2026, 10, 16, 9), 1, None),
]
EVALUATIONS = [
    ("E1", T(2026, 10, 14, 11), 5),
    ("E2", T(2026, 10, 15, 9), 4),
    ("E3", T(2026, 10, 16), 1),
]
# Limits (migration 0013): 12345热线 15 working days, 现场 5, 网上 10.
COMPLAINTS = [
    # ticket, source, received, closed, complainant, category, 核查结果, 回访满意度
    # 4 working days: on time
    ("T1", "12345热线", T(2026, 10, 14, 9), T(2026, 10, 20, 9), "甲", "排队", "属实", "满意"),
    # 10 working days: late
    ("T2", "现场", T(2026, 10, 14, 9), T(2026, 10, 28, 9), "乙", "排队", "部分属实", "不满意"),
    # open: not judged; 甲 again within 90 days of T1's closure: a repeat
    ("T3", "网上", T(2026, 10, 21, 9), None, "甲", "态度", "不属实", None),
]
INSPECTIONS = ["合格", "合格", "不合格", "不适用"]
ATTENDANCE = ["在岗", "在岗", "在岗", "迟到", "缺岗"]

# October 2026 by hand.
EXPECTED = {
    "cases": 5,
    "online_cases": 2,
    "online_share": 2 / 5,
    "extended_cases": 1,
    "extended_share": 1 / 5,
    "counter_cases": 3,
    "instant_cases": 1,
    "instant_share": 1 / 5,
    "finished_cases": 4,
    "closed_share": 4 / 5,  # all five fall due in October; C4 is still open
    "early_share": 2 / 3,  # C2 and C5 of the three finished with a limit
    "overdue_cases": 2,  # C3 finished late, C4 open past its due day
    "waits": 3,  # the three counter cases with a waiting time
    "wait_minutes_mean": 20.0,
    "wait_minutes_p90": 28.0,  # 10, 20, 30: 20 + 0.8 × 10
    "windows": 2,
    "cases_per_window": 1.5,
    "staffed_hours": 3,  # W1 at 9 and 10 o'clock, W2 at 12
    "cases_per_staffed_hour": 1.0,
    "evaluations": 3,
    "good_count": 2,
    "good_share": 2 / 3,
    "bad_count": 1,
    "bad_share": 1 / 3,
    "active_share": 3 / 4,
    "complaints": 3,
    "on_time_share": 1 / 2,
    "substantiated_complaints": 1,
    "partly_substantiated_complaints": 1,
    "unsubstantiated_complaints": 1,
    "verified_complaints": 3,
    "substantiated_share": 1 / 3,
    "partly_substantiated_share": 1 / 3,
    "unsubstantiated_share": 1 / 3,
    "verified_share": 2 / 3,
    "revisit_satisfied": 1,
    "revisit_basically_satisfied": 0,
    "revisit_dissatisfied": 1,
    "revisited_complaints": 2,
    "revisit_satisfied_share": 1 / 2,
    "revisit_dissatisfied_share": 1 / 2,
    # T3: 甲 again a day after T1 closed (T1 and T2, the same problem on the same day and
    # both still open then, are no repeats)
    "repeat_complaints": 1,
    "repeat_share": 1 / 3,
    "inspection_checks": 3,  # the 不适用 item is not judged
    "inspection_failures": 1,
    "inspection_pass_share": 2 / 3,
    "attendance_checks": 5,
    "present_checks": 3,
    "late_checks": 1,
    "early_checks": 0,
    "absent_checks": 1,
    "present_share": 3 / 5,
}


@pytest.fixture
def store(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES "
        "('Q01', '主中心', '区级大厅', '芳草街街道'), "
        "('J01', '石羊街道综合便民服务中心', '街道综合便民服务中心', '石羊街道')"
    )
    con.executemany(
        "INSERT INTO cases (case_id, department, site_id, window_name, channel, received_at, "
        "finished_at, promised_days, wait_minutes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        CASES,
    )
    refresh_case_aggregates(con)
    con.executemany(
        "INSERT INTO evaluations (evaluation_id, evaluated_at, site_id, department, level) "
        "VALUES (?, ?, 'Q01', '税务局', ?)",
        EVALUATIONS,
    )
    for ticket, source, received, closed, who, category, result, said in COMPLAINTS:
        con.execute(
            "INSERT INTO complaints (ticket_id, source, received_at, department, complainant, "
            "category, result, satisfaction) VALUES (?, ?, ?, '税务局', ?, ?, ?, ?)",
            [ticket, source, received, who, category, result, said],
        )
        con.execute(
            "INSERT INTO complaint_events (ticket_id, state, happened_at) VALUES (?, '受理', ?)",
            [ticket, received],
        )
        if closed:
            con.execute(
                "INSERT INTO complaint_events (ticket_id, state, happened_at) VALUES (?, '办结', ?)",
                [ticket, closed],
            )
    con.executemany(
        "INSERT INTO inspections (visit_date, site_id, indicator_id, result) "
        "VALUES ('2026-10-20', 'Q01', ?, ?)",
        [(f"I0{n}", result) for n, result in enumerate(INSPECTIONS)],
    )
    con.executemany(
        "INSERT INTO attendance (staff_name, department, site_id, check_date, slot, status) "
        "VALUES (?, '税务局', 'Q01', '2026-10-21', '上午', ?)",
        [(f"员工{n}", status) for n, status in enumerate(ATTENDANCE)],
    )
    return con


def test_every_measure_has_a_hand_computed_value():
    computed = {k for k, m in catalog.measures().items() if not m.computed}
    assert computed == set(EXPECTED)


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items())
def test_measure_through_the_catalog(store, key, expected):
    frame = measure_frame(store, Filters(), "2026-10", "2026-10", [key], [], T(2026, 11, 1))
    assert frame[key].iloc[0] == pytest.approx(expected)


@pytest.mark.parametrize("key", list(EXPECTED))
def test_months_apart_add_up_to_the_span(store, key):
    """By month, October is the span's value; September holds only its own case."""
    monthly = measure_frame(store, Filters(), "2026-09", "2026-10", [key], ["month"])
    october = monthly.set_index("month").at["2026-10", key]
    assert october == pytest.approx(EXPECTED[key])


def test_measures_split_by_a_dimension_each_from_its_own_source(store):
    keys = ["cases", "good_share", "complaints", "inspection_pass_share"]
    frame = measure_frame(store, Filters(), "2026-10", "2026-10", keys, ["site_id"])
    by_site = frame.set_index("site_id")
    assert by_site.at["Q01", "cases"] == 2 and by_site.at["J01", "cases"] == 1
    assert by_site.at["Q01", "good_share"] == pytest.approx(2 / 3)
    assert math.isnan(by_site.at["J01", "good_share"])
    # the complaints name no site: they stand under the missing value
    assert frame.loc[frame["site_id"].isna(), "complaints"].iloc[0] == 3


def test_a_source_that_cannot_be_split_leaves_its_measure_unknown(store):
    frame = measure_frame(
        store, Filters(), "2026-10", "2026-10", ["cases", "complaints"], ["channel"]
    )
    assert set(frame["channel"]) == {"窗口", "延时服务", "网办"}
    assert frame["complaints"].isna().all()


def test_unknown_keys_are_refused(store):
    with pytest.raises(ValueError):
        measure_frame(store, Filters(), "2026-10", "2026-10", ["cases; DROP TABLE cases"], [])
    with pytest.raises(ValueError):
        measure_frame(store, Filters(), "2026-10", "2026-10", ["cases"], ["1; --"])


def test_shares_are_parts_of_a_whole(store):
    shares = [k for k, m in catalog.measures().items() if m.share and not m.computed]
    frame = measure_frame(store, Filters(), "2026-09", "2026-10", shares, ["month"])
    values = frame[shares].stack().dropna()
    assert ((values >= 0) & (values <= 1)).all()


def test_the_drill_path_runs_from_street_to_window():
    assert catalog.hierarchy() == ["street", "site_id", "department", "window_name"]


def test_every_measure_reads_in_a_known_unit():
    units = pd.Series([m.unit for m in catalog.measures().values()])
    assert units.isin(["件", "条", "%", "分钟", "分", "个", "小时", "次", "项次"]).all()
