"""Plotly figure builders (no streamlit)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from effmon import labels
from effmon.semantic import display

MONTHS, DAYS = "%Y-%m", "%Y-%m-%d"  # date axes
NUMBERS = ",.2~f"  # value axes: 20,000 and 12.5, never 20k


def build_trend_figure(monthly: pd.DataFrame, height: int = 520) -> go.Figure:
    """24-month trend: volume with online share, and complaints with the good-review share;
    ``height`` in pixels."""
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
            x=monthly["month"], y=monthly[count], name=display.header(count), row=row, col=1
        )
        fig.add_scatter(
            x=monthly["month"],
            y=display.table_values(share, monthly[share]),
            name=display.header(share),
            mode="lines+markers",
            row=row,
            col=1,
            secondary_y=True,
        )
    fig.update_layout(
        height=height,
        margin={"t": 30, "b": 20, "l": 10, "r": 10},
        legend={"orientation": "h", "y": 1.08},
        hovermode="x unified",
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(tickformat=",.0f", secondary_y=False)
    fig.update_yaxes(tickformat=".1f", ticksuffix="%", showgrid=False, secondary_y=True)
    return fig


def build_bar_figure(names: pd.Series, values: pd.Series, value_label: str) -> go.Figure:
    """Horizontal bars, largest on top (at most the rows given); small counts get a tick per
    unit, not ticks at fractions of one."""
    fig = go.Figure(go.Bar(x=values[::-1], y=names[::-1], orientation="h", name=value_label))
    fig.update_layout(
        height=max(260, 24 * len(names) + 80),
        margin={"t": 20, "b": 20, "l": 10, "r": 10},
        xaxis_title=value_label,
    )
    fig.update_xaxes(tickformat=NUMBERS)
    if len(values) and (values % 1 == 0).all() and values.max() < 10:
        fig.update_xaxes(dtick=1)
    return fig


def build_hour_weekday_figure(matrix: pd.DataFrame) -> go.Figure:
    """Heatmap of cases by weekday (rows, Monday on top) and hour of day (columns)."""
    fig = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy().tolist(),  # plain lists: readable in the page spec
            x=[f"{h}:00" for h in matrix.columns],
            y=labels.WEEKDAYS,
            colorscale="Blues",
            colorbar={"title": display.header("counter_cases")},
        )
    )
    fig.update_layout(height=320, margin={"t": 20, "b": 20, "l": 10, "r": 10})
    fig.update_yaxes(autorange="reversed")
    return fig


def build_pivot_figure(table: pd.DataFrame, value_label: str) -> go.Figure:
    """A bar chart for one dimension, a heatmap (rows × columns) for two."""
    if table.shape[1] == 2:
        top = table.head(30)
        return build_bar_figure(top.iloc[:, 0], top.iloc[:, 1], value_label)
    fig = go.Figure(
        go.Heatmap(
            z=table.iloc[:, 1:].to_numpy().tolist(),
            x=list(table.columns[1:]),
            y=table.iloc[:, 0].tolist(),
            colorscale="Blues",
            colorbar={"title": value_label},
        )
    )
    fig.update_layout(height=max(320, 22 * len(table) + 100), margin={"t": 20, "b": 20})
    fig.update_yaxes(autorange="reversed")
    return fig


def build_index_heatmap(index: pd.DataFrame) -> go.Figure:
    """Satisfaction index by department (rows) and month (columns); hover shows the count."""
    values = index.pivot(index="department", columns="month", values="index").round(1)
    counts = index.pivot(index="department", columns="month", values="evaluations")
    fig = go.Figure(
        go.Heatmap(
            z=values.to_numpy().tolist(),
            x=list(values.columns),
            y=list(values.index),
            customdata=counts.reindex_like(values).to_numpy().tolist(),
            hovertemplate=labels.INDEX["hover"],
            colorscale="RdYlGn",
            zmin=50,
            zmax=100,
            colorbar={"title": labels.INDEX["name"]},
        )
    )
    fig.update_layout(
        height=max(320, 22 * len(values)), margin={"t": 20, "b": 20, "l": 10, "r": 10}
    )
    fig.update_yaxes(autorange="reversed")
    return fig


def build_forecast_figure(history: pd.Series, forecast, value_label: str) -> go.Figure:
    """History as a line, the forecast as a dashed line inside its 95% and 80% bands."""
    fig = go.Figure()
    future = forecast.mean.index
    for level, opacity in ((0.95, 0.15), (0.8, 0.3)):
        fig.add_scatter(
            x=[*future, *future[::-1]],
            y=[*forecast.upper[level], *forecast.lower[level][::-1]],
            fill="toself",
            fillcolor=f"rgba(31, 119, 180, {opacity})",
            line={"width": 0},
            name=labels.FORECAST["band"].format(level=display.percent_text(level, decimals=0)),
            hoverinfo="skip",
        )
    fig.add_scatter(x=history.index, y=history.to_numpy(), name=value_label, mode="lines")
    fig.add_scatter(
        x=future,
        y=forecast.mean.round(1).to_numpy(),
        name=labels.FORECAST["forecast"],
        mode="lines+markers",
        line={"dash": "dash"},
    )
    fig.update_layout(
        height=420,
        margin={"t": 30, "b": 20, "l": 10, "r": 10},
        legend={"orientation": "h", "y": 1.1},
        hovermode="x unified",
    )
    spacing = history.index.to_series().diff().dt.days.median()
    _dates_and_numbers(fig, MONTHS if spacing >= 28 else DAYS)
    return fig


def build_category_figure(counts: pd.DataFrame, value_label: str) -> go.Figure:
    """Stacked bars of complaints per month (columns month, category, complaints)."""
    fig = go.Figure()
    for category, rows in counts.groupby("category", sort=False):
        fig.add_trace(go.Bar(x=rows["month"], y=rows["complaints"], name=str(category)))
    fig.update_layout(
        barmode="stack",
        height=380,
        margin={"t": 20, "b": 20, "l": 10, "r": 10},
        yaxis_title=value_label,
        legend={"orientation": "h"},
    )
    return fig


def build_event_figure(daily: pd.DataFrame, measure: str, event, name: str) -> go.Figure:
    """One daily measure around an event day: the days, the event as a vertical line, and
    the mean before and after as flat lines."""
    days = pd.to_datetime(daily["day"])
    fig = go.Figure(go.Scatter(x=days, y=daily[measure], mode="lines+markers", name=name))
    event = pd.Timestamp(event)
    sides = (
        (days < event, labels.RESEARCH["before_mean"]),
        (days >= event, labels.RESEARCH["after_mean"]),
    )
    for part, label in sides:
        if part.any():
            mean = daily.loc[part, measure].mean()
            fig.add_scatter(
                x=[days[part].min(), days[part].max()], y=[mean, mean], mode="lines",
                name=label, line={"dash": "dash"},
            )  # fmt: skip
    fig.add_vline(x=event, line_dash="dot", line_color="red")
    fig.update_layout(height=360, margin={"t": 20, "b": 20, "l": 10, "r": 10})
    _dates_and_numbers(fig, DAYS)
    return fig


def build_reliability_figure(bins: list) -> go.Figure:
    """Reliability diagram: the accuracy of the predictions in each band of confidence
    against the band's mean confidence (bins of effmon.text.review), on the diagonal when the
    confidence means what it says; the size of each point is its count."""
    words = labels.TRUST
    confidence, accuracy, counts = zip(*bins, strict=True)
    fig = go.Figure(
        [
            go.Scatter(x=[0, 1], y=[0, 1], mode="lines", name=words["diagonal"],
                       line={"dash": "dot", "color": "#999999"}),
            go.Scatter(x=confidence, y=accuracy, mode="lines+markers", name=words["observed"],
                       text=[f"{n:,}" for n in counts],
                       hovertemplate=words["hover"] + "<extra></extra>",
                       marker={"size": [8 + 16 * (n / max(counts)) ** 0.5 for n in counts]}),
        ]
    )  # fmt: skip
    fig.update_layout(
        height=360,
        margin={"t": 20, "b": 20, "l": 10, "r": 10},
        xaxis_title=words["x"],
        yaxis_title=words["y"],
        legend={"orientation": "h", "y": -0.25},
    )
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%")
    fig.update_yaxes(range=[0, 1.02], tickformat=".0%")
    return fig


def _dates_and_numbers(fig: go.Figure, dates: str) -> None:
    """A date axis written the Chinese way (2026-11, not Plotly's English Nov 2026) and a
    value axis in plain figures with thousands separators (20,000, not 20k)."""
    fig.update_xaxes(tickformat=dates, hoverformat=DAYS)
    fig.update_yaxes(tickformat=NUMBERS)


def build_league_figure(table: pd.DataFrame, value_label: str) -> go.Figure:
    """Districts (``name``, best first, top down) by ``value`` with their interval (``low`` ..
    ``high``, none where NaN) and the city's value as a dashed line (``city``, none if NaN)."""
    fig = go.Figure(
        go.Scatter(
            x=table["value"].tolist(),
            y=table["name"].tolist(),
            mode="markers",
            marker={"size": 10},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (table["high"] - table["value"]).tolist(),
                "arrayminus": (table["value"] - table["low"]).tolist(),
            },
            name=value_label,
        )
    )
    if len(table) and pd.notna(table["city"].iloc[0]):
        fig.add_vline(
            x=float(table["city"].iloc[0]), line_dash="dash", annotation_text=labels.CITY["city"]
        )
    fig.update_layout(height=max(260, 32 * len(table) + 100), margin={"t": 30, "b": 20})
    fig.update_xaxes(title=value_label)
    fig.update_yaxes(autorange="reversed")
    return fig


def build_position_figure(places: pd.DataFrame, place_label: str) -> go.Figure:
    """A district's place (1 at the top) by ``month``, out of ``districts`` that month."""
    fig = go.Figure(
        go.Scatter(
            x=places["month"].tolist(),
            y=places["place"].tolist(),
            customdata=places["districts"].tolist(),
            mode="lines+markers",
            hovertemplate=labels.CITY["place_hover"],
            name=place_label,
        )
    )
    most = int(places["districts"].max()) if len(places) else 1
    fig.update_yaxes(title=place_label, range=[most + 0.5, 0.5], dtick=1)
    fig.update_xaxes(type="category")  # 2026-01 as it is, not a date axis in English
    fig.update_layout(height=320, margin={"t": 20, "b": 20})
    return fig
