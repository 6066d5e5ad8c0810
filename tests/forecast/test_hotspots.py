"""Hotspot trend prediction ranks the series that are climbing."""

import numpy as np
import pandas as pd

from effmon.forecast.hotspots import rising

MONTHS = pd.date_range("2024-11-01", periods=24, freq="MS")


def test_a_climbing_series_is_ranked_first_and_a_steady_one_is_left_out():
    rng = np.random.default_rng(3)
    climbing = pd.Series(np.linspace(5, 60, 24).round() + rng.integers(0, 3, 24), index=MONTHS)
    steady = pd.Series(rng.poisson(20, 24).astype(float), index=MONTHS)
    falling = pd.Series(np.linspace(60, 5, 24).round(), index=MONTHS)
    found = rising({"系统故障": climbing, "排队等候": steady, "办事指南": falling})
    assert found["key"].iloc[0] == "系统故障"
    assert bool(found["confident"].iloc[0])
    assert "办事指南" not in set(found["key"])
    assert (found["rise"] > 0).all() and found["month"].iloc[0] == "2026-11"


def test_series_too_short_or_empty_are_skipped():
    assert rising(
        {"空": pd.Series(0.0, index=MONTHS), "短": pd.Series([1.0, 2.0], index=MONTHS[:2])}
    ).empty


def test_a_forecast_less_than_one_complaint_above_the_recent_mean_is_no_rise():
    # about one complaint a month (Poisson); the forecast is 0.3 above the recent mean
    quiet = pd.Series(np.random.default_rng(0).poisson(1.0, 24).astype(float), index=MONTHS)
    climbing = pd.Series(np.linspace(5, 60, 24).round(), index=MONTHS)
    found = rising({"桂溪街道": quiet, "中和街道": climbing})
    assert list(found["key"]) == ["中和街道"]
    assert (found["rise"] >= 1).all()
