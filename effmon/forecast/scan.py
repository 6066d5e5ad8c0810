"""The scan of a month: the candidates of its findings (anomalies, changes against the month
before, failure streaks, hot issues, rule breaches) read from the store, and the findings
computed from them (effmon.analytics.findings) and stored per month.

A month's findings depend only on the data up to its end: every series is read up to the
month, so the findings of August are the same whether they were computed in September or
in December, by a load, the command line or the daily schedule.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
from scipy import stats

from effmon import config, labels
from effmon.analytics.findings import CANDIDATE_COLUMNS, RECORD_COLUMNS, compute_findings
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.overview import overview_months, units_for_attention
from effmon.forecast import metrics
from effmon.forecast.anomalies import MIN_HISTORY_MONTHS, daily_anomalies, monthly_anomalies
from effmon.forecast.explain import explain
from effmon.store import findings as store_findings
from effmon.store import queries
from effmon.store.filters import Filters

MONTHLY = ("cases", "complaints", "bad_reviews")
SPLIT = (
    "category_complaints",
    "street_complaints",
    "department_extended_cases",
    "site_wait_minutes",
)
# Split metrics test dozens of series at once: at 95% each, one in twenty would be an
# alert by chance every month. Their bar is twice as far out.
SPLIT_WIDTHS = (2.0, 4.0)
# The measure each scanned metric is about (its direction judges a finding).
MEASURES = {
    "daily_cases": "cases",
    "cases": "cases",
    "complaints": "complaints",
    "bad_reviews": "bad_count",
    "category_complaints": "complaints",
    "street_complaints": "complaints",
    "department_extended_cases": "extended_cases",
    "site_wait_minutes": "wait_minutes_mean",
    "repeated_failure": "inspection_pass_share",
    "hot_issue": "complaints",
}
# Complaint metrics and the dimension their key is a value of ("" for the total).
_COMPLAINT_KEYS = {
    "complaints": "",
    "category_complaints": "category",
    "street_complaints": "street",
}
_UNIT_KEYS = ("department_extended_cases", "site_wait_minutes", "street_complaints")
# A unit's rise against the month before (analytics.overview.units_for_attention): the
# counts scored, as measures.
CHANGES = ("overdue_cases", "bad_count", "complaints")
# Headline metrics (analytics.overview) a threshold rule can watch; shares are fractions.
SHARE_RULES = ("bad_share", "good_share", "online_share", "on_time_share", "inspection_pass_share")
RULE_METRICS = (*SHARE_RULES, "wait_minutes_mean", "complaints", "overdue_cases")


def month_findings(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """The findings of ``month`` ('YYYY-MM'), ranked (effmon.analytics.findings)."""
    records = store_findings.complaint_records(con, month)
    baseline = queries.month_leaves(
        con, "complaints", month, config.get_int("explain_baseline_months")
    )
    return compute_findings(
        scan(con, month, records),
        records[[*RECORD_COLUMNS, "source"]],
        baseline,
        config.get_float("findings_severe_change"),
    )


def refresh_findings(con: duckdb.DuckDBPyConnection, months: list[str]) -> dict[str, int]:
    """Compute and store the findings of each of ``months``; how many each has."""
    counts = {}
    for month in sorted(set(months)):
        found = month_findings(con, month)
        store_findings.save_findings(con, month, found)
        counts[month] = len(found)
    return counts


def scan(con: duckdb.DuckDBPyConnection, month: str, records: pd.DataFrame) -> pd.DataFrame:
    """The candidates of ``month``'s findings (CANDIDATE_COLUMNS): anomalies of daily case
    volume on its days, of the MONTHLY counts and of the SPLIT metrics per category,
    street, department or site; units whose counts rose significantly against the month
    before; indicators failing at a site failure_streak_months or more months in a row up
    to it; hot issues of its complaints (``records``: its tickets); and breached rules."""
    found = [_anomalies(con, month), _changes(con, month), failure_streaks(con, month)]
    found += [_hot_issues(records, month), rule_breaches(con, month, store_findings.rules(con))]
    found = [f for f in found if not f.empty]
    if not found:
        return pd.DataFrame(columns=CANDIDATE_COLUMNS)
    return pd.concat(found, ignore_index=True)[CANDIDATE_COLUMNS]


def _anomalies(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """Anomalies of ``month`` in the daily, MONTHLY and SPLIT series read up to it, each
    with the decomposition of its change (causes)."""
    days = daily_anomalies(metrics.history(con, Filters(), "cases", "daily", month))
    found = [days[days["period"].str.startswith(month)].assign(metric="daily_cases", key=None)]
    first = store_findings.first_month(con)
    if first is None or (pd.Period(month, "M") - pd.Period(first, "M")).n < MIN_HISTORY_MONTHS:
        # No series has the months a monthly anomaly is judged against: none to look for.
        return _decomposed(con, pd.concat(found, ignore_index=True))
    for metric in MONTHLY:
        history = metrics.history(con, Filters(), metric, "monthly", month)
        anomalies = monthly_anomalies(history)
        found.append(anomalies[anomalies["period"] == month].assign(metric=metric, key=None))
    for metric in SPLIT:
        ratio = metrics.METRICS[metric].ratio
        for key, history in metrics.split(con, Filters(), metric, "monthly", month).items():
            anomalies = monthly_anomalies(history, ratio=ratio, widths=SPLIT_WIDTHS)
            found.append(anomalies[anomalies["period"] == month].assign(metric=metric, key=key))
    return _decomposed(con, pd.concat(found, ignore_index=True))


def _decomposed(con: duckdb.DuckDBPyConnection, found: pd.DataFrame) -> pd.DataFrame:
    """Anomalies (metric, key and the columns of effmon.forecast.anomalies) as candidates,
    each with the decomposition of its change (causes)."""
    rows = []
    for alert in found.to_dict("records"):
        causes = explain(con, pd.Series(alert))
        detail = {
            "causes": [
                {
                    "where": dict(c.where),
                    "actual": c.actual,
                    "expected": c.expected,
                    "share": c.share,
                }
                for c in causes
            ]
        }
        if alert["metric"] in _UNIT_KEYS:
            detail["unit"] = alert["key"]
        rows.append(
            {
                "kind": "anomaly",
                "metric": alert["metric"],
                "measure": MEASURES[alert["metric"]],
                "key": alert["key"],
                "happened": alert["period"],
                "direction": alert["direction"],
                "value": alert["value"],
                "expected": alert["expected"],
                "score": alert["score"],
                "significance": alert["severity"],
                "where": _complaints_where(alert["metric"], alert["key"], causes),
                "tickets": None,
                "detail": detail,
            }
        )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def _complaints_where(metric: str, key: str | None, causes: list) -> list[dict] | None:
    """The complaints an anomaly is about: those of its key in the cells its main causes
    name, or all of its key's when no cause holds cause_min_share (a setting) of the change
    (None: the anomaly is not about complaints)."""
    if metric not in _COMPLAINT_KEYS:
        return None
    keyed = {_COMPLAINT_KEYS[metric]: key} if _COMPLAINT_KEYS[metric] else {}
    named = [
        {**keyed, **dict(c.where)} for c in causes if c.share >= config.get_float("cause_min_share")
    ]
    return named or [keyed]


def _changes(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """Departments and sites whose overdue cases, 差评 or complaints rose against the month
    before beyond findings_change_z standard deviations of counting noise."""
    least = config.get_float("findings_change_z")
    rows = []
    for dimension in ("department", "site_id"):
        rising = units_for_attention(con, Filters(), month, dimension)
        rising = rising[rising["measure"].isin(CHANGES)]
        # How unusual this month's count is if the month before's rate had held (at least
        # one a month), as a normal score of its Poisson tail: 0 → 3 is no finding.
        tail = stats.poisson.sf(rising["current"] - 1, np.maximum(rising["previous"], 1.0))
        z = stats.norm.isf(tail)
        for row, score in zip(rising.itertuples(), z, strict=True):
            if score < least:
                continue
            measure = row.measure
            rows.append(
                {
                    "kind": "change",
                    "metric": f"{measure}_change",
                    "measure": measure,
                    "key": row.key,
                    "happened": month,
                    "direction": "up",
                    "value": row.current,
                    "expected": row.previous,
                    "score": round(float(score), 2),
                    "significance": "严重" if score >= 2 * least else "一般",
                    "where": [{dimension: row.key}] if measure == "complaints" else None,
                    "tickets": None,
                    "detail": {"unit": row.key, "dimension": dimension},
                }
            )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def failure_streaks(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """Indicators failing at a site in failure_streak_months or more consecutive months up
    to ``month``: key (site and indicator), happened (the first month of the run, so a
    longer run stays one finding), value (its months); 严重 from twice as long."""
    least = config.get_int("failure_streak_months")
    streaks = queries.failure_streaks(con, month)
    streaks = streaks[streaks["months"] >= least].reset_index(drop=True)
    return pd.DataFrame(
        {
            "kind": "streak",
            "metric": "repeated_failure",
            "measure": MEASURES["repeated_failure"],
            "key": streaks["site_id"] + " " + streaks["indicator_id"] + " " + streaks["name"],
            "happened": streaks["first"],
            "direction": "down",
            "value": streaks["months"].astype(float),
            "expected": np.nan,
            "score": streaks["months"] / least,
            "significance": np.where(streaks["months"] >= 2 * least, "严重", "一般"),
            "where": None,
            "tickets": None,
            "detail": [{"unit": site} for site in streaks["site_id"]],
        },
        columns=CANDIDATE_COLUMNS,
    )


def _hot_issues(records: pd.DataFrame, month: str) -> pd.DataFrame:
    """The month's hot issues with findings_hot_issue_min complaints or more; 严重 from
    three times as many."""
    least = config.get_int("findings_hot_issue_min")
    issues = hot_issues(records, as_of=pd.Period(month, "M").end_time)
    issues = issues[issues["complaints"] >= least].reset_index(drop=True)
    return pd.DataFrame(
        {
            "kind": "hot_issue",
            "metric": "hot_issue",
            "measure": MEASURES["hot_issue"],
            "key": issues["title"],
            "happened": month,
            "direction": "up",
            "value": issues["complaints"].astype(float),
            "expected": np.nan,
            "score": issues["heat"],
            "significance": np.where(issues["complaints"] >= 3 * least, "严重", "一般"),
            "where": None,
            "tickets": issues["ticket_ids"],
            "detail": [
                {"place": row.place, "complainants": int(row.complainants), "likes": int(row.likes)}
                for row in issues.itertuples()
            ],
        },
        columns=CANDIDATE_COLUMNS,
    )


def rule_breaches(con: duckdb.DuckDBPyConnection, month: str, rules: pd.DataFrame) -> pd.DataFrame:
    """The active threshold rules that ``month`` breaks, district-wide: key (the rule in
    words), measure (the rule's), value and expected (its threshold)."""
    values = overview_months(con, Filters(), month, month).set_index("month")
    rows = []
    for rule in rules.itertuples():
        value = float(values.at[month, rule.metric]) if month in values.index else float("nan")
        if value != value or not (
            value > rule.threshold if rule.op == ">" else value < rule.threshold
        ):
            continue
        rows.append(
            {
                "kind": "rule",
                "metric": "rule",
                "measure": rule.metric,
                "key": rule_text(rule.metric, rule.op, rule.threshold),
                "happened": month,
                "direction": "up" if rule.op == ">" else "down",
                "value": value,
                "expected": rule.threshold,
                "score": 0.0,
                "significance": "严重",
                "where": None,
                "tickets": None,
                "detail": {},
            }
        )
    return pd.DataFrame(rows, columns=CANDIDATE_COLUMNS)


def rule_text(metric: str, op: str, threshold: float) -> str:
    """差评率 > 1% — a rule in words (shares in percent)."""
    shown = f"{threshold * 100:g}%" if metric in SHARE_RULES else f"{threshold:g}"
    return f"{labels.METRICS[metric]} {op} {shown}"


def in_percent(alert_key: str | None) -> bool:
    """Whether a rule's alert (keyed by its rule_text) is about a share, shown in percent."""
    return isinstance(alert_key, str) and alert_key.endswith("%")
