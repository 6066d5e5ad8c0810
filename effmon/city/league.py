"""Districts compared on one catalog measure: the league table (each district's value with
its 95% interval, its place, and whether it stands apart from the city as a whole) and one
district's place month by month.

An interval is computed where the catalog's definition allows it from the parts: a share
by Wilson's score interval on its numerator and denominator, a count by the exact Poisson
interval; a mean, a quantile or a ratio of two measures has none (its spread is not in the
lake's aggregates), and its place is read from the value alone.
"""

from __future__ import annotations

from datetime import datetime

import numpy as np
import pandas as pd
from scipy import stats

from effmon.city.measures import lake_measure_frame
from effmon.semantic import catalog
from effmon.store.filters import Filters
from effmon.store.lake_engines import LakeEngine

Z95 = 1.959963984540054  # the normal quantile of a two-sided 95% interval
LEAGUE_COLUMNS = ["district", "value", "low", "high", "place", "versus_city"]
POSITION_COLUMNS = ["month", "value", "city_value", "place", "districts"]


def district_league(
    engine: LakeEngine,
    filters: Filters,
    start: str,
    end: str,
    key: str,
    as_of: datetime | None = None,
) -> tuple[pd.DataFrame, float]:
    """The league table of catalog measure ``key`` over months ``start``..``end`` (see
    compute_league), and the city's value."""
    by_district = lake_measure_frame(
        engine, filters, start, end, [key], ["district"], as_of, parts=True
    )
    city = lake_measure_frame(engine, filters, start, end, [key], [], as_of)[key]
    value = float(city.iloc[0]) if len(city) else np.nan
    return compute_league(by_district, key, value), value


def district_positions(
    engine: LakeEngine,
    filters: Filters,
    start: str,
    end: str,
    key: str,
    district: str,
) -> pd.DataFrame:
    """District ``district``'s place among the districts on measure ``key`` in each month
    of ``start``..``end`` (see compute_positions)."""
    monthly = lake_measure_frame(engine, filters, start, end, [key], ["district", "month"])
    city = lake_measure_frame(engine, filters, start, end, [key], ["month"])
    return compute_positions(monthly, city, key, district)


def compute_league(by_district: pd.DataFrame, key: str, city_value: float) -> pd.DataFrame:
    """Districts ranked on measure ``key`` from a frame of it by district (with its parts
    ``<key>__n``/``<key>__d``, lake_measure_frame's ``parts``): district, value, low and
    high (its 95% interval, NaN where none is defined), place (1 is best; for a measure of
    neither direction, 1 is the largest), versus_city ('above', 'below' when the interval
    leaves out the city's value, 'level' when it holds it, '' without an interval and for a
    count, which the city's total does not compare with)."""
    if by_district.empty:
        return pd.DataFrame(columns=LEAGUE_COLUMNS)
    table = by_district[["district", key]].rename(columns={key: "value"})
    low, high = _interval(by_district, key)
    table = table.assign(low=low, high=high).dropna(subset=["value"])
    table["place"] = _places(table["value"], key)
    # a count grows with its district and the city's is their sum: it is ranked, not compared
    apart = table["low"].isna() | (catalog.measure(key).kind == "count")
    table["versus_city"] = np.select(
        [apart, table["low"] > city_value, table["high"] < city_value],
        ["", "above", "below"],
        "level",
    )
    return table.sort_values("place", kind="stable", ignore_index=True)[LEAGUE_COLUMNS]


def compute_positions(
    monthly: pd.DataFrame, city: pd.DataFrame, key: str, district: str
) -> pd.DataFrame:
    """From measure ``key`` by district and month and the city's by month: per month the
    district's value, the city's, its place (1 is best) and how many districts had a value."""
    known = monthly.dropna(subset=[key])
    if known.empty or district not in set(known["district"]):
        return pd.DataFrame(columns=POSITION_COLUMNS)
    ranked = known.assign(place=known.groupby("month")[key].transform(lambda v: _places(v, key)))
    ranked["districts"] = ranked.groupby("month")[key].transform("size")
    own = ranked[ranked["district"] == district].rename(columns={key: "value"})
    city_values = city.set_index("month")[key].rename("city_value")
    own = own.join(city_values, on="month")
    return own.sort_values("month", ignore_index=True)[POSITION_COLUMNS]


def _places(values: pd.Series, key: str) -> pd.Series:
    """1 for the best value (the lowest of a measure where a rise is bad news), ties share
    the better place."""
    lowest_first = catalog.measure(key).direction == "down"
    return values.rank(method="min", ascending=lowest_first).astype(int)


def _interval(frame: pd.DataFrame, key: str) -> tuple[pd.Series, pd.Series]:
    measure = catalog.measure(key)
    nothing = pd.Series(np.nan, index=frame.index)
    numerator = frame.get(f"{key}__n")
    if numerator is None or measure.references:
        return nothing, nothing
    if measure.share:
        return _wilson(numerator.fillna(0), frame[f"{key}__d"])
    if measure.kind == "count":
        return _poisson(numerator.fillna(0))
    return nothing, nothing


def _wilson(successes: pd.Series, trials: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Wilson's score interval of a share: good where the share is near 0 or 1, as 好评率
    near 99.9% is."""
    n = trials.where(trials > 0)
    p = successes / n
    centre = (p + Z95**2 / (2 * n)) / (1 + Z95**2 / n)
    half = Z95 * np.sqrt(p * (1 - p) / n + Z95**2 / (4 * n**2)) / (1 + Z95**2 / n)
    return centre - half, centre + half


def _poisson(counts: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The exact (Garwood) interval of a count taken as a Poisson rate."""
    low = pd.Series(stats.chi2.ppf(0.025, 2 * counts) / 2, index=counts.index).fillna(0.0)
    high = pd.Series(stats.chi2.ppf(0.975, 2 * (counts + 1)) / 2, index=counts.index)
    return low, high
