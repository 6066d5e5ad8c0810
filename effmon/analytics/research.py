"""Research analysis (专项调研): what an event (a new system, a new hall) changed at a unit,
and how the district compares with peer regions.

Before/after: the daily volume, mean waiting time and windows open, working days only, in
the weeks before and after the event day, at the unit and at comparison units over the same
days. The effect is a difference in differences:

    effect = (unit after − unit before) − r · (comparison after − comparison before)

with r = unit before / comparison before, so the comparison's change is taken in proportion
to the unit's own level (a district that grows 5% would have made the unit grow 5% too). The
comparison units are the other sites of the unit's level (a 区级大厅 against the other
区级大厅), or all other sites when it has none; the other departments (streets, levels) for
a department (street, level); the same weeks a year earlier (52 weeks, same weekdays) for
the whole district or a mixed choice, where no unit is left to compare with. Without a
year of history there is nothing to compare with: the effect is then the unit's own change
(r = 0, with the same interval), and the report says it may hold the season's change.

Its 95% interval: the daily gap d = unit − r · comparison is regressed on a constant and
``post`` (1 from the event on); the coefficient of ``post`` is exactly the effect above (the
mean gap after minus before), and its standard error is Newey-West (HAC, HAC_LAGS working
days, t distribution) because neighbouring days are alike. Taking the gap day by day removes
everything the unit shares with the comparison on that day — season, weekday, a holiday's
eve, a district-wide surge — so a change the comparison also shows is not credited to the
event, and the estimate cannot move away from the data by extrapolating a trend (the
interrupted time series this replaced read a fall in daily means as a significant rise).
The raw means of the unit and of the comparison are kept beside the estimate.

Holidays and make-up working days come from effmon.workdays, so a holiday week neither
drags the "before" down nor is counted as a change.

Peers: the benchmarks analysts enter (region, indicator, period, value) against the
district's value of the same indicator and period (benchmark_indicators.csv says which
metric an indicator is and which direction is better).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from importlib import resources

import duckdb
import numpy as np
import pandas as pd
import statsmodels.api as sm

from effmon import config, labels
from effmon.analytics.overview import overview_total, span_of
from effmon.errors import EffmonError
from effmon.store import queries, research
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame
from effmon.workdays import workday_flags

MEASURES = ("cases", "wait_minutes_mean", "windows")
REOPEN_GAP = 3  # calendar days: a longer break ends in a "reopen" day
HAC_LAGS = 5
YEAR_SHIFT = timedelta(weeks=52)  # a year earlier, on the same weekdays
EFFECT_COLUMNS = [
    "measure", "before", "after", "difference", "comparison_before", "comparison_after",
    "comparison_relative", "expected", "effect", "effect_low", "effect_high", "p_value",
    "relative", "verdict", "days",
]  # fmt: skip


@dataclass(frozen=True)
class Window:
    """The event day and the days compared on each side."""

    event: date
    weeks: int

    @property
    def first(self) -> date:
        return self.event - timedelta(weeks=self.weeks)

    @property
    def last(self) -> date:
        return self.event + timedelta(weeks=self.weeks) - timedelta(days=1)


@dataclass(frozen=True)
class Comparison:
    """What the unit is compared with: ``filters`` over the same days shifted back by
    ``shift`` (zero: the same days), and how that reads (``kind``: a key of
    labels.RESEARCH["comparisons"], ``names``: the units, for the text)."""

    filters: Filters
    kind: str
    names: tuple[str, ...] = ()
    shift: timedelta = timedelta(0)


def comparison_for(con: duckdb.DuckDBPyConnection, filters: Filters) -> Comparison:
    """The comparison units of the scope ``filters`` (see the module docstring)."""
    sites = queries.dimension_values(con)["sites"]
    chosen = [name for name, values in _dimensions(filters).items() if values]
    if chosen == ["site_ids"]:
        own = sites[sites["site_id"].isin(filters.site_ids)]
        others = sites[~sites["site_id"].isin(filters.site_ids)]
        peers = others[others["level"].isin(own["level"])]
        if not peers.empty:
            return Comparison(
                Filters(site_ids=tuple(peers["site_id"])), "level",
                tuple(dict.fromkeys(own["level"])),
            )  # fmt: skip
        return Comparison(Filters(site_ids=tuple(others["site_id"])), "sites")
    if len(chosen) == 1:
        dimension = chosen[0]
        every = {
            "levels": sites["level"],
            "streets": sites["street"],
            "departments": queries.dimension_values(con)["departments"]["department"],
        }[dimension]
        rest = tuple(
            v for v in dict.fromkeys(every.dropna()) if v not in getattr(filters, dimension)
        )
        if rest:
            return Comparison(Filters(**{dimension: rest}), dimension)
    return Comparison(filters, "year", shift=YEAR_SHIFT)


def _dimensions(filters: Filters) -> dict[str, tuple[str, ...]]:
    return {
        "site_ids": filters.site_ids,
        "levels": filters.levels,
        "streets": filters.streets,
        "departments": filters.departments,
    }


def working_days(daily: pd.DataFrame) -> pd.DataFrame:
    """``daily`` (day, measures) on working days only, with weekday and reopen (first
    working day after a break of REOPEN_GAP+ days)."""
    days = pd.to_datetime(daily["day"])
    kept = daily[workday_flags(days)].copy()
    kept["day"] = pd.to_datetime(kept["day"])
    gap = kept["day"].diff().dt.days
    kept["reopen"] = (gap >= REOPEN_GAP).astype(float)
    kept["weekday"] = kept["day"].dt.day_of_week
    return kept.reset_index(drop=True)


def compute_effects(
    days: pd.DataFrame, comparison: pd.DataFrame, window: Window, shift: timedelta = timedelta(0)
) -> pd.DataFrame:
    """One row per measure of MEASURES (columns: EFFECT_COLUMNS) from ``days``, the unit's
    working days in the window (working_days), and ``comparison``, the comparison units'
    working days ``shift`` earlier: the unit's means before and after and their difference;
    the comparison's means and relative change; expected (the unit's change had it moved as
    the comparison did); effect (difference − expected, the difference in differences) with
    its 95% interval and p-value; relative (effect / mean before); verdict ("up", "down" or
    "none": whether the interval excludes zero); days (working days used, both sides)."""
    event = pd.Timestamp(window.event)
    shifted = comparison.assign(day=pd.to_datetime(comparison["day"]) + shift)
    paired = days.merge(shifted, on="day", suffixes=("", "_comparison"))
    post = paired["day"] >= event
    least = config.get_int("research_min_days")
    if post.sum() < least or (~post).sum() < least:
        raise EffmonError(
            labels.RESEARCH["too_few_days"].format(
                minimum=least, before=int((~post).sum()), after=int(post.sum())
            )
        )
    rows = []
    for measure in MEASURES:
        unit = paired[measure].astype(float)
        other = paired[f"{measure}_comparison"].astype(float)
        usable = unit.notna() & other.notna()
        if usable[post].sum() < least or usable[~post].sum() < least:
            continue
        rows.append({"measure": measure, **_effect(unit[usable], other[usable], post[usable])})
    return pd.DataFrame(rows, columns=EFFECT_COLUMNS)


def _effect(unit: pd.Series, other: pd.Series, post: pd.Series) -> dict:
    before, after = unit[~post].mean(), unit[post].mean()
    other_before, other_after = other[~post].mean(), other[post].mean()
    ratio = before / other_before if other_before else 0.0
    gap = (unit - ratio * other).to_numpy()
    design = np.column_stack([np.ones(len(gap)), post.to_numpy(dtype=float)])
    fit = sm.OLS(gap, design).fit(cov_type="HAC", cov_kwds={"maxlags": HAC_LAGS}, use_t=True)
    effect = float(fit.params[1])
    low, high = fit.conf_int(0.05)[1]
    verdict = "none" if low <= 0 <= high else ("up" if effect > 0 else "down")
    return {
        "before": before,
        "after": after,
        "difference": after - before,
        "comparison_before": other_before if other_before else np.nan,
        "comparison_after": other_after if other_before else np.nan,
        "comparison_relative": other_after / other_before - 1 if other_before else np.nan,
        "expected": ratio * (other_after - other_before),
        "effect": effect,
        "effect_low": low,
        "effect_high": high,
        "p_value": float(fit.pvalues[1]),
        "relative": effect / before if before else np.nan,
        "verdict": verdict,
        "days": len(gap),
    }


def benchmark_indicators() -> pd.DataFrame:
    """indicator (as analysts name it), metric (overview metric key), scale (to the
    benchmark's unit), better (+1 higher is better, −1 lower)."""
    with (
        resources.files("effmon.analytics")
        .joinpath("benchmark_indicators.csv")
        .open(encoding="utf-8") as handle
    ):
        return pd.read_csv(handle)


def peer_gaps(peers: pd.DataFrame, ours: dict[str, float]) -> pd.DataFrame:
    """The benchmarks (region, indicator, value, unit, note: its recorded source) beside the
    district's value of each indicator (``ours``: metric key → value, as overview metrics
    are): indicator, unit, region, peer, ours, gap (ours − peer, in the benchmark's unit),
    standing ("ahead", "behind", "level" or "unknown" when the district has no such value),
    source (the note, empty when none was recorded)."""
    known = benchmark_indicators().set_index("indicator")
    rows = []
    for peer in peers.to_dict("records"):
        spec = known.loc[peer["indicator"]] if peer["indicator"] in known.index else None
        value = ours.get(spec["metric"], np.nan) * spec["scale"] if spec is not None else np.nan
        gap = value - peer["value"]
        if np.isnan(gap):
            standing = "unknown"
        elif abs(gap) < 1e-9:
            standing = "level"
        else:
            standing = "ahead" if gap * spec["better"] > 0 else "behind"
        rows.append(
            {
                "indicator": peer["indicator"],
                "unit": peer["unit"],
                "region": peer["region"],
                "peer": peer["value"],
                "ours": value,
                "gap": gap,
                "standing": standing,
                "source": note.strip() if isinstance(note := peer.get("note"), str) else "",
            }
        )
    columns = ["indicator", "unit", "region", "peer", "ours", "gap", "standing", "source"]
    return pd.DataFrame(rows, columns=columns)


def district_values(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> dict[str, float]:
    """The district's overview metrics over months start..end taken together, with the
    instant-case share (即办件占比): metric key → value."""
    total = overview_total(con, filters, start, end, "period").iloc[0].drop("month")
    instant = measure_frame(con, filters, start, end, ["instant_share"], []).iloc[0]
    return {**total.astype(float).to_dict(), "instant_share": instant["instant_share"]}


def gaps_in(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """The district's gaps to the peers in ``period`` ('YYYY': its months held so far, or
    'YYYY-MM'); see peer_gaps."""
    span = span_of(con, period)
    ours = district_values(con, Filters(), span.start, span.end)
    return peer_gaps(research.benchmarks(con, period), ours)


def before_after(
    con: duckdb.DuckDBPyConnection, filters: Filters, window: Window
) -> tuple[pd.DataFrame, pd.DataFrame, Comparison]:
    """The unit's daily operation (effmon.store.research.daily_operation) on the working
    days of the window, with the comparison's scaled to the unit's level before the event
    (columns ``comparison_<measure>``, for charts), its effects (compute_effects) and the
    comparison used (comparison_for)."""
    days = working_days(research.daily_operation(con, filters, window.first, window.last))
    comparison = comparison_for(con, filters)
    other = working_days(
        research.daily_operation(
            con, comparison.filters, window.first - comparison.shift,
            window.last - comparison.shift,
        )
    )  # fmt: skip
    try:
        effects = compute_effects(days, other, window, comparison.shift)
    except EffmonError:
        if comparison.kind != "year":
            raise
        # no year of history: the unit's own change, said to include the season's
        comparison = Comparison(filters, "none")
        other = days.assign(**dict.fromkeys(MEASURES, 0.0))
        effects = compute_effects(days, other, window)
    return _with_comparison(days, other, window, comparison.shift), effects, comparison


def _with_comparison(
    days: pd.DataFrame, other: pd.DataFrame, window: Window, shift: timedelta
) -> pd.DataFrame:
    """``days`` with each measure of the comparison, scaled so that its mean before the
    event is the unit's: the path the unit would have followed had it moved as they did."""
    shifted = other.assign(day=pd.to_datetime(other["day"]) + shift)[["day", *MEASURES]]
    paired = days.merge(shifted, on="day", how="left", suffixes=("", "_comparison"))
    before = paired["day"] < pd.Timestamp(window.event)
    for measure in MEASURES:
        column = f"{measure}_comparison"
        base = paired.loc[before, column].mean()
        ratio = paired.loc[before, measure].mean() / base if base else np.nan
        paired[column] = paired[column] * ratio
    return paired
