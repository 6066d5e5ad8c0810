"""Rules of inspection visits (巡查录入): what one visit's rows must hold, who may edit a
saved visit and when, the state of a rectification, and the focus problems a prompt letter
(提示函) is due for. The store keeps visits and checks (effmon.store.visits);
effmon.analytics.inspections applies these rules to it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import numpy as np
import pandas as pd

from effmon import config, labels
from effmon.errors import EffmonError

RESULTS = ("合格", "不合格", "不适用")
RECTIFIED, PENDING = "已整改", "待整改"
OPEN, OVERDUE, CLOSED = "待整改", "逾期未整改", "已整改"
ROW = ["indicator_id", "result", "finding", "rectify_by"]


def check_visit(inspector: str, day: date, now: datetime, person_days: float) -> None:
    """Refuse a visit without an inspector, dated after ``now`` or of 0 or over 31 person-days."""
    if not inspector.strip():
        raise EffmonError(labels.VISITS["no_inspector"])
    if day > now.date():
        raise EffmonError(labels.VISITS["future"].format(day=day))
    if not 0 < person_days <= 31:
        raise EffmonError(labels.VISITS["person_days"].format(value=person_days))


def visit_id(site_id: str, day: date, now: datetime) -> str:
    """The id of a visit to ``site_id`` on ``day`` saved at ``now``."""
    return f"{site_id}-{day:%Y%m%d}-{now:%H%M%S%f}"


def checked_rows(rows: pd.DataFrame, applicable: set[str], day: date) -> pd.DataFrame:
    """The ROW columns of one visit's ``rows`` with its checks enforced (the first problem
    is an error): a finding only where failed, a rectification date only where failed."""
    rows = rows[ROW].copy()
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


def pending_states(results: pd.Series) -> list[str | None]:
    """The rectification state a new check starts in: 待整改 when failed, else none."""
    return [PENDING if r == "不合格" else None for r in results]


def check_edit(saved_at: datetime, now: datetime, *, admin: bool, reason: str) -> None:
    """Refuse an edit after ``visit_edit_hours`` from saving unless by an administrator
    giving a reason."""
    grace = timedelta(hours=float(config.get("visit_edit_hours")))
    if now - saved_at > grace and not (admin and reason.strip()):
        raise EffmonError(labels.VISITS["grace_over"].format(hours=grace.total_seconds() / 3600))


def changed_checks(current: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """The checks of ``current`` whose result, finding or rectification date ``rows`` (the
    ROW columns, checked) changes, with the new values in result_new, finding_new and
    rectify_by_new."""
    merged = current.merge(rows, on="indicator_id", suffixes=("", "_new"))
    merged["rectify_by"] = pd.to_datetime(merged["rectify_by"])
    merged["rectify_by_new"] = pd.to_datetime(merged["rectify_by_new"])
    differs = [_text(merged[c]) != _text(merged[f"{c}_new"]) for c in ROW[1:]]
    return merged[differs[0] | differs[1] | differs[2]]


def check_closing(actor: str, states: list[str | None] | None) -> None:
    """Refuse closing a rectification without an actor, or of a check that is not failed
    (``states`` None) or already rectified."""
    if not actor.strip():
        raise EffmonError(labels.VISITS["no_actor"])
    if not states or states[0] == RECTIFIED:
        raise EffmonError(labels.VISITS["nothing_open"])


def with_rectification_state(failed: pd.DataFrame, as_of: date) -> pd.DataFrame:
    """``failed`` checks (rectify_by, rectify_state, …) with state on ``as_of`` in place of
    rectify_state: 已整改, 逾期未整改 (past rectify_by) or 待整改."""
    late = pd.to_datetime(failed["rectify_by"]) < pd.Timestamp(as_of)
    closed = failed["rectify_state"] == RECTIFIED
    return failed.drop(columns="rectify_state").assign(
        state=np.select([closed, late], [CLOSED, OVERDUE], OPEN)
    )


def letter_problems(
    streaks: pd.DataFrame,
    rectifications: pd.DataFrame,
    names: pd.DataFrame,
    month: str,
    as_of: date,
) -> pd.DataFrame:
    """The problems a prompt letter names for ``month``, per unit (site), by the letter rule
    (effmon.reports.letter): the failure ``streaks`` (site_id, indicator_id, name, first,
    months) that reach failure_streak_months (a setting) exactly in ``month`` — a streak is
    named once, in the month it reaches the setting — and the ``rectifications`` (failed
    checks with their state on ``as_of``) that became overdue within the letter_overdue_months
    (a setting) ending with ``month``, on or before ``as_of``. One row per failed check named by
    ``names`` (site_id, name): site_id, name, indicator_id, indicator, problem, since,
    finding, visit_date, rectify_by, days_overdue (0 while not overdue), streak_months (0
    when not named for a streak); by site and indicator."""
    needed = config.get_int("failure_streak_months")
    new = streaks[streaks["months"] == needed]
    checks = rectifications.assign(
        visit_date=pd.to_datetime(rectifications["visit_date"]),
        rectify_by=pd.to_datetime(rectifications["rectify_by"]),
    )
    in_month = checks["visit_date"].dt.strftime("%Y-%m") == month
    # a streak's latest failed check of the month says what was found and by when to fix it
    latest = (
        checks[in_month]
        .sort_values("visit_date")
        .drop_duplicates(["site_id", "indicator_id"], keep="last")
        .merge(new[["site_id", "indicator_id", "first", "months"]], on=["site_id", "indicator_id"])
    )
    end = pd.Timestamp(as_of)
    start = pd.Period(month, "M").start_time - pd.DateOffset(
        months=config.get_int("letter_overdue_months") - 1
    )
    became = checks["rectify_by"] + pd.Timedelta(days=1)  # the first day it is overdue
    late = checks[(checks["state"] == OVERDUE) & (became >= start) & (became <= end)]
    found = pd.concat([latest, late.assign(first=None, months=0)], ignore_index=True)
    found["visit_date"] = pd.to_datetime(found["visit_date"])
    found["rectify_by"] = pd.to_datetime(found["rectify_by"])
    found = found.drop_duplicates(["site_id", "indicator_id", "visit_date"], keep="first")
    found = found.drop(columns="name").merge(names, on="site_id")
    overdue = found["state"] == OVERDUE
    words = labels.LETTER_PROBLEMS
    found = found.assign(
        streak_months=found["months"].fillna(0).astype(int),
        days_overdue=np.where(overdue, (end - found["rectify_by"]).dt.days, 0).astype(int),
        since=found["first"].where(
            found["months"] > 0, found["visit_date"].dt.strftime("%Y-%m-%d")
        ),
    )
    found["problem"] = [
        words["repeated"].format(months=m)
        if m
        else words["overdue"].format(deadline=f"{d:%Y-%m-%d}")
        for m, d in zip(found["streak_months"], found["rectify_by"], strict=True)
    ]
    columns = [
        "site_id", "name", "indicator_id", "indicator", "problem", "since", "finding",
        "visit_date", "rectify_by", "days_overdue", "streak_months",
    ]  # fmt: skip
    return found[columns].sort_values(["site_id", "indicator_id", "visit_date"], ignore_index=True)


def _text(values: pd.Series) -> pd.Series:
    """Values as text, a missing one as empty (so that None, NaN and NaT compare equal)."""
    return values.astype(object).where(values.notna(), "").astype(str)
