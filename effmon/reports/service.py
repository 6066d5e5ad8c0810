"""政务服务月报 and 年度报告: operation, workload, satisfaction, complaints and hot issues,
alerts with their causes, units needing attention and suggestions.

Every number comes from the functions behind the dashboards (overview, 窗口办件, 满意度,
投诉热点, 趋势预测与预警), called with the same filters and months. A month is compared
with the month before and a year before; a year (its months so far) with the same months
of the year before.
"""

from __future__ import annotations

import functools

import duckdb
import pandas as pd
from reportlab.platypus import Flowable

from effmon import config, labels
from effmon.analytics.overview import (
    ATTENTION_COLUMNS,
    Span,
    compare,
    compute_kpis,
    gap_reason,
    month_window,
    overview_months,
    overview_total,
    period_name,
    span_of,
    stock_date,
    units_for_attention,
)
from effmon.domain.inspection_calendar import board_day
from effmon.readable import attention_frame
from effmon.reports import (
    blocks,
    narrative,
    service_alerts,
    service_feedback,
    service_inspections,
)
from effmon.reports.document import Cover, Section, render
from effmon.reports.masthead import masthead
from effmon.reports.request import Request
from effmon.semantic import catalog, display
from effmon.store import queries, workload

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
TOP = 10


def make_service_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """政务服务月报 (period 'YYYY-MM') or 年度报告 (period 'YYYY') as PDF bytes: a masthead,
    then the sections a published 政务服务月报 has, in its order."""
    span = span_of(con, request.period)
    kind = "annual" if span.yearly else "monthly"
    cover = Cover(
        title=labels.REPORT_KINDS[kind],
        period=span.name,
        generated_by=request.generated_by,
        generated_at=request.now,
        stamp=False,  # circulated as the centre's own: who made it is in the report list
    )
    figures = blocks.Figures()
    units = queries.site_names(con)
    names = display.value_names(queries.value_names(con))
    alerts_section, adverse = service_alerts.findings_section(con, span)
    attention = (
        pd.DataFrame(columns=[*ATTENTION_COLUMNS, "dimension"])
        if span.yearly
        else _attention(con, request)
    )
    satisfaction_section, falls, departments = service_feedback.satisfaction_section(
        con, request, span
    )
    complaints_section, hot, on_time_rate = service_feedback.complaints_section(con, request, span)
    district_wait = overview_total(con, request.filters, span.start, span.end, "period").iloc[0]
    suggestions = _suggestions(
        _worth_suggesting(attention, district_wait["wait_minutes_mean"]),
        hot,
        on_time_rate,
        falls,
        adverse,
        units,
    )
    sections = [
        _overview(con, request, span, figures),
        satisfaction_section,
        complaints_section,
        service_inspections.inspections_section(con, request, span, names),
        alerts_section,
        *(
            []
            if span.yearly
            else [service_alerts.followup_section(con, span, board_day(span.end, request.today))]
        ),
        Section(SECTIONS["suggestions_year" if span.yearly else "suggestions"], suggestions),
        Section(SECTIONS["appendix"], []),
        _workload(con, request, span, figures, units),
        *(
            []
            if span.yearly
            else [Section(SECTIONS["attention"], _attention_table(attention, names), level=2)]
        ),
        *([departments] if departments else []),
    ]
    front = masthead(
        labels.REPORT_MASTHEAD[kind],
        _issue(span),
        config.get("issuing_unit"),
        (request.today or request.now.date()),
    )
    return render(cover, sections, contents=False, cover_page=False, front=front)


def _issue(span: Span) -> str:
    """期号: a month's report is that year's issue of the month's number (2026年第10期); a
    year's report names its months."""
    words = labels.REPORT_MASTHEAD
    year = span.start[:4]
    if span.yearly:  # 2026年度, or 2026年1–11月 while the year is not over
        return span.name
    return words["issue"].format(year=year, number=int(span.end[5:]))


def _worth_suggesting(attention: pd.DataFrame, district_wait: float) -> pd.DataFrame:
    """The units needing attention that deserve advice: a wait only where it is longer than
    the district's (a rise to below the average needs no extra windows)."""
    waits = attention["measure"] == "wait_minutes_mean"
    return attention[~waits | (attention["current"] > district_wait)]


def _overview(con, request: Request, span: Span, figures: blocks.Figures) -> Section:
    filters = request.filters
    monthly = overview_months(con, filters, month_window(span.end, 13)[0], span.end)
    if span.end not in set(monthly["month"]):
        return Section(SECTIONS["overview"], [blocks.empty_note(TEXT["empty"])])
    if span.yearly:
        totals = pd.concat(
            [
                overview_total(con, filters, span.start, span.end, "now"),
                overview_total(con, filters, *span.last_year, "before"),
            ]
        )
        bases = {"base": ("versus_year", gap_reason(con, *span.last_year))}
        changes = compare(totals, "now", "before")
        # A year with months missing is no base: the sentence says so and no table of dashes
        # follows (the year's own figures are in the month table below).
        tables = (
            [] if bases["base"][1] else [_comparison_table(changes, labels.REPORT_YEAR_COLUMNS)]
        )
        now = totals.set_index("month").loc["now"]
        shown = monthly[monthly["month"] >= span.start]
    else:  # the month against the month before and a year before
        previous, last_year = (str(pd.Period(span.end, "M") - k) for k in (1, 12))
        changes = compute_kpis(monthly, span.end).rename(columns={"previous": "base"})
        bases = {
            "base": ("versus_month", gap_reason(con, previous, previous)),
            "last_year": ("versus_year", gap_reason(con, last_year, last_year)),
        }
        tables = [_comparison_table(changes, labels.REPORT_KPI_COLUMNS)]
        now = monthly.set_index("month").loc[span.end]
        shown = monthly.tail(12)
    by = changes.set_index("metric")

    def moves(key: str, template: str = "moves") -> str:
        """The comparisons that have a complete base, as a clause; '' when none has."""
        said = [
            TEXT[versus] + display.change_text(key, now[key], by[base].get(key))
            for base, (versus, reason) in bases.items()
            if not reason and not pd.isna(by[base].get(key))
        ]
        return TEXT[template].format(moves="，".join(said)) if said else ""

    def value(key: str) -> str:
        return display.value_text(key, now[key])

    gaps = [
        TEXT["no_comparison_year" if span.yearly else "no_comparison"].format(
            reason=reason, kind=TEXT[versus]
        )
        for versus, reason in bases.values()
        if reason
    ]
    body = [
        blocks.text(
            TEXT["overview"].format(
                period=span.name,
                cases=value("cases"),
                cases_moves=moves("cases"),
                online=value("online_cases"),
                online_share=value("online_share"),
                online_moves=moves("online_share", "moves_aside"),
                wait=value("wait_minutes_mean"),
                wait_moves=moves("wait_minutes_mean", "moves_aside"),
                instant_share=value("instant_share"),
                finished=value("finished_cases"),
                closed_share=value("closed_share"),
                early_share=value("early_share"),
                overdue=value("overdue_cases"),
                as_of=period_name(stock_date(span.end).isoformat()),
            )
        ),
        blocks.text(
            TEXT["overview_feedback"].format(
                evaluations=value("evaluations"),
                good_share=value("good_share"),
                bad=value("bad_count"),
                bad_moves=moves("bad_count", "moves_aside"),
                complaints=value("complaints"),
                complaints_moves=moves("complaints", "moves_aside"),
                on_time=value("on_time_share"),
                pass_share=value("inspection_pass_share"),
            )
        ),
        *(blocks.text(gap) for gap in gaps),
        *tables,
    ]
    if span.yearly:
        body.append(_months_table(shown))
    series = {
        catalog.measure("cases").name: shown["cases"].tolist(),
        catalog.measure("online_cases").name: shown["online_cases"].tolist(),
    }
    caption = TEXT["trend_caption" if not span.yearly else "year_caption"].format(n=figures.next())
    body.append(blocks.line_chart(shown["month"].tolist(), series, caption))
    return Section(SECTIONS["overview"], body)


MONTH_TABLE = (
    "cases",
    "online_share",
    "wait_minutes_mean",
    "overdue_cases",
    "good_share",
    "bad_count",
    "complaints",
    "on_time_share",
)


def _months_table(monthly: pd.DataFrame) -> Flowable:
    keys = [k for k in MONTH_TABLE if k in monthly]
    return blocks.table(
        monthly,
        {"month": labels.REPORT_MONTH_COLUMNS["month"], **{k: display.header(k) for k in keys}},
        formats={k: functools.partial(display.number_text, k) for k in keys},
    )


def _comparison_table(changes: pd.DataFrame, headers: dict[str, str]) -> Flowable:
    """Metrics (of compare, and a last_year column for months) with the values and the
    changes in words."""
    metric = changes["metric"]

    def values(column: str) -> list[str]:
        return [display.value_text(k, v) for k, v in zip(metric, changes[column], strict=True)]

    def moves(base: str) -> list[str]:
        return [
            display.change_text(k, v, b)
            for k, v, b in zip(metric, changes["value"], changes[base], strict=True)
        ]

    rows = changes.assign(
        name=[catalog.measure(k).name for k in metric],
        now=values("value"),
        before=values("base"),
        moved=moves("base"),
    )
    if "last_year" in changes:
        rows = rows.assign(yoy=moves("last_year"))
    others = len(headers) - 1
    return blocks.table(rows, headers, widths=[0.28] + [0.72 / others] * others)


def _workload(
    con, request: Request, span: Span, figures: blocks.Figures, units: dict[str, str]
) -> Section:
    filters, months = request.filters, (span.start, span.end)
    shown = ["cases", "online_share", "counter_cases", "wait_minutes_mean", "overdue_cases"]
    departments = workload.workload_by(con, filters, *months, "department", shown)
    if departments.empty:
        note = TEXT["workload_none"].format(period=span.name)
        return Section(SECTIONS["workload"], [blocks.empty_note(note)])
    streets = workload.workload_by(con, filters, *months, "street", ["cases"]).dropna(subset="key")
    waits = ["waits", "wait_minutes_mean"]
    sites = workload.workload_by(con, filters, *months, "site_id", waits)
    months_in_span = len(pd.period_range(span.start, span.end, freq="M"))
    least = config.get_float("min_waits") * months_in_span
    slow = sites[sites["waits"] >= least].sort_values("wait_minutes_mean").tail(1)
    top = departments.head(3)
    body = []
    if not streets.empty and not slow.empty:
        slow_row = slow.iloc[0]
        body.append(
            blocks.text(
                TEXT["workload"].format(
                    period=span.name,
                    top=narrative.listing(
                        [
                            f"{k}（{display.value_text('cases', c)}）"
                            for k, c in zip(top["key"], top["cases"], strict=True)
                        ]
                    ),
                    street=streets.iloc[0]["key"],
                    street_cases=display.value_text("cases", streets.iloc[0]["cases"]),
                    slow_site=units.get(slow_row["key"], slow_row["key"]),
                    slow_wait=display.value_text(
                        "wait_minutes_mean", slow_row["wait_minutes_mean"]
                    ),
                    slow_waits=display.number_text("waits", slow_row["waits"]),
                )
            )
        )
    body.append(
        blocks.table(
            departments.head(TOP),
            {"key": catalog.dimension("department").name, **display.headers(shown)},
            formats={k: k for k in shown},
        )
    )
    if not streets.empty:
        caption = TEXT["workload_caption"].format(n=figures.next())
        body.append(blocks.bar_chart(streets["key"].tolist(), streets["cases"].tolist(), caption))
    return Section(SECTIONS["workload"], body, level=2)


def _attention(con, request: Request) -> pd.DataFrame:
    """The departments, then the sites, whose waits, overdue cases, 差评 or complaints rose
    most against last month (as the overview page lists them), five of each."""
    found = [
        units_for_attention(con, request.filters, request.period, dimension)
        .head(5)
        .assign(dimension=dimension)
        for dimension in ("department", "site_id")
    ]
    return pd.concat(found, ignore_index=True)


def _attention_table(attention: pd.DataFrame, units: dict) -> list[Flowable]:
    if attention.empty:
        return [blocks.text(TEXT["no_attention"])]
    shown = attention_frame(attention, units)
    return [blocks.text(TEXT["attention"]), blocks.table(shown, {c: c for c in shown.columns})]


def _suggestions(attention, hot, on_time_rate, falls, findings, units) -> list[Flowable]:
    found = narrative.suggestions(attention, hot, on_time_rate, falls, findings, units)
    if not found:
        return [blocks.text(TEXT["no_suggestions"])]
    return [blocks.text(TEXT["suggestions"]), *blocks.bullets(found)]
