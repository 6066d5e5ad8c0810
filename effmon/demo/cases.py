"""Service cases with weekly and yearly seasonality, holidays, channels, waits and limits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

from effmon.demo.places import HALL_SHARE, Places
from effmon.workdays import is_workday

CHANNELS = np.array(["窗口", "网办", "自助终端", "延时服务"], dtype=object)
WINDOW, ONLINE, SELF, EXTENDED = range(4)
CASES_PER_WORKDAY = 600
MONTH_FACTOR = np.array([0.85, 0.7, 1.15, 1.05, 1.0, 1.0, 1.05, 1.0, 1.1, 0.9, 1.0, 1.1])
WEEKDAY_FACTOR = np.array([1.2, 1.05, 1.0, 1.0, 0.9, 0.8, 0.8])
BASE_WAIT = np.array([14.0, 8.0, 4.0, 0.0])  # minutes by site level
OVERDUE_SHARE = 0.035


@dataclass(frozen=True)
class CasePlan:
    """The calendar and the planted events that shape the cases."""

    start: date
    end: date  # last day with data: the demo's "today"
    scale: float
    launch_site: int  # site number of the hall whose new system cuts waits
    launch_date: date
    spike_dept: int  # department whose delayed-service cases spike
    spike_start: date
    spike_end: date


def month_cases(
    plan: CasePlan,
    places: Places,
    first: date,
    last: date,
    rng: np.random.Generator,
    workdays: np.ndarray,
    first_seq: int,
) -> pd.DataFrame:
    """All cases received from ``first`` to ``last``, with the columns of the cases table."""
    days = [first + timedelta(n) for n in range((last - first).days + 1)]
    span = max((plan.end - plan.start).days, 1)
    counts = [
        rng.poisson(
            CASES_PER_WORKDAY
            * plan.scale
            * MONTH_FACTOR[d.month - 1]
            * WEEKDAY_FACTOR[d.weekday()]
            * (1 + 0.08 * (d - plan.start).days / 365)
            * (1.0 if is_workday(d) else 0.12)
        )
        for d in days
    ]
    n = int(sum(counts))
    day = np.repeat(np.array(days, dtype="datetime64[D]"), counts)
    workday = np.repeat([is_workday(d) for d in days], counts)
    progress = (day - np.datetime64(plan.start)).astype(float) / span

    online = 0.38 + 0.17 * progress
    u = rng.random(n)
    channel = np.where(
        u < online,
        ONLINE,
        np.where(u < online + 0.06, SELF, np.where(u < online + 0.11, EXTENDED, WINDOW)),
    )
    channel = np.where(~workday, np.where(rng.random(n) < 0.85, ONLINE, EXTENDED), channel)

    depts = places.departments
    weights = depts["weight"].to_numpy(float)
    dept = rng.choice(len(depts), n, p=weights / weights.sum())
    self_weights = weights * depts["self_service"].to_numpy()
    is_self = channel == SELF
    dept[is_self] = rng.choice(len(depts), is_self.sum(), p=self_weights / self_weights.sum())
    in_spike = (
        (dept == plan.spike_dept)
        & (day >= np.datetime64(plan.spike_start))
        & (day <= np.datetime64(plan.spike_end))
    )
    channel[in_spike & (channel == WINDOW) & (rng.random(n) < 0.5)] = EXTENDED

    site, level = _sites(places, dept, channel, rng)
    window_name, staff = _windows(places, site, dept, channel, rng)
    received = day.astype("datetime64[s]") + _seconds_of_day(channel, workday, rng)
    wait = _wait_minutes(plan, site, level, channel, received, rng)

    items = places.items
    item = np.empty(n, dtype=np.int64)
    for d in range(len(depts)):
        mask = dept == d
        choices = np.flatnonzero(items["dept_no"].to_numpy() == d)
        item[mask] = rng.choice(choices, mask.sum())
    promised = items["promised_days"].to_numpy()[item]
    finished = _finished_at(received, promised, workdays, rng)
    open_now = finished > np.datetime64(plan.end) + np.timedelta64(18, "h")

    return pd.DataFrame(
        {
            "case_id": [f"BJ{s:010d}" for s in range(first_seq, first_seq + n)],
            "item": items["item"].to_numpy()[item],
            "department": depts["department"].to_numpy()[dept],
            "site_id": np.where(
                site >= 0, places.sites["site_id"].to_numpy()[np.maximum(site, 0)], None
            ),
            "window_name": window_name,
            "channel": CHANNELS[channel],
            "received_at": received,
            "finished_at": np.where(open_now, np.datetime64("NaT"), finished),
            "promised_days": promised,
            "wait_minutes": wait,
            "status": np.where(open_now, "在办", "办结"),
            "staff": staff,
        }
    )


def _sites(
    places: Places, dept: np.ndarray, channel: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Site number and level of each case (-1 and 4 for online cases)."""
    n = len(dept)
    sites = places.sites
    by_level = [np.flatnonzero(sites["level_no"].to_numpy() == lv) for lv in range(4)]
    local = places.departments["local"].to_numpy()[dept]
    u = rng.random(n)
    level = np.where(local, np.where(u < 0.55, 0, np.where(u < 0.9, 1, 2)), 0)
    level = np.where(channel == SELF, 3, np.where(channel == ONLINE, 4, level))
    site = np.full(n, -1)
    for lv in range(4):
        mask = level == lv
        p = HALL_SHARE if lv == 0 else None
        site[mask] = rng.choice(by_level[lv], mask.sum(), p=p)
    return site, level


def _windows(
    places: Places,
    site: np.ndarray,
    dept: np.ndarray,
    channel: np.ndarray,
    rng: np.random.Generator,
):
    """Window and staff of each counter case (None for online and self-service)."""
    windows = places.windows
    n = len(site)
    counter = (channel == WINDOW) | (channel == EXTENDED)
    # Halls have windows per department, street and community sites shared ones (dept -1).
    key_site = windows["site_no"].to_numpy()
    key_dept = windows["dept_no"].to_numpy()
    groups: dict[tuple[int, int], np.ndarray] = {}
    for idx, key in enumerate(zip(key_site, key_dept, strict=True)):
        groups.setdefault(key, []).append(idx)
    choice = np.full(n, -1)
    hall = np.isin(site, places.sites.index[places.sites["level_no"] == 0])
    lookup_dept = np.where(hall, dept, -1)
    for (s, d), idxs in groups.items():
        mask = counter & (site == s) & (lookup_dept == d)
        if mask.any():
            choice[mask] = rng.choice(np.array(idxs), mask.sum())
    names = windows["window_name"].to_numpy(object)
    staff = windows["staff"].to_numpy(object)
    has = choice >= 0
    return np.where(has, names[np.maximum(choice, 0)], None), np.where(
        has, staff[np.maximum(choice, 0)], None
    )


def _seconds_of_day(
    channel: np.ndarray, workday: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    n = len(channel)
    morning = rng.random(n) < 0.55
    hours = np.where(
        morning,
        np.clip(rng.normal(10.2, 0.8, n), 9, 11.95),
        np.clip(rng.normal(14.8, 1.0, n), 13, 16.95),
    )
    extended = np.where(rng.random(n) < 0.6, rng.uniform(12, 13, n), rng.uniform(17, 19, n))
    extended = np.where(workday, extended, rng.uniform(9.5, 12, n))
    hours = np.where(channel == EXTENDED, extended, hours)
    hours = np.where(channel == ONLINE, np.clip(rng.normal(14, 4, n), 0, 23.99), hours)
    return (hours * 3600).astype("timedelta64[s]")


def _wait_minutes(
    plan: CasePlan,
    site: np.ndarray,
    level: np.ndarray,
    channel: np.ndarray,
    received: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    n = len(site)
    hour = (received - received.astype("datetime64[D]")).astype(float) / 3600
    peak = np.where(((hour > 9.5) & (hour < 11)) | ((hour > 14) & (hour < 16)), 1.4, 1.0)
    base = BASE_WAIT[np.minimum(level, 3)] * peak * rng.gamma(2.0, 0.5, n)
    launched = (site == plan.launch_site) & (received >= np.datetime64(plan.launch_date))
    base = np.where(launched, base * 0.55, base)
    base = np.where(channel == EXTENDED, base * 0.6, base)
    counter = (channel == WINDOW) | (channel == EXTENDED)
    return np.where(counter, np.round(base, 1), np.nan)


def _finished_at(
    received: np.ndarray, promised: np.ndarray, workdays: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    n = len(received)
    start = np.searchsorted(workdays, received.astype("datetime64[D]"))
    needed = np.round(promised * rng.beta(2, 3, n)).astype(int)  # most finish well early
    overdue = rng.random(n) < OVERDUE_SHARE
    needed = np.where(overdue & (promised > 0), promised + rng.integers(1, 6, n), needed)
    finish_day = workdays[np.minimum(start + needed, len(workdays) - 1)]
    same_day = received + rng.integers(5 * 60, 40 * 60, n).astype("timedelta64[s]")
    later = finish_day.astype("datetime64[s]") + rng.integers(9 * 3600, 17 * 3600, n).astype(
        "timedelta64[s]"
    )
    return np.where(needed == 0, same_day, np.maximum(later, same_day))
