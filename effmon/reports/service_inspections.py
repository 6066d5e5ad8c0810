"""The inspection section of 政务服务月报 and 年度报告 (effmon.reports.service): coverage
against the plan, the pass rate, the failures that matter named by site and indicator (the
streaks of failure_streak_months or more), and where rectification stands — what the
inspection report (effmon.reports.inspection) details, in one section."""

from __future__ import annotations

import pandas as pd
from reportlab.platypus import Flowable

from effmon import config, labels
from effmon.analytics import inspections
from effmon.analytics.overview import Span, period_name
from effmon.domain import inspection_calendar as calendar
from effmon.domain import inspection_visits as rules
from effmon.reports import blocks, narrative
from effmon.reports.document import Section
from effmon.reports.request import Request
from effmon.semantic import display
from effmon.store import inspections as store_inspections
from effmon.store import queries
from effmon.store.measures import measure_frame

TEXT = labels.REPORT_TEXT
TOP = 5
PASS_RATES = store_inspections.PASS_RATES


def inspections_section(con, request: Request, span: Span, names: dict) -> Section:
    """四、日常巡查情况 of the span (its last month's coverage and rectification state)."""
    as_of = calendar.board_day(span.end, request.today)
    board = inspections.coverage(con, span.end, as_of)
    totals = measure_frame(con, request.filters, span.start, span.end, PASS_RATES, []).iloc[0]
    if not totals["inspection_checks"]:
        return Section(labels.REPORT_SECTIONS["inspections"], [blocks.text(TEXT["no_checks"])])
    plan = store_inspections.person_days(con, span.start, span.end)
    body = [
        blocks.text(
            TEXT["inspections"].format(
                period=span.name,
                inspected=int(board["inspected"].sum()),
                sites=len(board),
                spent=f"{plan['spent'].sum():,.1f}",
                plan=f"{plan['plan'].sum():,.0f}",
                **{key: display.value_text(key, totals[key]) for key in PASS_RATES},
            )
        )
    ]
    body += _streaks(con, span, names)
    body += _rectification(con, span, as_of)
    return Section(labels.REPORT_SECTIONS["inspections"], body)


def _streaks(con, span: Span, names: dict) -> list:
    least = config.get_int("failure_streak_months")
    streaks = queries.failure_streaks(con, span.end, span.start)
    streaks = streaks[streaks["months"] >= least].sort_values("months", ascending=False)
    if streaks.empty:
        return [blocks.text(TEXT["no_streaks"].format(months=least))]
    items = [
        TEXT["streak_item"].format(
            site=display.key_text("site_id", row["site_id"], names),
            indicator=row["name"],
            first=period_name(row["first"]),
            months=row["months"],
        )
        for row in streaks.head(TOP).to_dict("records")
    ]
    intro = TEXT["streaks"].format(count=len(streaks), months=least)
    return [blocks.text(intro), *blocks.bullets(items)]


def _rectification(con, span: Span, as_of) -> list[Flowable]:
    """Where the span's problems stand, and the older ones still overdue by unit."""
    items = inspections.rectifications(con, as_of)
    recent = pd.to_datetime(items["visit_date"]) >= pd.Timestamp(f"{span.start}-01")
    states = items[recent]["state"].value_counts()
    day = period_name(as_of.isoformat())
    said = [
        blocks.text(
            TEXT["rectification"].format(
                found=f"{int(recent.sum()):,}",
                day=day,
                closed=f"{int(states.get(rules.CLOSED, 0)):,}",
                open=f"{int(states.get(rules.OPEN, 0)):,}",
                late=f"{int(states.get(rules.OVERDUE, 0)):,}",
            )
        )
    ]
    older = items[~recent & (items["state"] == rules.OVERDUE)]
    if not older.empty:
        most = older["name"].value_counts().head(3)
        said.append(
            blocks.text(
                TEXT["rectification_backlog"].format(
                    overdue=f"{len(older):,}",
                    units=narrative.listing([f"{name}（{n} 项）" for name, n in most.items()]),
                )
            )
        )
    return said
