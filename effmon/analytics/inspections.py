"""Inspections on the store: what is due where, visits saved and edited, rectifications and
their states, the monthly coverage board, the prompt letters (提示函) and the indicator
catalog edited, by the rules of effmon.domain (inspection_calendar, inspection_visits,
indicator_catalog)."""

from __future__ import annotations

import json
from datetime import date, datetime

import duckdb
import pandas as pd

from effmon import labels
from effmon.domain import indicator_catalog
from effmon.domain import inspection_calendar as calendar
from effmon.domain import inspection_visits as rules
from effmon.errors import EffmonError
from effmon.store import catalog, letters, queries, visits
from effmon.store import inspections as store


def due_indicators(
    con: duckdb.DuckDBPyConnection, day: date, site_id: str | None = None
) -> pd.DataFrame:
    """Per site (or one site) and applicable indicator, as of ``day``: site_id, level,
    indicator_id, name, method, frequency, last (the last check on or before ``day``),
    due, overdue."""
    return calendar.mark_due(visits.last_checks(con, day, site_id), day)


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
    rules.check_visit(inspector, day, now, person_days)
    applicable = set(visits.last_checks(con, day, site_id)["indicator_id"])
    if not applicable:
        raise EffmonError(labels.VISITS["unknown_site"].format(site=site_id))
    rows = rules.checked_rows(rows, applicable, day)
    visit_id = rules.visit_id(site_id, day, now)
    rows = rows.assign(
        visit_id=visit_id,
        visit_date=day,
        site_id=site_id,
        inspector=inspector,
        rectify_state=rules.pending_states(rows["result"]),
    )
    head = {
        "visit_id": visit_id,
        "site_id": site_id,
        "visit_date": day,
        "inspector": inspector,
        "person_days": person_days,
    }
    visits.insert_visit(con, head, rows, now)
    return visit_id


def visit(con: duckdb.DuckDBPyConnection, visit_id: str) -> tuple[dict, pd.DataFrame]:
    """One visit (site_id, visit_date, inspector, person_days, saved_at) and its rows
    (indicator_id, name, result, finding, rectify_by, rectify_state)."""
    head, rows = visits.visit(con, visit_id)
    if head is None:
        raise EffmonError(labels.VISITS["unknown_visit"].format(visit=visit_id))
    return head, rows


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
    rules.check_edit(head["saved_at"], now, admin=admin, reason=reason)
    day = pd.Timestamp(head["visit_date"]).date()
    rows = rules.checked_rows(rows, set(current["indicator_id"]), day)
    changed = rules.changed_checks(current, rows)
    visits.update_checks(con, visit_id, changed, actor, reason, now, rules.PENDING)
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
    states = visits.rectify_states(con, site_id, indicator_id, visit_date)
    rules.check_closing(actor, states)
    visits.set_rectify_state(
        con, site_id, indicator_id, visit_date, rules.RECTIFIED, actor.strip(), note, now
    )


def coverage(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """Every site in ``month`` up to ``as_of``: site_id, name, level, street, visits,
    last_visit, inspected, and the indicators due and overdue there on ``as_of``."""
    board = store.site_visits(con, month, as_of)
    due = due_indicators(con, as_of).groupby("site_id")[["due", "overdue"]].sum()
    board = board.merge(due, left_on="site_id", right_index=True, how="left")
    board[["due", "overdue"]] = board[["due", "overdue"]].fillna(0).astype(int)
    return board.assign(inspected=board["visits"] > 0)


def rectifications(con: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """Every failed check up to ``as_of``: site_id, name (the site's), indicator_id,
    indicator, visit_date, finding, rectify_by, state (待整改, 逾期未整改 or 已整改)."""
    return rules.with_rectification_state(store.failed_checks(con, as_of), as_of)


def prompt_letters(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """The problems a prompt letter (提示函) names in ``month``, per unit (site), by the letter
    rule (effmon.reports.letter): failure streaks reaching failure_streak_months in the month
    and rectifications that became overdue in it (letter_overdue_months), counted on
    ``as_of``: site_id, name, indicator_id, indicator, problem, since, finding, visit_date,
    rectify_by, days_overdue, streak_months."""
    return rules.letter_problems(
        queries.failure_streaks(con, month),
        rectifications(con, as_of),
        store.site_names(con),
        month,
        as_of,
    )


def letters_followed(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """The 提示函 issued about ``month`` and what became of the problems they named, counted
    on ``as_of``: name (the site's), reply_by, items, rectified (items now 已整改)."""
    sent = letters.letters_of_period(con, month)
    states = rectifications(con, as_of)
    closed = {_check(row) for row in states[states["state"] == "已整改"].to_dict("records")}
    named = sent["items"].map(json.loads)
    return sent.assign(
        items=named.map(len), rectified=named.map(lambda i: sum(_check(c) in closed for c in i))
    )[["name", "reply_by", "items", "rectified"]]


def _check(item: dict) -> tuple:
    """A failed check as a letter names it: its site, indicator and visit day."""
    return item["site_id"], item["indicator_id"], pd.Timestamp(item["visit_date"]).date()


def save_indicator(
    con: duckdb.DuckDBPyConnection,
    indicator: dict,
    actor: str,
    reason: str,
    now: datetime | None = None,
) -> bool:
    """Add the indicator (indicator_id and FIELDS) or change the stored one; returns False
    when nothing differs. The change and the values it replaced are kept."""
    fields = indicator_catalog.FIELDS
    after = indicator_catalog.checked_indicator(indicator, actor, reason)
    before = catalog.indicator(con, after["indicator_id"], fields)
    if indicator_catalog.unchanged(before, after):
        return False
    catalog.save_indicator(
        con, after, before, fields, actor.strip(), reason.strip(), now or datetime.now()
    )
    return True
