"""Tables shown with their CSV and XLSX downloads, which hold exactly what is on screen."""

from __future__ import annotations

import functools
from datetime import datetime

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.workload import MEASURES
from effmon.exports import table_csv, table_xlsx
from effmon.semantic import catalog, display
from effmon.ui import downloads, grid, page_pdf, session

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def render_table(frame: pd.DataFrame, name: str, key: str, **options):
    """``frame`` (display headers already) as a table, with CSV and XLSX downloads for the
    roles that may export; each download goes to the audit trail. ``options`` go to
    st.dataframe; returns its selection."""
    whole = grid.long_texts(frame) if "on_select" not in options else []
    if whole:  # a click on a row shows its long texts whole below the table
        options |= {"on_select": "rerun", "selection_mode": "single-row"}
    shown = page_pdf.show_table(frame, name, key=f"{key}_table", **options)
    if whole:
        _whole_texts(frame, whole, shown.selection.rows)
    if not session.can("export"):
        return shown
    user = session.username()
    formats = [("csv", "text/csv"), ("xlsx", XLSX_MIME)]
    # One row of buttons as wide as their labels, also inside narrow columns.
    row = st.container(horizontal=True)
    for ext, mime in formats:
        downloads.download_button(
            labels.WORKLOAD[ext],
            functools.partial(exported, frame, name, ext, user),
            permission="export",
            what=name,
            detail={"format": ext, "rows": len(frame)},
            file_name=f"{name}_{user}.{ext}",
            mime=mime,
            key=f"{key}_{ext}",
            where=row,
            width="content",
        )
    return shown


def _whole_texts(frame: pd.DataFrame, columns: list, rows: list[int]) -> None:
    """The long texts of the row clicked, whole (as text: data is never Markdown)."""
    if not rows:
        st.caption(labels.WHOLE_TEXT_HINT)
        return
    row = frame.iloc[rows[0]]
    with st.container(border=True):
        for column in columns:
            st.caption(str(column))
            st.text(row[column] if isinstance(row[column], str) else labels.MISSING)


def exported(frame: pd.DataFrame, name: str, ext: str, user: str) -> bytes:
    """The CSV or XLSX file of a table (the XLSX stamped with who exported it, and when)."""
    now = datetime.now()
    if ext == "csv":
        return table_csv(frame)
    stamp = {
        "导出人": user,
        "导出时间": f"{now:%Y-%m-%d %H:%M:%S}",
        "内容": name,
        "行数": str(len(frame)),
    }
    return table_xlsx(frame, stamp)


def workload_display(measures: pd.DataFrame, dimension: str, names: dict) -> pd.DataFrame:
    """The measures of 窗口办件 (effmon.analytics.workload.MEASURES) per value of
    ``dimension`` (the ``key`` column of store.workload.workload_by), for people."""
    frame = measures.rename(columns={"key": dimension})
    return display.measure_table(frame, [dimension], MEASURES, names)


def pivot_display(
    long: pd.DataFrame, dimensions: list[str], measure: str, names: dict
) -> pd.DataFrame:
    """One row per value of the first dimension, one column per value of the second (the
    values by the measure's display rule, its header the chart's title)."""
    if len(dimensions) == 1:
        return display.measure_table(
            long.rename(columns={"value": measure}), dimensions, [measure], names
        )
    shown = pd.DataFrame(
        {d: [display.key_text(d, k, names) for k in long[d]] for d in dimensions}
    ).assign(value=display.table_values(measure, long["value"]).to_numpy())
    wide = shown.pivot_table(
        index=dimensions[0], columns=dimensions[1], values="value", aggfunc="sum", sort=False
    )
    wide.columns = [str(c) for c in wide.columns]
    return wide.reset_index().rename(columns={dimensions[0]: catalog.dimension(dimensions[0]).name})


def satisfaction_display(rates: pd.DataFrame, dimension: str, names: dict) -> pd.DataFrame:
    """Counts per level beside the catalog's counts and rates, each by its display rule."""
    frame = rates.rename(columns={"key": dimension, "good": "good_count", "bad": "bad_count"})
    shown = display.measure_table(frame, [dimension], ["evaluations"], names)
    for level, name in labels.LEVEL_NAMES.items():
        shown[name] = frame[f"level_{level}"].astype("Int64").to_numpy()
    keys = ["good_count", "good_share", "bad_count", "bad_share", "active_share"]
    rated = display.measure_table(frame, [], keys, names)
    return pd.concat([shown, rated], axis=1)
