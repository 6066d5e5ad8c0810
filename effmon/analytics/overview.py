"""Headline measures of a month with month-on-month and year-on-year change."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

import duckdb
import numpy as np
import pandas as pd

from effmon import config, labels
from effmon.store import queries, workload
from effmon.store.filters import Filters


@dataclass(frozen=True)
class Metric:
    key: str
    better: int  # +1 when a rise is good news, -1 when a fall is
    share: bool = False  # a 0-1 share: changes are in percentage points
    points: bool = False  # a 0-100 score: changes are in points


METRICS = (
    Metric("cases", +1),
    Metric("online_share", +1, share=True),
    Metric("extended_cases", +1),
    Metric("wait_minutes_mean", -1),
    Metric("overdue_cases", -1),
    Metric("good_share", +1, share=True),
    Metric("bad_count", -1),
    Metric("complaints", -1),
    Metric("on_time_share", +1, share=True),
    Metric("inspection_pass_share", +1, share=True),
    Metric("satisfaction_index", +1, points=True),  # see analytics.satisfaction_index
)
KPI_COLUMNS = ["metric", "value", "previous", "mom_change", "last_year", "yoy_change", "mom_status"]


def month_window(end: str, months: int) -> tuple[str, str]:
    """First and last month ('YYYY-MM') of the ``months`` months ending with ``end``."""
    first = pd.Period(end, "M") - (months - 1)
    return str(first), end


def period_name(period: str) -> str:
    """'2026-10' → 2026年10月; '2026' → 2026年度; '2026-01-05' → 2026年1月5日; '' (a report
    about one ticket has no period) → ''."""
    if not period:
        return ""
    if len(period) == 4:
        return labels.REPORT_PERIOD["year"].format(year=period)
    parts = [int(p) for p in period.split("-")]
    if len(parts) == 3:  # an event day
        return labels.REPORT_PERIOD["day"].format(year=parts[0], month=parts[1], day=parts[2])
    return labels.REPORT_PERIOD["month"].format(year=parts[0], month=parts[1])


@dataclass(frozen=True)
class Span:
    """The months a report covers and those it is compared with."""

    start: str
    end: str
    name: str  # 2026年10月, 2026年度
    yearly: bool

    @property
    def last_year(self) -> tuple[str, str]:
        return str(pd.Period(self.start, "M") - 12), str(pd.Period(self.end, "M") - 12)


def span_of(con: duckdb.DuckDBPyConnection, period: str) -> Span:
    """A month 'YYYY-MM', or a year 'YYYY' up to its newest month with data."""
    if len(period) == 7:
        return Span(period, period, period_name(period), yearly=False)
    held = [m for m in queries.data_months(con) if m.startswith(period)]
    end = max(held) if held else f"{period}-12"
    return Span(f"{period}-01", end, period_name(period), yearly=True)


def overview_months(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """The headline measures of every month from ``start`` to ``end`` (see compute_...)."""
    return compute_monthly_overview(
        queries.monthly_cases(con, filters, start, end),
        queries.monthly_evaluations(con, filters, start, end),
        queries.monthly_complaints(con, filters, start, end),
        queries.monthly_complaint_closure(con, filters, start, end),
        queries.monthly_inspections(con, filters, start, end),
        workload.pivot(con, filters, start, end, "overdue_cases", ["month"]).rename(
            columns={"value": "overdue_cases"}
        ),
    )


def compute_monthly_overview(*counts: pd.DataFrame) -> pd.DataFrame:
    """One row per month: month and one column per Metric key (NaN where nothing was recorded).

    ``counts`` are monthly frames keyed by month with the columns of queries.monthly_cases,
    monthly_evaluations, monthly_complaints, monthly_complaint_closure, monthly_inspections
    and the overdue_cases of workload.pivot by month.
    """
    frame = reduce(lambda a, b: a.merge(b, on="month", how="outer"), counts)
    frame = frame.sort_values("month", ignore_index=True)
    return pd.DataFrame(
        {
            "month": frame["month"],
            "cases": frame["cases"],
            "online_share": frame["online_cases"] / frame["cases"],
            "extended_cases": frame["extended_cases"],
            "wait_minutes_mean": frame["wait_minutes_mean"],
            "overdue_cases": frame["overdue_cases"],
            "good_share": frame["good"] / frame["evaluations"],
            "bad_share": frame["bad"] / frame["evaluations"],
            "bad_count": frame["bad"].fillna(0).where(frame["evaluations"].notna()),
            "complaints": frame["complaints"].fillna(0),
            "on_time_share": frame["on_time"]
            / frame["closed_limited"].where(frame["closed_limited"] > 0),
            "inspection_pass_share": frame["passed"] / frame["checked"].where(frame["checked"] > 0),
        }
    )


def compute_kpis(monthly: pd.DataFrame, month: str) -> pd.DataFrame:
    """Each metric of ``month`` with its change against the month before and a year before.

    ``monthly`` has a column per Metric key; a missing one (no index computed) is left out.
    Changes are as in compare; mom_status is that of the month-on-month change.
    Columns: KPI_COLUMNS.
    """
    period = pd.Period(month, "M")
    mom = compare(monthly, month, str(period - 1))
    yoy = compare(monthly, month, str(period - 12))
    return mom.rename(
        columns={"base": "previous", "change": "mom_change", "status": "mom_status"}
    ).assign(last_year=yoy["base"], yoy_change=yoy["change"])[KPI_COLUMNS]


def compare(periods: pd.DataFrame, current: str, base: str) -> pd.DataFrame:
    """Each metric of row ``current`` of ``periods`` (keyed by its month column) against row
    ``base``: metric, value, base, change, status.

    Changes are relative for counts and minutes, in percentage points (×100) for shares and
    in points for scores; status is "good", "bad" or "flat" by the metric's desired direction.
    """
    by_period = periods.set_index("month")
    rows = []
    for metric in (m for m in METRICS if m.key in by_period):
        value = _at(by_period, current, metric.key)
        before = _at(by_period, base, metric.key)
        change = _change(value, before, metric)
        rows.append(
            {
                "metric": metric.key,
                "value": value,
                "base": before,
                "change": change,
                "status": _status(change, metric.better),
            }
        )
    return pd.DataFrame(rows, columns=["metric", "value", "base", "change", "status"])


def overview_total(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, label: str
) -> pd.DataFrame:
    """The headline measures of months ``start``..``end`` taken together, as one row of
    compute_monthly_overview whose month is ``label`` (a year, say)."""

    def whole(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.drop(columns="month").sum(min_count=1).to_frame().T.assign(month=label)

    cases = queries.monthly_cases(con, filters, start, end).drop(columns="wait_minutes_mean")
    by_channel = workload.workload_by(con, filters, start, end, "channel")
    waited = by_channel["waits"].sum()
    wait = (
        (by_channel["wait_minutes_mean"] * by_channel["waits"]).sum() / waited if waited else np.nan
    )
    return compute_monthly_overview(
        whole(cases).assign(wait_minutes_mean=wait),
        whole(queries.monthly_evaluations(con, filters, start, end)),
        whole(queries.monthly_complaints(con, filters, start, end)),
        whole(queries.monthly_complaint_closure(con, filters, start, end)),
        whole(queries.monthly_inspections(con, filters, start, end)),
        whole(
            workload.pivot(con, filters, start, end, "overdue_cases", ["month"]).rename(
                columns={"value": "overdue_cases"}
            )
        ),
    )


def _at(frame: pd.DataFrame, month: str, key: str) -> float:
    return float(frame.at[month, key]) if month in frame.index else np.nan


def _change(value: float, base: float, metric: Metric) -> float:
    if np.isnan(value) or np.isnan(base):
        return np.nan
    if metric.share:
        return (value - base) * 100
    if metric.points:
        return value - base
    return np.nan if base == 0 else value / base - 1


def _status(change: float, better: int) -> str:
    if np.isnan(change) or abs(change) < 1e-9:
        return "flat"
    return "good" if change * better > 0 else "bad"


# Measures whose rise this month flags a unit, and the setting of the least size that counts.
ATTENTION = {
    "wait_minutes_mean": "min_waits",  # counter cases behind the mean
    "overdue_cases": "attention_min_count",
    "bad_evaluations": "attention_min_count",
    "complaints": "attention_min_count",
}
ATTENTION_COLUMNS = ["key", "measure", "current", "previous", "change"]


def units_for_attention(
    con: duckdb.DuckDBPyConnection, filters: Filters, month: str, dimension: str
) -> pd.DataFrame:
    """Departments or sites whose waits, overdue cases, 差评 or complaints rose most this
    month against the month before (see compute_attention)."""
    previous = str(pd.Period(month, "M") - 1)

    def measures(period: str) -> pd.DataFrame:
        cases = workload.workload_by(con, filters, period, period, dimension)
        feedback = queries.feedback_by(con, filters, period, period, dimension)
        return cases.merge(feedback, on="key", how="outer")

    return compute_attention(measures(month), measures(previous))


def compute_attention(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """The largest adverse changes, one row per unit and measure, most surprising first.

    change is the relative rise (this month ÷ last month − 1). Rows are ranked by how far the
    rise stands out from chance: for counts the rise over √(last month + 1) (Poisson), for the
    mean wait the relative rise × √(counter cases). A measure counts only from its ATTENTION
    size this month; the ``attention_top`` first are kept. Columns: ATTENTION_COLUMNS.
    """
    both = current.merge(previous, on="key", how="left", suffixes=("", "_before"))
    rows = []
    for measure, setting in ATTENTION.items():
        least = config.get_float(setting)
        now, before = both[measure], both[f"{measure}_before"].fillna(0)
        if measure == "wait_minutes_mean":
            size = both["waits"].fillna(0)
            change = now / before.where(before > 0) - 1
            score = change * np.sqrt(size)
        else:
            size = now.fillna(0)
            change = now / before.where(before > 0) - 1
            score = (now - before) / np.sqrt(before + 1)
        rising = (size >= least) & (score > 0)
        rows.append(
            pd.DataFrame(
                {
                    "key": both["key"],
                    "measure": measure,
                    "current": now,
                    "previous": before,
                    "change": change,
                    "score": score,
                }
            )[rising]
        )
    found = pd.concat(rows, ignore_index=True)
    return found.sort_values("score", ascending=False, ignore_index=True).head(
        config.get_int("attention_top")
    )[ATTENTION_COLUMNS]
