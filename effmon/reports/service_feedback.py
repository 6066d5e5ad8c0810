"""The satisfaction and complaint sections of 政务服务月报 and 年度报告 (effmon.reports.service):
rates and the satisfaction index per department with the significant falls; complaints, their
on-time closure and the hot issues."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from effmon import config, labels, readable
from effmon.analytics import satisfaction_index as index
from effmon.analytics.closure import closure_by, closure_totals
from effmon.analytics.complaint_categories import origins
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.overview import Span, month_window, period_name
from effmon.analytics.satisfaction import satisfaction_by
from effmon.domain import followup_workflow
from effmon.reports import blocks, narrative
from effmon.reports.document import Section
from effmon.reports.request import Request
from effmon.semantic import catalog, display
from effmon.store import closure, complaints, queries, satisfaction
from effmon.store.measures import measure_frame

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
TOP = 10
RANKED = 5  # departments (and windows) on each of the 红榜 and 黑榜
# The columns of the satisfaction table and the catalog measures they hold.
RATE_COLUMNS = {
    "evaluations": "evaluations",
    "good_share": "good_share",
    "bad": "bad_count",
    "index": "satisfaction_index",
}
_NO_FALLS = pd.DataFrame(columns=["department", "month", "index", "median"])


def satisfaction_section(
    con, request: Request, span: Span
) -> tuple[Section, pd.DataFrame, Section | None]:
    """Rates and the satisfaction index per department over the span; the falls are the
    department-months of the span below their department's median of the
    ``index_window_months`` to its end (as the satisfaction page finds them)."""
    filters = request.filters
    rates = satisfaction_by(con, filters, span.start, span.end, "department")
    if rates.empty:
        note = TEXT["satisfaction_none"].format(period=span.name)
        return Section(SECTIONS["satisfaction"], [blocks.empty_note(note)]), _NO_FALLS, None
    start = min(month_window(span.end, config.get_int("index_window_months"))[0], span.start)
    comments = satisfaction.distinct_comments(con, filters, start, span.end)
    scores, _ = index.comment_scores(con, comments)
    by_month = index.satisfaction_index(
        con, filters, start, span.end, scores, ("month", "department")
    )
    found = index.falls(by_month)
    found = found[found["month"] >= span.start]
    whole = index.satisfaction_index(con, filters, span.start, span.end, scores, ("department",))
    table = rates.merge(
        whole[["department", "index", "low", "high"]].rename(columns={"department": "key"}),
        on="key",
        how="left",
    )
    totals = rates[["evaluations", "good", "bad"]].sum()
    keys = ["active_share", "good_share", "bad_count"]
    overall = measure_frame(con, filters, span.start, span.end, keys, []).iloc[0]
    body = [
        blocks.text(
            TEXT["satisfaction"].format(
                period=span.name,
                evaluations=display.number_text("evaluations", totals["evaluations"]),
                good=display.number_text("good_count", totals["good"]),
                good_share=display.value_text("good_share", totals["good"] / totals["evaluations"]),
                bad=display.number_text("bad_count", totals["bad"]),
                bad_share=display.value_text("bad_share", totals["bad"] / totals["evaluations"]),
                active_share=display.value_text("active_share", overall["active_share"]),
            )
        ),
        *_channels(con, request, span),
        *_red_and_black(whole, "department", {}),
        *_red_and_black(
            index.satisfaction_index(con, filters, span.start, span.end, scores, ("window_name",)),
            "window_name",
            display.value_names(queries.value_names(con)),
        ),
        _followup(con, request, span),
    ]
    if found.empty:
        body.append(blocks.text(TEXT["no_falls"]))
    else:
        items = [
            TEXT["fall_item"].format(
                department=row["department"],
                month=period_name(row["month"]),
                index=display.value_text("satisfaction_index", row["index"]),
                median=display.value_text("satisfaction_index", row["median"]),
            )
            for row in found.to_dict("records")
        ]
        body.append(blocks.text(TEXT["falls"].format(items="；".join(items))))
    appendix = [
        blocks.table(
            table.assign(interval=_intervals(table)),
            {
                "key": catalog.dimension("department").name,
                **{column: display.header(key) for column, key in RATE_COLUMNS.items()},
                "interval": TEXT["interval_header"],
            },
            formats=RATE_COLUMNS,
        ),
        blocks.text(TEXT["index_note"], "note"),
    ]
    return (
        Section(SECTIONS["satisfaction"], body),
        found,
        Section(SECTIONS["departments"], appendix, level=2),
    )


CHANNELS = ["evaluations", "good_share", "bad_count"]


def _channels(con, request: Request, span: Span) -> list:
    """The evaluations by channel (评价器, 短信, APP …), most first."""
    found = measure_frame(
        con, request.filters, span.start, span.end, CHANNELS, ["evaluation_channel"]
    ).sort_values("evaluations", ascending=False)
    return [
        blocks.introduced(
            TEXT["channels"],
            blocks.table(
                found,
                {
                    "evaluation_channel": catalog.dimension("evaluation_channel").name,
                    **display.headers(CHANNELS),
                },
                formats={key: key for key in CHANNELS},
            ),
            "plain",
        )
    ]


def _red_and_black(index_by: pd.DataFrame, dimension: str, names: dict) -> list:
    """红黑榜: the departments (or windows) with the highest and the lowest satisfaction
    index, among those with enough evaluations for the index to mean something, as one table
    (红榜 best first, then 黑榜 worst first); nothing when there are too few to fill both."""
    least = config.get_int("index_fall_min_evaluations")
    enough = index_by[index_by[dimension].notna() & (index_by["evaluations"] >= least)]
    if len(enough) < 2 * RANKED:
        return []
    ranked = enough.sort_values(["index", "evaluations"], ascending=False)
    lists = pd.concat(
        [
            ranked.head(RANKED).assign(list=TEXT["red_list"]),
            ranked.tail(RANKED).iloc[::-1].assign(list=TEXT["black_list"]),
        ]
    )
    table = lists.assign(
        rank=[*range(1, RANKED + 1)] * 2,
        unit=[display.key_text(dimension, k, names) for k in lists[dimension]],
    )
    unit = catalog.dimension(dimension).name
    return [
        blocks.introduced(
            TEXT["red_black"].format(units=unit, least=least, count=RANKED),
            blocks.table(
                table,
                {
                    "list": TEXT["list_header"],
                    "rank": TEXT["rank_header"],
                    "unit": unit,
                    "evaluations": display.header("evaluations"),
                    "index": display.header("satisfaction_index"),
                },
                formats={"evaluations": "evaluations", "index": "satisfaction_index"},
                widths=[0.08, 0.07, 0.57, 0.12, 0.16],
            ),
        )
    ]


def _followup(con, request: Request, span: Span):
    """差评整改: how many of the span's 差评 were revisited and rectified, and how many are
    past the followup_workdays limit."""
    workdays = config.get_int("followup_workdays")
    items = satisfaction.followups(
        con, request.filters, span.start, span.end, workdays, request.now
    )
    if items.empty:
        return blocks.text(TEXT["no_followups"])
    # a rectified item was revisited first (effmon.domain.followup_workflow: 待回访 → 已回访 →
    # 已整改), whether or not an imported one says when
    revisited = int(items["state"].isin(followup_workflow.STATES[1:]).sum())
    rectified = int((items["state"] == followup_workflow.STATES[-1]).sum())
    return blocks.text(
        TEXT["followups"].format(
            items=f"{len(items):,}",
            revisited=f"{revisited:,}",
            revisited_share=display.value_text("followup_revisit_share", revisited / len(items)),
            rectified=f"{rectified:,}",
            rectified_share=display.value_text("followup_rectify_share", rectified / len(items)),
            overdue=f"{int(items['overdue'].sum()):,}",
            workdays=workdays,
        )
    )


OUTCOMES = [
    "verified_complaints",
    "substantiated_complaints",
    "partly_substantiated_complaints",
    "unsubstantiated_complaints",
    "verified_share",
    "revisited_complaints",
    "revisit_satisfied_share",
    "revisit_dissatisfied_share",
]


def _outcomes(con, request: Request, span: Span):
    """核查结果 and 回访满意度 of the span's complaints, in one sentence."""
    found = measure_frame(con, request.filters, span.start, span.end, OUTCOMES, []).iloc[0]
    return blocks.text(
        TEXT["outcomes"].format(**{key: display.value_text(key, found[key]) for key in OUTCOMES})
    )


def _intervals(table: pd.DataFrame) -> list[str]:
    return [
        labels.MISSING if np.isnan(low) else f"{low:.1f}–{high:.1f}"
        for low, high in zip(table["low"], table["high"], strict=True)
    ]


def complaints_section(con, request: Request, span: Span) -> tuple[Section, pd.DataFrame, float]:
    filters, months = request.filters, (span.start, span.end)
    tickets = complaints.complaints_between(con, filters, *months)
    if tickets.empty:
        note = TEXT["complaints_none"].format(period=span.name)
        return (
            Section(SECTIONS["complaints"], [blocks.empty_note(note)]),
            hot_issues(tickets),
            np.nan,
        )
    issues = hot_issues(tickets)
    today = request.today or date.today()
    closed = closure.closure(con, filters, *months, today)
    categories = (
        tickets["category"].fillna(labels.REPORT_TEXT["uncategorised"]).value_counts().head(3)
    )
    totals = closure_totals(closed)
    body = [
        blocks.text(
            TEXT["complaints"].format(
                period=span.name,
                complaints=f"{len(tickets):,}",
                top=narrative.listing([f"{k}（{v} 件）" for k, v in categories.items()]),
                closed=f"{totals['closed']:,}",
                on_time=f"{totals['on_time']:,}",
                on_time_rate=display.value_text("on_time_share", totals["on_time_rate"]),
                overdue=f"{totals['overdue']:,}",
            )
        ),
        *(
            [blocks.text(said)]
            if (said := narrative.unreviewed_categories(origins(con, tickets)))
            else []
        ),
        blocks.table(
            closure_by(closed, "source"),
            labels.REPORT_CLOSURE_COLUMNS,
            formats={"on_time_rate": "on_time_share"},
        ),
        _outcomes(con, request, span),
    ]
    repeated = issues[issues["complaints"] >= config.get_int("hot_issue_min_complaints")]
    if repeated.empty:
        body.append(blocks.text(TEXT["no_hot"]))
    else:
        first, shown = repeated.iloc[0], repeated.head(TOP)
        body.append(
            blocks.introduced(
                TEXT["hot"].format(title=first["title"], count=first["complaints"]),
                blocks.table(
                    shown.assign(title=narrative.problems_at_places(shown), span=_span(shown)),
                    labels.REPORT_HOT_COLUMNS,
                    formats={"heat": narrative.decimal},
                ),
            )
        )
        body.append(blocks.text(TEXT["heat_note"]))
    return Section(SECTIONS["complaints"], body), issues, totals["on_time_rate"]


def _span(issues: pd.DataFrame) -> list[str]:
    return [
        readable.day_span(first, last)
        for first, last in zip(issues["first"], issues["last"], strict=True)
    ]
