"""The findings section of 政务服务月报 and 年度报告 (effmon.reports.service): the stored
findings of the month, or of the year's months with how far each was followed up, each in
the sentence that says what happened and where it came from — the findings 总览 and
趋势预测与预警 show for the same months."""

from __future__ import annotations

from datetime import date

import pandas as pd

from effmon import labels
from effmon.analytics import inspections
from effmon.analytics.overview import Span, period_name
from effmon.findings_text import sentence
from effmon.reports import blocks, narrative
from effmon.reports.document import Section
from effmon.store import findings as store_findings
from effmon.store import queries

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
STATES = labels.REPORT_FINDING_STATES
UNHANDLED = store_findings.STATES[0]  # 新发现: nobody has recorded a step yet
TOP = 10


def findings_section(con, span: Span) -> tuple[Section, list[dict]]:
    """The span's stored findings, most pressing first (TOP of them), and those that are not
    good news, each with its sentence (for the suggestions)."""
    months = [str(m) for m in pd.period_range(span.start, span.end, freq="M")]
    computed = store_findings.computed_months(con, span.start, span.end)
    missing = [m for m in months if m not in computed]
    found = store_findings.findings_between(con, span.start, span.end)
    # A streak lasting several months is one finding: its latest month tells it.
    found = found.drop_duplicates("finding_id", keep="last")
    body = []
    if missing:
        body.append(blocks.text(TEXT["findings_missing"].format(months="、".join(missing))))
    if found.empty:
        if len(missing) < len(months):
            body.append(blocks.text(TEXT["no_alerts"].format(period=span.name)))
        return Section(SECTIONS["alerts"], body), []
    found = found.sort_values(["severity", "period", "rank"], key=_pressing)
    sites = queries.site_names(con)
    said = [sentence(f, sites) for f in found.head(TOP).to_dict("records")]
    adverse = [
        f | {"sentence": text}
        for f, text in zip(found.head(TOP).to_dict("records"), said, strict=True)
        if f["judgement"] != "向好"
    ]
    # Streaks of failed inspections are named in 四、日常巡查情况: here only counted.
    streaks = found["kind"] == "streak"
    others = found[~streaks]
    if not others.empty:
        states = others["state"].map(STATES).value_counts()
        body.append(
            blocks.text(
                TEXT["alerts_year" if span.yearly else "alerts"].format(
                    period=span.name,
                    count=len(others),
                    states=TEXT["all_alike"].format(state=states.index[0])
                    if len(states) == 1
                    else "、".join(f"{state} {n} 项" for state, n in states.items()),
                )
            )
        )
        # A year's findings have moved on: each says where it stands, unless all stand alike.
        told = span.yearly and len(states) > 1
        body += blocks.bullets(
            [
                _with_state(sentence(f, sites), f["state"]) if told else sentence(f, sites)
                for f in others.head(TOP).to_dict("records")
            ]
        )
    if streaks.any():
        more = "alerts_streaks" if len(others) else "alerts_streaks_only"
        body.append(blocks.text(TEXT[more].format(period=span.name, count=int(streaks.sum()))))
    return Section(SECTIONS["alerts"], body), adverse


def _with_state(said: str, state: str) -> str:
    """A finding's sentence with where it stands."""
    return said.rstrip("。") + f"（{STATES[state]}）。"


def followup_section(con, span: Span, as_of: date) -> Section:
    """六、上月问题整改跟踪: the findings of the month before, each with whether it is still
    found this month and how far it was followed up."""
    previous = str(pd.Period(span.end, "M") - 1)
    letters = _letters(con, previous, as_of)
    before = store_findings.findings_between(con, previous, previous)
    before = before[before["judgement"] != "向好"]
    if before.empty:
        return Section(SECTIONS["followup"], [*letters, blocks.text(TEXT["no_followup"])])
    now = store_findings.findings_between(con, span.end, span.end)
    still = set(zip(now["metric"], now["key"].fillna(""), strict=True))
    sites = queries.site_names(con)
    shown = before.sort_values(["severity", "rank"], key=_pressing).head(TOP)
    items = [
        TEXT["followup_item"].format(
            sentence=sentence(f, sites).rstrip("。"),
            now=TEXT[
                "followup_still" if (f["metric"], f["key"] or "") in still else "followup_gone"
            ],
            state="" if f["state"] == UNHANDLED else "，" + STATES[f["state"]],
        )
        for f in shown.to_dict("records")
    ]
    intro = TEXT["followup_top" if len(before) > TOP else "followup"].format(
        count=len(before), shown=len(shown)
    )
    body = [*letters, blocks.text(intro), *blocks.bullets(items)]
    if unhandled := int((before["state"] == UNHANDLED).sum()):
        body.append(blocks.text(TEXT["followup_unhandled"].format(n=unhandled)))
    return Section(SECTIONS["followup"], body)


def _letters(con, month: str, as_of: date) -> list:
    """The 提示函 sent about ``month``: how many, to whom, by when they are to reply, and how
    many of the problems they named are rectified by ``as_of``."""
    sent = inspections.letters_followed(con, month, as_of)
    if sent.empty:
        return []
    last = sent["reply_by"].max()
    items, done = int(sent["items"].sum()), int(sent["rectified"].sum())
    behind = sent[sent["rectified"] < sent["items"]]
    if done == items:
        progress = TEXT["letters_all_done"]
    elif done == 0:
        progress = TEXT["letters_none_done"]
    else:
        progress = TEXT["letters_some_done"].format(
            done=done, left=items - done, units=narrative.listing(behind["name"].tolist())
        )
    return [
        blocks.text(
            TEXT["letters_sent"].format(
                count=len(sent),
                units=narrative.listing(sent["name"].head(5).tolist()),
                more=TEXT["letters_more"].format(n=len(sent)) if len(sent) > 5 else "",
                items=items,
                reply_by=f"{last.year}年{last.month}月{last.day}日",
                as_of=period_name(as_of.isoformat()),
                progress=progress,
            )
        )
    ]


def _pressing(column: pd.Series) -> pd.Series:
    """Sort keys: 严重 before 一般 before 提示; newer months first; then by rank."""
    if column.name == "severity":
        return column.map({"严重": 0, "一般": 1, "提示": 2})
    if column.name == "period":
        return column.map(lambda p: -int(p.replace("-", "")))
    return column
