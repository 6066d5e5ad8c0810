"""Key-time attendance (重点时段考勤) as rules: the status of each key time slot derived from
clock-in punches, and which inspection indicators are about the staff's conduct.

The key time slots come in pairs, an arrival and a departure (by default 09:00-09:05 with
11:55-12:00, and 13:00-13:05 with 16:55-17:00; setting ``attendance_slots``). For each half
day the first punch is the arrival: 在岗 by the end of the arrival slot, 迟到 later (before
the departure slot), 缺岗 when there is none. The last punch (when there are two or more,
or the only one comes after the departure slot began) is the departure: 在岗 from the start
of the departure slot, 早退 before it, 缺岗 when there is none. Every working day between
the first and last punch of a file counts for everyone in it: a day without punches is
缺岗 at every slot.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

import pandas as pd

from effmon import config
from effmon.workdays import workdays_between

PRESENT, LATE, EARLY, ABSENT = "在岗", "迟到", "早退", "缺岗"
# Inspection indicators about the staff's conduct (大厅人员管理: 违反服务规范情况).
STAFF_RULES = ("服务态度", "普通话与服务禁语", "重点时段考勤", "行为规范", "仪容仪表")
RECORD_COLUMNS = [
    "staff_name",
    "staff_id",
    "department",
    "site_id",
    "window_name",
    "check_date",
    "slot",
    "checked_at",
    "status",
]


@dataclass(frozen=True)
class Slot:
    start: time
    end: time

    @property
    def label(self) -> str:
        return self.start.strftime("%H:%M")


def slots() -> list[Slot]:
    """The configured key time slots, in order (arrival, departure, arrival, departure)."""
    found = []
    for part in config.get("attendance_slots").split(","):
        start, end = (time.fromisoformat(t.strip()) for t in part.split("-"))
        found.append(Slot(start, end))
    return found


def statuses(punches: list[datetime], day: date) -> dict[str, tuple[str, datetime | None]]:
    """The status of each key slot on ``day`` given that day's punches, with the punch it
    rests on (see the module docstring)."""
    pairs = list(zip(slots()[::2], slots()[1::2], strict=True))
    found = {}
    for n, (arrive, leave) in enumerate(pairs):
        low = _boundary(pairs, n - 1, day) if n else datetime.min
        high = _boundary(pairs, n, day) if n + 1 < len(pairs) else datetime.max
        inside = sorted(p for p in punches if low <= p < high)
        arrive_end = datetime.combine(day, arrive.end)
        leave_start = datetime.combine(day, leave.start)
        first = inside[0] if inside else None
        if first is None or first >= leave_start:
            found[arrive.label] = (ABSENT, None)
        else:
            found[arrive.label] = (PRESENT if first <= arrive_end else LATE, first)
        last = inside[-1] if len(inside) >= 2 or (first and first >= leave_start) else None
        if last is None:
            found[leave.label] = (ABSENT, None)
        else:
            found[leave.label] = (PRESENT if last >= leave_start else EARLY, last)
    return found


def derive_records(punches: pd.DataFrame, first: date, last: date) -> pd.DataFrame:
    """Attendance records of everyone in ``punches`` (staff_name, staff_id, department,
    site_id, window_name, punched_at) on every working day first..last: RECORD_COLUMNS. A
    person is known by staff_id, else by name, and filed under their latest punch's details."""
    days = punches["punched_at"].dt.date
    rows = []
    for _, person in punches.groupby(punches["staff_id"].fillna(punches["staff_name"])):
        who = person.sort_values("punched_at").iloc[-1]
        by_day = {
            d: list(g["punched_at"].dt.to_pydatetime())
            for d, g in person.groupby(days[person.index])
        }
        for day in workdays_between(first, last):
            for slot, (status, punch) in statuses(by_day.get(day, []), day).items():
                rows.append(
                    {
                        "staff_name": who["staff_name"],
                        "staff_id": who["staff_id"],
                        "department": who["department"],
                        "site_id": who["site_id"],
                        "window_name": who["window_name"],
                        "check_date": day,
                        "slot": slot,
                        "checked_at": punch,
                        "status": status,
                    }
                )
    return pd.DataFrame(rows, columns=RECORD_COLUMNS)


def _boundary(pairs: list[tuple[Slot, Slot]], n: int, day: date) -> datetime:
    """Midway between pair n's departure slot end and pair n+1's arrival slot start."""
    leave_end = datetime.combine(day, pairs[n][1].end)
    next_arrive = datetime.combine(day, pairs[n + 1][0].start)
    return leave_end + (next_arrive - leave_end) / 2
