"""审计日志: who did what and when — logins, loads, exports, edits, workflow steps; search
and export (administrators only)."""

import streamlit as st

from effmon import labels
from effmon.readable import audit_detail
from effmon.ui import cached, session, state
from effmon.ui.tables import render_table

session.require("page:audit")
st.title(labels.PAGES["audit"])
st.caption(labels.AUDIT["caption"])
verdict = cached.audit_verdict(cached.db())
if verdict.broken:
    st.error(labels.AUDIT_CHAIN["broken"].format(**verdict.broken))
else:
    pending = labels.AUDIT_CHAIN["pending"].format(pending=verdict.pending)
    st.success(
        labels.AUDIT_CHAIN["intact"].format(sealed=verdict.sealed)
        + (pending if verdict.pending else "")
    )
cols = st.columns(3)
username = cols[0].text_input(labels.AUDIT["user"], key=state.AUDIT_USER).strip()
action = cols[1].selectbox(
    labels.AUDIT["action"],
    ["", *labels.AUDIT_ACTIONS],
    format_func=lambda a: labels.AUDIT_ACTIONS.get(a, labels.AUDIT["all"]),
    key=state.AUDIT_ACTION,
)
text = cols[2].text_input(labels.AUDIT["text"], key=state.AUDIT_TEXT).strip()
found = cached.audit_entries(cached.db(), username, action, text)
if found.empty:
    st.info(labels.NO_DATA)
else:
    shown = found.assign(
        action=found["action"].map(lambda a: labels.AUDIT_ACTIONS.get(a, a)),
        detail=found["detail"].map(audit_detail),
    )
    render_table(shown.rename(columns=labels.AUDIT_COLUMNS), "审计日志", "audit")
