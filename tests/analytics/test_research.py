"""Research analysis: before/after estimates on synthetic series with a known step, holidays,
and the peer comparison."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from effmon.analytics.research import (
    YEAR_SHIFT,
    Window,
    compute_effects,
    peer_gaps,
    working_days,
)
from effmon.errors import EffmonError

EVENT = date(2025, 6, 2)  # a Monday, away from holidays


def _daily(
    step: float, seed: int = 1, weeks: int = 8, event: date = EVENT, trend: float = 0.0
) -> pd.DataFrame:
    """Calendar days around ``event``: cases ~ 100 + weekday pattern + ``trend`` a day +
    noise, stepping by ``step`` from the event on; waits and windows flat."""
    rng = np.random.default_rng(seed)
    days = [event - timedelta(weeks=weeks) + timedelta(n) for n in range(14 * weeks)]
    weekday = np.array([[12, 4, 0, -2, -8, 0, 0][d.weekday()] for d in days])
    after = np.array([d >= event for d in days])
    return pd.DataFrame(
        {
            "day": days,
            "cases": 100 + weekday + trend * np.arange(len(days)) + step * after
            + rng.normal(0, 5, len(days)),
            "wait_minutes_mean": 15 + rng.normal(0, 1, len(days)),
            "windows": 20 + rng.normal(0, 1, len(days)),
        }
    )  # fmt: skip


def _effects(unit: pd.DataFrame, other: pd.DataFrame, event: date = EVENT) -> pd.DataFrame:
    window = Window(event, 8)
    return compute_effects(working_days(unit), working_days(other), window).set_index("measure")


def test_a_known_step_is_found_within_its_interval():
    effects = _effects(_daily(step=20), _daily(step=0, seed=2))
    cases = effects.loc["cases"]
    assert cases["effect_low"] <= 20 <= cases["effect_high"]
    assert cases["effect_low"] > 0 and cases["verdict"] == "up"
    assert cases["relative"] == pytest.approx(cases["effect"] / cases["before"])
    assert cases["difference"] == pytest.approx(cases["after"] - cases["before"])


def test_the_effect_is_the_difference_in_differences():
    unit, other = _daily(step=20), _daily(step=0, seed=2)
    cases = _effects(unit, other).loc["cases"]
    ratio = cases["before"] / cases["comparison_before"]
    expected = ratio * (cases["comparison_after"] - cases["comparison_before"])
    assert cases["expected"] == pytest.approx(expected)
    assert cases["effect"] == pytest.approx(cases["difference"] - expected)


def test_no_step_is_no_significant_change():
    effects = _effects(_daily(step=0), _daily(step=0, seed=2))
    assert (effects["verdict"] == "none").all()
    assert effects.loc["cases", "effect_low"] < 0 < effects.loc["cases", "effect_high"]


def test_a_change_the_comparison_shares_is_no_effect():
    """A district-wide rise (both series trend up by the same amount) is not the event's."""
    effects = _effects(_daily(step=0, trend=0.5), _daily(step=0, seed=2, trend=0.5))
    assert effects.loc["cases", "difference"] > 15  # the unit's raw means did rise
    assert effects.loc["cases", "verdict"] == "none"


def test_a_trend_is_not_extrapolated_into_a_change():
    """Rising before and flat after: the means barely move, and a model with a free trend
    would read a fall; the comparison over the same days shows none."""
    unit = _daily(step=0)
    days = pd.to_datetime(unit["day"])
    climb = ((days - pd.Timestamp(EVENT)).dt.days.clip(upper=0) + 56) * 0.4
    unit["cases"] = unit["cases"] + climb.to_numpy()
    other = _daily(step=0, seed=2)
    other["cases"] = other["cases"] + climb.to_numpy()
    assert _effects(unit, other).loc["cases", "verdict"] == "none"


def test_a_falling_measure_is_down():
    frame = _daily(step=0).assign(
        wait_minutes_mean=lambda f: (
            np.where(pd.to_datetime(f["day"]) >= pd.Timestamp(EVENT), 9, 16)
            + np.random.default_rng(3).normal(0, 0.5, len(f))
        )
    )
    effects = _effects(frame, _daily(step=0, seed=2))
    assert effects.loc["wait_minutes_mean", "verdict"] == "down"
    assert effects.loc["wait_minutes_mean", "effect_high"] < -5


def test_a_comparison_a_year_earlier_is_paired_by_weekday():
    unit = _daily(step=20)
    earlier = _daily(step=0, seed=2, event=EVENT - YEAR_SHIFT)
    window = Window(EVENT, 8)
    effects = compute_effects(
        working_days(unit), working_days(earlier), window, YEAR_SHIFT
    ).set_index("measure")
    assert effects.loc["cases", "effect_low"] <= 20 <= effects.loc["cases", "effect_high"]
    assert effects.loc["cases", "days"] >= 70


def test_holidays_are_left_out_and_the_day_after_is_marked():
    days = pd.date_range("2025-09-22", "2025-10-17").date
    daily = pd.DataFrame({"day": days, "cases": 1.0})
    kept = working_days(daily)
    kept_days = set(kept["day"].dt.date)
    assert date(2025, 9, 28) in kept_days  # a Sunday made a working day (调休)
    assert not any(date(2025, 10, d) in kept_days for d in range(1, 9))  # 国庆 and 中秋
    assert date(2025, 10, 11) in kept_days  # a Saturday made a working day
    reopened = kept.loc[kept["reopen"] == 1, "day"].dt.date.tolist()
    assert reopened == [date(2025, 10, 9)]


def test_a_holiday_slump_is_no_effect():
    """Zero cases on the National Day holiday after the event must not read as a fall."""
    event = date(2025, 9, 15)
    frame = _daily(step=0, event=event)
    holiday = pd.to_datetime(frame["day"]).between("2025-10-01", "2025-10-08")
    frame.loc[holiday, "cases"] = 0
    effects = _effects(frame, _daily(step=0, seed=2, event=event), event)
    assert effects.loc["cases", "verdict"] == "none"


def test_too_few_days_is_a_clear_error():
    with pytest.raises(EffmonError, match="事件前后各需至少 10 个工作日"):
        short = working_days(_daily(step=0, weeks=1))
        compute_effects(short, short, Window(EVENT, 1))


def test_peer_gaps_know_which_direction_is_better():
    peers = pd.DataFrame(
        {
            "region": ["深圳", "深圳", "苏州"],
            "indicator": ["网办率", "平均等候时长", "一网通办事项占比"],
            "value": [88.0, 9.0, 92.0],
            "unit": ["%", "分钟", "%"],
        }
    )
    gaps = peer_gaps(peers, {"online_share": 0.9, "wait_minutes_mean": 12.0}).set_index("indicator")
    assert gaps.loc["网办率", "ours"] == pytest.approx(90.0)
    assert gaps.loc["网办率", "standing"] == "ahead"
    assert gaps.loc["平均等候时长", "gap"] == pytest.approx(3.0)
    assert gaps.loc["平均等候时长", "standing"] == "behind"  # waiting longer is worse
    assert gaps.loc["一网通办事项占比", "standing"] == "unknown"


def test_the_interval_covers_the_true_effect_about_95_times_in_100():
    """Over many synthetic stores with a known step (and noise shared by unit and
    comparison, like a district-wide busy day) the interval holds the step about as often as
    it claims, and a store without a step is called significant about 5 times in 100."""
    covered, false_alarms = 0, 0
    for seed in range(100):
        shared = np.random.default_rng(1000 + seed).normal(0, 8, 14 * 8)
        unit, other = _daily(step=10, seed=seed), _daily(step=0, seed=500 + seed)
        unit["cases"] += shared
        other["cases"] += shared
        cases = _effects(unit, other).loc["cases"]
        covered += cases["effect_low"] <= 10 <= cases["effect_high"]
        null = _effects(_daily(step=0, seed=seed), other).loc["cases"]
        false_alarms += null["verdict"] != "none"
    assert covered >= 88
    assert false_alarms <= 12
