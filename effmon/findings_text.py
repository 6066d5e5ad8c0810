"""Findings for people: their table, the sentence of each (with its breakdown or causes and
the findings merged into it), and the one way a value in them is written. Shared by the
pages, the command line and the reports; stored findings hold numbers only."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from effmon import config, labels
from effmon.analytics.overview import period_name
from effmon.readable import alert_key
from effmon.semantic import display

TEXT = labels.FINDINGS
MIN_CELL_COMPLAINTS = 3


def measure_text(value: float | None, measure: str) -> str:
    """A measure's value as written in findings: by the measure catalog's display rule."""
    return display.value_text(measure, value)


def finding_value(finding: Mapping, column: str) -> str:
    """A finding's value or expected value: a streak's months, a hot issue's complaints,
    else its measure's value."""
    value = finding[column]
    if finding["kind"] == "streak":
        return TEXT["months"].format(n=int(value)) if column == "value" else ""
    return measure_text(value, finding["measure"])


def findings_table(findings: pd.DataFrame, sites: Mapping[str, str]) -> pd.DataFrame:
    """Findings with Chinese headers (labels.FINDING_COLUMNS), sites by their names."""
    rows = findings.to_dict("records")
    shown = pd.DataFrame(
        {
            "severity": findings["severity"],
            "judgement": findings["judgement"],
            "metric": [metric_name(f) for f in rows],
            "key": [about(f, sites) for f in rows],
            "unit": [unit_name(f.get("unit"), sites) for f in rows],
            "happened": findings["happened"],
            "value": [finding_value(f, "value") for f in rows],
            "expected": [finding_value(f, "expected") for f in rows],
            "state": findings.get("state", ""),
        }
    )
    return shown.rename(columns=labels.FINDING_COLUMNS)


def metric_name(finding: Mapping) -> str:
    """What a finding watches, in words (月投诉量, 不动产登记中心 投诉较上月上升 …)."""
    return labels.ALERT_METRICS.get(finding["metric"], finding["metric"])


def about(finding: Mapping, sites: Mapping[str, str]) -> str:
    """What a finding is about: 全区, a street, a category, a site by its name …"""
    return alert_key(finding["key"] if isinstance(finding["key"], str) else None, sites)


def unit_name(unit: str | None, sites: Mapping[str, str]) -> str:
    """The unit responsible, a site by its name; empty where none is named."""
    if not isinstance(unit, str) or not unit:
        return ""
    return " ".join(sites.get(part, part) for part in unit.split(" "))


def sentence(finding: Mapping, sites: Mapping[str, str]) -> str:
    """One finding in words: what happened against what was expected, and where it came
    from (its breakdown or causes), with the findings merged into it."""
    kind, evidence = finding["kind"], finding["evidence"]
    if kind == "streak":  # its key: site id, indicator id, indicator name
        site, _, indicator = finding["key"].split(" ", 2)
        said = TEXT["streak"].format(
            site=sites.get(site, site),
            indicator=indicator,
            first=period_name(finding["happened"]),
            months=int(finding["value"]),
        )
    elif kind == "hot_issue":
        said = TEXT["hot_issue"].format(
            title=finding["key"],
            complaints=measure_text(finding["value"], "complaints"),
            people=evidence.get("complainants", 0),
        )
    elif kind == "rule":
        said = TEXT["rule"].format(rule=finding["key"], value=finding_value(finding, "value"))
    elif kind == "change":
        said = TEXT["change"].format(
            when=period_name(finding["happened"]),
            unit=about(finding, sites),
            metric=metric_name(finding),
            value=finding_value(finding, "value"),
            before=finding_value(finding, "expected"),
        )
    else:
        said = TEXT["measured"].format(
            when=period_name(finding["happened"]),
            subject=_subject(finding, sites),
            direction=labels.ALERT_DIRECTIONS[finding["direction"]],
            value=finding_value(finding, "value"),
            expected=finding_value(finding, "expected"),
        )
    said += TEXT["end"]
    return said + _source(finding, evidence) + _merged(evidence, sites)


def breakdown_table(evidence: Mapping) -> pd.DataFrame:
    """A finding's breakdown by street × category × department, Chinese headers."""
    cells = pd.DataFrame(evidence.get("breakdown") or [], columns=list(labels.BREAKDOWN_COLUMNS))
    cells["expected"] = cells["expected"].astype(float).round(1)
    return cells.rename(columns=labels.BREAKDOWN_COLUMNS)


def _source(finding: Mapping, evidence: Mapping) -> str:
    """Where a rise came from (its main cells), or the main cause of a change."""
    # A cell of a complaint or two says nothing of where a rise came from.
    cells = [c for c in evidence.get("breakdown") or [] if c["actual"] >= MIN_CELL_COMPLAINTS]
    if cells:
        parts = [
            TEXT["cell"].format(
                where=" ".join(c[d] or labels.ALERTS["blank"] for d in ("street", "category")),
                department=c["department"] or labels.ALERTS["blank"],
                actual=measure_text(c["actual"], "complaints"),
                expected=measure_text(c["expected"], "complaints"),
            )
            for c in cells[:2]
        ]
        return TEXT["from"].format(cells="；".join(parts))
    causes = evidence.get("causes") or []
    if causes and causes[0]["share"] >= config.get_float("cause_min_share"):
        where = " 的 ".join(v or labels.ALERTS["blank"] for v in causes[0]["where"].values())
        return TEXT["cause"].format(
            share=display.percent_text(causes[0]["share"], decimals=0), where=where
        )
    return ""


def _merged(evidence: Mapping, sites: Mapping[str, str]) -> str:
    members = evidence.get("merged") or []
    if not members:
        return ""
    return TEXT["merged"].format(members="、".join(_subject(m, sites) for m in members))


def _subject(finding: Mapping, sites: Mapping[str, str]) -> str:
    """What a finding is about, in a sentence: 中和街道投诉量, 「系统故障」类投诉, a hot issue
    by its title."""
    key = alert_key(finding["key"] if isinstance(finding["key"], str) else None, sites)
    subject = labels.FINDING_SUBJECTS.get(finding["metric"])
    if subject:
        return subject.format(key=key)
    return f"{labels.ALERT_METRICS.get(finding['metric'], finding['metric'])}「{key}」"
