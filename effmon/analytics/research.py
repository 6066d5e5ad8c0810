"""Research analysis (专项调研): what changed around an event, and how the district compares
with peer regions.

Before/after: the daily volume, mean waiting time and windows open, working days only, in
the weeks before and after the event day. Two estimates of the change, each with a 95%
interval:

- difference in means (Welch's t interval): after − before;
- interrupted time series: y = a + b·t + c·post + d·post·t + weekday effects + e·reopen,
  with t the days from the event, post 1 from the event on, and reopen 1 on the first
  working day after a break of three days or more (the queue built up over a holiday). The
  level change c is the jump at the event beyond the trend; its interval uses
  Newey-West (HAC) errors, since neighbouring days are alike.

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
from scipy import stats

from effmon import config, labels
from effmon.analytics.overview import overview_total, span_of
from effmon.errors import EffmonError
from effmon.store import research
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame
from effmon.workdays import workday_flags

MEASURES = ("cases", "wait_minutes_mean", "windows")
REOPEN_GAP = 3  # calendar days: a longer break ends in a "reopen" day
HAC_LAGS = 5
EFFECT_COLUMNS = [
    "measure", "before", "after", "difference", "difference_low", "difference_high",
    "level", "level_low", "level_high", "p_value", "relative", "verdict",
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


def working_days(daily: pd.DataFrame) -> pd.DataFrame:
    """``daily`` (day, measures) on working days only, with t (days from the event is set
    later), weekday and reopen (first working day after a break of REOPEN_GAP+ days)."""
    days = pd.to_datetime(daily["day"])
    kept = daily[workday_flags(days)].copy()
    kept["day"] = pd.to_datetime(kept["day"])
    gap = kept["day"].diff().dt.days
    kept["reopen"] = (gap >= REOPEN_GAP).astype(float)
    kept["weekday"] = kept["day"].dt.day_of_week
    return kept.reset_index(drop=True)


def compute_effects(days: pd.DataFrame, window: Window) -> pd.DataFrame:
    """One row per measure of MEASURES (columns: EFFECT_COLUMNS), from ``days``, the
    window's working days (working_days): the means before and after, their difference and
    the interrupted-time-series level change, each with its 95% interval, the p-value of the
    level change, the change relative to the mean before, and the verdict ("up", "down" or
    "none": whether the level change's interval excludes zero)."""
    event = pd.Timestamp(window.event)
    post = days["day"] >= event
    least = config.get_int("research_min_days")
    if post.sum() < least or (~post).sum() < least:
        raise EffmonError(
            labels.RESEARCH["too_few_days"].format(
                minimum=least, before=int((~post).sum()), after=int(post.sum())
            )
        )
    rows = []
    for measure in MEASURES:
        values = days[measure].astype(float)
        usable = values.notna()
        if usable[post].sum() < least or usable[~post].sum() < least:
            continue
        rows.append(
            {"measure": measure, **_effect(days[usable], values[usable], post[usable], event)}
        )
    return pd.DataFrame(rows, columns=EFFECT_COLUMNS)


def _effect(days: pd.DataFrame, values: pd.Series, post: pd.Series, event: pd.Timestamp) -> dict:
    before, after = values[~post], values[post]
    welch = stats.ttest_ind(after, before, equal_var=False)
    interval = welch.confidence_interval(0.95)
    t = (days["day"] - event).dt.days.astype(float)
    design = pd.DataFrame(
        {
            "const": 1.0,
            "t": t,
            "post": post.astype(float),
            "post_t": post.astype(float) * t,
            "reopen": days["reopen"],
            **{f"weekday_{k}": (days["weekday"] == k).astype(float) for k in range(1, 5)},
        }
    )
    design = design.loc[:, design.std().gt(0) | (design.columns == "const")]
    fit = sm.OLS(values.to_numpy(), design).fit(cov_type="HAC", cov_kwds={"maxlags": HAC_LAGS})
    low, high = fit.conf_int(0.05).loc["post"]
    level = fit.params["post"]
    verdict = "none" if low <= 0 <= high else ("up" if level > 0 else "down")
    return {
        "before": before.mean(),
        "after": after.mean(),
        "difference": after.mean() - before.mean(),
        "difference_low": interval.low,
        "difference_high": interval.high,
        "level": level,
        "level_low": low,
        "level_high": high,
        "p_value": fit.pvalues["post"],
        "relative": level / before.mean() if before.mean() else np.nan,
        "verdict": verdict,
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
    """The benchmarks (region, indicator, value, unit) beside the district's value of each
    indicator (``ours``: metric key → value, as overview metrics are): indicator, unit,
    region, peer, ours, gap (ours − peer, in the benchmark's unit), standing ("ahead",
    "behind", "level" or "unknown" when the district has no such value)."""
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
            }
        )
    columns = ["indicator", "unit", "region", "peer", "ours", "gap", "standing"]
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
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The daily operation of the window (effmon.store.research.daily_operation) on the
    working days the analysis uses, to be shown beside its effects (compute_effects)."""
    days = working_days(research.daily_operation(con, filters, window.first, window.last))
    return days, compute_effects(days, window)
