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
    """One visit per site and month, checking every indicator due for its level."""
    inspectors = vocab()["inspectors"]
    indicators = catalog.to_dict("records")
    sites = places.sites.to_dict("records")
    rows = []
    for month in months:
        last = min(_month_end(month), plan.end)
        days = workdays_between(month, last)
        for site in sites:
            visit = days[rng.integers(len(days))]
            inspector = inspectors[rng.integers(len(inspectors))]
            for ind in indicators:
                if site["level"] not in ind["site_levels"].split("|"):
                    continue
                if ind["frequency"] == "半年" and month.month not in HALF_YEAR_MONTHS:
                    continue
                planted = (site["site_id"], ind["indicator_id"]) == (
                    plan.repeat_site,
                    plan.repeat_indicator,
                ) and month in plan.repeat_months
                failed = planted or rng.random() < FAIL_P[site["level_no"]]
                rectify_by = visit + timedelta(days=10)
                state = None
                if failed:
                    state = "已整改" if rectify_by < plan.end and rng.random() < 0.9 else "待整改"
                rows.append(
                    {
                        "visit_date": visit,
                        "site_id": site["site_id"],
                        "indicator_id": ind["indicator_id"],
                        "inspector": inspector,
                        "result": "不合格" if failed else "合格",
                        "finding": f"{ind['name']}：{ind['description']}" if failed else None,
                        "rectify_by": rectify_by if failed else None,
                        "rectify_state": state,
                    }
                )
    return pd.DataFrame(rows)


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
