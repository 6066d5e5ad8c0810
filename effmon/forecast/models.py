"""Forecasters: a calendar model (the model), seasonal naive and exponential smoothing
(the baselines). Each takes a history (a Series with a DatetimeIndex of days, of the Mondays
of weeks or of month starts) and a horizon and returns a Forecast with 80% and 95% intervals.

The calendar model has three forms:

- daily counts: log(1 + y) regressed on the calendar features of effmon.forecast.features
  and a linear trend (ridge regression); its intervals are quantiles of its residuals in the
  log space, so they follow the data's spread and stay positive;
- weekly and monthly counts (such as complaints of one category, often small): a Poisson
  regression of the rate per day on a trend, where a working day counts 1 and a day off
  OFF_DAY_WEIGHT, with negative-binomial intervals whose overdispersion comes from the fit's
  Pearson residuals; the trend is extrapolated only when a quasi-likelihood ratio test finds
  it (p < 0.001), else the series' overall rate is; monthly counts with 13 months or more
  also have a factor per calendar month (the Spring Festival lull of February), shrunk
  towards none by how precise the counts are (see _yearly);
- ratios (a share, a mean waiting time): a level and the period's share of days off (more
  is done online over holidays), by least squares weighted towards recent periods (half a
  season's half-life), with Student-t intervals from the weighted residuals. A clear step
  in the level (a new system) is a term of its own, so the forecast starts from the new
  level as soon as two periods show it; a linear trend (the online share growing month by
  month) is extrapolated only when it is clear (p < 0.001, as for counts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np
import pandas as pd
from scipy import stats
from sklearn.linear_model import Ridge
from statsmodels.tsa.holtwinters import ExponentialSmoothing

from effmon.forecast.features import day_features, period_days

LEVELS = (0.8, 0.95)
TREND_P_VALUE = 0.001  # how clear a trend must be to be extrapolated
SEASON_MIN_MONTHS = 13  # months of history before a month's own level is looked for
SEASON_SD = 0.15  # the prior spread of a calendar month's effect on counts, in log terms
OFF_DAY_WEIGHT = 0.2  # a day off's volume relative to a working day's, in period counts
SHIFT_T = 6.0  # how clear (in standard errors) a step in a ratio must be to be a new level
SEASONS = {"daily": 7, "weekly": 52, "monthly": 12}
_PERIOD_DAYS = {"daily": 1, "weekly": 7, "monthly": None}


@dataclass
class Forecast:
    """Point forecasts and interval bounds per future period (index: the periods)."""

    mean: pd.Series
    lower: dict[float, pd.Series]
    upper: dict[float, pd.Series]

    def scaled(self, factor: float) -> Forecast:
        """The same forecast in other units (a share in %)."""
        return Forecast(
            self.mean * factor,
            {level: bound * factor for level, bound in self.lower.items()},
            {level: bound * factor for level, bound in self.upper.items()},
        )


def frequency(history: pd.Series) -> str:
    """ "daily", "weekly" or "monthly", from the spacing of the history's periods."""
    if len(history) < 2:
        return "monthly"
    days = (history.index[1] - history.index[0]).days
    return "daily" if days == 1 else "weekly" if days == 7 else "monthly"


def future_index(history: pd.Series, horizon: int) -> pd.DatetimeIndex:
    """The ``horizon`` periods after the history's last one."""
    days = _PERIOD_DAYS[frequency(history)]
    step = pd.offsets.MonthBegin(1) if days is None else pd.offsets.Day(days)
    return pd.date_range(history.index[-1] + step, periods=horizon, freq=step)


def season_length(history: pd.Series) -> int:
    """Periods in a year (52 weeks, 12 months), or 7 for days."""
    return SEASONS[frequency(history)]


def calendar_model(history: pd.Series, horizon: int, ratio: bool = False) -> Forecast:
    """The calendar model (see the module docstring); ``ratio`` for shares and means."""
    future = future_index(history, horizon)
    days = _PERIOD_DAYS[frequency(history)]
    if ratio:
        return _levels(history, future, days)
    if days == 1:
        fitted, predicted = daily_regression(history, future)
        return _from_log(predicted, np.log1p(history.to_numpy(dtype=float)) - fitted, future)
    return _period_counts(history, future, days)


def daily_regression(history: pd.Series, future: pd.DatetimeIndex) -> tuple[np.ndarray, np.ndarray]:
    """The daily calendar regression of log(1 + y): its fitted values over the history and
    its predictions for ``future``."""
    trend = np.arange(len(history) + len(future), dtype=float) / max(len(history), 1)
    x_past, x_next = day_features(history.index), day_features(future)
    x_past["trend"], x_next["trend"] = trend[: len(history)], trend[len(history) :]
    model = Ridge(alpha=1.0).fit(x_past, np.log1p(history.to_numpy(dtype=float)))
    return model.predict(x_past), model.predict(x_next) if len(future) else np.array([])


def _exposure(starts: pd.DatetimeIndex, days: int | None) -> np.ndarray:
    workdays, off_days = period_days(starts, days).T
    return workdays + OFF_DAY_WEIGHT * off_days


def _period_counts(history: pd.Series, future: pd.DatetimeIndex, days: int | None) -> Forecast:
    n = len(history)
    trend = np.arange(n + len(future), dtype=float) / max(n, 1)
    x = np.column_stack([np.ones_like(trend), trend])
    counts = history.to_numpy(dtype=float)
    exposure, next_exposure = _exposure(history.index, days), _exposure(future, days)
    fitted = exposure * np.exp(x[:n] @ _poisson_fit(counts, exposure, x[:n]))
    # The spread of the series as it is, season included: the intervals are never narrower
    # than the history's month-to-month scatter.
    phi = _overdispersion(counts, fitted, x.shape[1])
    if days is None and n >= SEASON_MIN_MONTHS:
        season, next_season = _yearly(history.index, future, counts, fitted, phi)
        exposure, next_exposure = exposure * season, next_exposure * next_season
    # Keep the trend only when it explains clearly more than a flat rate would (a
    # quasi-likelihood ratio test); otherwise forecast the flat rate.
    full = _poisson_fit(counts, exposure, x[:n])
    flat = counts.sum() / exposure.sum()
    gain = _deviance(counts, flat * exposure) - _deviance(counts, exposure * np.exp(x[:n] @ full))
    if stats.chi2.sf(gain / phi, 1) < TREND_P_VALUE:
        mean = next_exposure * np.exp(x[n:] @ full)
    else:
        mean = flat * next_exposure
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


def _yearly(
    months: pd.DatetimeIndex,
    future: pd.DatetimeIndex,
    counts: np.ndarray,
    fitted: np.ndarray,
    phi: float,
) -> tuple[np.ndarray, np.ndarray]:
    """The factor of each calendar month (February's Spring Festival lull, December's rush)
    over the history's and the future's months: the mean log ratio of the month's counts to
    the fit without a season, shrunk towards none by how precise the counts are (a log
    count's variance is about phi / mean; the effects' prior spread SEASON_SD). So a district
    total of thousands a month learns February from one year, while a category of a few
    complaints a month keeps no season it cannot tell from noise."""
    ratio = np.log((counts + 0.5) / (fitted + 0.5))
    weight = fitted / phi
    of_month = months.month.to_numpy()
    effect = np.zeros(13)
    for m in np.unique(of_month):
        seen = of_month == m
        effect[m] = (weight[seen] * ratio[seen]).sum() / (weight[seen].sum() + SEASON_SD**-2)
    return np.exp(effect[of_month]), np.exp(effect[future.month.to_numpy()])


def _overdispersion(counts: np.ndarray, fitted: np.ndarray, parameters: int) -> float:
    """Variance = phi · mean, phi from the Pearson residuals (at least 1)."""
    dof = max(len(counts) - parameters, 1)
    return max(1.0, float(np.sum((counts - fitted) ** 2 / np.maximum(fitted, 1e-9))) / dof)


def _levels(history: pd.Series, future: pd.DatetimeIndex, days: int | None) -> Forecast:
    y = history.to_numpy(dtype=float)
    shift = _level_shift(y)
    trend = np.arange(len(y) + len(future), dtype=float) / max(len(y), 1)

    def design(starts: pd.DatetimeIndex, step: np.ndarray, slope: np.ndarray) -> np.ndarray:
        workdays, off_days = period_days(starts, days).T
        return np.column_stack(
            [np.ones(len(starts)), off_days / (workdays + off_days), step, slope]
        )

    step = np.arange(len(y)) >= shift if shift else np.zeros(len(y))
    x = design(history.index, step, trend[: len(y)])
    x_next = design(future, np.full(len(future), bool(shift)), trend[len(y) :])
    half_life = max(SEASONS[frequency(history)] / 2, 1)
    w = 0.5 ** ((len(y) - 1 - np.arange(len(y))) / half_life)
    fit = _weighted_fit(x, y, w, bool(shift))
    if stats.t.sf(abs(fit.t_last), fit.dof) * 2 >= TREND_P_VALUE:  # no clear trend
        x, x_next = x[:, :-1], x_next[:, :-1]
        fit = _weighted_fit(x, y, w, bool(shift))
    mean = x_next @ fit.beta
    lower, upper = {}, {}
    for level in LEVELS:
        half = stats.t.ppf((1 + level) / 2, fit.dof) * fit.sigma * np.sqrt(1 + 1 / fit.n_eff)
        lower[level] = pd.Series((mean - half).clip(min=0), index=future)
        upper[level] = pd.Series(mean + half, index=future)
    return Forecast(pd.Series(mean.clip(min=0), index=future), lower, upper)


@dataclass
class _Fit:
    beta: np.ndarray
    sigma: float  # one period's residual spread
    dof: float
    n_eff: float  # the weights' effective number of periods
    t_last: float  # the last coefficient in standard errors


def _weighted_fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, shifted: bool) -> _Fit:
    """Least squares of ``y`` on ``x`` weighted by ``w``; a step column of zeros (no shift)
    costs no degree of freedom."""
    gram = x.T @ (x * w[:, None]) + 1e-6 * np.eye(x.shape[1])
    beta = np.linalg.solve(gram, x.T @ (w * y))
    residual = y - x @ beta
    n_eff = w.sum() ** 2 / (w**2).sum()
    dof = max(n_eff - x.shape[1] + (not shifted), 1)
    sigma = float(np.sqrt(np.sum(w * residual**2) / w.sum() * n_eff / dof))
    inverse = np.linalg.inv(gram)
    covariance = sigma**2 * inverse @ (x.T @ (x * (w**2)[:, None])) @ inverse
    return _Fit(beta, sigma, dof, n_eff, beta[-1] / max(np.sqrt(covariance[-1, -1]), 1e-12))


def _level_shift(y: np.ndarray) -> int:
    """Where the series' level last changed for good: the split, with at least two periods
    after it, whose means before and after differ most, in standard errors of that
    difference; 0 (no shift) when they differ by SHIFT_T or less."""
    best, best_t = 0, SHIFT_T
    for split in range(3, len(y) - 1):
        before, after = y[:split], y[split:]
        pooled = np.sqrt(
            (before.var() * len(before) + after.var() * len(after)) / max(len(y) - 2, 1)
        )
        t = abs(after.mean() - before.mean()) / max(
            pooled * np.sqrt(1 / len(before) + 1 / len(after)), 1e-12
        )
        if t > best_t:
            best, best_t = split, t
    return best


def _poisson_fit(counts: np.ndarray, exposure: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Maximum-likelihood coefficients of counts ~ Poisson(exposure · exp(x · beta)), the
    first column of ``x`` the constant, by Newton's method (no solver library needed)."""
    beta = np.zeros(x.shape[1])
    beta[0] = np.log(max(counts.sum(), 0.5) / exposure.sum())
    for _ in range(50):
        mean = exposure * np.exp(x @ beta)
        hessian = x.T @ (x * mean[:, None]) + 1e-9 * np.eye(x.shape[1])
        step = np.linalg.solve(hessian, x.T @ (counts - mean))
        beta += step
        if np.abs(step).max() < 1e-10:
            break
    return beta


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


def forecasters(ratio: bool = False) -> dict[str, Callable[[pd.Series, int], Forecast]]:
    """The model and its baselines, by name, for counts or for ratios."""
    return {
        "calendar": partial(calendar_model, ratio=ratio),
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
    """Mean ± the quantile of the past errors' sizes; nothing goes below zero."""
    mean = np.asarray(mean, dtype=float)
    sizes = np.abs(np.asarray(errors, dtype=float))
    lower, upper = {}, {}
    for level in LEVELS:
        half = np.quantile(sizes, level)
        lower[level] = pd.Series((mean - half).clip(min=0), index=future)
        upper[level] = pd.Series((mean + half).clip(min=0), index=future)
    return Forecast(pd.Series(mean.clip(min=0), index=future), lower, upper)
