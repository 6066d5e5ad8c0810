"""Key-time attendance (重点时段考勤): records derived from clock-in punches, summaries by
person, window, department and site, and the staff's violations of the service rules found
by inspections (the seed's 大厅人员管理 item).

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

import duckdb
import pandas as pd

from effmon import config
from effmon.store.filters import Filters, in_months
from effmon.store.frames import registered
from effmon.workdays import workdays_between

PRESENT, LATE, EARLY, ABSENT = "在岗", "迟到", "早退", "缺岗"
DIMENSIONS = {
    "staff_name": "a.staff_name",
    "window_name": "a.window_name",
    "department": "a.department",
    "site_id": "a.site_id",
}
# Inspection indicators about the staff's conduct (大厅人员管理: 违反服务规范情况).
STAFF_RULES = ("服务态度", "普通话与服务禁语", "重点时段考勤", "行为规范", "仪容仪表")


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


def derive(con: duckdb.DuckDBPyConnection, batch_id: int) -> int:
    """Attendance records of the people and days of one load of punches, from all their
    punches stored (a day may span two files); records derived before for them are
    replaced, any other record for the same person, day and slot (a spot check) stays.
    Returns how many records were written."""
    batch = con.execute(
        "SELECT min(punched_at)::DATE, max(punched_at)::DATE, list(DISTINCT staff_name), "
        "any_value(source_file), any_value(loaded_at) FROM punches WHERE batch_id = ?",
        [batch_id],
    ).fetchall()[0]
    first, last, names, source_file, loaded_at = batch
    if first is None:
        return 0
    punches = con.execute(
        "SELECT * FROM punches WHERE list_contains(?, staff_name) "
        "AND punched_at::DATE BETWEEN ? AND ?",
        [names, first, last],
    ).df()
    punches["day"] = punches["punched_at"].dt.date
    rows = []
    for _, person in punches.groupby(punches["staff_id"].fillna(punches["staff_name"])):
        who = person.sort_values("punched_at").iloc[-1]
        by_day = {d: list(g["punched_at"].dt.to_pydatetime()) for d, g in person.groupby("day")}
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
    con.execute(
        """
        DELETE FROM attendance WHERE list_contains(?, staff_name)
            AND check_date BETWEEN ? AND ?
            AND batch_id IN (SELECT batch_id FROM load_batches WHERE kind = 'punches')
        """,
        [names, first, last],
    )
    with registered(con, "_derived", pd.DataFrame(rows)):
        return con.execute(
            """
            INSERT INTO attendance BY NAME
            SELECT d.*, ? AS source_file, ? AS batch_id, ? AS loaded_at FROM _derived d
            WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.staff_name = d.staff_name
                              AND a.check_date = d.check_date AND a.slot = d.slot)
            """,
            [source_file, batch_id, loaded_at],
        ).fetchall()[0][0]


def summary(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Checks per value of ``dimension`` in months start..end: key, checks, present, late,
    early, absent, present_share; the most absences and late arrivals first."""
    where, params = filters.where("a")
    frame = con.execute(
        f"""
        SELECT {DIMENSIONS[dimension]} AS key, count(*) AS checks,
               count(*) FILTER (WHERE status = '在岗') AS present,
               count(*) FILTER (WHERE status = '迟到') AS late,
               count(*) FILTER (WHERE status = '早退') AS early,
               count(*) FILTER (WHERE status = '缺岗') AS absent
        FROM attendance a
        WHERE {in_months("a.check_date")} AND {where}
        GROUP BY ALL
        """,
        [start, end, *params],
    ).df()
    frame["present_share"] = frame["present"] / frame["checks"]
    return frame.sort_values(
        ["absent", "late", "early", "key"], ascending=[False, False, False, True], ignore_index=True
    )


def records(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, **match: str
) -> pd.DataFrame:
    """The attendance records in months start..end that are not 在岗, for the values in
    ``match`` (a dimension of DIMENSIONS → its value), newest first."""
    where, params = filters.where("a")
    for dimension, value in match.items():
        where += f" AND {DIMENSIONS[dimension]} = ?"
        params.append(value)
    return con.execute(
        f"""
        SELECT strftime(a.check_date, '%Y-%m-%d') AS check_date, a.slot, a.staff_name,
               a.department, a.site_id, a.window_name, a.checked_at, a.status, a.source_file
        FROM attendance a
        WHERE {in_months("a.check_date")} AND {where} AND a.status <> '在岗'
        ORDER BY a.check_date DESC, a.slot, a.staff_name
        """,
        [start, end, *params],
    ).df()


def staff_rule_violations(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Per month and site, the failed inspections of the staff-conduct indicators
    (STAFF_RULES): month, site_id, name, indicator, failures, findings."""
    where, params = filters.where("x", department=False)
    return con.execute(
        f"""
        SELECT strftime(x.visit_date, '%Y-%m') AS month, x.site_id, s.name,
               i.name AS indicator, count(*) AS failures,
               string_agg(DISTINCT x.finding, '；') AS findings
        FROM inspections x
        JOIN indicators i USING (indicator_id)
        LEFT JOIN sites s ON s.site_id = x.site_id
        WHERE x.result = '不合格' AND list_contains(?, i.name)
          AND {in_months("x.visit_date")} AND {where}
        GROUP BY ALL ORDER BY month DESC, failures DESC, x.site_id
        """,
        [list(STAFF_RULES), start, end, *params],
    ).df()


def _boundary(pairs: list[tuple[Slot, Slot]], n: int, day: date) -> datetime:
    """Midway between pair n's departure slot end and pair n+1's arrival slot start."""
    leave_end = datetime.combine(day, pairs[n][1].end)
    next_arrive = datetime.combine(day, pairs[n + 1][0].start)
    return leave_end + (next_arrive - leave_end) / 2
