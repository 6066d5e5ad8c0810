"""Tables shown with their CSV and XLSX downloads, which hold exactly what is on screen."""

from __future__ import annotations

import functools
from datetime import datetime

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.workload import MEASURES
from effmon.exports import table_csv, table_xlsx
from effmon.ui import cached, page_pdf, session

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHARES = {"online_share", "extended_share", "early_share", "instant_share"}
COUNTS = {
    "cases",
    "online_cases",
    "extended_cases",
    "overdue_cases",
    "windows",
    "staffed_hours",
}


def render_table(frame: pd.DataFrame, name: str, key: str) -> None:
    """``frame`` (display headers already) as a table, with CSV and XLSX downloads for the
    roles that may export; each download goes to the audit trail."""
    page_pdf.show_table(frame, name, key=f"{key}_table")
    if not session.can("export"):
        return
    user = session.username()
    formats = [("csv", "text/csv"), ("xlsx", XLSX_MIME)]
    # One row of buttons as wide as their labels, also inside narrow columns.
    row = st.container(horizontal=True)
    for ext, mime in formats:
        row.download_button(
            labels.WORKLOAD[ext],
            functools.partial(exported, frame, name, ext, user),  # built when clicked
            file_name=f"{name}_{user}.{ext}",
            mime=mime,
            key=f"{key}_{ext}",
            width="content",
        )


def exported(frame: pd.DataFrame, name: str, ext: str, user: str) -> bytes:
    """The file of one download, recorded in the audit trail."""
    now = datetime.now()
    cached.record_audit(cached.db(), user, "export", name, {"format": ext, "rows": len(frame)})
    if ext == "csv":
        return table_csv(frame)
    stamp = {
        "导出人": user,
        "导出时间": f"{now:%Y-%m-%d %H:%M:%S}",
        "内容": name,
        "行数": str(len(frame)),
    }
    return table_xlsx(frame, stamp)


def workload_display(measures: pd.DataFrame, dimension: str, names: dict[str, str]) -> pd.DataFrame:
    """The measures with Chinese headers, shares in %, keys by their names."""
    shown = pd.DataFrame(
        {labels.DIMENSIONS[dimension]: [key_label(k, names) for k in measures["key"]]}
    )
    for measure in MEASURES:
        values = measures[measure].astype(float)
        if measure in COUNTS:
            values = values.round().astype("Int64")
        else:
            values = (values * 100 if measure in SHARES else values).round(1)
        shown[labels.WORKLOAD_MEASURES[measure]] = values
    return shown


def satisfaction_display(
    rates: pd.DataFrame, dimension: str, names: dict[str, str]
) -> pd.DataFrame:
    """Counts per level and rates (in %, two decimals: they sit near 100) with Chinese headers."""
    shown = pd.DataFrame(
        {labels.SATISFACTION_DIMENSIONS[dimension]: [key_label(k, names) for k in rates["key"]]}
    )
    for column, header in labels.SATISFACTION_COLUMNS.items():
        values = rates[column]
        shown[header] = (
            (values.astype(float) * 100).round(2) if column.endswith("_share") else values
        )
    return shown


def pivot_display(
    long: pd.DataFrame, dimensions: list[str], measure: str, names: dict[str, str]
) -> pd.DataFrame:
    """One row per value of the first dimension, one column per value of the second."""
    shown = long.copy()
    for dimension in dimensions:
        shown[dimension] = [key_label(k, names) for k in shown[dimension]]
    values = shown["value"].astype(float)
    shown["value"] = (values * 100 if measure in SHARES else values).round(1)
    first = labels.DIMENSIONS[dimensions[0]]
    if len(dimensions) == 1:
        return shown.rename(
            columns={dimensions[0]: first, "value": labels.WORKLOAD_MEASURES[measure]}
        )
    wide = shown.pivot_table(
        index=dimensions[0], columns=dimensions[1], values="value", aggfunc="sum", sort=False
    )
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index().rename(columns={dimensions[0]: first})


def key_label(key: object, names: dict[str, str], missing: str = labels.NO_KEY) -> str:
    """A dimension's value as shown: a site by its name, a missing value as ``missing``."""
    if key is None or key != key:  # NULL from the store arrives as None or NaN
        return missing
    return names.get(str(key), str(key))
