"""Forecast shapes and intervals on synthetic series, MASE, and the backtest."""

import numpy as np
import pandas as pd
import pytest

from effmon.forecast.backtest import backtest, mase, mase_scale
from effmon.forecast.features import day_features, period_days
from effmon.forecast.models import calendar_model, forecasters


def _daily(days=420, seed=1):
    """Cases on working days only, a weekly shape, noise; nothing on days off."""
    index = pd.date_range("2025-01-01", periods=days, freq="D")
    features = day_features(index)
    level = 200 + 40 * features["work_0"] - 30 * features["work_4"]
    working = features[[f"work_{d}" for d in range(7)]].sum(axis=1)
    noise = np.random.default_rng(seed).normal(0, 8, days)
    return pd.Series(((level + noise) * working).clip(lower=0).round(), index=index)


def _monthly(months=24, seed=2):
    index = pd.date_range("2024-11-01", periods=months, freq="MS")
    return pd.Series(np.random.default_rng(seed).poisson(30, months).astype(float), index=index)


def _weekly(weeks=104, seed=3):
    """Cases per week: 100 per working day, 20 per day off."""
    index = pd.date_range("2024-11-04", periods=weeks, freq="W-MON")
    workdays, off_days = period_days(index, 7).T
    return pd.Series(np.random.default_rng(seed).poisson(100 * workdays + 20 * off_days), index)


def _share(months=24, seed=4):
    """An online share around 0.6 that steps up to 0.75 eight months before the end."""
    index = pd.date_range("2024-11-01", periods=months, freq="MS")
    level = np.where(np.arange(months) >= months - 8, 0.75, 0.6)
    return pd.Series(level + np.random.default_rng(seed).normal(0, 0.01, months), index)


@pytest.mark.parametrize("name", list(forecasters()))
@pytest.mark.parametrize("make", [_daily, _weekly, _monthly, _share])
def test_every_forecaster_gives_nested_intervals_around_its_forecast(name, make):
    history = make()
    forecast = forecasters(ratio=make is _share)[name](history, 5)
    assert len(forecast.mean) == 5 and forecast.mean.index[0] > history.index[-1]
    assert (forecast.lower[0.95] <= forecast.lower[0.8] + 1e-9).all()
    assert (forecast.lower[0.8] <= forecast.mean + 1e-9).all()
    assert (forecast.mean <= forecast.upper[0.8] + 1e-9).all()
    assert (forecast.upper[0.8] <= forecast.upper[0.95] + 1e-9).all()
    assert (forecast.lower[0.95] >= 0).all()


def test_calendar_model_knows_the_coming_holiday():
    history = _daily()[: pd.Timestamp("2026-01-31")]
    forecast = calendar_model(history, 28).mean
    assert forecast["2026-02-17"] < 20  # Spring Festival: nobody comes
    assert forecast["2026-02-14"] > 150  # the make-up Saturday is a working day
    assert forecast["2026-02-24"] > 150


def test_weekly_counts_know_the_national_day_week():
    history = _weekly()  # to 2026-10-26
    forecast = calendar_model(history[: pd.Timestamp("2025-09-15")], 3).mean
    # 2025-09-29 .. 10-05 has 2 working days (and 5 off), the weeks around it 5 or 6.
    assert forecast["2025-09-29"] < 0.5 * forecast["2025-09-22"]


def test_a_ratio_forecast_follows_a_lasting_change_with_intervals_around_it():
    history = _share()
    forecast = calendar_model(history, 3, ratio=True)
    assert 0.72 < forecast.mean.iloc[0] < 0.76
    assert forecast.lower[0.95].iloc[0] < 0.75 < forecast.upper[0.95].iloc[0]


@pytest.mark.parametrize("slope", [0.0, 0.01])
def test_a_ratio_forecast_extends_a_clear_trend_only(slope):
    # an online share growing a point a month (as it does where online services are pushed),
    # or only noise around a flat level
    index = pd.date_range("2024-11-01", periods=24, freq="MS")
    noise = np.random.default_rng(5).normal(0, 0.01, 24)
    history = pd.Series(0.4 + slope * np.arange(24) + noise, index)
    forecast = calendar_model(history, 3, ratio=True).mean
    expected = 0.4 + slope * np.arange(24, 27)
    assert np.abs(forecast.to_numpy() - expected).max() < 0.02
    if not slope:
        assert forecast.std() < 0.005  # no trend made up from the noise


def test_mase_against_a_hand_computed_example():
    history = pd.Series(
        [10.0, 12, 14, 11, 13, 15, 12, 14], index=pd.date_range("2026-01-01", periods=8)
    )
    # Seasonal naive over 7 days: one difference, |14 - 10| = 4.
    assert mase_scale(history) == 4.0
    assert mase(np.array([20.0, 22]), np.array([18.0, 25]), 4.0) == pytest.approx(2.5 / 4)


def test_backtest_of_a_calendar_series_beats_seasonal_naive_with_honest_intervals():
    result = backtest(_daily(), origins=8, horizon=14).set_index("forecaster")
    assert result.at["calendar", "mase"] < 0.85 * result.at["seasonal_naive", "mase"]
    assert 0.85 <= result.at["calendar", "coverage_95"] <= 1.0


def test_backtest_needs_more_than_a_season_before_its_first_origin():
    assert backtest(_monthly(months=18), origins=6, horizon=1).empty
    assert len(backtest(_monthly(months=19), origins=6, horizon=1)) == 3


def _february_lull(months: int, per_workday: float, seed: int = 5) -> pd.Series:
    """Cases per month at ``per_workday`` a working day, February at 70% of that."""
    index = pd.date_range("2024-12-01", periods=months, freq="MS")
    workdays, off_days = period_days(index, None).T
    level = per_workday * (workdays + 0.2 * off_days) * np.where(index.month == 2, 0.7, 1.0)
    return pd.Series(np.random.default_rng(seed).poisson(level).astype(float), index)


def test_a_february_lull_seen_once_is_expected_the_next_february():
    history = _february_lull(14, 700)  # December 2024 to January 2026: one February
    february = calendar_model(history, 1)
    lull = _february_lull(15, 700).iloc[-1]  # what February 2026 brought
    assert february.lower[0.95].iloc[0] < lull < february.upper[0.95].iloc[0]
    march = calendar_model(_february_lull(15, 700), 1).mean.iloc[0]
    assert february.mean.iloc[0] < 0.9 * march  # its workdays alone do not make it so low


def test_a_few_complaints_a_month_keep_hardly_any_season_they_cannot_tell_from_noise():
    history = _february_lull(26, 0.2)  # about four a month
    flat = history.sum() / (period_days(history.index, None) @ [1, 0.2]).sum()
    forecast = calendar_model(history, 12).mean
    expected = flat * (period_days(forecast.index, None) @ [1, 0.2])
    # unshrunk, two Februaries of a few complaints would move a month by ±40%
    assert np.allclose(forecast, expected, rtol=0.15)
