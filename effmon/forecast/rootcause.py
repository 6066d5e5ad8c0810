"""异常解构: which combinations of dimension values explain an anomaly in a total.

In the manner of Adtributor (Bhagwan et al., NSDI 2014), applied recursively for
combinations of two dimensions (as R-Adtributor and Squeeze do) and repeatedly for causes in
different dimensions. Given, per leaf (one value of every dimension), the actual and the
expected value of the anomalous period:

- a value's deviation is actual − expected over its leaves; it is significant when it
  exceeds SIGNIFICANCE times its noise: the robust spread of the leaves' relative
  deviations scaled by the value's size, plus the Poisson noise of a count (at least
  that of one event);
- explanatory power EP(v) = |deviation(v)| / Σ|deviation| over the dimension's values, so a
  rise and a fall elsewhere are both explained;
- surprise of v: the Jensen-Shannon divergence between its expected share of the total and
  its actual share.

In each dimension the significant values are taken in order of surprise until together they
explain EP_TARGET (as few as that needs); the dimension whose set is most surprising wins.
Each value found is searched again over the other dimensions: when one value there holds
most of its deviation, the cause is the pair ("X 街道 的 Y 类问题"). The leaves explained are
then set to their expected values and the search repeats for causes elsewhere, until no
value's deviation is significant.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

EP_TARGET = 0.67
SIGNIFICANCE = 5.0
MAX_DEPTH = 2
MAX_ROUNDS = 5


@dataclass(frozen=True)
class Cause:
    """One combination of dimension values and its part of the change."""

    where: tuple[tuple[str, str], ...]  # (dimension, value) pairs
    actual: float
    expected: float
    share: float  # of the whole change (negative: against it)


def localize(leaves: pd.DataFrame, dimensions: list[str]) -> list[Cause]:
    """The causes of the change in ``leaves`` (dimensions…, actual, expected), largest first."""
    leaves = leaves.astype({"actual": float, "expected": float})
    total = float(leaves["actual"].sum() - leaves["expected"].sum())
    relative = (leaves["actual"] - leaves["expected"]) / leaves["expected"].where(
        leaves["expected"] > 0
    )
    noise = 1.4826 * float((relative - relative.median()).abs().median())
    remaining = leaves.copy()
    found: list[tuple] = []
    for _ in range(MAX_ROUNDS):
        wheres = _search(remaining, dimensions, (), MAX_DEPTH, noise)
        if not wheres:
            break
        found += wheres
        for where in wheres:
            mask = _mask(remaining, where)
            remaining.loc[mask, "actual"] = remaining.loc[mask, "expected"]
    causes = [_cause(leaves, where, total) for where in found]
    return sorted(causes, key=lambda c: -abs(c.actual - c.expected))


def _search(
    leaves: pd.DataFrame, dimensions: list[str], where: tuple, depth: int, noise: float
) -> list[tuple]:
    found = _best_values(leaves, dimensions, noise)
    if found is None:
        return [where] if where else []
    dimension, values = found
    result = []
    for value in values:
        inside = leaves[leaves[dimension] == value]
        rest = [d for d in dimensions if d != dimension]
        narrower = (*where, (dimension, value))
        deeper = _search(inside, rest, narrower, depth - 1, noise) if depth > 1 and rest else []
        # Only a single value holding most of this value's deviation refines it.
        result += deeper if len(deeper) == 1 else [narrower]
    return result


def _best_values(
    leaves: pd.DataFrame, dimensions: list[str], noise: float
) -> tuple[str, list] | None:
    best, best_score = None, 0.0
    for dimension in dimensions:
        grouped = leaves.assign(square=leaves["expected"] ** 2).groupby(dimension)
        sums = grouped[["actual", "expected", "square"]].sum()
        deviation = sums["actual"] - sums["expected"]
        # Noise of a value: the leaves' relative spread, plus Poisson noise (these are
        # counts; one event where none was expected is still chance).
        spread = np.sqrt(noise**2 * sums["square"] + np.maximum(sums["expected"], 1.0))
        significant = deviation.abs() > SIGNIFICANCE * spread + 1e-9
        if not significant.any():
            continue
        ep = deviation.abs() / deviation.abs().sum()
        surprise = _surprise(sums["expected"], sums["actual"])
        chosen, explained = [], 0.0
        for value in surprise[significant].sort_values(ascending=False).index:
            chosen.append(value)
            explained += ep[value]
            if explained >= EP_TARGET:
                break
        score = float(surprise[chosen].sum()) * min(explained / EP_TARGET, 1.0)
        if best is None or score > best_score:
            best, best_score = (dimension, chosen), score
    return best


def _surprise(expected: pd.Series, actual: pd.Series) -> pd.Series:
    p = (expected / max(expected.sum(), 1e-12)).to_numpy()
    q = (actual / max(actual.sum(), 1e-12)).to_numpy()
    m = (p + q) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        part_p = np.where(p > 0, p * np.log(p / m), 0.0)
        part_q = np.where(q > 0, q * np.log(q / m), 0.0)
    return pd.Series(0.5 * (part_p + part_q), index=expected.index)


def _mask(leaves: pd.DataFrame, where: tuple) -> np.ndarray:
    mask = np.ones(len(leaves), dtype=bool)
    for dimension, value in where:
        mask &= (leaves[dimension] == value).to_numpy()
    return mask


def _cause(leaves: pd.DataFrame, where: tuple, total: float) -> Cause:
    mask = _mask(leaves, where)
    actual = float(leaves.loc[mask, "actual"].sum())
    expected = float(leaves.loc[mask, "expected"].sum())
    return Cause(where, actual, expected, (actual - expected) / total if total else 0.0)
