"""账户管理: the local accounts, adding one, resetting a password, disabling; the open login
sessions and revoking them (administrators)."""

from datetime import datetime

import streamlit as st

from effmon import labels
from effmon.errors import EffmonError
from effmon.readable import users_frame
from effmon.security import accounts, sessions
from effmon.security.roles import ROLES
from effmon.ui import cached, grid, notice, session, state

session.require("page:users")
st.title(labels.PAGES["users"])
con = cached.cursor(cached.db())
notice.show(state.USERS_RESULT)
listed = accounts.users(con)
grid.show_frame(users_frame(listed, datetime.now()), key="users_table")

add, change = st.columns(2)
with add.form("user_add", clear_on_submit=True):
    st.markdown(f"**{labels.USERS['add']}**")
    name = st.text_input(labels.USER_COLUMNS["username"], key=state.USERS_NAME)
    role = st.selectbox(labels.USER_COLUMNS["role"], ROLES, key=state.USERS_ROLE)
    added = st.form_submit_button(labels.USERS["add_button"])
with change.form("user_change"):
    st.markdown(f"**{labels.USERS['change']}**")
    who = st.selectbox(
        labels.USER_COLUMNS["username"], list(listed["username"]), key=state.USERS_PICK
    )
    action = st.radio(
        labels.USERS["action"],
        list(labels.USER_ACTIONS),
        format_func=labels.USER_ACTIONS.get,
        horizontal=True,
        key=state.USERS_ACTION,
    )
    changed = st.form_submit_button(labels.USERS["change_button"])

try:
    if added:
        password = accounts.new_password()
        accounts.add_user(con, name, role, password, session.username())
        notice.after_rerun(
            state.USERS_RESULT, labels.USERS["added"].format(user=name.strip(), password=password)
        )
    if changed and who:
        if who == session.username() and action == "disable":
            raise EffmonError(labels.USERS["not_self"])
        if action == "password":
            password = accounts.new_password()
            accounts.set_password(con, who, password, session.username())
            said = labels.USERS["reset"].format(user=who, password=password)
        else:
            accounts.set_disabled(con, who, action == "disable", session.username())
            said = labels.USERS["switched"].format(user=who, action=labels.USER_ACTIONS[action])
        notice.after_rerun(state.USERS_RESULT, said)
except EffmonError as exc:
    st.error(str(exc))

st.subheader(labels.USERS["sessions"])
logged_in = sessions.open_sessions(con)
if logged_in.empty:
    st.caption(labels.USERS["sessions_none"])
else:
    grid.show_frame(logged_in.rename(columns=labels.SESSION_COLUMNS), key="sessions_table")
    with st.form("sessions_revoke"):
        st.markdown(f"**{labels.USERS['revoke']}**")
        whose = st.selectbox(
            labels.USER_COLUMNS["username"],
            list(dict.fromkeys(logged_in["username"])),
            key=state.SESSIONS_PICK,
        )
        revoked = st.form_submit_button(labels.USERS["revoke_button"], key=state.SESSIONS_REVOKE)
    if revoked and whose:
        count = sessions.revoke(con, whose, session.username(), session.client_address())
        said = labels.USERS["revoked"].format(user=whose, count=count)
        notice.after_rerun(state.USERS_RESULT, said)
