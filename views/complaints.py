"""投诉处理: the queue by state and deadline, registration, one complaint's timeline and next
step, and the time limits per source and state."""

import streamlit as st

from effmon import labels
from effmon.ui import cached, session, state
from effmon.ui.complaint_desk import render_handling, render_limits, render_queue, render_register
from effmon.ui.tabs import show_tabs

session.require("page:complaints")
st.title(labels.PAGES["complaints"])
path = cached.db()
names = labels.DESK["tabs"]
show_tabs(
    [
        (names[0], None, lambda: render_queue(path)),
        (names[1], "fieldwork", lambda: render_register(path)),
        (names[2], None, lambda: render_handling(path)),
        (names[3], None, lambda: render_limits(path)),
    ],
    state.COMPLAINT_TAB,
)
