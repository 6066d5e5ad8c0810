"""满意度: 好差评 rates, the department satisfaction index, service aspects, 差评 follow-up."""

from datetime import datetime

import streamlit as st

from effmon import charts, config, labels
from effmon.analytics.overview import month_window
from effmon.analytics.satisfaction import followup_summary
from effmon.analytics.satisfaction_index import falls, ranking
from effmon.errors import EffmonError
from effmon.store.satisfaction import DIMENSIONS, FOLLOWUP_NEXT
from effmon.ui import cached, state
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.tables import render_table, satisfaction_display

st.title(labels.PAGES["satisfaction"])
start, end = choose_period(state.SATISFACTION_SPAN)
path = cached.db()
filters = current_filters()
names = cached.site_names(path)
st.caption(f"{start} — {end}。{cached.scorer(path).describe()}")

total = cached.satisfaction(path, filters, start, end, "channel").sum(numeric_only=True)
if not total.get("evaluations"):
    st.info(labels.NO_DATA)
    st.stop()
year_start, _ = month_window(end, 12)
in_period = cached.satisfaction_index(path, filters, start, end, ())
cards = {
    "evaluations": f"{int(total['evaluations']):,}",
    "good_share": f"{total['good'] / total['evaluations']:.2%}",
    "bad": f"{int(total['bad']):,}",
    "bad_share": f"{total['bad'] / total['evaluations']:.2%}",
    "index": f"{in_period['index'].iloc[0]:.1f}",
}
for column, (key, value) in zip(st.columns(len(cards)), cards.items(), strict=True):
    column.metric(labels.SATISFACTION_CARDS[key], value)

st.subheader(labels.INDEX["title"])
st.caption(labels.INDEX["formula"])
monthly = cached.satisfaction_index(path, filters, year_start, end, ("month", "department"))
st.plotly_chart(charts.build_index_heatmap(monthly), key="index_heatmap")
left, right = st.columns(2)
with left:
    st.markdown(f"**{labels.INDEX['ranking'].format(month=end)}**")
    ranked = ranking(cached.satisfaction_index(path, filters, end, end, ("department",)))
    shown = ranked[["rank", "department", "index", "low", "high", "evaluations"]].round(1)
    render_table(
        shown.rename(columns=labels.INDEX_COLUMNS), f"满意度指数排名_{end}", key="index_rank"
    )
with right:
    st.markdown(f"**{labels.INDEX['falls']}**")
    fallen = falls(monthly)
    if fallen.empty:
        st.info(labels.INDEX["no_falls"])
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
        .round(3)
        .rename(columns=labels.INDEX_COLUMNS),
        f"满意度指数明细_{picked}_{start}_{end}",
        key="index_drill",
    )

st.subheader(labels.INDEX["aspects"].format(start=start, end=end))
aspects = cached.aspects(path, filters, start, end)
wide = aspects.assign(
    cell=(aspects["sentiment"] * 100).round(1).astype(str)
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

st.subheader(labels.SATISFACTION["by_dimension"])
dimension = st.selectbox(
    labels.SATISFACTION["dimension"],
    list(DIMENSIONS),
    key=state.SATISFACTION_DIMENSION,
    index=list(DIMENSIONS).index("department"),
    format_func=labels.SATISFACTION_DIMENSIONS.get,
)
table = satisfaction_display(
    cached.satisfaction(path, filters, start, end, dimension), dimension, names
)
bad = labels.SATISFACTION_COLUMNS["bad"]
top = table if dimension == "month" else table.sort_values(bad, ascending=False).head(20)
st.plotly_chart(
    charts.build_bar_figure(top.iloc[:, 0], top[bad], labels.SATISFACTION["bar"]),
    key="satisfaction_bars",
)
render_table(
    table,
    f"{labels.PAGES['satisfaction']}_{labels.SATISFACTION_DIMENSIONS[dimension]}_{start}_{end}",
    key="satisfaction",
)

st.subheader(labels.FOLLOWUP["title"])
st.caption(labels.FOLLOWUP["caption"].format(days=config.get("followup_workdays")))
items = cached.followups(path, filters, start, end)
if not items.empty:
    summary = followup_summary(items)
    summary["rectify_share"] = (summary["rectify_share"] * 100).round(1)
    render_table(
        summary.round(1).rename(columns=labels.FOLLOWUP_SUMMARY),
        f"差评整改_{start}_{end}",
        key="followup_summary",
    )
    shown = items.assign(
        site_id=items["site_id"].map(lambda s: names.get(s, s)),
        level=items["level"].map(labels.LEVEL_NAMES),
        sentiment=items["sentiment"].round(3),
    )[list(labels.FOLLOWUP_COLUMNS)]
    render_table(
        shown.rename(columns=labels.FOLLOWUP_COLUMNS),
        f"差评事项_{start}_{end}",
        key="followup_items",
    )
open_items = items[items["state"].isin(list(FOLLOWUP_NEXT))]
with st.expander(labels.FOLLOWUP["record"], expanded=state.FOLLOWUP_RESULT in st.session_state):
    if done := st.session_state.pop(state.FOLLOWUP_RESULT, None):
        st.success(done)
    if open_items.empty:
        st.info(labels.FOLLOWUP["none_open"])
    else:
        with st.form("followup_form"):
            described = {
                item.evaluation_id: f"{item.evaluated_at:%Y-%m-%d %H:%M} {item.department} "
                f"{item.state} {item.comment if isinstance(item.comment, str) else ''}"
                for item in open_items.itertuples()
            }
            chosen = st.selectbox(
                labels.FOLLOWUP["pick"],
                list(described),
                format_func=described.get,
                key=state.FOLLOWUP_PICK,
            )
            day = st.date_input(labels.FOLLOWUP["when"], key=state.FOLLOWUP_DAY)
            actor = st.text_input(labels.FOLLOWUP["actor"], key=state.FOLLOWUP_ACTOR)
            note = st.text_input(labels.FOLLOWUP["note"], key=state.FOLLOWUP_NOTE)
            saved = st.form_submit_button(labels.FOLLOWUP["save"])
        if saved:
            current = open_items.set_index("evaluation_id").at[chosen, "state"]
            step = FOLLOWUP_NEXT[current]
            when = min(datetime.combine(day, datetime.now().time()), datetime.now())
            try:
                if not actor.strip():
                    raise EffmonError(labels.FOLLOWUP["no_actor"])
                cached.record_followup(path, chosen, step, when, actor.strip(), note.strip())
            except EffmonError as exc:
                st.error(str(exc))
            else:
                saved_note = labels.FOLLOWUP["saved"].format(id=chosen, state=step)
                st.session_state[state.FOLLOWUP_RESULT] = saved_note
                st.rerun()

with st.expander(labels.SATISFACTION["definitions"]):
    for line in labels.SATISFACTION_DEFINITIONS:
        st.markdown(f"- {line}")
