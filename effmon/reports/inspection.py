"""巡查月报 and 年度巡查报告: coverage of the sites, findings by indicator and site, problems
that keep coming back, rectification, key-time attendance, and suggestions.

The numbers come from effmon.analytics.inspections and effmon.store.attendance, the functions
behind the 日常巡查 and 考勤 pages. Open rectifications are judged on the period's last day
(or today, while the period lasts).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
from reportlab.platypus import Flowable

from effmon import config, labels
from effmon.analytics import inspections
from effmon.analytics.attendance import MEASURES
from effmon.analytics.overview import Span, period_name, span_of
from effmon.domain import inspection_calendar as calendar
from effmon.domain import inspection_visits as rules
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.semantic import catalog, display
from effmon.store import attendance, queries
from effmon.store import inspections as store_inspections
from effmon.store.inspections import PASS_RATES
from effmon.store.measures import measure_frame

TEXT = labels.INSPECTION_REPORT
SECTIONS = TEXT["sections"]
TOP = 10


def make_inspection_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """巡查月报 (period 'YYYY-MM') or 年度巡查报告 (period 'YYYY') as PDF bytes."""
    span = span_of(con, request.period)
    as_of = calendar.board_day(span.end, request.today)
    cover = Cover(
        title=labels.REPORT_KINDS["inspection_annual" if span.yearly else "inspection_monthly"],
        period=span.name,
        generated_by=request.generated_by,
        generated_at=request.now,
    )
    figures = blocks.Figures()
    coverage, uncovered = _coverage(con, request, span, as_of, figures)
    findings, worst = _findings(con, request, span)
    repeated, streaks = _repeated(con, span)
    rectification, overdue = _rectification(con, span, as_of)
    attendance_section, absences = _attendance(con, request, span)
    advice = _suggestions(uncovered, worst, streaks, overdue, absences)
    sections = [coverage, findings, repeated, rectification, attendance_section, advice]
    return render(cover, sections)


def _coverage(
    con, request: Request, span: Span, as_of: date, figures: blocks.Figures
) -> tuple[Section, int]:
    """Sites inspected in the period; for a year, month by month."""
    months = [str(m) for m in pd.period_range(span.start, span.end, freq="M")]
    boards = {m: inspections.coverage(con, m, calendar.board_day(m, as_of)) for m in months}
    board = boards[span.end]
    if span.yearly:
        checks = queries.monthly_inspections(con, request.filters, span.start, span.end)
        per_month = pd.DataFrame(
            {"month": months, "inspected": [int(b["inspected"].sum()) for b in boards.values()]}
        ).merge(checks, on="month", how="left")
        per_month["failed"] = per_month["checked"] - per_month["passed"]
        per_month["pass_rate"] = per_month["passed"] / per_month["checked"]
        total = len(board)
        body = [
            blocks.text(
                TEXT["coverage_year"].format(
                    period=span.name,
                    sites=total,
                    mean=per_month["inspected"].mean(),
                    low_month=per_month.sort_values("inspected").iloc[0]["month"],
                    low=per_month["inspected"].min(),
                )
            ),
            blocks.table(
                per_month,
                TEXT["month_columns"],
                formats={
                    "checked": "inspection_checks",
                    "failed": "inspection_failures",
                    "pass_rate": "inspection_pass_share",
                },
            ),
            blocks.line_chart(
                per_month["month"].tolist(),
                {TEXT["failed_series"]: per_month["failed"].tolist()},
                TEXT["coverage_caption"].format(n=figures.next()),
            ),
        ]
        uncovered = int(total - per_month["inspected"].iloc[-1])
        return Section(SECTIONS["coverage"], body), uncovered
    levels = board.groupby("level", as_index=False).agg(
        sites=("site_id", "size"), inspected=("inspected", "sum")
    )
    levels["share"] = levels["inspected"] / levels["sites"]
    plan = store_inspections.person_days(con, span.end)
    uncovered = int((~board["inspected"]).sum())
    body = [
        blocks.text(
            TEXT["coverage"].format(
                period=span.name,
                inspected=int(board["inspected"].sum()),
                sites=len(board),
                share=display.value_text("inspection_coverage_share", board["inspected"].mean()),
                uncovered=uncovered,
                spent=plan["spent"].sum(),
                plan=plan["plan"].sum(),
            )
        ),
        blocks.table(levels, TEXT["level_columns"], formats={"share": "inspection_coverage_share"}),
    ]
    return Section(SECTIONS["coverage"], body), uncovered


def _findings(con, request: Request, span: Span) -> tuple[Section, pd.DataFrame]:
    """Pass rates by indicator and by site, lowest first."""
    months = (span.start, span.end)
    indicators = store_inspections.pass_rates(con, request.filters, *months, "indicator_id")
    if indicators.empty or indicators["inspection_checks"].sum() == 0:
        return Section(SECTIONS["findings"], [blocks.empty_note(TEXT["no_checks"])]), indicators
    sites = store_inspections.pass_rates(con, request.filters, *months, "site_id")
    names = display.value_names(queries.value_names(con))
    for frame, dimension in ((indicators, "indicator_id"), (sites, "site_id")):
        frame["key"] = [display.key_text(dimension, k, names) for k in frame["key"]]
    totals = measure_frame(con, request.filters, *months, PASS_RATES, []).iloc[0]
    failing = indicators[indicators["inspection_failures"] > 0]
    columns = {**display.headers(PASS_RATES)}
    body = [
        blocks.text(
            TEXT["findings"].format(
                period=span.name,
                **{key: display.value_text(key, totals[key]) for key in PASS_RATES},
                worst=narrative.listing(failing.head(3)["key"].tolist()) or labels.MISSING,
            )
        ),
        blocks.text(TEXT["by_indicator"], "plain"),
        blocks.table(
            failing.head(TOP),
            {"key": catalog.dimension("indicator_id").name, **columns},
            formats={key: key for key in PASS_RATES},
        ),
        blocks.text(TEXT["by_site"], "plain"),
        blocks.table(
            sites[sites["inspection_failures"] > 0].head(TOP),
            {"key": catalog.dimension("site_id").name, **columns},
            formats={key: key for key in PASS_RATES},
        ),
    ]
    return Section(SECTIONS["findings"], body), failing


def _repeated(con, span: Span) -> tuple[Section, pd.DataFrame]:
    """Indicators failing at one site ``failure_streak_months`` or more months in a row,
    ending in the period."""
    streaks = queries.failure_streaks(con, span.end, span.start)
    months = config.get_int("failure_streak_months")
    streaks = streaks[streaks["months"] >= months]
    if streaks.empty:
        none = TEXT["no_repeated"].format(months=months)
        return Section(SECTIONS["repeated"], [blocks.text(none)]), streaks
    names = display.value_names(queries.value_names(con))
    shown = streaks.assign(site=[display.key_text("site_id", k, names) for k in streaks["site_id"]])
    body = [
        blocks.text(TEXT["repeated"].format(period=span.name, count=len(streaks), months=months)),
        blocks.table(
            shown.head(TOP * 2), TEXT["streak_columns"], widths=[0.34, 0.3, 0.12, 0.12, 0.12]
        ),
    ]
    return Section(SECTIONS["repeated"], body), shown


def _rectification(con, span: Span, as_of: date) -> tuple[Section, pd.DataFrame]:
    """Failed checks of the period and where their rectification stands on ``as_of``."""
    found = inspections.rectifications(con, as_of)
    visited = pd.to_datetime(found["visit_date"]).dt.strftime("%Y-%m")
    found = found[visited.between(span.start, span.end)]
    if found.empty:
        return Section(SECTIONS["rectification"], [blocks.text(TEXT["no_failures"])]), found
    states = found["state"].value_counts()
    closed = int(states.get(rules.CLOSED, 0))
    overdue = found[found["state"] == rules.OVERDUE]
    body = [
        blocks.text(
            TEXT["rectification"].format(
                period=span.name,
                failed=f"{len(found):,}",
                closed=f"{closed:,}",
                share=display.value_text("inspection_rectify_share", closed / len(found)),
                open=f"{int(states.get(rules.OPEN, 0)):,}",
                overdue=f"{len(overdue):,}",
                as_of=period_name(as_of.isoformat()),
            )
        ),
    ]
    if not overdue.empty:
        body += [
            blocks.text(TEXT["overdue_list"], "plain"),
            blocks.table(
                overdue.head(TOP * 2),
                TEXT["overdue_columns"],
                formats=dict.fromkeys(["visit_date", "rectify_by"], _day),
                widths=[0.26, 0.16, 0.15, 0.28, 0.15],
            ),
        ]
    return Section(SECTIONS["rectification"], body), overdue


def _day(value) -> str:
    return f"{pd.Timestamp(value):%Y-%m-%d}"


def _attendance(con, request: Request, span: Span) -> tuple[Section, pd.DataFrame]:
    """Key-time attendance checks by department: the most absences first."""
    summary = attendance.summary(con, request.filters, span.start, span.end, "department", MEASURES)
    if summary.empty:
        return Section(SECTIONS["attendance"], [blocks.text(TEXT["no_attendance"])]), summary
    summary["key"] = [display.key_text("department", k, {}) for k in summary["key"]]
    totals = measure_frame(con, request.filters, span.start, span.end, MEASURES, []).iloc[0]
    numbers = {key: display.value_text(key, totals[key]) for key in MEASURES}
    body = [
        blocks.text(TEXT["attendance"].format(period=span.name, **numbers)),
        blocks.table(
            summary.head(TOP),
            {"key": catalog.dimension("department").name, **display.headers(MEASURES)},
            formats={key: key for key in MEASURES},
        ),
    ]
    return Section(SECTIONS["attendance"], body), summary[summary["absent_checks"] > 0]


def _suggestions(
    uncovered: int,
    worst: pd.DataFrame,
    streaks: pd.DataFrame,
    overdue: pd.DataFrame,
    absences: pd.DataFrame,
) -> Section:
    said = TEXT["suggest"]
    found = []
    if uncovered:
        found.append(said["uncovered"].format(count=uncovered))
    found += [said["worst"].format(indicator=k) for k in worst.head(2)["key"]]
    found += [
        said["repeated"].format(site=row["site"], indicator=row["name"], months=row["months"])
        for row in streaks.head(3).to_dict("records")
    ]
    if not overdue.empty:
        found.append(said["overdue"].format(count=len(overdue)))
    found += [
        said["absent"].format(unit=k, absent=display.value_text("absent_checks", a))
        for k, a in zip(absences.head(2)["key"], absences.head(2)["absent_checks"], strict=True)
    ]
    body: list[Flowable] = (
        [blocks.text(labels.REPORT_TEXT["suggestions"]), *blocks.bullets(found)]
        if found
        else [blocks.text(labels.REPORT_TEXT["no_suggestions"])]
    )
    return Section(SECTIONS["suggestions"], body)
