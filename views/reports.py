"""报告中心: choose a report and its period, generate it, preview its first pages, download;
the latest generated reports (from here or the command line) listed for download."""

from datetime import timedelta

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.errors import EffmonError
from effmon.reports import catalog
from effmon.reports.preview import page_images
from effmon.ui import cached, downloads, grid, report_centre, session, state

WORDS = labels.REPORT_CENTRE

session.require("page:reports")
st.title(labels.PAGES["reports"])
st.caption(WORDS["caption"])
path = cached.db()
months = cached.months(path)
if not months:
    st.info(labels.NO_DATA)
    st.stop()

left, middle, right = st.columns(3)
kind = left.selectbox(
    WORDS["kind"], list(catalog.KINDS), format_func=labels.REPORT_KINDS.get, key=state.REPORT_KIND
)
spec = catalog.KINDS[kind]
period, unit, complaint, event_name = "", "", "", ""
if spec.period == "month":
    period = middle.selectbox(WORDS["month"], months, key=state.REPORT_MONTH)
elif spec.period == "year":
    years = sorted({m[:4] for m in months}, reverse=True)
    period = middle.selectbox(WORDS["year"], years, key=state.REPORT_YEAR)
elif spec.period == "day":  # the research report's event; its page also sets the scope
    last_day = pd.Period(months[0], "M").end_time.date()
    event = middle.date_input(
        WORDS["event"], value=last_day - timedelta(days=90), max_value=last_day,
        key=state.REPORT_EVENT,
    )  # fmt: skip
    period = event.isoformat()
    event_name = right.text_input(
        WORDS["event_name"], placeholder=labels.RESEARCH_PAGE["event_name_hint"],
        key=state.REPORT_EVENT_NAME,
    ).strip()  # fmt: skip
if spec.subject == "unit":
    due = report_centre.units_due(path, period)
    if not due:
        st.info(labels.LETTER["none_due"].format(period=period))
        st.stop()
    unit = right.selectbox(WORDS["unit"], list(due), format_func=due.get, key=state.REPORT_UNIT)
elif spec.subject == "complaint":
    complaint = middle.text_input(WORDS["ticket"], key=state.REPORT_TICKET).strip()

if st.button(WORDS["generate"], type="primary", key=state.REPORT_GENERATE):
    try:
        with st.spinner(WORDS["working"]):
            made = report_centre.generate(
                path, kind, period, unit=unit, complaint=complaint, event=event_name
            )
    except EffmonError as exc:
        st.error(str(exc))
    else:
        name = f"{kind}_{'_'.join(filter(None, [period, unit, complaint]))}.pdf"
        st.session_state[state.REPORT_LAST] = (made.report_id, name)
        st.success(WORDS["done"].format(pages=made.pages, seconds=made.seconds))

last_id, last_name = st.session_state.get(state.REPORT_LAST, (None, ""))
pdf = report_centre.pdf_of(path, last_id) if last_id else None
if pdf:
    downloads.download_button(
        WORDS["download"], pdf, permission="report", what=last_name, file_name=last_name,
        mime="application/pdf", key=state.REPORT_DOWNLOAD,
    )  # fmt: skip
    st.subheader(WORDS["preview"])
    for column, image in zip(st.columns(3), page_images(pdf, pages=3), strict=False):
        column.image(image, width="stretch")

st.subheader(WORDS["recent"])
recent = report_centre.recent(path)
if recent.empty:
    st.info(WORDS["none"])
    st.stop()
grid.show_frame(recent, key="report_list")
chosen = st.selectbox(
    WORDS["pick"],
    list(recent.index),
    format_func=lambda i: WORDS["item"].format(id=i, **recent.loc[i].to_dict()),
    key=state.REPORT_PICK,
)
kept = report_centre.pdf_of(path, chosen)
if kept:
    downloads.download_button(
        WORDS["download_kept"], kept, permission="report", what=f"report_{chosen}",
        file_name=f"report_{chosen}.pdf", mime="application/pdf", key=state.REPORT_DOWNLOAD_KEPT,
    )  # fmt: skip
