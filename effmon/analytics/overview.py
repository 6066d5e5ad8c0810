"""Headline measures of a month with month-on-month and year-on-year change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb
import numpy as np
import pandas as pd

from effmon import config, labels
from effmon.semantic import catalog, display
from effmon.store import measures, queries
from effmon.store.filters import Filters

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


def months_name(start: str, end: str) -> str:
    """Months 'YYYY-MM' start..end in words: 2026年10月, or 2026年8月—2026年10月."""
    return period_name(end) if start == end else f"{period_name(start)}—{period_name(end)}"


@dataclass(frozen=True)
class Span:
    """The months a report covers and those it is compared with."""

    start: str
    end: str
    name: str  # 2026年10月, 2026年度, 2026年1–11月 (a year with months still to come)
    yearly: bool

    @property
    def last_year(self) -> tuple[str, str]:
        return str(pd.Period(self.start, "M") - 12), str(pd.Period(self.end, "M") - 12)


def span_of(con: duckdb.DuckDBPyConnection, period: str) -> Span:
    """A month 'YYYY-MM', or a year 'YYYY' up to its newest month with data (named by its
    months when that is not December, so a partial year says so)."""
    if len(period) == 7:
        return Span(period, period, period_name(period), yearly=False)
    held = [m for m in queries.data_months(con) if m.startswith(period)]
    end = max(held) if held else f"{period}-12"
    last = int(end[5:])
    name = (
        period_name(period)
        if last == 12
        else labels.REPORT_PERIOD["months"].format(year=period, first=1, last=last)
    )
    return Span(f"{period}-01", end, name, yearly=True)


def stock_date(end: str) -> date:
    """The day stocks (超期件) are counted to for months ending ``end``: its last day, or
    today while the month runs."""
    return min(pd.Period(end, "M").end_time.date(), date.today())


def gap_reason(con: duckdb.DuckDBPyConnection, start: str, end: str) -> str:
    """Why months ``start``..``end`` cannot serve as a base of comparison ('' when every one
    of them holds data): none of them does, or only some (named)."""
    wanted = {str(p) for p in pd.period_range(start, end, freq="M")}
    held = sorted(wanted & set(queries.data_months(con)))
    if len(held) == len(wanted):
        return ""
    name = period_name(start) if start == end else _months_name(start, end)
    if not held:
        return labels.COMPARE_GAP["none"].format(name=name)
    return labels.COMPARE_GAP["partial"].format(
        name=name, months="、".join(period_name(m) for m in held)
    )


def _months_name(start: str, end: str) -> str:
    if start[:4] == end[:4]:
        if start[5:] == "01" and end[5:] == "12":
            return period_name(start[:4])
        return labels.REPORT_PERIOD["months"].format(
            year=start[:4], first=int(start[5:]), last=int(end[5:])
        )
    return f"{period_name(start)}–{period_name(end)}"


def overview_keys() -> list[str]:
    """The headline measures and those the report's sentences add (网办量, 评价数, 即办件占比,
    办结量, 提前办结率)."""
    return [
        *catalog.headline(), "online_cases", "evaluations", "instant_share", "finished_cases",
        "early_share",
    ]  # fmt: skip


def overview_months(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """The overview_keys measures of every month from ``start`` to ``end`` with data:
    month and one column per measure (the satisfaction index is added by the caller)."""
    return measures.measure_frame(con, filters, start, end, overview_keys(), ["month"])


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
    """Each headline measure of row ``current`` of ``periods`` (keyed by its month column)
    against row ``base``: metric, value, base, change, status.

    change is in the measure's terms (effmon.semantic.display.change); status is "good",
    "bad" or "flat" by its direction.
    """
    by_period = periods.set_index("month")
    rows = []
    for key in (k for k in catalog.headline() if k in by_period):
        value = _at(by_period, current, key)
        before = _at(by_period, base, key)
        rows.append(
            {
                "metric": key,
                "value": value,
                "base": before,
                "change": display.change(key, value, before),
                "status": display.judge(key, value, before),
            }
        )
    return pd.DataFrame(rows, columns=["metric", "value", "base", "change", "status"])


def overview_total(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, label: str
) -> pd.DataFrame:
    """The overview_keys measures of months ``start``..``end`` taken together, as one row of
    overview_months whose month is ``label`` (a year, say)."""
    total = measures.measure_frame(con, filters, start, end, overview_keys(), [])
    return total.assign(month=label)


def _at(frame: pd.DataFrame, month: str, key: str) -> float:
    return float(frame.at[month, key]) if month in frame.index else np.nan


# Measures whose rise this month flags a unit, and the setting of the least size that counts.
ATTENTION = {
    "wait_minutes_mean": "min_waits",  # counter cases behind the mean
    "overdue_cases": "attention_min_count",
    "bad_count": "attention_min_count",
    "complaints": "attention_min_count",
}
ATTENTION_COLUMNS = ["key", "measure", "current", "previous", "change"]


def units_for_attention(
    con: duckdb.DuckDBPyConnection, filters: Filters, month: str, dimension: str
) -> pd.DataFrame:
    """Departments or sites whose waits, overdue cases, 差评 or complaints rose most this
    month against the month before (see compute_attention)."""
    previous = str(pd.Period(month, "M") - 1)

    def units(period: str) -> pd.DataFrame:
        keys = [*ATTENTION, "waits"]
        found = measures.measure_frame(con, filters, period, period, keys, [dimension])
        return found.dropna(subset=dimension).rename(columns={dimension: "key"})

    return compute_attention(units(month), units(previous))


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
