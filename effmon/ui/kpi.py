"""KPI cards with month-on-month and year-on-year change."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.overview import METRICS, Metric
from effmon.readable import format_value


def render_kpi_cards(kpis: pd.DataFrame, per_row: int = 5) -> None:
    """One st.metric per KPI row; MoM as the delta, coloured by whether it is good news."""
    metrics = {m.key: m for m in METRICS}
    rows = kpis.to_dict("records")
    for start in range(0, len(rows), per_row):
        for col, kpi in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            metric = metrics[kpi["metric"]]
            with col:
                st.metric(
                    labels.METRICS[metric.key],
                    format_value(kpi["value"], metric.key, metric.share),
                    delta=_format_change(kpi["mom_change"], metric, labels.KPI_MOM),
                    delta_color="normal" if metric.better > 0 else "inverse",
                    help=labels.METRIC_DEFINITIONS[metric.key],
                    border=True,
                )
                st.caption(
                    _format_change(kpi["yoy_change"], metric, labels.KPI_YOY) or labels.KPI_NO_BASE
                )


def _format_change(change: float, metric: Metric, template: str) -> str | None:
    if change is None or math.isnan(change):
        return None
    if metric.share:
        text = f"{change:+.1f} 个百分点"
    elif metric.points:
        text = f"{change:+.1f} 分"
    else:
        text = f"{change * 100:+.1f}%"
    return template.format(change=text)
