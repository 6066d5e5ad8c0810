"""Inspection visits (巡查录入): which indicators are due at a site, saving one visit, editing
it (within a grace period, later only by an administrator with a reason), and closing a
rectification. Every change keeps the values it replaced in ``inspection_changes``.

An indicator is due at a site when it has not been checked in the current period of its
frequency (日常: the day; 1周: the week from Monday; 1月: the month; 半年: January-June or
July-December); it is overdue when a whole period before the current one passed without a
check (for 日常: the working day before). Only the district halls (区级大厅) are inspected
every working day; the other sites are covered once a month (the seed's 每月全覆盖巡查), so
there a frequency shorter than a month counts as monthly.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from effmon import config, labels
from effmon.errors import EffmonError
from effmon.store.frames import registered
from effmon.store.transaction import transaction
from effmon.workdays import is_workday

RESULTS = ("合格", "不合格", "不适用")
DAILY_LEVEL = "区级大厅"  # the only level inspected more often than monthly
FREQUENCIES = ("日常", "1周", "1月", "半年")
RECTIFIED, PENDING = "已整改", "待整改"
_ROW = ["indicator_id", "result", "finding", "rectify_by"]


def period_start(frequency: str, day: date) -> date:
    """The first day of the period of ``frequency`` that holds ``day``."""
    if frequency == "日常":
        return day
    if frequency == "1周":
        return day - timedelta(days=day.weekday())
    if frequency == "1月":
        return day.replace(day=1)
    if frequency == "半年":
        return day.replace(month=1 if day.month <= 6 else 7, day=1)
    raise ValueError(f"unknown frequency: {frequency}")


def previous_start(frequency: str, day: date) -> date:
    """The first day of the period before the one holding ``day``."""
    before = period_start(frequency, day) - timedelta(days=1)
    if frequency == "日常":
        while not is_workday(before):
            before -= timedelta(days=1)
    return period_start(frequency, before)


def due_indicators(con: duckdb.DuckDBPyConnection, day: date, site_id: str | None = None):
    """Per site (or one site) and applicable indicator, as of ``day``: site_id, level,
    indicator_id, name, method, frequency, last (the last check on or before ``day``),
    due, overdue."""
    frame = con.execute(
        """
        SELECT s.site_id, s.level, i.indicator_id, i.name, i.method, i.frequency,
               max(x.visit_date) AS last
        FROM sites s
        JOIN indicators i ON list_contains(string_split(i.site_levels, '|'), s.level)
        LEFT JOIN inspections x
            ON x.site_id = s.site_id AND x.indicator_id = i.indicator_id AND x.visit_date <= ?
        WHERE ? IS NULL OR s.site_id = ?
        GROUP BY ALL ORDER BY s.site_id, i.indicator_id
        """,
        [day, site_id, site_id],
    ).df()
    last = pd.to_datetime(frame["last"])
    shorter = frame["frequency"].isin(["日常", "1周"]) & (frame["level"] != DAILY_LEVEL)
    cycle = frame["frequency"].where(~shorter, "1月")
    for column, start in (("due", period_start), ("overdue", previous_start)):
        starts = cycle.map({f: pd.Timestamp(start(f, day)) for f in FREQUENCIES})
        frame[column] = last.isna() | (last < starts)
    return frame


def save_visit(
    con: duckdb.DuckDBPyConnection,
    site_id: str,
    day: date,
    inspector: str,
    person_days: float,
    rows: pd.DataFrame,
    now: datetime | None = None,
) -> str:
    """Store one visit: ``rows`` (indicator_id, result, finding, rectify_by) for indicators
    applicable to the site. All or nothing; returns the visit's id."""
    now = now or datetime.now()
    inspector = inspector.strip()
    if not inspector:
        raise EffmonError(labels.VISITS["no_inspector"])
    if day > now.date():
        raise EffmonError(labels.VISITS["future"].format(day=day))
    if not 0 < person_days <= 31:
        raise EffmonError(labels.VISITS["person_days"].format(value=person_days))
    applicable = set(due_indicators(con, day, site_id)["indicator_id"])
    if not applicable:
        raise EffmonError(labels.VISITS["unknown_site"].format(site=site_id))
    rows = _checked(rows[_ROW].copy(), applicable, day)
    visit_id = f"{site_id}-{day:%Y%m%d}-{now:%H%M%S%f}"
    rows = rows.assign(
        visit_id=visit_id,
        visit_date=day,
        site_id=site_id,
        inspector=inspector,
        rectify_state=[PENDING if r == "不合格" else None for r in rows["result"]],
    )
    with transaction(con):
        con.execute(
            "INSERT INTO visits VALUES (?, ?, ?, ?, ?, ?, 'app', NULL, ?)",
            [visit_id, site_id, day, inspector, person_days, now, now],
        )
        with registered(con, "_visit_rows", rows):
            con.execute(
                "INSERT INTO inspections BY NAME SELECT *, 'app' AS source_file, "
                "? AS loaded_at FROM _visit_rows",
                [now],
            )
    return visit_id


def visit(con: duckdb.DuckDBPyConnection, visit_id: str) -> tuple[dict, pd.DataFrame]:
    """One visit (site_id, visit_date, inspector, person_days, saved_at) and its rows
    (indicator_id, name, result, finding, rectify_by, rectify_state)."""
    head = con.execute("SELECT * FROM visits WHERE visit_id = ?", [visit_id]).df()
    if head.empty:
        raise EffmonError(labels.VISITS["unknown_visit"].format(visit=visit_id))
    rows = con.execute(
        """
        SELECT x.indicator_id, i.name, x.result, x.finding, x.rectify_by, x.rectify_state
        FROM inspections x LEFT JOIN indicators i USING (indicator_id)
        WHERE x.visit_id = ? ORDER BY x.indicator_id
        """,
        [visit_id],
    ).df()
    return head.iloc[0].to_dict(), rows


def edit_visit(
    con: duckdb.DuckDBPyConnection,
    visit_id: str,
    rows: pd.DataFrame,
    actor: str,
    *,
    reason: str = "",
    admin: bool = False,
    now: datetime | None = None,
) -> int:
    """Change the results of a saved visit (``rows``: indicator_id, result, finding,
    rectify_by). Within ``visit_edit_hours`` of saving anyone may; after that only an
    administrator giving a reason. Returns how many rows changed."""
    now = now or datetime.now()
    head, current = visit(con, visit_id)
    grace = timedelta(hours=float(config.get("visit_edit_hours")))
    if now - head["saved_at"] > grace and not (admin and reason.strip()):
        raise EffmonError(labels.VISITS["grace_over"].format(hours=grace.total_seconds() / 3600))
    day = pd.Timestamp(head["visit_date"]).date()
    rows = _checked(rows[_ROW].copy(), set(current["indicator_id"]), day)
    merged = current.merge(rows, on="indicator_id", suffixes=("", "_new"))
    merged["rectify_by"] = pd.to_datetime(merged["rectify_by"])
    merged["rectify_by_new"] = pd.to_datetime(merged["rectify_by_new"])
    differs = [_text(merged[c]) != _text(merged[f"{c}_new"]) for c in _ROW[1:]]
    changed = merged[differs[0] | differs[1] | differs[2]]
    with transaction(con):
        for row in changed.itertuples():
            _keep_before(con, _OF_VISIT, [visit_id, row.indicator_id], actor, reason, now)
            con.execute(
                """
                UPDATE inspections SET result = ?, finding = ?, rectify_by = ?,
                    rectify_state = CASE WHEN ? = '不合格' THEN coalesce(rectify_state, ?) END
                WHERE visit_id = ? AND indicator_id = ?
                """,
                [
                    row.result_new,
                    row.finding_new,
                    row.rectify_by_new,
                    row.result_new,
                    PENDING,
                    visit_id,
                    row.indicator_id,
                ],
            )
    return len(changed)


def close_rectification(
    con: duckdb.DuckDBPyConnection,
    site_id: str,
    indicator_id: str,
    visit_date: date,
    actor: str,
    note: str,
    now: datetime | None = None,
) -> None:
    """Mark a failed check as rectified (整改完成), keeping the state it had."""
    now = now or datetime.now()
    if not actor.strip():
        raise EffmonError(labels.VISITS["no_actor"])
    check = [site_id, indicator_id, visit_date]
    found = con.execute(f"SELECT rectify_state FROM inspections WHERE {_OF_CHECK}", check)
    states = found.fetchall()
    if not states or states[0][0] == RECTIFIED:
        raise EffmonError(labels.VISITS["nothing_open"])
    with transaction(con):
        _keep_before(con, _OF_CHECK, check, actor.strip(), note, now)
        con.execute(
            f"UPDATE inspections SET rectify_state = ? WHERE {_OF_CHECK}", [RECTIFIED, *check]
        )


def recent(con: duckdb.DuckDBPyConnection, site_id: str, limit: int = 10) -> pd.DataFrame:
    """The site's latest visits recorded in the app, newest first."""
    return con.execute(
        "SELECT * FROM visits WHERE site_id = ? ORDER BY visit_date DESC, saved_at DESC LIMIT ?",
        [site_id, limit],
    ).df()


def changes(con: duckdb.DuckDBPyConnection, site_id: str) -> pd.DataFrame:
    """Every change to the site's inspection records, newest first."""
    return con.execute(
        "SELECT * FROM inspection_changes WHERE site_id = ? ORDER BY changed_at DESC", [site_id]
    ).df()


# The rows one change touches: a saved visit's indicator, or a failed check of any source.
_OF_VISIT = "visit_id = ? AND indicator_id = ?"
_OF_CHECK = "site_id = ? AND indicator_id = ? AND visit_date = ? AND result = '不合格'"


def _keep_before(
    con: duckdb.DuckDBPyConnection,
    where: str,
    params: list,
    actor: str,
    reason: str | None,
    now: datetime,
) -> None:
    """Copy the rows about to change (``where``: _OF_VISIT or _OF_CHECK) into the history."""
    con.execute(
        f"""
        INSERT INTO inspection_changes
        SELECT visit_id, site_id, indicator_id, visit_date, ?, ?, ?, result, finding,
               rectify_by, rectify_state
        FROM inspections WHERE {where}
        """,
        [now, actor, reason or None, *params],
    )


def _text(values: pd.Series) -> pd.Series:
    """Values as text, a missing one as empty (so that None, NaN and NaT compare equal)."""
    return values.astype(object).where(values.notna(), "").astype(str)


def _checked(rows: pd.DataFrame, applicable: set[str], day: date) -> pd.DataFrame:
    """``rows`` with the checks of one visit enforced; the first problem is an error."""
    if rows.empty:
        raise EffmonError(labels.VISITS["empty"])
    for row in rows.itertuples():
        name = row.indicator_id
        if name not in applicable:
            raise EffmonError(labels.VISITS["not_applicable"].format(indicator=name))
        if row.result not in RESULTS:
            raise EffmonError(labels.VISITS["result"].format(indicator=name, value=row.result))
        if row.result == "不合格":
            if not isinstance(row.finding, str) or not row.finding.strip():
                raise EffmonError(labels.VISITS["finding"].format(indicator=name))
            if pd.isna(row.rectify_by) or pd.Timestamp(row.rectify_by).date() < day:
                raise EffmonError(labels.VISITS["rectify_by"].format(indicator=name))
    if rows["indicator_id"].duplicated().any():
        raise EffmonError(labels.VISITS["duplicate"])
    failed = rows["result"] == "不合格"
    rows["finding"] = rows["finding"].where(failed | rows["finding"].notna(), None)
    rows["rectify_by"] = pd.to_datetime(rows["rectify_by"].where(failed)).dt.date
    return rows
