"""趋势预测与预警: a metric's history and forecast with intervals, its backtest beside it,
and the categories and streets whose complaints are expected to rise."""

import pandas as pd
import streamlit as st

from effmon import charts, labels, readable
from effmon.forecast.hotspots import MIN_RISE
from effmon.forecast.metrics import FREQUENCIES, METRICS
from effmon.semantic import catalog, display
from effmon.ui import cached, cached_trends, page_pdf, session, state
from effmon.ui.alerts import render_findings, render_rules
from effmon.ui.filters import current_filters, require_month
from effmon.ui.plain import plain
from effmon.ui.tables import render_table

session.require("page:trends")
st.title(labels.PAGES["trends"])
end = require_month()
path = cached.db()
filters = current_filters()

picked, period = st.columns(2)
metric = picked.selectbox(
    labels.FORECAST["metric"],
    list(METRICS),
    key=state.TREND_METRIC,
    format_func=labels.FORECAST_METRICS.get,
)
chosen = METRICS[metric]
frequency = period.radio(  # each metric keeps its own choice: daily fits volumes only
    labels.FORECAST["frequency"],
    chosen.frequencies,
    index=chosen.frequencies.index("monthly") if chosen.key or chosen.ratio else 0,
    key=f"{state.TREND_FREQUENCY}_{metric}",
    format_func=labels.FREQUENCIES.get,
    horizontal=True,
)
if chosen.ratio:
    period.caption(labels.FORECAST["ratio_daily"])
plan = FREQUENCIES[frequency]
key = None
if chosen.key:
    rising = (
        list(cached_trends.hotspots(path, filters, metric, end)["key"])
        if metric in labels.HOTSPOT_KEYS
        else []
    )
    every = sorted(cached_trends.forecast_keys(path, filters, metric, end))
    key = st.selectbox(
        labels.FORECAST["key"],
        rising + [k for k in every if k not in rising],
        key=f"{state.TREND_KEY}_{metric}",
    )
history = cached_trends.forecast_history(path, filters, metric, frequency, end, key)
if history.sum() == 0:
    st.info(labels.NO_DATA)
    st.stop()
measure = catalog.measure(chosen.measure)
scale = 100 if measure.share else 1  # a share in %, as on the other pages
forecast = cached_trends.forecast(path, filters, metric, frequency, end, key)
name = f"{labels.FORECAST_METRICS[metric]}({measure.unit})"
name += f"：{key}" if key else ""
chart, side = st.columns([3, 2])
with chart:
    shown = scale * (history.iloc[-180:] if frequency == "daily" else history)
    figure = charts.build_forecast_figure(shown, forecast.scaled(scale), name)
    page_pdf.show_chart(figure, key="trend_chart")
    st.caption(labels.FORECAST["model"])
    last = forecast.mean.index[-1]  # the last forecast period, through its last day
    last += (
        pd.offsets.MonthEnd(0)
        if frequency == "monthly"
        else pd.Timedelta(days=6 if frequency == "weekly" else 0)
    )
    if estimated := readable.estimated_calendar(forecast.mean.index[0].date(), last.date()):
        st.caption(estimated)
with side:
    st.markdown(
        "**"
        + labels.FORECAST["backtest"].format(origins=plan.origins, horizon=plan.backtest_horizon)
        + "**"
    )
    tested = cached_trends.forecast_backtest(path, filters, metric, frequency, end, key)
    if tested.empty:
        st.info(labels.FORECAST["too_short"])
    else:
        tested = tested.assign(
            forecaster=tested["forecaster"].map(labels.FORECASTERS),
            mase=tested["mase"].round(2),
            coverage_95=display.percent_values(tested["coverage_95"]),
        )
        render_table(
            tested.rename(columns=labels.BACKTEST_COLUMNS), f"回测_{name}_{end}", key="backtest"
        )
    st.caption(labels.FORECAST["backtest_caption"])
    bounds = {
        "mean": forecast.mean,
        "low_95": forecast.lower[0.95],
        "high_95": forecast.upper[0.95],
    }
    table = pd.DataFrame({c: display.table_values(measure.key, v) for c, v in bounds.items()})
    shape = "%Y-%m" if frequency == "monthly" else "%Y-%m-%d"
    table.insert(0, "period", forecast.mean.index.strftime(shape))
    st.markdown(f"**{labels.FORECAST['table']}**")
    render_table(
        table.rename(columns=labels.FORECAST_COLUMNS), f"预测_{name}_{end}", key="forecast"
    )

for split, what in labels.HOTSPOT_KEYS.items():
    st.subheader(labels.FORECAST["hotspots"].format(what=plain(what)))
    found = cached_trends.hotspots(path, filters, split, end)
    if found.empty:
        st.info(labels.FORECAST["no_hotspots"].format(what=plain(what)))
    else:
        shown = found.drop(columns="score").round(1)
        shown["confident"] = shown["confident"].map({True: "是", False: ""})
        render_table(
            shown.rename(columns=labels.HOTSPOT_COLUMNS), f"上升热点_{what}_{end}", f"hot_{split}"
        )
    st.caption(labels.FORECAST["hotspot_caption"].format(min_rise=MIN_RISE))

render_findings(path, end)
render_rules(path, end)
