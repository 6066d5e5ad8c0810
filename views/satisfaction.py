"""满意度: 好差评 rates, the department satisfaction index, service aspects, 差评 follow-up."""

import streamlit as st

from effmon import charts, labels
from effmon.analytics.satisfaction import DIMENSIONS
from effmon.semantic import catalog, display
from effmon.ui import cached, notice, page_pdf, session, state
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.followup import render_followups
from effmon.ui.model_trust import render_trust
from effmon.ui.satisfaction_index import render_aspects, render_index
from effmon.ui.tables import render_table, satisfaction_display
from effmon.ui.training import render_training

CARDS = ("evaluations", "good_share", "bad_count", "bad_share")

session.require("page:satisfaction")
st.title(labels.PAGES["satisfaction"])
start, end = choose_period(state.SATISFACTION_SPAN)
path = cached.db()
filters = current_filters()
names = cached.value_names(path)
st.caption(f"{start} — {end}。{cached.scorer(path).describe()}")
with st.expander(labels.SENTIMENT["model"], expanded=state.SENTIMENT_RESULT in st.session_state):
    notice.show(state.SENTIMENT_RESULT)
    render_training(
        labels.SENTIMENT["train_hint"], labels.SENTIMENT["train_button"], state.SENTIMENT_TRAIN,
        state.SENTIMENT_RESULT, "sentiment", lambda: cached.train_sentiment(path),
    )  # fmt: skip
    if (saved := cached.scorer(path).saved) is not None:
        render_trust(saved.meta, key="sentiment_trust")

total = cached.measures(path, filters, start, end, CARDS).iloc[0]
if not total["evaluations"]:
    st.info(labels.NO_DATA)
    st.stop()
in_period = cached.satisfaction_index(path, filters, start, end, ())
total["satisfaction_index"] = in_period["index"].iloc[0]
for column, key in zip(st.columns(len(CARDS) + 1), [*CARDS, "satisfaction_index"], strict=True):
    column.metric(catalog.measure(key).name, display.value_text(key, total[key]))

render_index(path, filters, start, end)
render_aspects(path, filters, start, end)

st.subheader(labels.SATISFACTION["by_dimension"])
dimension = st.selectbox(
    labels.SATISFACTION["dimension"],
    DIMENSIONS,
    key=state.SATISFACTION_DIMENSION,
    index=DIMENSIONS.index("department"),
    format_func=lambda d: catalog.dimension(d).name,
)
table = satisfaction_display(
    cached.satisfaction(path, filters, start, end, dimension), dimension, names
)
bad = display.header("bad_count")
top = table if dimension == "month" else table.sort_values(bad, ascending=False).head(20)
page_pdf.show_chart(
    charts.build_bar_figure(top.iloc[:, 0], top[bad], labels.SATISFACTION["bar"]),
    key="satisfaction_bars",
)
render_table(
    table,
    f"{labels.PAGES['satisfaction']}_{catalog.dimension(dimension).name}_{start}_{end}",
    key="satisfaction",
)

render_followups(path, filters, start, end, names)

with st.expander(labels.SATISFACTION["definitions"]):
    for line in labels.SATISFACTION_DEFINITIONS:
        st.markdown(f"- {line}")
