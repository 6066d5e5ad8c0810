"""Anomaly detection: an injected spike is found, a holiday dip is not an anomaly."""

import numpy as np
import pandas as pd

from effmon.forecast.anomalies import daily_anomalies, monthly_anomalies
from effmon.forecast.features import day_features
from tests.forecast.test_models import _daily


def test_injected_spike_is_found_and_the_spring_festival_is_not():
    history = _daily(days=600)
    history["2026-03-18"] *= 3
    found = daily_anomalies(history)
    strongest = found.loc[found["score"].abs().idxmax()]
    assert (strongest["period"], strongest["direction"], strongest["severity"]) == (
        "2026-03-18",
        "up",
        "严重",
    )
    festival = pd.date_range("2026-02-15", "2026-02-23").strftime("%Y-%m-%d")
    assert not set(found["period"]) & set(festival)


def test_a_monthly_surge_is_found_and_does_not_make_the_next_month_look_low():
    months = pd.date_range("2024-11-01", periods=24, freq="MS")
    counts = pd.Series(np.random.default_rng(5).poisson(20, 24).astype(float), index=months)
    counts["2026-07-01"] = 140
    found = monthly_anomalies(counts)
    assert found["period"].tolist() == ["2026-07"]
    assert found.iloc[0]["severity"] == "严重"


def test_a_lasting_drop_in_a_mean_is_reported_twice_and_then_is_the_new_level():
    months = pd.date_range("2024-11-01", periods=24, freq="MS")
    waits = pd.Series(16 + np.random.default_rng(6).normal(0, 0.4, 24), index=months)
    waits[months >= "2026-01-01"] *= 0.55  # a new queueing system
    found = monthly_anomalies(waits, ratio=True)
    assert sorted(found["period"]) == ["2026-01", "2026-02"]
    assert set(found["direction"]) == {"down"}


def _open_on_days_off(seed, days=600, off_day_mean=20.0):
    """Poisson cases: about 200 on a working day, 20 on a day off (a weekend service)."""
    index = pd.date_range("2025-01-01", periods=days, freq="D")
    working = day_features(index)["workday"].to_numpy()
    means = np.where(working == 1, 200.0, off_day_mean)
    return pd.Series(np.random.default_rng(seed).poisson(means).astype(float), index=index)


def test_quiet_days_off_are_scored_against_their_own_scatter():
    # Scored against the working days' scatter, these series gave about 26 false alarms each.
    false_alarms = sum(len(daily_anomalies(_open_on_days_off(seed))) for seed in range(5))
    assert false_alarms <= 5
    history = _open_on_days_off(seed=0)
    history["2026-03-22"] = 80  # a Sunday with a crowd
    found = daily_anomalies(history)
    assert ["2026-03-22", "up"] in found[["period", "direction"]].values.tolist()


def test_a_day_expecting_no_cases_is_no_anomaly_for_one_case():
    history = _daily(days=600)
    assert daily_anomalies(history).empty
    history["2026-02-17"] = 1  # Spring Festival
    assert daily_anomalies(history).empty


def test_one_case_on_a_day_off_expecting_a_few_is_counting_noise():
    # the demo's National Day had 1 case where 6.3 were expected (a 1.3% Poisson tail): an
    # alert. Even none where 6 are expected is a 0.25% tail, 2.8 standard deviations.
    history = _open_on_days_off(seed=1, off_day_mean=6.0)
    history["2026-03-22"] = 0  # a Sunday
    history["2026-03-23"] = 120  # a Monday expecting 200: that is an alert
    found = daily_anomalies(history)
    assert "2026-03-22" not in set(found["period"])
    assert ["2026-03-23", "down"] in found[["period", "direction"]].values.tolist()
