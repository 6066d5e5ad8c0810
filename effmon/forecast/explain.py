"""An alert's decomposition (异常解构): the leaves of its period against a baseline, the
causes localized in them, and the sentence that says so."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon import config
from effmon.forecast.rootcause import Cause, localize
from effmon.store import queries

CASE_DIMENSIONS = ["department", "site_id", "channel"]
# Alerted monthly counts: what they count (effmon.store.queries.LEAF_SOURCES), and the
# dimension an alert's key is a value of, if any.
_COUNTS = {
    "cases": ("cases", None),
    "complaints": ("complaints", None),
    "bad_reviews": ("bad_reviews", None),
    "category_complaints": ("complaints", "category"),
    "street_complaints": ("complaints", "street"),
    "department_extended_cases": ("extended_cases", "department"),
}


def explain(con: duckdb.DuckDBPyConnection, alert: pd.Series) -> list[Cause]:
    """The causes of one alert (metric, key, period): a monthly count by the dimensions of
    what it counts, within the alert's key, against the mean of the
    ``explain_baseline_months`` before; daily cases by department, site and channel against
    the same weekday of the ``explain_baseline_weeks`` before. Metrics already narrowed to a
    site or a site's indicator, and rules, are not decomposed further (an empty list)."""
    metric = alert["metric"]
    if metric == "daily_cases":
        leaves = queries.case_leaves(con, alert["period"], config.get_int("explain_baseline_weeks"))
        return localize(leaves, CASE_DIMENSIONS)
    if metric not in _COUNTS:
        return []
    count, keyed = _COUNTS[metric]
    leaves = queries.month_leaves(
        con, count, alert["period"], config.get_int("explain_baseline_months")
    )
    dimensions = [d for d in queries.LEAF_SOURCES[count][3] if d != keyed]
    if keyed:
        leaves = leaves[leaves[keyed] == alert["key"]]
    return localize(leaves, dimensions)
