"""KPI cards with month-on-month and year-on-year change."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.overview import METRICS, Metric
from effmon.readable import format_value
from effmon.ui import page_pdf


def render_kpi_cards(kpis: pd.DataFrame, per_row: int = 5) -> None:
    """One st.metric per KPI row; MoM as the delta (named once, in the page's caption, so
    that it fits the card), coloured by whether it is good news."""
    metrics = {m.key: m for m in METRICS}
    rows = kpis.to_dict("records")
    page_pdf.add(labels.REPORT_VIEW["kpis"], _kpi_frame(rows, metrics))
    for start in range(0, len(rows), per_row):
        for col, kpi in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            metric = metrics[kpi["metric"]]
            with col:
                st.metric(
                    labels.METRICS[metric.key],
                    format_value(kpi["value"], metric.key, metric.share),
                    delta=_format_change(kpi["mom_change"], metric),
                    delta_color="normal" if metric.better > 0 else "inverse",
                    help=labels.METRIC_DEFINITIONS[metric.key],
                    border=True,
                )
                st.caption(
                    _format_change(kpi["yoy_change"], metric, labels.KPI_YOY) or labels.KPI_NO_BASE
                )


def _kpi_frame(rows: list[dict], metrics: dict[str, Metric]) -> pd.DataFrame:
    """The cards as a table: metric, value, month-on-month and year-on-year change."""
    headers = labels.REPORT_KPI_COLUMNS
    return pd.DataFrame(
        {
            headers["name"]: [labels.METRICS[k["metric"]] for k in rows],
            headers["now"]: [
                format_value(k["value"], k["metric"], metrics[k["metric"]].share) for k in rows
            ],
            headers["moved"]: [
                _format_change(k["mom_change"], metrics[k["metric"]]) or labels.MISSING
                for k in rows
            ],
            headers["yoy"]: [
                _format_change(k["yoy_change"], metrics[k["metric"]]) or labels.MISSING
                for k in rows
            ],
        }
    )


def _format_change(change: float, metric: Metric, template: str = "{change}") -> str | None:
    if change is None or math.isnan(change):
        return None
    if metric.share:
        text = f"{change:+.1f} 个百分点"
    elif metric.points:
        text = f"{change:+.1f} 分"
    else:
        text = f"{change * 100:+.1f}%"
    return template.format(change=text)
