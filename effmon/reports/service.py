"""政务服务月报 and 年度报告: operation, workload, satisfaction, complaints and hot issues,
alerts with their causes, units needing attention and suggestions.

Every number comes from the functions behind the dashboards (overview, 窗口办件, 满意度,
投诉热点, 趋势预测与预警), called with the same filters and months. A month is compared
with the month before and a year before; a year (its months so far) with the same months
of the year before.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from reportlab.platypus import Flowable

from effmon import config, labels
from effmon.analytics.overview import (
    ATTENTION_COLUMNS,
    METRICS,
    Span,
    compare,
    compute_kpis,
    month_window,
    overview_months,
    overview_total,
    span_of,
    units_for_attention,
)
from effmon.readable import format_value
from effmon.reports import blocks, narrative, service_alerts, service_feedback
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.store import queries, workload

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
TOP = 10


def make_service_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """政务服务月报 (period 'YYYY-MM') or 年度报告 (period 'YYYY') as PDF bytes."""
    span = span_of(con, request.period)
    cover = Cover(
        title=labels.REPORT_KINDS["annual" if span.yearly else "monthly"],
        period=span.name,
        generated_by=request.generated_by,
        generated_at=request.now,
    )
    figures = blocks.Figures()
    units = queries.site_names(con)
    if span.yearly:
        alerts_section, alert_sentences = service_alerts.stored_alerts_section(con, span)
        attention = pd.DataFrame(columns=ATTENTION_COLUMNS)
    else:
        alerts_section, alert_sentences = service_alerts.scanned_alerts_section(con, request, span)
        attention = _attention(con, request)
    satisfaction_section, falls = service_feedback.satisfaction_section(con, request, span)
    complaints_section, hot, on_time_rate = service_feedback.complaints_section(con, request, span)
    suggestions = _suggestions(attention, hot, on_time_rate, falls, alert_sentences, units)
    sections = [
        _overview(con, request, span, figures),
        _workload(con, request, span, figures, units),
        satisfaction_section,
        complaints_section,
        alerts_section,
        Section(
            SECTIONS["suggestions" if not span.yearly else "suggestions_year"],
            ([] if span.yearly else _attention_table(attention, units)) + suggestions,
        ),
    ]
    return render(cover, sections)


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
        changes = compare(totals, "now", "before")
        table = _comparison_table(changes, labels.REPORT_YEAR_COLUMNS)
        template, now = "overview_year", totals.iloc[0]
        shown = monthly[monthly["month"] >= span.start]
    else:  # the month against the month before (change) and a year before (yoy_change)
        kpis = compute_kpis(monthly, span.end)
        changes = kpis.rename(columns={"previous": "base", "mom_change": "change"})
        table = _comparison_table(changes, labels.REPORT_KPI_COLUMNS)
        template, now = "overview", monthly.set_index("month").loc[span.end]
        shown = monthly.tail(12)
    by = changes.set_index("metric")
    yoy = by["yoy_change"] if "yoy_change" in by else pd.Series(dtype=float)

    def moved(key: str) -> str:
        return narrative.change(by["change"].get(key, np.nan), key)

    evaluations = queries.monthly_evaluations(con, filters, span.start, span.end)
    body = [
        blocks.text(
            TEXT[template].format(
                period=span.name,
                cases=narrative.count(now["cases"]),
                mom=moved("cases"),
                yoy=narrative.change(yoy.get("cases", np.nan), "cases"),
                online=narrative.count(now["cases"] * now["online_share"]),
                online_share=narrative.share(now["online_share"]),
                online_mom=moved("online_share"),
                wait=f"{now['wait_minutes_mean']:.1f}",
                wait_mom=moved("wait_minutes_mean"),
                overdue=narrative.count(now["overdue_cases"]),
            )
        ),
        blocks.text(
            TEXT["overview_feedback"].format(
                versus=TEXT["versus_year" if span.yearly else "versus_month"],
                evaluations=narrative.count(evaluations["evaluations"].sum()),
                good_share=narrative.share(now["good_share"]),
                bad=narrative.count(now["bad_count"]),
                bad_mom=moved("bad_count"),
                complaints=narrative.count(now["complaints"]),
                complaints_mom=moved("complaints"),
                on_time=narrative.share(now["on_time_share"]),
                pass_share=narrative.share(now["inspection_pass_share"]),
            )
        ),
        table,
    ]
    if span.yearly:
        body.append(_months_table(shown))
    series = {
        labels.METRICS["cases"]: shown["cases"].tolist(),
        labels.REPORT_COLUMNS["online_cases"]: (shown["cases"] * shown["online_share"]).tolist(),
    }
    caption = TEXT["trend_caption" if not span.yearly else "year_caption"].format(n=figures.next())
    body.append(blocks.line_chart(shown["month"].tolist(), series, caption))
    return Section(SECTIONS["overview"], body)


def _months_table(monthly: pd.DataFrame) -> Flowable:
    return blocks.table(
        monthly,
        labels.REPORT_MONTH_COLUMNS,
        formats={
            **dict.fromkeys(["cases", "overdue_cases", "bad_count", "complaints"], narrative.count),
            **dict.fromkeys(["online_share", "good_share", "on_time_share"], narrative.share),
            "wait_minutes_mean": narrative.decimal,
        },
    )


def _comparison_table(changes: pd.DataFrame, headers: dict[str, str]) -> Flowable:
    """Metrics (of compare, and a yoy_change column for months) with the values and the
    changes in words."""
    shares = {m.key: m.share for m in METRICS}
    metric = changes["metric"]

    def values(column: str) -> list[str]:
        return [format_value(v, k, shares[k]) for v, k in zip(changes[column], metric, strict=True)]

    def moves(column: str) -> list[str]:
        return [narrative.change(c, k) for c, k in zip(changes[column], metric, strict=True)]

    rows = changes.assign(
        name=metric.map(labels.METRICS),
        now=values("value"),
        before=values("base"),
        moved=moves("change"),
    )
    if "yoy_change" in changes:
        rows = rows.assign(yoy=moves("yoy_change"))
    others = len(headers) - 1
    return blocks.table(rows, headers, widths=[0.28] + [0.72 / others] * others)


def _workload(
    con, request: Request, span: Span, figures: blocks.Figures, units: dict[str, str]
) -> Section:
    filters, months = request.filters, (span.start, span.end)
    departments = workload.workload_by(con, filters, *months, "department")
    if departments.empty:
        note = TEXT["workload_none"].format(period=span.name)
        return Section(SECTIONS["workload"], [blocks.empty_note(note)])
    streets = workload.workload_by(con, filters, *months, "street").dropna(subset="key")
    sites = workload.workload_by(con, filters, *months, "site_id")
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
                        [f"{k}（{c:,} 件）" for k, c in zip(top["key"], top["cases"], strict=True)]
                    ),
                    street=streets.iloc[0]["key"],
                    street_cases=f"{streets.iloc[0]['cases']:,}",
                    slow_site=units.get(slow_row["key"], slow_row["key"]),
                    slow_wait=slow_row["wait_minutes_mean"],
                    slow_waits=f"{slow_row['waits']:,}",
                )
            )
        )
    body.append(
        blocks.table(
            departments.head(TOP).assign(
                online_share=departments["online_cases"] / departments["cases"]
            ),
            labels.REPORT_WORKLOAD_COLUMNS,
            formats={
                "online_share": narrative.share,
                "wait_minutes_mean": narrative.decimal,
                **dict.fromkeys(["cases", "counter_cases", "overdue_cases"], narrative.count),
            },
        )
    )
    if not streets.empty:
        caption = TEXT["workload_caption"].format(n=figures.next())
        body.append(blocks.bar_chart(streets["key"].tolist(), streets["cases"].tolist(), caption))
    return Section(SECTIONS["workload"], body)


def _attention(con, request: Request) -> pd.DataFrame:
    """The departments, then the sites, whose waits, overdue cases, 差评 or complaints rose
    most against last month (as the overview page lists them), five of each."""
    found = [
        units_for_attention(con, request.filters, request.period, dimension).head(5)
        for dimension in ("department", "site_id")
    ]
    return pd.concat(found, ignore_index=True)


def _attention_table(attention: pd.DataFrame, units: dict[str, str]) -> list[Flowable]:
    if attention.empty:
        return [blocks.text(TEXT["no_attention"])]
    waits = attention["measure"] == "wait_minutes_mean"
    shown = attention.assign(
        key=attention["key"].map(lambda k: units.get(k, k)),
        measure=attention["measure"].map(labels.ATTENTION_MEASURES),
        current=_measured(attention["current"], waits),
        previous=_measured(attention["previous"], waits),
    )
    return [
        blocks.text(TEXT["attention"]),
        blocks.table(
            shown,
            labels.REPORT_ATTENTION_COLUMNS,
            formats={"change": narrative.share},
        ),
    ]


def _measured(values: pd.Series, minutes: pd.Series) -> list[str]:
    return [f"{v:.1f}" if m else f"{v:,.0f}" for v, m in zip(values, minutes, strict=True)]


def _suggestions(attention, hot, on_time_rate, falls, alert_sentences, units) -> list[Flowable]:
    found = narrative.suggestions(attention, hot, on_time_rate, falls, alert_sentences, units)
    if not found:
        return [blocks.text(TEXT["no_suggestions"])]
    return [blocks.text(TEXT["suggestions"]), *blocks.bullets(found)]
