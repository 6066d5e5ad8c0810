"""Plotly figure builders (no streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from effmon import labels


def build_trend_figure(monthly: pd.DataFrame) -> go.Figure:
    """24-month trend: volume with online share, and complaints with the good-review share."""
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        specs=[[{"secondary_y": True}], [{"secondary_y": True}]],
    )
    # Each row: a count as bars and a share (0-1) as a line on its own axis, in %.
    for row, (count, share) in enumerate(
        [("cases", "online_share"), ("complaints", "good_share")], start=1
    ):
        fig.add_bar(
            x=monthly["month"], y=monthly[count], name=labels.METRICS[count], row=row, col=1
        )
        fig.add_scatter(
            x=monthly["month"],
            y=monthly[share] * 100,
            name=labels.METRICS[share] + "(%)",
            mode="lines+markers",
            row=row,
            col=1,
            secondary_y=True,
        )
    fig.update_layout(
        height=520,
        margin={"t": 30, "b": 20, "l": 10, "r": 10},
        legend={"orientation": "h", "y": 1.08},
        hovermode="x unified",
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=",.0f", secondary_y=False)
    fig.update_yaxes(tickformat=".1f", ticksuffix="%", showgrid=False, secondary_y=True)
    return fig
