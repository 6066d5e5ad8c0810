"""Monthly inspections of every site, key-time attendance checks and peer benchmarks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np
import pandas as pd

from effmon.demo.places import Places, vocab
from effmon.workdays import workdays_between

FAIL_P = np.array([0.03, 0.045, 0.06, 0.05])  # by site level
HALF_YEAR_MONTHS = (1, 7)
SLOTS = [
    ("09:00", time(9, 0)),
    ("11:55", time(11, 55)),
    ("13:00", time(13, 0)),
    ("16:55", time(16, 55)),
]
CHECK_DAYS_PER_MONTH = 4


@dataclass(frozen=True)
class FieldPlan:
    end: date
    repeat_site: str  # site that fails the same indicator month after month
    repeat_indicator: str
    repeat_months: tuple[date, ...]


def inspections(
    plan: FieldPlan,
    places: Places,
    catalog: pd.DataFrame,
    months: list[date],
    rng: np.random.Generator,
) -> pd.DataFrame:
    """Visits as the plan has them: the district halls every working day (日常 indicators,
    weekly ones on the week's first visit, the rest on one day a month), every other site
    once a month with all its indicators; 半年 indicators in January and July."""
    inspectors = vocab()["inspectors"]
    found = vocab()["inspection_findings"]
    indicators = catalog.to_dict("records")
    rows = []
    for month in months:
        days = workdays_between(month, min(_month_end(month), plan.end))
        for site in places.sites.to_dict("records"):
            monthly = days[rng.integers(len(days))]
            daily = site["level_no"] == 0
            inspector = inspectors[rng.integers(len(inspectors))]
            week_firsts = {
                min(d for d in days if d.isocalendar()[:2] == w.isocalendar()[:2]) for w in days
            }
            for visit in days if daily else [monthly]:
                for ind in indicators:
                    if site["level"] not in ind["site_levels"].split("|"):
                        continue
                    if not _checked_on(ind["frequency"], visit, monthly, daily, week_firsts):
                        continue
                    planted = (site["site_id"], ind["indicator_id"]) == (
                        plan.repeat_site,
                        plan.repeat_indicator,
                    ) and month in plan.repeat_months
                    failed = planted or rng.random() < FAIL_P[site["level_no"]]
                    rectify_by = visit + timedelta(days=10)
                    state = None
                    if failed:
                        closed = rectify_by < plan.end and rng.random() < 0.9
                        state = "已整改" if closed else "待整改"
                    rows.append(
                        {
                            "visit_id": f"{site['site_id']}-{visit:%Y%m%d}",
                            "visit_date": visit,
                            "site_id": site["site_id"],
                            "indicator_id": ind["indicator_id"],
                            "inspector": inspector,
                            "result": "不合格" if failed else "合格",
                            "finding": _finding(found[ind["indicator_id"]], len(rows))
                            if failed
                            else None,
                            "rectify_by": rectify_by if failed else None,
                            "rectify_state": state,
                        }
                    )
    return pd.DataFrame(rows)


def _finding(options: list[str], n: int) -> str:
    """One of the concrete problems an inspector writes for the indicator, varied by the
    row (so the random draws, and with them the demo's figures, stay as they were)."""
    return options[n % len(options)]


def _checked_on(
    frequency: str, visit: date, monthly: date, daily: bool, week_firsts: set[date]
) -> bool:
    if daily and frequency == "日常":
        return True
    if daily and frequency == "1周":
        return visit in week_firsts
    if visit != monthly:
        return False
    return frequency != "半年" or visit.month in HALF_YEAR_MONTHS


def visits(checks: pd.DataFrame, sites: pd.DataFrame, plan: pd.DataFrame) -> pd.DataFrame:
    """One row per visit in ``checks``, its person-days the level's monthly plan shared
    out over the level's sites and each site's visits that month."""
    found = checks.drop_duplicates("visit_id")[["visit_id", "site_id", "visit_date", "inspector"]]
    found = found.merge(sites[["site_id", "level"]], on="site_id").merge(plan, on="level")
    month = pd.to_datetime(found["visit_date"]).dt.to_period("M")
    per_site = found.groupby(["site_id", month])["visit_id"].transform("count")
    days = found["person_days"] / found["sites"] / per_site
    return found.assign(person_days=days.round(2), saved_at=pd.to_datetime(found["visit_date"]))[
        ["visit_id", "site_id", "visit_date", "inspector", "person_days", "saved_at"]
    ]


def attendance(
    plan: FieldPlan, places: Places, months: list[date], rng: np.random.Generator
) -> pd.DataFrame:
    """Spot checks of window staff at the four key times on a few days a month."""
    staffed = places.windows.merge(places.sites[["site_id", "level_no"]], on="site_id")
    staffed = staffed[staffed["level_no"] <= 1]
    rows = []
    for month in months:
        days = workdays_between(month, min(_month_end(month), plan.end))
        for day in sorted(rng.choice(days, min(CHECK_DAYS_PER_MONTH, len(days)), replace=False)):
            for _, w in staffed.iterrows():
                for slot, at in SLOTS:
                    u = rng.random()
                    opening = slot in ("09:00", "13:00")
                    status = (
                        "在岗"
                        if u < 0.965
                        else ("迟到" if opening else "早退")
                        if u < 0.99
                        else "缺岗"
                    )
                    offset = (
                        rng.integers(-600, 240)
                        if status == "在岗"
                        else rng.integers(360, 1800)
                        if status == "迟到"
                        else -rng.integers(600, 1800)
                    )
                    punched = datetime.combine(day, at) + timedelta(seconds=int(offset))
                    rows.append(
                        {
                            "staff_name": w["staff"],
                            "staff_id": f"G{w.name:04d}",
                            "department": w["department"],
                            "site_id": w["site_id"],
                            "window_name": w["window_name"],
                            "check_date": day,
                            "slot": slot,
                            "checked_at": None if status == "缺岗" else punched,
                            "status": status,
                        }
                    )
    return pd.DataFrame(rows)


def benchmarks(rng: np.random.Generator, years: list[int]) -> pd.DataFrame:
    """Indicators of peer regions as analysts would enter them (demo values)."""
    b = vocab()["benchmarks"]
    rows = [
        {
            "region": region,
            "indicator": name,
            "period": str(year),
            "unit": unit,
            "value": round(float(base + spread * rng.normal(0, 0.5)), 1),
            "note": "演示数据",
        }
        for region in b["regions"]
        for name, unit, base, spread in b["indicators"]
        for year in years
    ]
    return pd.DataFrame(rows)


def _month_end(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
