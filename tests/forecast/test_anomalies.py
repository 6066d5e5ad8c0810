"""Anomaly detection: an injected spike is found, a holiday dip is not an anomaly."""

import numpy as np
import pandas as pd

from effmon.forecast.anomalies import daily_anomalies, monthly_anomalies
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
