"""Districts compared on one measure: intervals, places and the place month by month."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from effmon.city.engines import open_engine
from effmon.city.lake import open_lake
from effmon.city.league import (
    compute_league,
    compute_positions,
    district_league,
    district_positions,
)
from effmon.store.filters import Filters
from tests.city.districts import FIRST, SECOND


def _shares(rows):
    return pd.DataFrame(
        [(d, n / t, n, t) for d, n, t in rows],
        columns=["district", "good_share", "good_share__n", "good_share__d"],
    )


def test_a_share_has_wilson_s_interval_and_the_best_comes_first():
    table = compute_league(_shares([("A", 8, 10), ("B", 990, 1000)]), "good_share", 0.9)
    assert table["district"].tolist() == ["B", "A"] and table["place"].tolist() == [1, 2]
    a = table.set_index("district").loc["A"]
    # Wilson's 95% interval of 8 in 10 (Newcombe 1998, table I: 0.490-0.943)
    assert (a["low"], a["high"]) == pytest.approx((0.4902, 0.9433), abs=1e-4)
    assert a["versus_city"] == "level"
    assert table.set_index("district").at["B", "versus_city"] == "above"


@pytest.mark.parametrize(
    ("counts", "places"),
    [((10, 30), {"A": 1, "B": 2}), ((30, 10), {"A": 2, "B": 1}), ((30, 30), {"A": 1, "B": 1})],
)
def test_a_count_where_a_rise_is_bad_news_places_the_fewest_first(counts, places):
    frame = pd.DataFrame({"district": ["A", "B"], "bad_count": counts, "bad_count__n": counts})
    table = compute_league(frame, "bad_count", 20).set_index("district")
    assert table["place"].to_dict() == places


def test_a_count_has_the_exact_poisson_interval_and_is_not_set_against_the_city_total():
    frame = pd.DataFrame({"district": ["A"], "complaints": [10], "complaints__n": [10]})
    row = compute_league(frame, "complaints", 100).iloc[0]
    assert (row["low"], row["high"]) == pytest.approx((4.7954, 18.3904), abs=1e-4)
    assert row["versus_city"] == ""


def test_a_mean_has_no_interval_and_is_compared_by_value_alone():
    frame = pd.DataFrame(
        {
            "district": ["A", "B"],
            "wait_minutes_mean": [12.0, 8.0],
            "wait_minutes_mean__n": [120.0, 80.0],
            "wait_minutes_mean__d": [10.0, 10.0],
        }
    )
    table = compute_league(frame, "wait_minutes_mean", 10.0)
    assert table["district"].tolist() == ["B", "A"]
    assert table["low"].isna().all() and (table["versus_city"] == "").all()


def test_a_district_s_place_month_by_month():
    monthly = pd.DataFrame(
        {
            "district": ["A", "B", "C", "A", "B"],
            "month": ["2026-01"] * 3 + ["2026-02"] * 2,
            "cases": [5, 9, 7, 8, 3],
        }
    )
    city = pd.DataFrame({"month": ["2026-01", "2026-02"], "cases": [21, 11]})
    places = compute_positions(monthly, city, "cases", "A")
    assert places["place"].tolist() == [3, 1] and places["districts"].tolist() == [3, 2]
    assert places["city_value"].tolist() == [21, 11]
    assert compute_positions(monthly, city, "cases", "Z").empty


@pytest.fixture(scope="module")
def duck(two_districts):
    return open_engine(open_lake([str(two_districts)]), "duckdb")


def test_the_league_of_the_two_districts(duck):
    table, city = district_league(duck, Filters(), "2026-01", "2026-10", "good_share")
    assert set(table["district"]) == {FIRST[0], SECOND[0]}
    assert (table["low"] <= table["value"]).all() and (table["value"] <= table["high"]).all()
    assert table["value"].min() <= city <= table["value"].max()


def test_a_district_s_place_over_the_months(duck):
    places = district_positions(duck, Filters(), "2026-01", "2026-10", "cases", SECOND[0])
    assert places["month"].tolist() == [f"2026-{m:02d}" for m in range(1, 11)]
    assert set(places["place"]) <= {1, 2} and (places["districts"] == 2).all()
    assert not math.isnan(places["city_value"].iloc[0])
