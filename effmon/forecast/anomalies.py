"""Anomalies in daily and monthly metrics: values the calendar model did not expect.

No hand-written thresholds on the metric itself: a day is anomalous when its residual from
the calendar regression (in the log space, so holidays and make-up days are already
explained) is far from those of the days of its kind — a robust z-score, (r − median) /
(1.4826·MAD), beyond 3.5 ("一般") or 5 ("严重"). Working days and days off are scored
apart: days off have a fraction of the cases, so their logs scatter more, and against the
working days' scatter an ordinary quiet Sunday would look alarming. And no day scores
beyond what its count is under counting noise alone (a Poisson count around the expected
one, its tail probability in standard deviations), so a day expecting hardly any cases is
not alarming for a few cases more or less: one case on a National Day expecting six is a
tail of 1.3%, 2.2 standard deviations, no alert.

A month is anomalous when its count falls outside the 95% interval the model forecast for
it from the months before; its severity is how many interval half-widths away it lies
(beyond 2: "严重"). In a share or a mean, two anomalous months in a row in the same
direction may be a level shift (a new system, a reorganisation): both are reported and kept
as they are, so the model (which finds such steps) takes the new level from then on. Counts
rise and fall back (a surge), so for them every anomalous month counts as its expected value
in the later forecasts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from effmon.forecast.models import calendar_model, daily_regression
from effmon.workdays import workday_flags

DAY_Z = (3.5, 5.0)  # 一般, 严重
MONTH_WIDTHS = (1.0, 2.0)
MIN_HISTORY_MONTHS = 12  # a month is judged against a model of at least this many before it
COLUMNS = ["period", "value", "expected", "score", "severity", "direction"]


def daily_anomalies(history: pd.Series) -> pd.DataFrame:
    """Days whose value the calendar regression did not expect, newest first."""
    fitted, _ = daily_regression(history, pd.DatetimeIndex([]))
    values = history.to_numpy(dtype=float)
    residual = np.log1p(values) - fitted
    z = np.zeros(len(residual))
    workday = workday_flags(history.index)
    for kind in (workday, ~workday):
        if kind.any():
            centre = np.median(residual[kind])
            spread = 1.4826 * np.median(np.abs(residual[kind] - centre))
            z[kind] = (residual[kind] - centre) / max(spread, 1e-9)
    # No day is more unusual than its count is under counting noise alone.
    counting = _counting_z(values, np.clip(np.expm1(fitted), 0, None))
    z = np.where(z * counting > 0, np.sign(z) * np.minimum(abs(z), abs(counting)), 0.0)
    found = pd.DataFrame(
        {
            "period": history.index.strftime("%Y-%m-%d"),
            "value": history.to_numpy(),
            "expected": np.expm1(fitted).round(1),
            "score": z.round(2),
        }
    )
    return _graded(found, DAY_Z)


def _counting_z(values: np.ndarray, expected: np.ndarray) -> np.ndarray:
    """How unusual each count is under Poisson(expected), as a signed normal score: the
    probability of a count at least as low (or as high) turned into standard deviations."""
    low = stats.norm.isf(stats.poisson.cdf(values, expected))
    high = stats.norm.isf(stats.poisson.sf(values - 1, expected))
    return np.where(values < expected, -low, high)


def monthly_anomalies(
    history: pd.Series,
    months: int = 12,
    ratio: bool = False,
    widths: tuple[float, float] = MONTH_WIDTHS,
) -> pd.DataFrame:
    """Of the last ``months`` months, those outside the interval forecast from before them
    (``ratio``: a share or mean, else a count). An anomalous month counts as its expected
    value in the forecasts of the later ones, so one surge does not make the months after it
    look low, unless it is part of a level shift (see the module docstring). ``widths``:
    how many half-widths away an anomaly and a severe one lie."""
    cleaned = history.astype(float).copy()
    rows = []
    previous = 0.0  # the last month's score
    for t in range(max(len(history) - months, MIN_HISTORY_MONTHS), len(history)):
        forecast = calendar_model(cleaned.iloc[:t], 1, ratio=ratio)
        value, mean = float(history.iloc[t]), float(forecast.mean.iloc[0])
        bound = forecast.upper[0.95] if value >= mean else forecast.lower[0.95]
        score = (value - mean) / max(abs(float(bound.iloc[0]) - mean), 1e-9)
        if abs(score) > widths[0]:
            if ratio and previous * score > 0 and abs(previous) > widths[0]:
                cleaned.iloc[t - 1] = history.iloc[t - 1]
            else:
                cleaned.iloc[t] = mean
        previous = score
        rows.append(
            {
                "period": history.index[t].strftime("%Y-%m"),
                "value": value,
                "expected": round(mean, 4 if ratio else 1),
                "score": round(score, 2),
            }
        )
    return _graded(pd.DataFrame(rows, columns=COLUMNS[:4]), widths)


def _graded(found: pd.DataFrame, limits: tuple[float, float]) -> pd.DataFrame:
    size = found["score"].abs()
    found = found[size > limits[0]].assign(
        severity=np.where(size[size > limits[0]] > limits[1], "严重", "一般"),
        direction=np.where(found["score"][size > limits[0]] > 0, "up", "down"),
    )
    return found.sort_values("period", ascending=False, ignore_index=True)[COLUMNS]
