"""Forecasters: a calendar regression (the model), seasonal naive and exponential smoothing
(the baselines). Each takes a history (a Series with a DatetimeIndex of days or month
starts) and a horizon and returns a Forecast with 80% and 95% intervals.

The calendar model, for days, fits log(1 + y) on the calendar features of
effmon.forecast.features and a linear trend (ridge regression); its intervals are quantiles
of its residuals in the log space, so they follow the data's spread and stay positive. For
months (counts such as complaints of one category, often small) it is a Poisson regression
of the rate per working day on a trend, weighted by the month's working days, with
negative-binomial intervals whose overdispersion comes from the fit's Pearson residuals; the
trend is extrapolated only when a quasi-likelihood ratio test finds it (p < 0.001), else the
series' overall rate per working day is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.linear_model import Ridge
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from effmon.forecast.features import day_features, month_features

LEVELS = (0.8, 0.95)
TREND_P_VALUE = 0.001  # how clear a monthly trend must be to be extrapolated


@dataclass
class Forecast:
    """Point forecasts and interval bounds per future period (index: the periods)."""

    mean: pd.Series
    lower: dict[float, pd.Series]
    upper: dict[float, pd.Series]


def future_index(history: pd.Series, horizon: int) -> pd.DatetimeIndex:
    """The ``horizon`` periods after the history's last one (days or month starts)."""
    step = pd.offsets.MonthBegin(1) if _monthly(history) else pd.offsets.Day(1)
    return pd.date_range(history.index[-1] + step, periods=horizon, freq=step)


def season_length(history: pd.Series) -> int:
    """12 for monthly series, 7 for daily ones."""
    return 12 if _monthly(history) else 7


def calendar_model(history: pd.Series, horizon: int) -> Forecast:
    """The calendar model (see the module docstring)."""
    future = future_index(history, horizon)
    if _monthly(history):
        trend = np.arange(len(history) + horizon, dtype=float) / max(len(history), 1)
        past_trend, next_trend = trend[: len(history)], trend[len(history) :]
        return _monthly_counts(history, future, past_trend, next_trend)
    fitted, predicted = daily_regression(history, future)
    return _from_log(predicted, np.log1p(history.to_numpy(dtype=float)) - fitted, future)


def daily_regression(history: pd.Series, future: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """The daily calendar regression of log(1 + y): its fitted values over the history and
    its predictions for ``future``."""
    trend = np.arange(len(history) + len(future), dtype=float) / max(len(history), 1)
    x_past, x_next = day_features(history.index), day_features(future)
    x_past["trend"], x_next["trend"] = trend[: len(history)], trend[len(history) :]
    model = Ridge(alpha=1.0).fit(x_past, np.log1p(history.to_numpy(dtype=float)))
    return model.predict(x_past), model.predict(x_next) if len(future) else np.array([])


def _monthly_counts(
    history: pd.Series, future: pd.DatetimeIndex, past_trend: np.ndarray, next_trend: np.ndarray
) -> Forecast:
    workdays = month_features(history.index)["workdays"].to_numpy()
    next_workdays = month_features(future)["workdays"].to_numpy()
    counts = history.to_numpy(dtype=float)
    intercept, slope = _poisson_trend(counts, workdays, past_trend)
    fitted = workdays * np.exp(intercept + slope * past_trend)
    # Overdispersion: variance = phi * mean, phi from the Pearson residuals (at least 1).
    dof = max(len(counts) - 2, 1)
    phi = max(1.0, float(np.sum((counts - fitted) ** 2 / np.maximum(fitted, 1e-9))) / dof)
    flat_rate = counts.sum() / workdays.sum()
    # Keep the trend only when it explains clearly more than a flat rate would (a
    # quasi-likelihood ratio test); otherwise forecast the flat rate.
    gain = _deviance(counts, flat_rate * workdays) - _deviance(counts, fitted)
    if stats.chi2.sf(gain / phi, 1) < TREND_P_VALUE:
        mean = next_workdays * np.exp(intercept + slope * next_trend)
    else:
        mean = flat_rate * next_workdays
    lower, upper = {}, {}
    for level in LEVELS:
        tails = ((1 - level) / 2, (1 + level) / 2)
        if phi > 1.0 + 1e-9:
            size = mean / (phi - 1)
            low, high = (stats.nbinom.ppf(q, size, size / (size + mean)) for q in tails)
        else:
            low, high = (stats.poisson.ppf(q, mean) for q in tails)
        lower[level], upper[level] = pd.Series(low, index=future), pd.Series(high, index=future)
    return Forecast(pd.Series(mean, index=future), lower, upper)


def _poisson_trend(
    counts: np.ndarray, exposure: np.ndarray, trend: np.ndarray
) -> tuple[float, float]:
    """Maximum-likelihood (a, b) of counts ~ Poisson(exposure · exp(a + b·trend)), by
    Newton's method (a two-parameter fit: no solver library needed)."""
    x = np.column_stack([np.ones_like(trend), trend])
    beta = np.array([np.log(max(counts.sum(), 0.5) / exposure.sum()), 0.0])
    for _ in range(50):
        mean = exposure * np.exp(x @ beta)
        step = np.linalg.solve(x.T @ (x * mean[:, None]) + 1e-9 * np.eye(2), x.T @ (counts - mean))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return float(beta[0]), float(beta[1])


def _deviance(counts: np.ndarray, means: np.ndarray) -> float:
    """Poisson deviance of ``counts`` against ``means``."""
    means = np.maximum(means, 1e-9)
    ratio = np.where(counts > 0, counts * np.log(np.maximum(counts, 1e-9) / means), 0.0)
    return float(2 * np.sum(ratio - (counts - means)))


def seasonal_naive(history: pd.Series, horizon: int) -> Forecast:
    """Each period repeats the same period one season earlier; intervals from the spread of
    the history's seasonal differences."""
    m = season_length(history)
    future = future_index(history, horizon)
    values = history.to_numpy(dtype=float)
    mean = np.array([values[len(values) - m + (h % m)] for h in range(horizon)])
    spread = values[m:] - values[:-m]
    return _bounds(mean, spread, future)


def exponential_smoothing(history: pd.Series, horizon: int) -> Forecast:
    """Additive Holt-Winters (damped trend, seasonal when two seasons are known)."""
    m = season_length(history)
    seasonal = "add" if len(history) >= 2 * m else None
    fit = ExponentialSmoothing(
        history.to_numpy(dtype=float),
        trend="add",
        damped_trend=True,
        seasonal=seasonal,
        seasonal_periods=m if seasonal else None,
    ).fit()
    future = future_index(history, horizon)
    return _bounds(fit.forecast(horizon), history.to_numpy(dtype=float) - fit.fittedvalues, future)


FORECASTERS = {
    "calendar": calendar_model,
    "seasonal_naive": seasonal_naive,
    "ets": exponential_smoothing,
}


def _from_log(centre: np.ndarray, residuals: np.ndarray, future: pd.DatetimeIndex) -> Forecast:
    lower, upper = {}, {}
    for level in LEVELS:
        low, high = np.quantile(residuals, [(1 - level) / 2, (1 + level) / 2])
        lower[level] = pd.Series(np.expm1(centre + low).clip(min=0), index=future)
        upper[level] = pd.Series(np.expm1(centre + high), index=future)
    return Forecast(pd.Series(np.expm1(centre).clip(min=0), index=future), lower, upper)


def _bounds(mean, errors, future: pd.DatetimeIndex) -> Forecast:
    """Mean plus quantiles of past errors; counts cannot go below zero."""
    mean = np.asarray(mean, dtype=float)
    errors = np.asarray(errors, dtype=float)
    lower, upper = {}, {}
    for level in LEVELS:
        low, high = np.quantile(errors, [(1 - level) / 2, (1 + level) / 2])
        lower[level] = pd.Series((mean + low).clip(min=0), index=future)
        upper[level] = pd.Series((mean + high).clip(min=0), index=future)
    return Forecast(pd.Series(mean.clip(min=0), index=future), lower, upper)


def _monthly(history: pd.Series) -> bool:
    return len(history) > 1 and (history.index[1] - history.index[0]).days > 7
