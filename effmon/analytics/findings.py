"""A month's findings (发现): anomalies with their decomposition, significant changes against
the month before, indicator failure streaks, hot issues and rule breaches, merged where they
are one event, judged by the direction of their measure, graded and ranked.

Pure: the candidates found by the scan (effmon.forecast.scan) and the month's complaint
records in, one ranked frame out. A complaint surge shows in the total, in its street and in
its category, in its department's rise against the month before and as a hot issue: these
candidates name overlapping complaints, so they are one finding, led by the widest of them,
whose evidence is the breakdown of their complaints by street × category × department.

A finding's identity (finding_id: metric|key|when|direction) does not depend on the rest of
the data, so its follow-up state survives a recomputation.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from effmon.semantic import catalog

# One candidate of the scan. where: the complaints it is about, as a list of
# {dimension: value} conditions (any of them; [{}] is every complaint of the month), or None
# when it is not about complaints; tickets: the ticket ids of a hot issue instead;
# significance: "严重" or "一般" as the scan graded its score; detail: further evidence.
CANDIDATE_COLUMNS = [
    "kind",  # anomaly, change, streak, hot_issue, rule
    "metric",
    "measure",  # the measure it is about, whose direction judges it
    "key",
    "happened",  # the day or month it happened, a streak's first month
    "direction",  # of the value: up or down
    "value",
    "expected",
    "score",
    "significance",
    "where",
    "tickets",
    "detail",
]
FINDING_COLUMNS = [
    "finding_id",
    "rank",
    "kind",
    "metric",
    "measure",
    "key",
    "unit",
    "happened",
    "direction",
    "value",
    "expected",
    "score",
    "effect",
    "severity",
    "judgement",
    "evidence",
]
RECORD_COLUMNS = ["ticket_id", "street", "category", "department", "site_id"]
BREAKDOWN = ["street", "category", "department"]
SEVERITIES = ("严重", "一般", "提示")
JUDGEMENTS = ("恶化", "异动", "向好")
MERGE_OVERLAP = 0.5  # of the smaller set of complaints: two candidates are one event
BREAKDOWN_CELLS = 5
MIN_CELL_SHARE = 0.05  # of the largest cell's excess: smaller cells are left out
# The lead of a merged finding: the widest view of the event first.
_LEAD_ORDER = {"anomaly": 0, "change": 1, "hot_issue": 2}


def measure_direction(measure: str) -> str:
    """'up' (higher is better), 'down' (higher is worse) or 'neutral' for a measure."""
    found = catalog.measures().get(measure)
    return found.direction if found else "neutral"


def judge(measure: str, direction: str) -> str:
    """向好 when the value moved the way its measure wants, 恶化 the other way, 异动 for a
    measure without a better direction."""
    wanted = measure_direction(measure)
    if wanted == "neutral":
        return "异动"
    return "向好" if wanted == direction else "恶化"


def grade(judgement: str, significance: str, effect: float, severe_change: float) -> str:
    """严重 for a worsening both significant (the scan's 严重) and large (a relative change of
    ``severe_change`` or more, where one is defined); 一般 for other worsenings and for
    changes without a better direction; 提示 for good news."""
    if judgement == "向好":
        return "提示"
    large = np.isnan(effect) or abs(effect) >= severe_change
    if judgement == "恶化" and significance == "严重" and large:
        return "严重"
    return "一般"


def compute_findings(
    candidates: pd.DataFrame, records: pd.DataFrame, baseline: pd.DataFrame, severe_change: float
) -> pd.DataFrame:
    """The month's findings, most pressing first, from the scan's ``candidates``
    (CANDIDATE_COLUMNS), the month's complaint ``records`` (RECORD_COLUMNS) and the expected
    complaints per street × category × department (``baseline``: those and expected).
    Columns: FINDING_COLUMNS; evidence is a dict (breakdown, merged, causes …)."""
    if candidates.empty:
        return pd.DataFrame(columns=FINDING_COLUMNS)
    candidates = candidates.reset_index(drop=True)
    sets = [_tickets(row, records) for row in candidates.itertuples()]
    rows = []
    for group in _overlapping(candidates, sets):
        lead = candidates.loc[min(group, key=lambda i: _lead_rank(candidates.loc[i]))]
        tickets = set().union(*(sets[i] for i in group if sets[i] is not None))
        evidence = dict(lead["detail"] or {})
        if any(sets[i] is not None for i in group):
            evidence["breakdown"] = breakdown(records[records["ticket_id"].isin(tickets)], baseline)
        if len(group) > 1:
            evidence["merged"] = [_member(candidates.loc[i]) for i in group if i != lead.name]
        rows.append(_finding(lead, evidence, severe_change))
    found = pd.DataFrame(rows, columns=FINDING_COLUMNS)
    order = found.assign(
        _severity=found["severity"].map(SEVERITIES.index),
        _judgement=found["judgement"].map(JUDGEMENTS.index),
        _size=-found["score"].abs(),
    ).sort_values(["_severity", "_judgement", "_size", "finding_id"])
    return order[FINDING_COLUMNS].assign(rank=range(1, len(order) + 1)).reset_index(drop=True)


def breakdown(complaints: pd.DataFrame, baseline: pd.DataFrame) -> list[dict]:
    """The largest cells of ``complaints`` by street × category × department with their
    expected counts: [{street, category, department, actual, expected}], most above
    expectation first (BREAKDOWN_CELLS of them)."""
    if complaints.empty:
        return []
    cells = complaints[BREAKDOWN].fillna("").value_counts().rename("actual").reset_index()
    expected = baseline.assign(**{d: baseline[d].fillna("") for d in BREAKDOWN})
    expected = expected.groupby(BREAKDOWN, as_index=False)["expected"].sum()
    cells = cells.merge(expected, on=BREAKDOWN, how="left").fillna({"expected": 0.0})
    cells = cells.assign(excess=cells["actual"] - cells["expected"])
    cells = cells.sort_values(["excess", *BREAKDOWN], ascending=[False, True, True, True])
    # Cells of a single complaint beside a large one are noise, not the event's shape.
    cells = cells[cells["excess"] >= MIN_CELL_SHARE * cells["excess"].iloc[0]]
    return [
        {
            **{d: row[d] for d in BREAKDOWN},
            "actual": int(row["actual"]),
            "expected": row["expected"],
        }
        for _, row in cells.head(BREAKDOWN_CELLS).iterrows()
    ]


def main_cause(evidence: dict) -> set[str]:
    """The dimension values a finding's evidence names first: its main breakdown cell, or
    its main cause; empty when it names none."""
    cells = evidence.get("breakdown") or []
    if cells:
        return {cells[0][d] for d in BREAKDOWN if cells[0][d]}
    causes = evidence.get("causes") or []
    return {v for v in causes[0]["where"].values() if v} if causes else set()


def _tickets(row, records: pd.DataFrame) -> set | None:
    """The ticket ids a rise is about (None: not about complaints, or a fall, whose
    tickets are those that remained)."""
    if row.direction != "up":
        return None
    if isinstance(row.tickets, list):
        return set(row.tickets)
    if not isinstance(row.where, list):
        return None
    hit = np.zeros(len(records), dtype=bool)
    for condition in row.where:
        match = np.ones(len(records), dtype=bool)
        for dimension, value in condition.items():
            match &= (records[dimension].fillna("") == value).to_numpy()
        hit |= match
    return set(records.loc[hit, "ticket_id"])


def _overlapping(candidates: pd.DataFrame, sets: list[set | None]) -> list[list[int]]:
    """Groups of candidates (by position): those in the same direction whose complaints
    overlap by MERGE_OVERLAP of the smaller set, linked transitively; others alone."""
    parent = list(range(len(candidates)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    directions = candidates["direction"].tolist()
    for i, first in enumerate(sets):
        for j in range(i + 1, len(sets)):
            second = sets[j]
            if not first or not second or directions[i] != directions[j]:
                continue
            if len(first & second) >= MERGE_OVERLAP * min(len(first), len(second)):
                parent[root(j)] = root(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(candidates)):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _lead_rank(row: pd.Series) -> tuple:
    """The widest candidate leads (the total before a street), then the strongest."""
    narrow = isinstance(row["key"], str) and row["key"] != ""
    return (_LEAD_ORDER.get(row["kind"], 3), narrow, -abs(row["score"]), row["metric"])


def _member(row: pd.Series) -> dict:
    return {
        "kind": row["kind"],
        "metric": row["metric"],
        "key": row["key"] if isinstance(row["key"], str) else None,
        "value": _number(row["value"]),
        "expected": _number(row["expected"]),
    }


def _finding(lead: pd.Series, evidence: dict, severe_change: float) -> dict:
    value, expected = _number(lead["value"]), _number(lead["expected"])
    effect = value / expected - 1 if expected and value is not None else float("nan")
    judgement = judge(lead["measure"], lead["direction"])
    key = lead["key"] if isinstance(lead["key"], str) and lead["key"] else None
    return {
        "finding_id": "|".join([lead["metric"], key or "", lead["happened"], lead["direction"]]),
        "rank": 0,
        "kind": lead["kind"],
        "metric": lead["metric"],
        "measure": lead["measure"],
        "key": key,
        "unit": _unit(lead, evidence),
        "happened": lead["happened"],
        "direction": lead["direction"],
        "value": value,
        "expected": expected,
        "score": float(lead["score"]),
        "effect": effect,
        "severity": grade(judgement, lead["significance"], effect, severe_change),
        "judgement": judgement,
        "evidence": evidence,
    }


def _unit(lead: pd.Series, evidence: dict) -> str | None:
    """The unit responsible: the department (and street) of the main cell of a finding
    about complaints, else the unit the scan named (a department, site or street)."""
    cells = evidence.get("breakdown") or []
    if cells and cells[0]["actual"] > cells[0]["expected"]:
        main = cells[0]
        return " ".join(part for part in (main["street"], main["department"]) if part) or None
    unit = (lead["detail"] or {}).get("unit")
    return unit if isinstance(unit, str) and unit else None


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)
