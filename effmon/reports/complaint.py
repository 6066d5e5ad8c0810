"""全流程投诉处理报告: for one complaint, its whole handling timeline; for a month, how the
complaints received were handled — sources and categories, what the verification found
(核查结果), closure on time by source and department, the revisit's satisfaction, repeats,
hot issues and the tickets still overdue.

The rates and counts of the month are catalog measures (effmon.semantic), read through
measure_frame and shown through effmon.semantic.display; the tables by source and
department come from the functions behind the 投诉处理 and 投诉热点 pages.
"""

from __future__ import annotations

import re
from datetime import date

import duckdb
import pandas as pd

from effmon import config, labels, readable
from effmon.analytics import complaint_workflow
from effmon.analytics.closure import closure_by, closure_totals
from effmon.analytics.complaint_categories import by_model, origins
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.overview import period_name
from effmon.errors import EffmonError
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.semantic import display
from effmon.store import closure, complaints
from effmon.store.measures import measure_frame

TEXT = labels.COMPLAINT_REPORT
SECTIONS = TEXT["sections"]
TOP = 15
VERIFICATION = {  # 核查结果 → its count and share in the catalog
    "属实": ("substantiated_complaints", "substantiated_share"),
    "部分属实": ("partly_substantiated_complaints", "partly_substantiated_share"),
    "不属实": ("unsubstantiated_complaints", "unsubstantiated_share"),
}
REVISIT = {  # 回访满意度 → its count in the catalog
    "满意": "revisit_satisfied",
    "基本满意": "revisit_basically_satisfied",
    "不满意": "revisit_dissatisfied",
}
MONTH_MEASURES = [
    "complaints", "verified_complaints", "verified_share", "revisited_complaints",
    "revisit_satisfied_share", "revisit_dissatisfied_share", "repeat_complaints",
    "repeat_share", *(k for pair in VERIFICATION.values() for k in pair), *REVISIT.values(),
]  # fmt: skip


def make_complaint_month_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The month's complaint handling (period 'YYYY-MM') as PDF bytes."""
    month, filters = request.period, request.filters
    cover = Cover(
        labels.REPORT_KINDS["complaint_month"], period_name(month), request.generated_by,
        request.now, outgoing=True,
    )  # fmt: skip
    tickets = complaints.complaints_between(con, filters, month, month)
    if tickets.empty:
        note = blocks.empty_note(TEXT["none"].format(period=period_name(month)))
        return render(cover, [Section(SECTIONS["intake"], [note])])
    issues = hot_issues(tickets)
    handled = closure.closure(con, filters, month, month, request.today or date.today())
    figures = measure_frame(con, filters, month, month, MONTH_MEASURES, []).iloc[0]
    steps = complaint_workflow.judged_steps_of(con, tickets, request.now)
    sections = [
        _intake(tickets, month, issues, origins(con, tickets)),
        _verification(figures),
        _timeliness(handled, steps, tickets),
        _revisits(figures),
        _repeats(figures, issues),
        _overdue(handled, tickets, steps),
    ]
    return render(cover, sections)


def incident_sentence(tickets: pd.DataFrame, issues: pd.DataFrame) -> str:
    """The hot issue behind a large part of the month's complaints (complaint_incident_share)
    in one sentence — its dates, place, problem, count, people and unit; empty when none."""
    if issues.empty or tickets.empty:
        return ""
    top = issues.iloc[0]
    share = top["complaints"] / len(tickets)
    if share < config.get_float("complaint_incident_share"):
        return ""
    own = tickets[tickets["ticket_id"].isin(top["ticket_ids"])]
    place, title = top["place"], top["title"]
    placed = bool(place) and title.startswith(place) and len(title) > len(place)
    return TEXT["incident" if placed else "incident_unplaced"].format(
        span=readable.day_span(top["first"], top["last"]),
        place=place,
        problem=title.removeprefix(place) if placed else title,
        count=display.value_text("complaints", top["complaints"]),
        people=f"{top['complainants']:,}",
        share=display.percent_text(share),
        department=narrative.listing(own["department"].value_counts().head(2).index.tolist()),
    )


def _intake(tickets: pd.DataFrame, month: str, issues: pd.DataFrame, origin: pd.Series) -> Section:
    sources = tickets["source"].value_counts()
    categories = tickets["category"].fillna(labels.REPORT_TEXT["uncategorised"]).value_counts()
    body = [
        blocks.text(
            TEXT["intake"].format(
                period=period_name(month),
                tickets=display.value_text("complaints", len(tickets)),
                sources=narrative.listing(
                    [f"{k} {display.value_text('complaints', v)}" for k, v in sources.items()]
                ),
                categories=narrative.listing(
                    [
                        f"{k} {display.value_text('complaints', v)}"
                        for k, v in categories.head(3).items()
                    ]
                ),
            )
        ),
        *([blocks.text(said)] if (said := incident_sentence(tickets, issues)) else []),
        *([blocks.text(said)] if (said := narrative.unreviewed_categories(origin)) else []),
        blocks.table(
            categories.rename_axis("category").reset_index(name="tickets"),
            TEXT["category_columns"],
            widths=[0.6, 0.4],
        ),
    ]
    return Section(SECTIONS["intake"], body)


def _timeliness(handled: pd.DataFrame, steps: pd.DataFrame, tickets: pd.DataFrame) -> Section:
    totals = closure_totals(handled)
    rate = display.value_text("on_time_share", totals["on_time_rate"])
    body = [blocks.text(TEXT["timeliness"].format(**totals, rate=rate)), *_steps(steps, tickets)]
    for dimension in ("source", "department"):
        body.append(
            blocks.introduced(
                TEXT["by"][dimension],
                blocks.table(
                    closure_by(handled, dimension),
                    {**labels.REPORT_CLOSURE_COLUMNS, "key": TEXT["by_header"][dimension]},
                    formats={"on_time_rate": "on_time_share"},
                ),
                "plain",
            )
        )
    return Section(SECTIONS["timeliness"], body + _late_steps(steps, tickets))


def step_table(steps: pd.DataFrame) -> pd.DataFrame:
    """The steps that have a limit, by state in workflow order: state, limit (the limits in
    force, 5 or 5、10 when sources differ), steps, late, on_time (share, as text)."""
    timed = steps[steps["limit_workdays"].notna()]
    order = [s for s in complaint_workflow.rules.NEXT if s in set(timed["state"])]
    rows = []
    for state in order:
        own = timed[timed["state"] == state]
        late = int(own["late"].sum())
        rows.append(
            {
                "state": state,
                "limit": "、".join(f"{d:g}" for d in sorted(own["limit_workdays"].unique())),
                "steps": len(own),
                "late": late,
                "on_time": display.percent_text(1 - late / len(own)),
            }
        )
    return pd.DataFrame(rows, columns=list(TEXT["step_columns"]))


def _steps(steps: pd.DataFrame, tickets: pd.DataFrame) -> list:
    """Each step judged against its own state's limit: how many ran late, where."""
    table = step_table(steps)
    if table.empty:
        return []
    late = steps[steps["late"]]
    if late.empty:
        return [blocks.text(TEXT["steps_none_late"].format(steps=f"{table['steps'].sum():,}"))]
    worst = table.sort_values("late", ascending=False, kind="stable").iloc[0]
    said = TEXT["steps"].format(
        steps=f"{table['steps'].sum():,}",
        late=f"{len(late):,}",
        tickets=display.value_text("complaints", late["ticket_id"].nunique()),
        worst=TEXT["steps_worst"].format(state=worst["state"], late=f"{worst['late']:,}"),
    )
    return [
        blocks.text(said),
        blocks.introduced(
            TEXT["steps_by"],
            blocks.table(table, TEXT["step_columns"], widths=[0.2, 0.2, 0.2, 0.2, 0.2]),
            "plain",
        ),
    ]


def _late_steps(steps: pd.DataFrame, tickets: pd.DataFrame) -> list:
    """Which step of which ticket ran late, against which limit, taking how long."""
    late = steps[steps["late"]].merge(tickets[["ticket_id", "department"]], on="ticket_id")
    if late.empty:
        return []
    shown = late.head(TOP * 2)
    days = TEXT["limit"]
    rows = shown.assign(
        limit=[days.format(workdays=int(d)) for d in shown["limit_workdays"]],
        taken=[days.format(workdays=int(d)) for d in shown["workdays"]],
        status=[TEXT["step_status"]["open" if o else "done"] for o in shown["open"]],
    )
    intro = (
        TEXT["late_steps"]
        if len(shown) == len(late)
        else TEXT["late_steps_more"].format(count=f"{len(late):,}", shown=len(shown))
    )
    widths = [0.22, 0.2, 0.14, 0.14, 0.14, 0.16]
    return [blocks.introduced(intro, blocks.table(rows, TEXT["late_step_columns"], widths=widths))]


def _verification(figures: pd.Series) -> Section:
    """核查结果: how many tickets the verification found true, partly true or untrue."""
    checked = figures["verified_complaints"]
    if not checked:
        return Section(SECTIONS["verification"], [blocks.text(TEXT["no_verification"])])
    rows = pd.DataFrame(
        [
            {
                "result": result,
                "tickets": display.number_text(count, figures[count]),
                "share": display.value_text(share, figures[share]),
            }
            for result, (count, share) in VERIFICATION.items()
        ]
    )
    said = narrative.listing(
        [f"{result} {display.value_text(count, figures[count])}"
         for result, (count, _) in VERIFICATION.items()]
    )  # fmt: skip
    body = [
        blocks.text(
            TEXT["verification"].format(
                checked=display.value_text("verified_complaints", checked),
                said=said,
                rate=display.value_text("verified_share", figures["verified_share"]),
            )
        ),
        blocks.table(rows, TEXT["verification_columns"], widths=[0.4, 0.3, 0.3]),
    ]
    return Section(SECTIONS["verification"], body)


def _revisits(figures: pd.Series) -> Section:
    """回访满意度: the citizens' satisfaction when the closed tickets were revisited."""
    total = figures["revisited_complaints"]
    if not total:
        return Section(SECTIONS["revisits"], [blocks.text(TEXT["no_revisits"])])
    said = narrative.listing(
        [f"{level} {display.value_text(key, figures[key])}" for level, key in REVISIT.items()]
    )
    text = TEXT["revisits"].format(
        total=display.value_text("revisited_complaints", total),
        said=said,
        satisfied=display.value_text("revisit_satisfied_share", figures["revisit_satisfied_share"]),
        dissatisfied=display.value_text(
            "revisit_dissatisfied_share", figures["revisit_dissatisfied_share"]
        ),
    )
    return Section(SECTIONS["revisits"], [blocks.text(text)])


def _repeats(figures: pd.Series, issues: pd.DataFrame) -> Section:
    repeated = issues[issues["complaints"] >= config.get_int("hot_issue_min_complaints")]
    body = [
        blocks.text(
            TEXT["repeats"].format(
                repeats=display.value_text("repeat_complaints", figures["repeat_complaints"]),
                share=display.value_text("repeat_share", figures["repeat_share"]),
                days=config.get_int("repeat_complaint_days"),
            )
        )
    ]
    if not repeated.empty:
        body.append(
            blocks.introduced(
                TEXT["hot_issues"],
                blocks.table(
                    _problems(repeated.head(TOP)),
                    {**labels.REPORT_HOT_COLUMNS, "span": TEXT["last"]},
                    formats={"heat": narrative.decimal},
                ),
            )
        )
    return Section(SECTIONS["repeats"], body)


def _problems(issues: pd.DataFrame) -> pd.DataFrame:
    """Hot issues for a table beside their place: the title without the place it starts
    with (the 地点 column says it), and the day of the latest complaint."""
    return issues.assign(
        title=narrative.problems_at_places(issues), span=issues["last"].dt.strftime("%m-%d")
    )


def _overdue(handled: pd.DataFrame, tickets: pd.DataFrame, steps: pd.DataFrame) -> Section:
    """The open tickets past their closure limit, each with the step it stands in and
    whether that step is past its own limit."""
    late = handled[handled["overdue"]].merge(tickets[["ticket_id", "title"]], on="ticket_id")
    if late.empty:
        return Section(SECTIONS["overdue"], [blocks.text(TEXT["no_overdue"])])
    current = steps[steps["open"]].drop_duplicates("ticket_id", keep="last")
    stage = {
        t: TEXT["stage_late" if over else "stage"].format(state=state)
        for t, state, over in zip(
            current["ticket_id"], current["state"], current["late"], strict=True
        )
    }
    shown = late.assign(
        received_at=late["received_at"].dt.strftime("%Y-%m-%d"),
        stage=late["ticket_id"].map(stage).fillna(labels.MISSING),
    )
    body = [
        blocks.text(TEXT["overdue"].format(count=len(late))),
        blocks.table(
            shown.head(TOP * 2),
            TEXT["overdue_columns"],
            widths=[0.2, 0.28, 0.12, 0.14, 0.12, 0.14],
        ),
    ]
    return Section(SECTIONS["overdue"], body)


def make_complaint_ticket_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """One complaint's whole handling (request.complaint, a ticket id) as PDF bytes."""
    found = complaints.ticket(con, request.complaint)
    if found.empty:
        raise EffmonError(labels.FLOW["unknown"].format(ticket=request.complaint))
    row = found.iloc[0]
    origin = origins(con, found)
    if by_model(origin).iloc[0]:  # the classifier's category, unreviewed
        row = row.copy()
        row["category"] = TEXT["category_by"].format(
            category=row["category"], origin=origin.iloc[0]
        )
    received = row["received_at"]
    cover = Cover(
        labels.REPORT_KINDS["complaint_ticket"], period_name(f"{received:%Y-%m-%d}"),
        request.generated_by,
        request.now, subtitle=TEXT["ticket_subtitle"].format(ticket=row["ticket_id"]),
        outgoing=True,
    )  # fmt: skip
    steps = complaint_workflow.judged_steps(con, request.complaint, request.now)
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
    outcome = [
        blocks.table(
            pd.DataFrame(
                {
                    "field": list(TEXT["outcome"].values()),
                    "value": [_fact(row[k]) for k in TEXT["outcome"]],
                }
            ),
            TEXT["fact_columns"],
            widths=[0.2, 0.8],
        ),
        blocks.text(TEXT["conclusion"], "plain"),
        *blocks.bullets(conclusion(row, steps, handled)),
    ]
    sections = [
        Section(SECTIONS["ticket"], body),
        Section(SECTIONS["outcome"], outcome),
        Section(SECTIONS["timeline"], _timeline(steps)),
    ]
    return render(cover, sections, contents=False)


def _timeline(steps: pd.DataFrame) -> list:
    """The steps as a table, each judged against its own state's limit, and what was noted
    at each."""
    words = TEXT["judgement"]
    shown = steps.assign(
        started_at=steps["started_at"].dt.strftime("%Y-%m-%d %H:%M"),
        ended_at=steps["ended_at"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
        limit=[
            "" if pd.isna(w) else TEXT["limit"].format(workdays=int(w))
            for w in steps["limit_workdays"]
        ],
        due_at=steps["due_at"].dt.strftime("%Y-%m-%d %H:%M").fillna(""),
        judged=[
            words["none"]
            if pd.isna(due)
            else words[("open_" if still else "") + ("late" if late else "on_time")]
            for due, late, still in zip(steps["due_at"], steps["late"], steps["open"], strict=True)
        ],
        who=[
            "，".join(str(v) for v in (actor, unit) if not pd.isna(v) and v)
            for actor, unit in zip(steps["actor"], steps["unit"], strict=True)
        ],
    )
    notes = [
        TEXT["step_note"].format(state=r.state, at=r.started_at[:10], text=text)
        for r in shown.itertuples(index=False)
        for text in (r.result, r.note)
        if not pd.isna(text) and text
    ]
    body = [
        blocks.text(TEXT["timeline_rule"]),
        blocks.table(
            shown, TEXT["timeline_columns"], widths=[0.08, 0.17, 0.12, 0.17, 0.17, 0.17, 0.12]
        ),
    ]
    return body + ([blocks.text(TEXT["notes"]), *blocks.bullets(notes)] if notes else [])


def _fact(value: object) -> str:
    if isinstance(value, pd.Timestamp):
        return f"{value:%Y-%m-%d %H:%M}"
    return labels.MISSING if pd.isna(value) else str(value)


def conclusion(row: pd.Series, steps: pd.DataFrame, handled: pd.DataFrame) -> list[str]:
    """办理结论 said from what the steps recorded: what the verification found, who handled
    it and when they replied, the revisit, the closure against its limit, each late step
    against its own limit — and a reply whose stated finding is not the recorded one."""
    said = [
        TEXT["found"].format(result=row["result"]) if _known(row["result"]) else TEXT["not_found"]
    ]
    handling = steps[steps["state"] == "处理"]
    if not handling.empty:
        step = handling.iloc[-1]
        unit = next((v for v in (step["unit"], step["actor"], row["department"]) if _known(v)), "")
        replied = row["replied_at"] if not pd.isna(row["replied_at"]) else step["ended_at"]
        said.append(
            TEXT["handled_open"].format(unit=unit)
            if pd.isna(replied)
            else TEXT["handled"].format(unit=unit, end=_day(replied))
        )
    if _known(row["satisfaction"]):
        said.append(TEXT["revisited"].format(satisfaction=row["satisfaction"]))
    said.append(_verdict(handled))
    late = [
        TEXT["step_open_late" if r.open else "step_late"].format(
            state=r.state, limit=int(r.limit_workdays), taken=r.workdays
        )
        for r in steps[steps["late"]].itertuples(index=False)
    ]
    said.append(TEXT["steps_late"].format(steps="；".join(late)) if late else TEXT["steps_on_time"])
    if conflict := reply_conflict(row["reply"], row["result"]):
        said.append(TEXT["reply_conflict"].format(said=conflict, result=row["result"]))
    return said


def reply_conflict(reply: object, result: object) -> str:
    """The words of ``reply`` that contradict the recorded 核查结果 ``result``: a finding it
    states that is not the recorded one (属实 where 不属实 is recorded), or an action on the
    problem (整改, 修复 …) where the complaint was found untrue; empty when they agree."""
    if not _known(reply) or not _known(result):
        return ""
    stated = re.search(r"部分属实|不属实|属实", reply)
    if stated:
        return stated.group(0) if stated.group(0) != result else ""
    if result != "不属实":
        return ""
    clauses = [c for c in re.split(r"[，。；！,;]", reply) if c.strip()]
    return next((c for c in clauses if any(w in c for w in TEXT["remedy_words"])), "")


def _known(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _day(at: pd.Timestamp) -> str:
    return f"{at.year}年{at.month}月{at.day}日"


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
