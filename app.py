"""effmon entrypoint: page config, shared sidebar, navigation over views/."""

import streamlit as st

from effmon import labels
from effmon.ui import cached
from effmon.ui.filters import render_filters

st.set_page_config(page_title=labels.APP_TITLE, layout="wide")

path = cached.db()
if not cached.months(path):
    with st.spinner(labels.DEMO_BUILDING):
        if cached.ensure_data(path):
            cached.data_changed()

pages = {
    labels.SECTIONS["dashboards"]: [
        st.Page(
            "views/overview.py",
            title=labels.PAGES["overview"],
            icon=":material/dashboard:",
            default=True,
        ),
        st.Page(
            "views/workload.py", title=labels.PAGES["workload"], icon=":material/work_history:"
        ),
        st.Page("views/explore.py", title=labels.PAGES["explore"], icon=":material/query_stats:"),
        st.Page("views/trends.py", title=labels.PAGES["trends"], icon=":material/trending_up:"),
        st.Page(
            "views/satisfaction.py",
            title=labels.PAGES["satisfaction"],
            icon=":material/sentiment_satisfied:",
        ),
    ],
    labels.SECTIONS["fieldwork"]: [
        st.Page(
            "views/inspections.py", title=labels.PAGES["inspections"], icon=":material/fact_check:"
        ),
        st.Page(
            "views/complaints.py", title=labels.PAGES["complaints"], icon=":material/support_agent:"
        ),
        st.Page("views/attendance.py", title=labels.PAGES["attendance"], icon=":material/badge:"),
    ],
    labels.SECTIONS["admin"]: [
        st.Page(
            "views/data_admin.py", title=labels.PAGES["data_admin"], icon=":material/upload_file:"
        ),
    ],
}
navigation = st.navigation(pages)
st.sidebar.title(labels.APP_TITLE)
render_filters(path)
if cached.is_demo(path):
    st.warning(labels.DEMO_BANNER, icon=":material/info:")
navigation.run()
