"""Rolling-origin backtests: MASE and interval coverage of each forecaster.

At each origin the forecaster sees only the history up to it and forecasts the next
``horizon`` periods. MASE divides the mean absolute error of those forecasts by the mean
absolute error of the in-sample seasonal naive forecast (the same period one season
earlier) over the history before the first origin (Hyndman & Koehler 2006); below 1 beats
it. Coverage is the share of actual values inside the 95% interval.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effmon.forecast.models import forecasters, season_length


def mase_scale(history: pd.Series) -> float:
    """Mean absolute seasonal difference of ``history``: the MASE denominator."""
    m = season_length(history)
    values = history.to_numpy(dtype=float)
    return float(np.mean(np.abs(values[m:] - values[:-m])))


def mase(actual: np.ndarray, predicted: np.ndarray, scale: float) -> float:
    return float(np.mean(np.abs(np.asarray(actual) - np.asarray(predicted))) / scale)


def backtest(
    series: pd.Series,
    origins: int,
    horizon: int,
    ratio: bool = False,
) -> pd.DataFrame:
    """Per forecaster (of counts, or of ratios): mase and coverage_95 over ``origins``
    origins spaced ``horizon`` apart, the last one ``horizon`` periods before the series
    ends. Empty when the history before the first origin is not longer than a season (no
    seasonal error to scale by)."""
    first = len(series) - origins * horizon
    rows = []
    if first <= season_length(series):
        return pd.DataFrame(rows, columns=["forecaster", "mase", "coverage_95"])
    scale = mase_scale(series.iloc[:first])
    for name, forecaster in forecasters(ratio).items():
        actual, predicted, inside = [], [], []
        for k in range(origins):
            cut = first + k * horizon
            forecast = forecaster(series.iloc[:cut], horizon)
            truth = series.iloc[cut : cut + horizon].to_numpy(dtype=float)
            actual.append(truth)
            predicted.append(forecast.mean.to_numpy())
            inside.append(
                (truth >= forecast.lower[0.95].to_numpy())
                & (truth <= forecast.upper[0.95].to_numpy())
            )
        rows.append(
            {
                "forecaster": name,
                "mase": mase(np.concatenate(actual), np.concatenate(predicted), scale),
                "coverage_95": float(np.mean(np.concatenate(inside))),
            }
        )
    return pd.DataFrame(rows)
