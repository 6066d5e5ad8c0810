"""effmon's one way to hand a person a file: a download button shown only to a role that
may take it, whose file is built when clicked — after the login session is resumed from the
store (not ended or idle too long, its account still enabled, its role still granting the
right) and the download is recorded in the audit trail. Streamlit's own table download is
switched off for every role (client.disableDataExport in .streamlit/config.toml)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from effmon import labels
from effmon.errors import EffmonError
from effmon.security.roles import allowed
from effmon.ui import cached, session, state


def download_button(
    label: str,
    data: bytes | Callable[[], bytes],
    *,
    permission: str,
    what: str,
    file_name: str,
    mime: str,
    key: str,
    detail: dict | None = None,
    where=st,
    **options,
) -> None:
    """A download of ``data`` (or of what it builds, when clicked) named ``file_name``,
    shown when the logged-in user's role grants ``permission``; ``what`` names the file in
    the audit trail (``detail`` adds to its entry). ``where`` is the container (st.sidebar,
    a row); ``options`` go to st.download_button."""
    if not session.can(permission):
        return
    entry = {"file": file_name, **(detail or {})}
    user = session.username()
    handing = functools.partial(
        handed,
        data,
        user,
        permission,
        what,
        entry,
        session.client_address(),
        session_id=st.session_state.get(state.SESSION_ID),
    )
    where.download_button(
        label,
        handing,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",  # the file is built on its own request: no page run is needed
        **options,
    )


def handed(
    data: bytes | Callable[[], bytes],
    user: str | None,
    permission: str,
    what: str,
    entry: dict,
    client: str | None = None,
    *,
    session_id: str | None,
) -> bytes:
    """The file of a clicked download, built only within a login session that still holds
    for an account that may still take it, and recorded in the audit trail (refused ones
    too)."""
    path = cached.db()
    if not allowed(cached.session_role(path, session_id), permission):
        cached.record_audit(path, user, "export_refused", what, entry, client)
        raise EffmonError(labels.DOWNLOADS["refused"])
    file = data() if callable(data) else data
    cached.record_audit(path, user, "export", what, {**entry, "bytes": len(file)}, client)
    return file
