"""On-time closure (按时办结率) and repeat complaints (the same complainant, or the same
problem, again after a closure) by source, department or street."""

from __future__ import annotations

import pandas as pd

DIMENSIONS = ("source", "department", "street")
COLUMNS = [
    "key", "tickets", "closed", "on_time", "on_time_rate", "overdue", "median_workdays",
    "repeats", "repeat_share",
]  # fmt: skip


def closure_totals(tickets: pd.DataFrame) -> dict[str, float]:
    """All the tickets of effmon.store.closure.closure together: closed (with a limit),
    on_time, on_time_rate (on time / closed; NaN when none closed), open, overdue."""
    closed = int(tickets["on_time"].notna().sum())
    on_time = int(tickets["on_time"].fillna(False).astype(bool).sum())
    return {
        "closed": closed,
        "on_time": on_time,
        "on_time_rate": on_time / closed if closed else float("nan"),
        "open": int(tickets["closed_at"].isna().sum()),
        "overdue": int(tickets["overdue"].sum()),
    }


def closure_by(tickets: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Per value of ``dimension`` (source, department or street) of the tickets of
    effmon.store.closure.closure: key, tickets, closed, on_time, on_time_rate (on time /
    closed), overdue (open past the limit), median_workdays (of the closed), repeats,
    repeat_share; the lowest on-time rate first."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {dimension}")
    if tickets.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = tickets.assign(
        key=tickets[dimension].fillna("（未填）"),
        is_closed=tickets["closed_at"].notna(),
        in_time=tickets["on_time"].fillna(False).astype(bool),
        closed_workdays=tickets["workdays"].where(tickets["closed_at"].notna()),
    )
    summary = frame.groupby("key").agg(
        tickets=("ticket_id", "size"),
        closed=("is_closed", "sum"),
        on_time=("in_time", "sum"),
        overdue=("overdue", "sum"),
        median_workdays=("closed_workdays", "median"),
        repeats=("repeat", "sum"),
    )
    summary["on_time_rate"] = (
        summary["on_time"] / summary["closed"].where(summary["closed"] > 0)
    ).round(4)
    summary["repeat_share"] = (summary["repeats"] / summary["tickets"]).round(4)
    summary = summary.reset_index()[COLUMNS]
    return summary.sort_values(
        ["on_time_rate", "tickets"], ascending=[True, False], ignore_index=True
    )
