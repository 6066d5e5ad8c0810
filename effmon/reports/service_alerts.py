"""The alerts section of 政务服务月报 and 年度报告 (effmon.reports.service): a month's
anomalies as the scan finds them, or a year's stored alerts with their follow-up states,
each with the sentence that decomposes it."""

from __future__ import annotations

import pandas as pd

from effmon import labels
from effmon.analytics.overview import Span
from effmon.forecast.explain import explain, sentence
from effmon.forecast.scan import in_percent, scan
from effmon.readable import alert_key
from effmon.reports import blocks
from effmon.reports.document import Section
from effmon.reports.request import Request
from effmon.store import alerts as store_alerts
from effmon.store import queries

TEXT = labels.REPORT_TEXT
SECTIONS = labels.REPORT_SECTIONS
TOP = 10


def scanned_alerts_section(con, request: Request, span: Span) -> tuple[Section, list[str]]:
    """The anomalies the scan finds in the month, each with its decomposition."""
    found = scan(con, span.end, request.filters)
    found = found[found["period"].str.startswith(span.end)]
    intro = TEXT["alerts"].format(period=span.name, count=len(found))
    return _alert_section(con, found, intro, span)


def stored_alerts_section(con, span: Span) -> tuple[Section, list[str]]:
    """The alerts raised in the year's months and how far each was followed up."""
    found = store_alerts.current_alerts(con, open_only=False)
    found = found[found["period"].str[:7].between(span.start, span.end)]
    states = found["state"].value_counts()
    intro = TEXT["alerts_year"].format(
        period=span.name,
        count=len(found),
        states="、".join(f"{state} {n} 项" for state, n in states.items()),
    )
    return _alert_section(con, found, intro, span)


def _alert_section(con, found: pd.DataFrame, intro: str, span: Span) -> tuple[Section, list[str]]:
    """The alerts (most severe first, TOP of them) with the sentence that decomposes each."""
    if found.empty:
        note = TEXT["no_alerts"].format(period=span.name)
        return Section(SECTIONS["alerts"], [blocks.text(note)]), []
    shown = found.sort_values("score", ascending=False).head(TOP)
    causes = [sentence(alert, explain(con, alert)) for _, alert in shown.iterrows()]
    sites = queries.site_names(con)
    items = [
        TEXT["alert_item"].format(
            metric=labels.ALERT_METRICS.get(alert["metric"], alert["metric"]),
            key=(
                f"（{alert_key(alert['key'], sites)}）"
                if isinstance(alert["key"], str) and alert["key"]
                else ""
            ),
            period=alert["period"],
            direction=labels.ALERT_DIRECTIONS[alert["direction"]],
            value=_number(alert["value"], alert["key"]),
            expected=_number(alert["expected"], alert["key"]),
            cause=cause,
        )
        + (f"（{alert['state']}）" if "state" in alert else "")
        for (_, alert), cause in zip(shown.iterrows(), causes, strict=True)
    ]
    return Section(SECTIONS["alerts"], [blocks.text(intro), *blocks.bullets(items)]), causes


def _number(value: float, key: str | None) -> str:
    """An alert's value or expectation; a share rule's in percent (好评率 < 99.9%)."""
    if in_percent(key):
        return f"{value * 100:.2f}%"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}"
