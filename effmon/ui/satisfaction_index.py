"""满意度 page sections: the department satisfaction index and service-aspect sentiment."""

from __future__ import annotations

import streamlit as st

from effmon import charts, config, labels
from effmon.analytics.overview import month_window
from effmon.analytics.satisfaction_index import falls, ranking
from effmon.semantic import display
from effmon.store.filters import Filters
from effmon.ui import cached, page_pdf, state
from effmon.ui.tables import render_table


def render_index(path: str, filters: Filters, start: str, end: str) -> None:
    """Heatmap of the ``index_window_months`` to ``end``, the month's ranking, significant
    falls, drill-down."""
    months = config.get_int("index_window_months")
    year_start, _ = month_window(end, months)
    st.subheader(labels.INDEX["title"].format(months=months))
    st.caption(labels.INDEX["formula"])
    monthly = cached.satisfaction_index(path, filters, year_start, end, ("month", "department"))
    page_pdf.show_chart(charts.build_index_heatmap(monthly), key="index_heatmap")
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{labels.INDEX['ranking'].format(month=end)}**")
        ranked = ranking(cached.satisfaction_index(path, filters, end, end, ("department",)))
        # ranked by the interval's lower bound (a small sample's index says less), which
        # stands beside the rank so that the order reads right
        shown = ranked[["rank", "department", "low", "index", "high", "evaluations"]].round(1)
        headers = {**labels.INDEX_COLUMNS, "low": labels.INDEX["rank_basis"]}
        render_table(shown.rename(columns=headers), f"满意度指数排名_{end}", key="index_rank")
    with right:
        least = config.get_int("index_fall_min_evaluations")
        st.markdown(f"**{labels.INDEX['falls'].format(evaluations=least, months=months)}**")
        fallen = falls(monthly)
        if fallen.empty:
            st.info(labels.INDEX["no_falls"].format(months=months))
        else:
            shown = fallen[["department", "month", "index", "low", "high", "median", "fall"]]
            render_table(
                shown.round(1).rename(columns=labels.INDEX_COLUMNS),
                f"满意度显著下降_{year_start}_{end}",
                key="index_falls",
            )
    with st.expander(labels.INDEX["drill"]):
        departments = sorted(monthly["department"].unique())
        picked = st.selectbox(labels.INDEX["drill_pick"], departments, key=state.INDEX_DRILL)
        behind = cached.index_evaluations(path, filters, start, end, picked)
        render_table(
            behind.assign(level=behind["level"].map(labels.LEVEL_NAMES))
            .round(2)
            .rename(columns=labels.INDEX_COLUMNS),
            f"满意度指数明细_{picked}_{start}_{end}",
            key="index_drill",
        )


def render_aspects(path: str, filters: Filters, start: str, end: str) -> None:
    """Aspect sentiment (0-100) and mentions per department."""
    st.subheader(labels.INDEX["aspects"].format(start=start, end=end))
    aspects = cached.aspects(path, filters, start, end)
    wide = aspects.assign(
        cell=display.percent_values(aspects["sentiment"]).astype(str)
        + " ("
        + aspects["mentions"].astype(str)
        + ")",
        aspect=aspects["aspect"].map(labels.ASPECTS),
    ).pivot(index="department", columns="aspect", values="cell")
    render_table(
        wide.reset_index().rename(columns={"department": labels.INDEX_COLUMNS["department"]}),
        f"服务要素情感_{start}_{end}",
        key="aspects",
    )
