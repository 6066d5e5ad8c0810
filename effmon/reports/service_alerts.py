"""The findings section of 政务服务月报 and 年度报告 (effmon.reports.service): the stored
findings of the month, or of the year's months with how far each was followed up, each in
the sentence that says what happened and where it came from — the findings 总览 and
趋势预测与预警 show for the same months."""

from __future__ import annotations

import pandas as pd

from effmon import labels
from effmon.analytics.overview import Span
from effmon.findings_text import sentence
from effmon.reports import blocks, narrative
from effmon.reports.document import Section
from effmon.store import findings as store_findings
from effmon.store import letters as store_letters
from effmon.store import queries

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
TOP = 10


def findings_section(con, span: Span) -> tuple[Section, list[str]]:
    """The span's stored findings, most pressing first (TOP of them), and the sentences of
    those that are not good news (for the suggestions)."""
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
    states = found["state"].value_counts()
    intro = TEXT["alerts_year" if span.yearly else "alerts"].format(
        period=span.name,
        count=len(found),
        states="、".join(f"{state} {n} 项" for state, n in states.items()),
    )
    shown = found.sort_values(["severity", "period", "rank"], key=_pressing).head(TOP)
    sites = queries.site_names(con)
    said = [sentence(f, sites) for f in shown.to_dict("records")]
    items = [
        text + (f"（{state}）" if span.yearly else "")
        for text, state in zip(said, shown["state"], strict=True)
    ]
    adverse = [text for text, j in zip(said, shown["judgement"], strict=True) if j != "向好"]
    return Section(SECTIONS["alerts"], [*body, blocks.text(intro), *blocks.bullets(items)]), adverse


def followup_section(con, span: Span) -> Section:
    """六、上月问题整改跟踪: the findings of the month before, each with whether it is still
    found this month and how far it was followed up."""
    previous = str(pd.Period(span.end, "M") - 1)
    letters = _letters(con, previous)
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
            state=f["state"],
        )
        for f in shown.to_dict("records")
    ]
    intro = TEXT["followup"].format(count=len(before))
    return Section(SECTIONS["followup"], [*letters, blocks.text(intro), *blocks.bullets(items)])


def _letters(con, month: str) -> list:
    """The 提示函 sent about ``month``: how many, to whom, and by when they are to reply."""
    sent = store_letters.letters_of_period(con, month)
    if sent.empty:
        return []
    last = sent["reply_by"].max()
    return [
        blocks.text(
            TEXT["letters_sent"].format(
                count=len(sent),
                units=narrative.listing(sent["name"].head(5).tolist()),
                more=TEXT["letters_more"].format(n=len(sent)) if len(sent) > 5 else "",
                reply_by=f"{last.year}年{last.month}月{last.day}日",
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
