"""好差评 evaluations of cases and complaints with their workflow events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from effmon.demo.places import HALL_SHARE, Places, vocab
from effmon.workdays import add_workdays, is_workday

LEVEL_P = np.array([0.905, 0.07, 0.015, 0.007, 0.003])  # 5★ .. 1★
DROP_P = ([0.7, 0.12, 0.08, 0.07, 0.03], [0.5, 0.15, 0.12, 0.15, 0.08])  # the falling department
COMMENT_P = {5: 0.1, 4: 0.12, 3: 0.4, 2: 0.85, 1: 0.85}
SOURCES = ["12345热线", "网上", "意见箱", "现场", "纪委转办"]
SOURCE_P = [0.55, 0.2, 0.1, 0.1, 0.05]
COMPLAINTS_PER_WORKDAY = 3.0
SURGE_PER_DAY = 5.0
LIMIT_CONSULT, LIMIT_COMPLAINT = 2, 15
HANDLING_DAYS = {"纪委转办": 10, None: 5}  # the 处理 step's limit (migration 0009)


@dataclass(frozen=True)
class FeedbackPlan:
    end: date
    drop_department: str
    drop_months: tuple[date, date]  # first days of the two months of falling satisfaction
    surge_street: str
    surge_start: date
    surge_end: date


def evaluations(
    plan: FeedbackPlan, cases: pd.DataFrame, rng: np.random.Generator, first_seq: int
) -> pd.DataFrame:
    """Five-level evaluations of a sample of ``cases``, with comments and 差评 follow-up."""
    online = (cases["channel"] == "网办").to_numpy()
    picked = rng.random(len(cases)) < np.where(online, 0.12, 0.3)
    ev = cases.loc[
        picked,
        [
            "case_id",
            "site_id",
            "department",
            "window_name",
            "staff",
            "channel",
            "received_at",
            "finished_at",
            "wait_minutes",
        ],
    ].reset_index(drop=True)
    n = len(ev)
    done = ev["finished_at"].fillna(ev["received_at"]).to_numpy("datetime64[s]")
    delay = np.where(
        ev["channel"] == "网办", rng.integers(3600, 48 * 3600, n), rng.integers(60, 1800, n)
    )
    evaluated = done + delay.astype("timedelta64[s]")

    # Long waits make a bad review four times likelier.
    p_bad = np.where(ev["wait_minutes"].fillna(0).to_numpy() > 40, 4.0, 1.0)
    bad = rng.random(n) < (LEVEL_P[3] + LEVEL_P[4]) * p_bad
    level = np.where(
        bad,
        np.where(rng.random(n) < 0.7, 2, 1),
        rng.choice([5, 4, 3], n, p=LEVEL_P[:3] / LEVEL_P[:3].sum()),
    )
    month = evaluated.astype("datetime64[M]")
    dropping = (ev["department"] == plan.drop_department).to_numpy()
    first, second = (np.datetime64(m, "M") for m in plan.drop_months)
    for drop_month, p in zip((first, second), DROP_P, strict=True):
        mask = dropping & (month == drop_month)
        level[mask] = rng.choice([5, 4, 3, 2, 1], mask.sum(), p=p)

    comments = [
        _comment(lv, drop, rng)
        for lv, drop in zip(level, dropping & (month >= first) & (month <= second), strict=True)
    ]
    channel = np.where(
        ev["channel"] == "网办",
        np.where(rng.random(n) < 0.6, "网上", "APP"),
        np.where(rng.random(n) < 0.8, "评价器", "短信"),
    )
    state, rectified = _followup(plan, level, evaluated, rng)
    return pd.DataFrame(
        {
            "evaluation_id": [f"PJ{s:010d}" for s in range(first_seq, first_seq + n)],
            "evaluated_at": evaluated,
            "site_id": ev["site_id"],
            "department": ev["department"],
            "window_name": ev["window_name"],
            "staff": ev["staff"],
            "channel": channel,
            "level": level,
            "comment": comments,
            "case_id": ev["case_id"],
            "followup_state": state,
            "rectified_at": rectified,
        }
    )


def _comment(level: int, in_drop: bool, rng: np.random.Generator) -> str | None:
    if rng.random() >= COMMENT_P[int(level)]:
        return None
    c = vocab()["comments"]
    if level >= 4:
        opener, closer = rng.choice(c["praise_openers"]), rng.choice(c["praise_closers"])
        return f"{opener}{rng.choice(c['praise'])}{closer}"
    if level == 3:
        return str(rng.choice(c["neutral"]))
    if in_drop and rng.random() < 0.6:
        text = rng.choice(c["drop_department_complaints"])
    else:
        aspect = c["complaints"][rng.integers(len(c["complaints"]))]
        text = rng.choice(aspect["text"])
    return f"{rng.choice(c['complaint_openers'])}{text}{rng.choice(c['complaint_closers'])}"


def _followup(
    plan: FeedbackPlan, level: np.ndarray, evaluated: np.ndarray, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Every 不满意/非常不满意 is revisited and rectified; the latest are still open."""
    n = len(level)
    age = (np.datetime64(plan.end) - evaluated.astype("datetime64[D]")).astype(int)
    bad = level <= 2
    state = np.where(age < 5, "待回访", np.where(age < 20, "已回访", "已整改"))
    stuck = rng.random(n) < 0.05
    state = np.where(stuck & (state == "已整改"), "已回访", state)
    rectified = evaluated + rng.integers(2 * 86400, 20 * 86400, n).astype("timedelta64[s]")
    return np.where(bad, state, None), np.where(
        bad & (state == "已整改"), rectified, np.datetime64("NaT")
    )


def complaints(
    plan: FeedbackPlan, places: Places, start: date, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Complaint tickets from all sources and their workflow events, surge included."""
    t = vocab()["complaint_texts"]
    sites = places.sites
    depts = places.departments
    weights = depts["weight"].to_numpy(float) / depts["weight"].sum()
    halls = sites.index[sites["level_no"] == 0].to_numpy()
    streets = sites.index[sites["level_no"] == 1].to_numpy()
    rooms = sites.index[sites["level_no"] == 2].to_numpy()
    surge_site = int(
        sites.index[(sites["level_no"] == 1) & (sites["street"] == plan.surge_street)][0]
    )
    tickets, events, complainants = [], [], []
    day = start
    while day <= plan.end:
        n = rng.poisson(COMPLAINTS_PER_WORKDAY * (1.0 if is_workday(day) else 0.3))
        jobs = [(False, None)] * n
        if plan.surge_start <= day <= plan.surge_end:
            jobs += [(True, surge_site)] * rng.poisson(SURGE_PER_DAY)
        for surge, fixed_site in jobs:
            u = rng.random()
            site = (
                fixed_site
                if surge
                else int(
                    rng.choice(halls, p=HALL_SHARE)
                    if u < 0.7
                    else rng.choice(streets)
                    if u < 0.95
                    else rng.choice(rooms)
                )
            )
            problem = (
                t["surge_problem"] if surge else t["problems"][rng.integers(len(t["problems"]))]
            )
            dept = (
                vocab()["planted"]["surge_department"]
                if surge
                else str(rng.choice(depts["department"], p=weights))
            )
            ticket, ticket_events = _ticket(
                plan, t, sites.loc[site], problem, dept, day, len(tickets), complainants, rng
            )
            tickets.append(ticket)
            events += ticket_events
        day += timedelta(1)
    return pd.DataFrame(tickets), pd.DataFrame(events)


def _ticket(
    plan: FeedbackPlan,
    t: dict,
    site: pd.Series,
    problem: list[str],
    dept: str,
    day: date,
    seq: int,
    complainants: list[str],
    rng: np.random.Generator,
) -> tuple[dict, list[dict]]:
    """One ticket and its workflow events up to the demo's last day."""
    category, title, detail = problem
    if complainants and rng.random() < 0.08:
        who = complainants[rng.integers(len(complainants))]
    else:
        who = f"A{rng.integers(10**7, 10**8)}"
        complainants.append(who)
    source = str(rng.choice(SOURCES, p=SOURCE_P))
    received = datetime.combine(day, datetime.min.time()) + timedelta(
        hours=float(rng.uniform(8, 17.9))
    )
    place = site["name"]
    body = f"{rng.choice(t['openers'])}到{place}，{detail}。{rng.choice(t['demands'])}"
    ticket_id = f"TS{day:%Y%m%d}{seq:06d}"
    limit = LIMIT_CONSULT if category in t["consult_categories"] else LIMIT_COMPLAINT
    due = datetime.combine(add_workdays(day, limit), datetime.min.time()) + timedelta(hours=17.5)
    late = rng.random() < 0.07
    # A unit on time answers within its 处理 step's own limit too (complaint_limits).
    in_time = min(limit, HANDLING_DAYS.get(source, HANDLING_DAYS[None]))
    handle_days = (
        int(rng.integers(limit + 1, limit + 6)) if late else int(rng.integers(0, max(in_time, 1)))
    )
    steps = [("受理", received, None)]
    checked = received + timedelta(hours=float(rng.uniform(1, 20)))
    steps.append(("核查", checked, received + timedelta(days=1)))
    if rng.random() < 0.25:
        steps.append(("督办", checked + timedelta(days=float(rng.uniform(1, 3))), due))
    handled = datetime.combine(add_workdays(day, handle_days), datetime.min.time()) + timedelta(
        hours=float(rng.uniform(9, 17))
    )
    # Each event is a step entered: the unit's work is 处理, from its dispatch (two hours
    # after 核查 or 督办) to its reply, when 回访 begins; 办结 follows the revisit call.
    dispatched = steps[-1][1] + timedelta(hours=2)
    handled = max(handled, dispatched + timedelta(hours=1))
    steps.append(("处理", dispatched, due))
    revisit = handled + timedelta(hours=float(rng.uniform(2, 48)))
    steps += [("回访", handled, None), ("办结", revisit + timedelta(minutes=10), due)]
    now = datetime.combine(plan.end, datetime.min.time()) + timedelta(hours=18)
    steps = [s for s in steps if s[1] <= now]
    closed = steps[-1][0] == "办结"
    replied = handled if handled <= now else None
    likes = int(rng.poisson(1.5)) if source == "网上" else None  # drawn in this order
    reply = str(rng.choice(t["replies"])) if replied else None
    result = str(rng.choice(t["results"], p=[0.6, 0.25, 0.15])) if replied else None
    if reply is not None and reply not in t["reply_fits"][result]:
        fits = t["reply_fits"][result]  # no further draw: the other events stay as they were
        reply = fits[seq % len(fits)]
    ticket = {
        "ticket_id": ticket_id,
        "source": source,
        "complainant": who,
        "title": f"{place}{title}",
        "body": body,
        "received_at": received,
        "category": category,
        "department": dept,
        "site_id": site["site_id"],
        "street": site["street"],
        "likes": likes,
        "dislikes": None,
        "reply_text": reply,
        "replied_at": replied,
        "closed_at": steps[-1][1] if closed else None,
        "result": result,
        "satisfaction": str(rng.choice(t["satisfaction"], p=[0.75, 0.18, 0.07]))
        if closed
        else None,
    }
    events = [
        {
            "ticket_id": ticket_id,
            "state": s,
            "happened_at": at,
            "due_at": due_at,
            "actor": "效能监察室" if s in ("受理", "核查", "督办", "回访", "办结") else dept,
            "note": None,
        }
        for s, at, due_at in steps
    ]
    return ticket, events
