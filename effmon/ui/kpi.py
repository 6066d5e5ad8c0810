"""KPI cards with month-on-month and year-on-year change."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.overview import METRICS


def render_kpi_cards(kpis: pd.DataFrame, per_row: int = 5) -> None:
    """One st.metric per KPI row; MoM as the delta, coloured by whether it is good news."""
    shares = {m.key for m in METRICS if m.share}
    better = {m.key: m.better for m in METRICS}
    rows = kpis.to_dict("records")
    for start in range(0, len(rows), per_row):
        for col, kpi in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            key = kpi["metric"]
            share = key in shares
            with col:
                st.metric(
                    labels.METRICS[key],
                    format_value(kpi["value"], key, share),
                    delta=_format_change(kpi["mom_change"], share, labels.KPI_MOM),
                    delta_color="normal" if better[key] > 0 else "inverse",
                    help=labels.METRIC_DEFINITIONS[key],
                    border=True,
                )
                st.caption(
                    _format_change(kpi["yoy_change"], share, labels.KPI_YOY) or labels.KPI_NO_BASE
                )


def format_value(value: float, key: str, share: bool) -> str:
    """A KPI value as shown on a card: shares in %, minutes with one decimal, counts grouped."""
    if value is None or math.isnan(value):
        return "—"
    unit = labels.METRIC_UNITS[key]
    if share:
        return f"{value * 100:.1f}%"
    if unit == "分钟":
        return f"{value:.1f} {unit}"
    return f"{value:,.0f} {unit}"


def _format_change(change: float, share: bool, template: str) -> str | None:
    if change is None or math.isnan(change):
        return None
    text = f"{change:+.1f} 个百分点" if share else f"{change * 100:+.1f}%"
    return template.format(change=text)
