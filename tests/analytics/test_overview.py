import math

import pandas as pd
import pytest

from effmon.analytics.overview import (
    compute_attention,
    compute_kpis,
    gap_reason,
    month_window,
    span_of,
)
from effmon.store.writes import refresh_case_aggregates


def _monthly():
    """Headline measures per month as effmon.store.measures.measure_frame gives them."""
    nan = math.nan
    return pd.DataFrame(
        {
            "month": ["2025-10", "2026-09", "2026-10"],
            "cases": [800, 1000, 1100],
            "online_share": [0.5, 0.5, 0.6],
            "extended_cases": [20, 40, 40],
            "wait_minutes_mean": [15.0, 12.0, 9.0],
            "overdue_cases": [8, 10, 5],
            "good_share": [nan, 0.95, 0.9],
            "bad_count": [nan, 2, 4],
            "complaints": [0, 0, 30],
            "on_time_share": [nan, 0.9, nan],
            "inspection_pass_share": [nan, nan, 0.95],
        }
    )


@pytest.mark.parametrize(
    ("metric", "value", "mom", "yoy", "status"),
    [
        ("cases", 1100, 0.1, 0.375, "flat"),  # volume is neither good nor bad news
        ("online_share", 0.6, 10.0, 10.0, "good"),  # percentage points
        ("extended_cases", 40, 0.0, 1.0, "flat"),
        ("wait_minutes_mean", 9.0, -0.25, -0.4, "good"),  # shorter waits are good news
        ("good_share", 0.9, -5.0, math.nan, "bad"),
        ("bad_count", 4, 1.0, math.nan, "bad"),
        ("complaints", 30, math.nan, math.nan, "flat"),  # no complaints before: base 0
        ("overdue_cases", 5, -0.5, -0.375, "good"),
        ("on_time_share", math.nan, math.nan, math.nan, "flat"),  # nothing closed with a limit
        ("inspection_pass_share", 0.95, math.nan, math.nan, "flat"),
    ],
)
def test_kpis_change_and_direction(metric, value, mom, yoy, status):
    kpis = compute_kpis(_monthly(), "2026-10").set_index("metric")
    row = kpis.loc[metric]
    assert (math.isnan(row["value"]) and math.isnan(value)) or row["value"] == pytest.approx(value)
    for got, want in ((row["mom_change"], mom), (row["yoy_change"], yoy)):
        assert (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)
    assert row["mom_status"] == status


def test_month_window_spans_two_years():
    assert month_window("2026-10", 24) == ("2024-11", "2026-10")


def test_attention_ranks_surprising_rises_first():
    current = pd.DataFrame(
        {
            "key": ["不动产登记中心", "科技局", "税务局", "人社局"],
            "wait_minutes_mean": [15.0, 10.0, 12.0, 20.0],
            "waits": [400, 10, 500, 400],
            "overdue_cases": [2, 3, 9, 1],
            "bad_count": [51, 0, 4, 2],
            "complaints": [0, 0, 2, 1],
        }
    )
    previous = current.assign(
        wait_minutes_mean=[15.0, 5.0, 12.0, 16.0],
        overdue_cases=[2, 0, 10, 1],
        bad_count=[23, 0, 4, 2],
        complaints=[0, 0, 2, 1],
    )
    result = compute_attention(current, previous)
    assert result[["key", "measure"]].values.tolist() == [
        ["不动产登记中心", "bad_count"],  # (51 - 23) / √24 = 5.7
        ["人社局", "wait_minutes_mean"],  # 25% longer over 400 waits: 0.25 × 20 = 5
        ["科技局", "overdue_cases"],  # 3 from 0: 3 / √1 = 3
    ]  # 科技局's doubled wait rests on 10 waits only; 税务局's overdue cases fell
    assert result.loc[0, "change"] == pytest.approx(51 / 23 - 1)


@pytest.fixture
def months_held(con):
    """Cases in December 2024 and every month of 2025 to November."""
    months = ["2024-12", *(f"2025-{m:02d}" for m in range(1, 12))]
    con.executemany(
        "INSERT INTO cases (case_id, department, channel, received_at) "
        "VALUES (?, '税务局', '窗口', ?)",
        [(f"B{n}", f"{m}-10 09:00") for n, m in enumerate(months)],
    )
    refresh_case_aggregates(con)
    return con


def test_a_partial_year_is_named_by_its_months(months_held):
    span = span_of(months_held, "2025")
    assert (span.start, span.end, span.name) == ("2025-01", "2025-11", "2025年1–11月")
    assert span.last_year == ("2024-01", "2024-11")
    assert span_of(months_held, "2024").name == "2024年度"


@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        ("2025-01", "2025-11", ""),
        ("2024-01", "2024-12", "2024年度仅有2024年12月的数据"),
        ("2024-01", "2024-11", "2024年1–11月无数据"),
        ("2025-12", "2025-12", "2025年12月无数据"),
    ],
)
def test_a_base_lacking_months_says_why(months_held, start, end, reason):
    assert gap_reason(months_held, start, end) == reason
