"""全流程投诉处理报告: for one complaint, its whole handling timeline; for a month, how the
complaints received were handled — sources and categories, closure on time by source and
department, revisits, repeats, hot issues and the tickets still overdue.

The numbers come from the functions behind the 投诉处理 and 投诉热点 pages.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from effmon import config, labels
from effmon.analytics import complaint_workflow
from effmon.analytics.closure import closure_by, closure_totals, with_problem_repeats
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.overview import period_name
from effmon.errors import EffmonError
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.semantic import display
from effmon.store import closure, complaints

TEXT = labels.COMPLAINT_REPORT
SECTIONS = TEXT["sections"]
TOP = 15


def make_complaint_month_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The month's complaint handling (period 'YYYY-MM') as PDF bytes."""
    month, filters = request.period, request.filters
    cover = Cover(
        labels.REPORT_KINDS["complaint_month"], period_name(month), request.generated_by,
        request.now,
    )  # fmt: skip
    tickets = complaints.complaints_between(con, filters, month, month)
    if tickets.empty:
        note = blocks.empty_note(TEXT["none"].format(period=period_name(month)))
        return render(cover, [Section(SECTIONS["intake"], [note])])
    issues = hot_issues(tickets)
    handled = closure.closure(con, filters, month, month, request.today or date.today())
    handled = with_problem_repeats(handled, issues)
    sections = [
        _intake(tickets, month),
        _timeliness(handled),
        _revisits(con, request),
        _repeats(handled, issues),
        _overdue(handled, tickets),
    ]
    return render(cover, sections)


def _intake(tickets: pd.DataFrame, month: str) -> Section:
    sources = tickets["source"].value_counts()
    categories = tickets["category"].fillna(labels.REPORT_TEXT["uncategorised"]).value_counts()
    body = [
        blocks.text(
            TEXT["intake"].format(
                period=period_name(month),
                tickets=f"{len(tickets):,}",
                sources=narrative.listing([f"{k} {v} 件" for k, v in sources.items()]),
                categories=narrative.listing(
                    [f"{k}（{v} 件）" for k, v in categories.head(3).items()]
                ),
            )
        ),
        blocks.table(
            categories.rename_axis("category").reset_index(name="tickets"),
            TEXT["category_columns"],
            widths=[0.6, 0.4],
        ),
    ]
    return Section(SECTIONS["intake"], body)


def _timeliness(handled: pd.DataFrame) -> Section:
    totals = closure_totals(handled)
    rate = display.value_text("on_time_share", totals["on_time_rate"])
    body = [blocks.text(TEXT["timeliness"].format(**totals, rate=rate))]
    for dimension in ("source", "department"):
        body += [
            blocks.text(TEXT["by"][dimension], "plain"),
            blocks.table(
                closure_by(handled, dimension),
                {**labels.REPORT_CLOSURE_COLUMNS, "key": TEXT["by_header"][dimension]},
                formats={"on_time_rate": "on_time_share"},
            ),
        ]
    return Section(SECTIONS["timeliness"], body)


def _revisits(con, request: Request) -> Section:
    results = complaints.revisit_results(con, request.filters, request.period, request.period)
    if results.empty:
        return Section(SECTIONS["revisits"], [blocks.text(TEXT["no_revisits"])])
    total = results["tickets"].sum()
    said = narrative.listing(
        [f"{row.satisfaction} {row.tickets} 件" for row in results.itertuples(index=False)]
    )
    return Section(
        SECTIONS["revisits"], [blocks.text(TEXT["revisits"].format(total=total, said=said))]
    )


def _repeats(handled: pd.DataFrame, issues: pd.DataFrame) -> Section:
    repeated = issues[issues["complaints"] >= config.get_int("hot_issue_min_complaints")]
    body = [
        blocks.text(
            TEXT["repeats"].format(
                repeats=int(handled["repeat"].sum()), days=config.get_int("repeat_complaint_days")
            )
        )
    ]
    if not repeated.empty:
        body.append(
            blocks.table(
                repeated.head(TOP).assign(span=repeated["last"].dt.strftime("%m-%d")),
                {**labels.REPORT_HOT_COLUMNS, "span": TEXT["last"]},
                formats={"heat": narrative.decimal},
                widths=[0.42, 0.2, 0.1, 0.18, 0.1],
            )
        )
    return Section(SECTIONS["repeats"], body)


def _overdue(handled: pd.DataFrame, tickets: pd.DataFrame) -> Section:
    late = handled[handled["overdue"]].merge(tickets[["ticket_id", "title"]], on="ticket_id")
    if late.empty:
        return Section(SECTIONS["overdue"], [blocks.text(TEXT["no_overdue"])])
    shown = late.assign(received_at=late["received_at"].dt.strftime("%Y-%m-%d"))
    body = [
        blocks.text(TEXT["overdue"].format(count=len(late))),
        blocks.table(
            shown.head(TOP * 2), TEXT["overdue_columns"], widths=[0.2, 0.36, 0.14, 0.16, 0.14]
        ),
    ]
    return Section(SECTIONS["overdue"], body)


def make_complaint_ticket_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """One complaint's whole handling (request.complaint, a ticket id) as PDF bytes."""
    found = complaints.ticket(con, request.complaint)
    if found.empty:
        raise EffmonError(labels.FLOW["unknown"].format(ticket=request.complaint))
    row = found.iloc[0]
    received = row["received_at"]
    cover = Cover(
        labels.REPORT_KINDS["complaint_ticket"], f"{received:%Y-%m-%d}", request.generated_by,
        request.now, subtitle=TEXT["ticket_subtitle"].format(ticket=row["ticket_id"]),
    )  # fmt: skip
    steps = complaint_workflow.timeline(con, request.complaint)
    month = f"{received:%Y-%m}"
    handled = closure.closure(con, request.filters, month, month, request.today or date.today())
    handled = handled[handled["ticket_id"] == request.complaint]
    facts = pd.DataFrame(
        {
            "field": list(TEXT["facts"].values()),
            "value": [_fact(row[k]) for k in TEXT["facts"]],
        }
    )
    body = [blocks.table(facts, TEXT["fact_columns"], widths=[0.2, 0.8])]
    timeline = steps.assign(
        happened_at=steps["happened_at"].dt.strftime("%Y-%m-%d %H:%M"),
        due_at=steps["due_at"].dt.strftime("%Y-%m-%d %H:%M"),
        late=steps["late"].map({True: TEXT["late"], False: ""}),
    )
    sections = [
        Section(SECTIONS["ticket"], body),
        Section(
            SECTIONS["timeline"],
            [
                blocks.table(
                    timeline,
                    TEXT["timeline_columns"],
                    widths=[0.1, 0.17, 0.17, 0.12, 0.14, 0.22, 0.08],
                ),
                blocks.text(_verdict(handled)),
            ],
        ),
    ]
    return render(cover, sections, contents=False)


def _fact(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d %H:%M}"
    return labels.MISSING if pd.isna(value) else str(value)


def _verdict(handled: pd.DataFrame) -> str:
    """How the ticket stands against its source's closure limit, in words."""
    if handled.empty or pd.isna(handled.iloc[0]["limit_workdays"]):
        return TEXT["no_limit"]
    row = handled.iloc[0]
    if pd.isna(row["closed_at"]):
        key = "open_late" if row["overdue"] else "open"
    else:
        key = "closed_on_time" if row["on_time"] else "closed_late"
    return TEXT["verdict"][key].format(workdays=row["workdays"], limit=row["limit_workdays"])
