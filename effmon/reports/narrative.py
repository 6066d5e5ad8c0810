"""Generated text of the reports: numbers and changes in words, and rule-based suggestions
tied to the findings. Wording lives in labels.REPORT_TEXT and labels.REPORT_SUGGESTIONS."""

from __future__ import annotations

import math
from collections.abc import Mapping

import pandas as pd

from effmon import config, findings_text, labels
from effmon.analytics.complaint_categories import by_model
from effmon.semantic import display

TEXT = labels.REPORT_TEXT


def unreviewed_categories(origin: pd.Series) -> str:
    """How many of the complaints' categories (``origin``: category_origin's words) the
    classifier gave and no reviewer has confirmed yet, and how many of those wait in the
    review queue; empty when none."""
    unreviewed = by_model(origin)
    if not unreviewed.any():
        return ""
    queued = (origin == labels.CATEGORIES["origin"]["queued"]).sum()
    return TEXT["by_model"].format(
        model=display.value_text("complaints", unreviewed.sum()),
        queued=display.value_text("complaints", queued),
    )


def decimal(value: float) -> str:
    """A number with one decimal (and thousands separators)."""
    return f"{value:,.1f}"


def p_value(p: float) -> str:
    """A significance level with three decimals, or "< 0.001" below that (a rounded 0.000
    would read as impossible)."""
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def problems_at_places(issues: pd.DataFrame) -> list[str]:
    """Hot issues' titles for a table beside their place: each without the place it starts
    with (the 地点 column says it)."""
    return [
        t.removeprefix(p) if p and t.startswith(p) and len(t) > len(p) else t
        for t, p in zip(issues["title"], issues["place"], strict=True)
    ]


def listing(names: list[str]) -> str:
    """Names joined the Chinese way: 甲、乙和丙."""
    if len(names) <= 1:
        return "".join(names)
    return "、".join(names[:-1]) + "和" + names[-1]


def _advice(row: Mapping) -> str:
    """The suggestion for a unit's rise, in proportion: a campaign only for many complaints."""
    few = row["current"] < config.get_int("campaign_min_complaints")
    return "complaints_few" if row["measure"] == "complaints" and few else row["measure"]


def suggestions(
    attention: pd.DataFrame,
    hot: pd.DataFrame,
    on_time_rate: float,
    falls: pd.DataFrame,
    findings: list[dict],
    unit_names: dict[str, str] | None = None,
) -> list[str]:
    """One suggestion per finding, most pressing first: the two departments and the two
    sites (keys of ``unit_names``) whose waits, overdue cases, 差评 or complaints rose most
    (``attention``: key, measure, current, most surprising first), the hottest issues
    (``hot``: title, complaints; two or more complaints), a low on-time closure rate, the
    departments whose satisfaction index fell (``falls``: department, index) and the
    adverse findings (stored findings with their ``sentence``; hot issues have their own)."""
    said = labels.REPORT_SUGGESTIONS
    names = unit_names or {}
    found = [
        said[_advice(row)].format(
            unit=names.get(row["key"], row["key"]),
            current=display.value_text(row["measure"], row["current"]),
        )
        for row in attention.groupby(attention["key"].isin(names)).head(2).to_dict("records")
    ]
    found += [
        said["hot"].format(title=row["title"], count=row["complaints"])
        for row in hot[hot["complaints"] >= config.get_int("hot_issue_min_complaints")]
        .head(2)
        .to_dict("records")
    ]
    target = config.get_float("on_time_target")
    if not math.isnan(on_time_rate) and on_time_rate < target:
        rate, least = (display.value_text("on_time_share", v) for v in (on_time_rate, target))
        found.append(said["on_time"].format(rate=rate, target=least))
    found += [
        said["fall"].format(
            department=row["department"],
            index=display.value_text("satisfaction_index", row["index"]),
        )
        for row in falls.head(2).to_dict("records")
    ]
    others = [f for f in findings if f["kind"] != "hot_issue"]
    found += [_finding_advice(f, names) for f in others[:2]]
    return found


def _finding_advice(finding: Mapping, names: Mapping[str, str]) -> str:
    """What to do about a finding, addressed to its unit: a streak of failed inspections is
    to be rectified by a deadline and checked again; anything else looked into by the unit
    it names."""
    said = labels.REPORT_SUGGESTIONS
    if finding["kind"] == "streak":  # its key: site id, indicator id, indicator name
        site, _, indicator = finding["key"].split(" ", 2)
        return said["streak"].format(
            site=names.get(site, site), indicator=indicator, months=int(finding["value"])
        )
    unit = findings_text.unit_name(finding.get("unit"), names)
    if finding["kind"] == "change":
        unit = findings_text.about(finding, names)
    if not unit:
        return said["alert"].format(sentence=finding["sentence"])
    return said["alert_unit"].format(sentence=finding["sentence"], unit=unit)
