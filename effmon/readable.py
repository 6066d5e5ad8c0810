"""Frames with Chinese headers and names for people: shared by the pages, the command line
and (later) the reports."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date, datetime, timedelta

import pandas as pd

from effmon import config, labels, workdays
from effmon.semantic import catalog, display


def alert_key(key: str | None, sites: Mapping[str, str]) -> str:
    """What an alert is about: 全区 for the district-wide series, and a site by its name, as
    everywhere ("Q02 I32 大厅人员管理": "高新区政务服务中心（东区分中心） I32 大厅人员管理")."""
    if not isinstance(key, str):
        return labels.ALERTS["district"]
    site, _, rest = key.partition(" ")
    return " ".join(part for part in (sites[site], rest) if part) if site in sites else key


def audit_detail(detail: str | None) -> str:
    """An audit entry's details (a JSON object, effmon.store.audit.record) as
    「名称：值」 pairs."""
    shown = []
    for key, value in (json.loads(detail) if detail else {}).items():
        if isinstance(value, bool):
            value = labels.YES_NO[value]
        elif isinstance(value, str):  # a code (a login failure's reason) or free text
            value = labels.AUDIT_DETAIL_VALUES.get(key, {}).get(value, value)
        if value not in (None, ""):
            shown.append(f"{labels.AUDIT_DETAIL_KEYS.get(key, key)}：{value}")
    return "；".join(shown)


def definitions_frame() -> pd.DataFrame:
    """Every measure of the catalog with its unit and 口径, for people: 指标, 单位, 口径."""
    shown = catalog.measures().values()
    headers = labels.DEFINITION_COLUMNS
    return pd.DataFrame(
        {
            headers["name"]: [m.name for m in shown],
            headers["unit"]: [m.unit for m in shown],
            headers["definition"]: [m.definition for m in shown],
        }
    )


def settings_display() -> pd.DataFrame:
    """Every setting of effmon.config in its order, a secret only as set or not: 设置项,
    当前值, 默认值, 说明 (labels.SETTINGS_COLUMNS)."""
    words = labels.SETTINGS_PAGE
    rows = [
        {
            "name": s.name,
            "value": words["set" if s.value() else "unset"] if s.secret else s.value(),
            "default": "" if s.secret else s.default,
            "help": labels.SETTINGS[s.name],
        }
        for s in config.SETTINGS.values()
    ]
    return pd.DataFrame(rows, columns=list(labels.SETTINGS_COLUMNS)).rename(
        columns=labels.SETTINGS_COLUMNS
    )


def attention_frame(found: pd.DataFrame, names: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """The units needing attention (analytics.overview.units_for_attention with the
    ``dimension`` of each row) for people: each unit by its name, each measure by its name
    and display rule, the change in words."""
    a = labels.ATTENTION
    rows = found.to_dict("records")
    return pd.DataFrame(
        {
            a["unit"]: [display.key_text(r["dimension"], r["key"], names) for r in rows],
            a["measure"]: [catalog.measure(r["measure"]).name for r in rows],
            a["current"]: [display.value_text(r["measure"], r["current"]) for r in rows],
            a["previous"]: [display.value_text(r["measure"], r["previous"]) for r in rows],
            a["change"]: [
                display.change_text(r["measure"], r["current"], r["previous"]) for r in rows
            ],
        }
    )


def day_span(first, last) -> str:
    """Two days as a span: 10月13日至30日, 9月28日至10月5日, or one day 10月13日."""
    start = f"{first.month}月{first.day}日"
    if (first.month, first.day) == (last.month, last.day):
        return start
    end = f"{last.day}日" if first.month == last.month else f"{last.month}月{last.day}日"
    return f"{start}至{end}"


def estimated_calendar(start: date, end: date) -> str:
    """A caption for a forecast over ``start`` to ``end``: the holidays and make-up days in
    it that are estimated (估算), by spans of days; '' when none is."""
    off, made_up = workdays.estimated_days(start, end)
    if not off and not made_up:
        return ""
    years = sorted({d.year for d in off + made_up})
    return labels.ESTIMATED_CALENDAR.format(
        years="、".join(map(str, years)),
        off="、".join(day_span(*span) for span in _runs(off)) or labels.MISSING,
        made_up="、".join(day_span(d, d) for d in made_up) or labels.MISSING,
    )


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Consecutive days (a Friday and the Monday after count as one run) as (first, last)."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if (
            runs
            and (day - runs[-1][1]).days <= 3
            and all(
                (runs[-1][1] + timedelta(n)).weekday() >= 5
                for n in range(1, (day - runs[-1][1]).days)
            )
        ):
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs


def users_frame(listed: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """The accounts (effmon.security.accounts.users) for people: Chinese headers, each
    account's state in words (正常, 已停用, 锁定至 …), times to the minute."""
    states = labels.USER_STATES

    def state(row) -> str:
        if row.disabled:
            return states["disabled"]
        if pd.notna(row.locked_until) and row.locked_until > now:
            return states["locked"].format(until=row.locked_until)
        return states["active"]

    return pd.DataFrame(
        {
            labels.USER_COLUMNS["username"]: listed["username"],
            labels.USER_COLUMNS["role"]: listed["role"],
            labels.USER_COLUMNS["state"]: [state(r) for r in listed.itertuples()],
            labels.USER_COLUMNS["sso"]: listed["sso"].map(labels.YES_NO),
            labels.USER_COLUMNS["created_at"]: listed["created_at"].dt.strftime("%Y-%m-%d %H:%M"),
        }
    )
