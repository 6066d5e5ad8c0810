"""政务服务月报: the month's operation, workload, satisfaction, complaints and hot issues,
alerts with their causes, units needing attention and suggestions.

Every number comes from the functions behind the dashboards (overview, 窗口办件, 满意度,
投诉热点, 趋势预测与预警), called with the same filters and months.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import duckdb
import numpy as np
import pandas as pd
from reportlab.platypus import Flowable

from effmon import labels
from effmon.analytics import satisfaction_index as index
from effmon.analytics.closure import closure_by, with_problem_repeats
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.overview import (
    METRICS,
    compute_kpis,
    month_window,
    overview_months,
    units_for_attention,
)
from effmon.analytics.satisfaction import satisfaction_by
from effmon.forecast.explain import explain, sentence
from effmon.forecast.scan import scan
from effmon.readable import format_value
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.store import closure, complaints, queries, satisfaction, workload
from effmon.store.filters import Filters

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
Score = Callable[[Sequence[str]], np.ndarray]
TOP = 10


@dataclass(frozen=True)
class Request:
    """What a report is made for, and by whom."""

    period: str  # 'YYYY-MM'
    generated_by: str
    score: Score  # comment sentiment, as the satisfaction page scores them
    filters: Filters = field(default_factory=Filters)
    today: date | None = None  # for open tickets' working days; default today
    now: datetime | None = None  # the export stamp; default now


def make_monthly_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The monthly report of ``request.period`` as PDF bytes."""
    cover = Cover(
        title=labels.REPORT_KINDS["monthly"],
        period=period_name(request.period),
        generated_by=request.generated_by,
        generated_at=request.now or datetime.now(),
    )
    figures = _Figures()
    units = dict(zip(*_site_names(con), strict=True))
    alerts_section, alert_sentences = _alerts(con, request)
    satisfaction_section, falls = _satisfaction(con, request)
    complaints_section, hot, on_time_rate = _complaints(con, request)
    attention = _attention(con, request)
    sections = [
        _overview(con, request, figures),
        _workload(con, request, figures, units),
        satisfaction_section,
        complaints_section,
        alerts_section,
        Section(
            SECTIONS["suggestions"],
            _attention_table(attention, units)
            + _suggestions(attention, hot, on_time_rate, falls, alert_sentences, units),
        ),
    ]
    return render(cover, sections)


def period_name(month: str) -> str:
    """'2026-10' → 2026年10月."""
    year, number = month.split("-")
    return labels.REPORT_PERIOD["month"].format(year=year, month=int(number))


class _Figures:
    """Numbers the figures in order (图 1, 图 2, …)."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _site_names(con) -> tuple[list[str], list[str]]:
    sites = queries.dimension_values(con)["sites"]
    return sites["site_id"].tolist(), sites["name"].tolist()


def _overview(con, request: Request, figures: _Figures) -> Section:
    month = request.period
    monthly = overview_months(con, request.filters, month_window(month, 13)[0], month)
    if month not in set(monthly["month"]):
        return Section(SECTIONS["overview"], [blocks.empty_note(TEXT["empty"])])
    kpis = compute_kpis(monthly, month)
    now = monthly.set_index("month").loc[month]
    by = kpis.set_index("metric")

    def mom(key: str) -> str:
        return narrative.change(by.at[key, "mom_change"], key)

    evaluations = queries.monthly_evaluations(con, request.filters, month, month)
    body = [
        blocks.text(
            TEXT["overview"].format(
                period=period_name(month),
                cases=narrative.count(now["cases"]),
                mom=mom("cases"),
                yoy=narrative.change(by.at["cases", "yoy_change"], "cases"),
                online=narrative.count(now["cases"] * now["online_share"]),
                online_share=narrative.share(now["online_share"]),
                online_mom=mom("online_share"),
                wait=f"{now['wait_minutes_mean']:.1f}",
                wait_mom=mom("wait_minutes_mean"),
                overdue=narrative.count(now["overdue_cases"]),
            )
        ),
        blocks.text(
            TEXT["overview_feedback"].format(
                evaluations=narrative.count(evaluations["evaluations"].sum()),
                good_share=narrative.share(now["good_share"]),
                bad=narrative.count(now["bad_count"]),
                bad_mom=mom("bad_count"),
                complaints=narrative.count(now["complaints"]),
                complaints_mom=mom("complaints"),
                on_time=narrative.share(now["on_time_share"]),
                pass_share=narrative.share(now["inspection_pass_share"]),
            )
        ),
        _kpi_table(kpis),
    ]
    last = monthly.tail(12)
    series = {
        labels.METRICS["cases"]: last["cases"].tolist(),
        labels.REPORT_COLUMNS["online_cases"]: (last["cases"] * last["online_share"]).tolist(),
    }
    caption = TEXT["trend_caption"].format(n=figures.next())
    body.append(blocks.line_chart(last["month"].tolist(), series, caption))
    return Section(SECTIONS["overview"], body)


def _kpi_table(kpis: pd.DataFrame) -> Flowable:
    shares = {m.key: m.share for m in METRICS}
    metric = kpis["metric"]
    rows = kpis.assign(
        name=metric.map(labels.METRICS),
        now=[format_value(v, k, shares[k]) for v, k in zip(kpis["value"], metric, strict=True)],
        before=[
            format_value(v, k, shares[k]) for v, k in zip(kpis["previous"], metric, strict=True)
        ],
        mom=[narrative.change(c, k) for c, k in zip(kpis["mom_change"], metric, strict=True)],
        yoy=[narrative.change(c, k) for c, k in zip(kpis["yoy_change"], metric, strict=True)],
    )
    return blocks.table(rows, labels.REPORT_KPI_COLUMNS, widths=[0.24, 0.18, 0.18, 0.2, 0.2])


def _workload(con, request: Request, figures: _Figures, units: dict[str, str]) -> Section:
    month, filters = request.period, request.filters
    departments = workload.workload_by(con, filters, month, month, "department")
    if departments.empty:
        note = TEXT["workload_none"].format(period=period_name(month))
        return Section(SECTIONS["workload"], [blocks.empty_note(note)])
    streets = workload.workload_by(con, filters, month, month, "street").dropna(subset="key")
    sites = workload.workload_by(con, filters, month, month, "site_id")
    slow = sites[sites["waits"] >= 30].sort_values("wait_minutes_mean").tail(1)
    top = departments.head(3)
    body = []
    if not streets.empty and not slow.empty:
        slow_row = slow.iloc[0]
        body.append(
            blocks.text(
                TEXT["workload"].format(
                    period=period_name(month),
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
                "wait_minutes_mean": _minutes,
                **dict.fromkeys(["cases", "counter_cases", "overdue_cases"], narrative.count),
            },
        )
    )
    if not streets.empty:
        caption = TEXT["workload_caption"].format(n=figures.next())
        body.append(blocks.bar_chart(streets["key"].tolist(), streets["cases"].tolist(), caption))
    return Section(SECTIONS["workload"], body)


def _minutes(value: float) -> str:
    return f"{value:.1f}"


def _satisfaction(con, request: Request) -> tuple[Section, pd.DataFrame]:
    month, filters = request.period, request.filters
    rates = satisfaction_by(con, filters, month, month, "department")
    if rates.empty:
        note = TEXT["satisfaction_none"].format(period=period_name(month))
        return Section(SECTIONS["satisfaction"], [blocks.empty_note(note)]), _NO_FALLS
    start = month_window(month, 13)[0]
    comments = satisfaction.distinct_comments(con, filters, start, month)
    scores, _ = index.comment_scores(comments, request.score)
    by_month = index.satisfaction_index(con, filters, start, month, scores, ("month", "department"))
    found = index.falls(by_month)
    found = found[found["month"] == month]
    this_month = by_month[by_month["month"] == month][["department", "index", "low", "high"]]
    table = rates.merge(this_month.rename(columns={"department": "key"}), on="key", how="left")
    totals = rates[["evaluations", "good", "bad"]].sum()
    body = [
        blocks.text(
            TEXT["satisfaction"].format(
                period=period_name(month),
                evaluations=f"{totals['evaluations']:,}",
                good=f"{totals['good']:,}",
                good_share=narrative.share(totals["good"] / totals["evaluations"]),
                bad=f"{totals['bad']:,}",
                bad_share=narrative.share(totals["bad"] / totals["evaluations"]),
            )
        ),
        blocks.table(
            table.assign(interval=_intervals(table)),
            labels.REPORT_SATISFACTION_COLUMNS,
            formats={"good_share": narrative.share, "index": _minutes},
        ),
        blocks.text(TEXT["index_note"], "note"),
    ]
    if found.empty:
        body.append(blocks.text(TEXT["no_falls"]))
    else:
        items = [TEXT["fall_item"].format(**row) for row in found.to_dict("records")]
        body.append(blocks.text(TEXT["falls"].format(items="；".join(items))))
    return Section(SECTIONS["satisfaction"], body), found


_NO_FALLS = pd.DataFrame(columns=["department", "month", "index", "median"])


def _intervals(table: pd.DataFrame) -> list[str]:
    return [
        "—" if np.isnan(low) else f"{low:.1f}–{high:.1f}"
        for low, high in zip(table["low"], table["high"], strict=True)
    ]


def _complaints(con, request: Request) -> tuple[Section, pd.DataFrame, float]:
    month, filters = request.period, request.filters
    tickets = complaints.complaints_between(con, filters, month, month)
    if tickets.empty:
        note = TEXT["complaints_none"].format(period=period_name(month))
        return (
            Section(SECTIONS["complaints"], [blocks.empty_note(note)]),
            hot_issues(tickets),
            np.nan,
        )
    issues = hot_issues(tickets)
    today = request.today or date.today()
    closed = with_problem_repeats(closure.closure(con, filters, month, month, today), issues)
    categories = (
        tickets["category"].fillna(labels.REPORT_TEXT["uncategorised"]).value_counts().head(3)
    )
    on_time = int(closed["on_time"].fillna(False).sum())
    finished = int(closed["on_time"].notna().sum())
    rate = on_time / finished if finished else np.nan
    body = [
        blocks.text(
            TEXT["complaints"].format(
                period=period_name(month),
                complaints=f"{len(tickets):,}",
                top=narrative.listing([f"{k}（{v} 件）" for k, v in categories.items()]),
                closed=f"{finished:,}",
                on_time=f"{on_time:,}",
                on_time_rate=narrative.share(rate),
                overdue=f"{int(closed['overdue'].sum()):,}",
            )
        ),
        blocks.table(
            closure_by(closed, "source"),
            labels.REPORT_CLOSURE_COLUMNS,
            formats={"on_time_rate": narrative.share},
        ),
    ]
    repeated = issues[issues["complaints"] >= 2]
    if repeated.empty:
        body.append(blocks.text(TEXT["no_hot"]))
    else:
        first = repeated.iloc[0]
        body.append(
            blocks.text(TEXT["hot"].format(title=first["title"], count=first["complaints"]))
        )
        body.append(
            blocks.table(
                repeated.head(TOP).assign(span=_span(repeated.head(TOP))),
                labels.REPORT_HOT_COLUMNS,
                widths=[0.42, 0.2, 0.1, 0.18, 0.1],
                formats={"heat": _minutes},
            )
        )
    return Section(SECTIONS["complaints"], body), issues, rate


def _span(issues: pd.DataFrame) -> list[str]:
    return [
        f"{first:%m-%d}至{last:%m-%d}"
        for first, last in zip(issues["first"], issues["last"], strict=True)
    ]


def _alerts(con, request: Request) -> tuple[Section, list[str]]:
    """The anomalies the scan finds in the month, each with its decomposition."""
    month = request.period
    found = scan(con, month, request.filters)
    found = found[found["period"].str.startswith(month)].sort_values("score", ascending=False)
    if found.empty:
        note = TEXT["no_alerts"].format(period=period_name(month))
        return Section(SECTIONS["alerts"], [blocks.text(note)]), []
    causes = [sentence(alert, explain(con, alert)) for _, alert in found.head(TOP).iterrows()]
    items = [
        TEXT["alert_item"].format(
            metric=labels.ALERT_METRICS.get(alert["metric"], alert["metric"]),
            key=f"（{alert['key']}）" if isinstance(alert["key"], str) and alert["key"] else "",
            direction=labels.ALERT_DIRECTIONS[alert["direction"]],
            value=_number(alert["value"]),
            expected=_number(alert["expected"]),
            cause=cause,
        )
        for (_, alert), cause in zip(found.head(TOP).iterrows(), causes, strict=True)
    ]
    intro = TEXT["alerts"].format(period=period_name(month), count=len(found))
    return Section(SECTIONS["alerts"], [blocks.text(intro), *blocks.bullets(items)]), causes


def _number(value: float) -> str:
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}"


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
