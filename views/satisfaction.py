"""满意度: 好差评 rates, the department satisfaction index, service aspects, 差评 follow-up."""

import streamlit as st

from effmon import charts, labels
from effmon.ui import cached, notice, page_pdf, session, state
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.followup import render_followups
from effmon.ui.satisfaction_index import render_aspects, render_index
from effmon.ui.tables import render_table, satisfaction_display
from effmon.ui.training import render_training

session.require("page:satisfaction")
st.title(labels.PAGES["satisfaction"])
start, end = choose_period(state.SATISFACTION_SPAN)
path = cached.db()
filters = current_filters()
names = cached.site_names(path)
st.caption(f"{start} — {end}。{cached.scorer(path).describe()}")
with st.expander(labels.SENTIMENT["model"], expanded=state.SENTIMENT_RESULT in st.session_state):
    notice.show(state.SENTIMENT_RESULT)
    render_training(
        labels.SENTIMENT["train_hint"], labels.SENTIMENT["train_button"], state.SENTIMENT_TRAIN,
        state.SENTIMENT_RESULT, "sentiment", lambda: cached.train_sentiment(path),
    )  # fmt: skip

total = cached.satisfaction(path, filters, start, end, "channel").sum(numeric_only=True)
if not total.get("evaluations"):
    st.info(labels.NO_DATA)
    st.stop()
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

render_index(path, filters, start, end)
render_aspects(path, filters, start, end)

st.subheader(labels.SATISFACTION["by_dimension"])
dimension = st.selectbox(
    labels.SATISFACTION["dimension"],
    list(labels.SATISFACTION_DIMENSIONS),
    key=state.SATISFACTION_DIMENSION,
    index=list(labels.SATISFACTION_DIMENSIONS).index("department"),
    format_func=labels.SATISFACTION_DIMENSIONS.get,
)
table = satisfaction_display(
    cached.satisfaction(path, filters, start, end, dimension), dimension, names
)
bad = labels.SATISFACTION_COLUMNS["bad"]
top = table if dimension == "month" else table.sort_values(bad, ascending=False).head(20)
page_pdf.show_chart(
    charts.build_bar_figure(top.iloc[:, 0], top[bad], labels.SATISFACTION["bar"]),
    key="satisfaction_bars",
)
render_table(
    table,
    f"{labels.PAGES['satisfaction']}_{labels.SATISFACTION_DIMENSIONS[dimension]}_{start}_{end}",
    key="satisfaction",
)

render_followups(path, filters, start, end, names)

with st.expander(labels.SATISFACTION["definitions"]):
    for line in labels.SATISFACTION_DEFINITIONS:
        st.markdown(f"- {line}")
