"""投诉处理: the queue by state and deadline, registration, one complaint's timeline and next
step, and the time limits per source and state."""

import streamlit as st

from effmon import labels
from effmon.ui import cached, session
from effmon.ui.complaint_desk import render_handling, render_limits, render_queue, render_register

session.require("page:complaints")
st.title(labels.PAGES["complaints"])
path = cached.db()
queue, register, handling, limits = st.tabs(labels.DESK["tabs"])
with queue:
    render_queue(path)
with register:
    render_register(path)
with handling:
    render_handling(path)
with limits:
    render_limits(path)
