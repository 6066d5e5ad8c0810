"""KPI cards with month-on-month and year-on-year change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.analytics.overview import period_name, stock_date
from effmon.semantic import catalog, display
from effmon.ui import page_pdf

_DELTA_COLORS = {"up": "normal", "down": "inverse", "neutral": "off"}


def render_kpi_cards(
    kpis: pd.DataFrame, month: str, per_row: int = 5, by_place: bool = False
) -> None:
    """One st.metric per KPI row of ``month``; MoM as the delta (named once, in the page's
    caption, so that it fits the card), coloured by whether it is good news; a stock says
    the day it is counted to. ``by_place``: the figures are of some sites or streets, where
    a measure of online cases (which have no site) has no value."""
    rows = kpis.to_dict("records")
    page_pdf.add(labels.REPORT_VIEW["kpis"], _kpi_frame(rows))
    for start in range(0, len(rows), per_row):
        for col, kpi in zip(st.columns(per_row), rows[start : start + per_row], strict=False):
            key = kpi["metric"]
            measure = catalog.measure(key)
            if by_place and measure.online:
                with col:
                    st.metric(measure.name, labels.MISSING, help=measure.definition, border=True)
                    st.caption(labels.KPI_NO_ONLINE)
                continue
            delta = display.signed_change_text(key, kpi["value"], kpi["previous"])
            flat = delta == labels.CHANGE_TEXT["flat"]  # no arrow, no colour
            with col:
                st.metric(
                    measure.name,
                    display.value_text(key, kpi["value"]),
                    delta=delta,
                    delta_color="off" if flat else _DELTA_COLORS[measure.direction],
                    delta_arrow="off" if flat else "auto",
                    help=measure.definition,
                    border=True,
                )
                yoy = display.signed_change_text(key, kpi["value"], kpi["last_year"])
                notes = [labels.KPI_YOY.format(change=yoy) if yoy else labels.KPI_NO_BASE]
                if measure.stock:
                    notes.append(
                        labels.KPI_AS_OF.format(day=period_name(stock_date(month).isoformat()))
                    )
                st.caption("；".join(notes))


def _kpi_frame(rows: list[dict]) -> pd.DataFrame:
    """The cards as a table: metric, value, month-on-month and year-on-year change."""
    headers = labels.REPORT_KPI_COLUMNS
    return pd.DataFrame(
        {
            headers["name"]: [catalog.measure(k["metric"]).name for k in rows],
            headers["now"]: [display.value_text(k["metric"], k["value"]) for k in rows],
            headers["moved"]: [
                display.change_text(k["metric"], k["value"], k["previous"]) for k in rows
            ],
            headers["yoy"]: [
                display.change_text(k["metric"], k["value"], k["last_year"]) for k in rows
            ],
        }
    )
