"""Logging an AppTest in as a login would: the account, with the role asked for, in the
app's store (EFFMON_DB) and an open session whose id the connection holds."""

from __future__ import annotations

import os
from datetime import datetime

from streamlit.testing.v1 import AppTest

from effmon import labels
from effmon.security import sessions
from effmon.store.connect import open_store


def log_in(at: AppTest, role: str = "管理员", username: str = "测试用户") -> str:
    """Log ``at`` in as ``username`` with ``role`` (the account made or given that role);
    returns the session's id."""
    # Same process as the app: this connection shares its database (made if it is new).
    with open_store(os.environ["EFFMON_DB"]) as con:
        con.execute(
            "INSERT OR REPLACE INTO users (username, role, password_hash, created_at) "
            "VALUES (?, ?, 'no password: logged in by the test', ?)",
            [username, role, datetime.now()],
        )
        session_id = sessions.start(con, username, role)
    at.session_state["session_id"] = session_id
    return session_id


def refused(at: AppTest) -> bool:
    """The page was refused in words before it ran: the refusal and the way to the role's
    own first page, nothing of the page (no title, no menu)."""
    return (
        [e.value for e in at.error] == [labels.LOGIN["forbidden"]]
        and not at.title
        and not at.sidebar.children
        and not at.exception
    )
