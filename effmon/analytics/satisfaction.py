"""好差评 rates from the counts of ``store.satisfaction``, and the 差评 follow-up steps."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from effmon import labels
from effmon.domain import followup_workflow
from effmon.errors import EffmonError
from effmon.store import queries, satisfaction, workload
from effmon.store.filters import Filters
from effmon.text import models, sentiment

# Keys that cases share with evaluations (the evaluation channel — 评价器, 短信 … — is not
# the case's channel).
_CASE_KEYS = ("month", "department", "site_id", "window_name")


def satisfaction_by(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Counts per level and rates per value of ``dimension`` (see compute_rates)."""
    counts = satisfaction.evaluations_by(con, filters, start, end, dimension)
    cases = None
    if dimension in _CASE_KEYS:
        cases = workload.pivot(con, filters, start, end, "cases", [dimension])
        cases = cases.rename(columns={dimension: "key", "value": "cases"})
    return compute_rates(counts, cases)


def compute_rates(counts: pd.DataFrame, cases: pd.DataFrame | None) -> pd.DataFrame:
    """Rates beside the counts: good_share = 4-5★ / all, bad_share = 1-2★ / all, and
    active_share = evaluations / cases of the same key where ``cases`` (key, cases) is given
    (主动评价率: the share of cases whose applicant evaluated them)."""
    rates = counts.assign(
        good_share=counts["good"] / counts["evaluations"],
        bad_share=counts["bad"] / counts["evaluations"],
    )
    if cases is None:
        return rates.assign(active_share=np.nan)
    merged = rates.merge(cases[["key", "cases"]], on="key", how="left")
    active = merged["evaluations"] / merged["cases"].where(merged["cases"] > 0)
    return rates.assign(active_share=active.to_numpy())


def followup_summary(items: pd.DataFrame) -> pd.DataFrame:
    """Per department: items, rectified, rectify_share (整改率 = rectified / items), overdue
    and days_to_fix (mean days from the evaluation to its rectification); most items first."""
    rectified = items["state"] == "已整改"
    days = (items["rectified_at"] - items["evaluated_at"]).dt.total_seconds() / 86400
    summary = (
        items.assign(rectified=rectified, days=days.where(rectified))
        .groupby("department", as_index=False)
        .agg(
            items=("state", "size"),
            rectified=("rectified", "sum"),
            overdue=("overdue", "sum"),
            days_to_fix=("days", "mean"),
        )
    )
    summary.insert(3, "rectify_share", summary["rectified"] / summary["items"])
    return summary.sort_values(["items", "department"], ascending=[False, True], ignore_index=True)


def train_from_evaluations(con: duckdb.DuckDBPyConnection, store: Path) -> models.SavedModel:
    """Train the store's sentiment model on its own commented evaluations: 4-5★ positive,
    1-2★ negative (基本满意 says too little either way and is left out)."""
    comments = queries.evaluation_comments(con)
    targets = sentiment.targets_from_levels(comments["level"])
    chosen = targets.notna()
    return sentiment.train_and_save(
        store,
        comments["comment"][chosen],
        targets[chosen].astype(int),
        labels.SENTIMENT["from_store"],
    )


def record_followup(
    con: duckdb.DuckDBPyConnection,
    evaluation_id: str,
    state: str,
    happened_at: datetime,
    actor: str,
    note: str | None = None,
) -> None:
    """Add one follow-up step; only the next state of the item's current one is accepted."""
    current = satisfaction.followup_state(con, evaluation_id)
    if current is None:
        raise EffmonError(labels.FOLLOWUP["unknown"].format(id=evaluation_id))
    now = datetime.now()
    followup_workflow.check_step(current[0], state, current[1], happened_at, now)
    satisfaction.insert_followup(con, evaluation_id, state, happened_at, actor, note, now)
