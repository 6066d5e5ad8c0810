"""effmon's one way to hand a person a file: a download button shown only to a role that
may take it, whose file is built when clicked — after the account is checked again in the
store (still enabled, its role still granting the right) and the download is recorded in
the audit trail. Streamlit's own table download is switched off for every role
(client.disableDataExport in .streamlit/config.toml)."""

from __future__ import annotations

import functools
from collections.abc import Callable

import streamlit as st

from effmon import labels
from effmon.errors import EffmonError
from effmon.security.roles import allowed
from effmon.ui import cached, session


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
    where.download_button(
        label,
        functools.partial(handed, data, user, permission, what, entry, session.client_address()),
        file_name=file_name,
        mime=mime,
        key=key,
        **options,
    )


def handed(
    data: bytes | Callable[[], bytes],
    user: str | None,
    permission: str,
    what: str,
    entry: dict,
    client: str | None = None,
) -> bytes:
    """The file of a clicked download, built only for an account that may still take it,
    and recorded in the audit trail (refused ones too)."""
    path = cached.db()
    if not allowed(cached.account_role(path, user or ""), permission):
        cached.record_audit(path, user, "export_refused", what, entry, client)
        raise EffmonError(labels.DOWNLOADS["refused"])
    file = data() if callable(data) else data
    cached.record_audit(path, user, "export", what, {**entry, "bytes": len(file)}, client)
    return file
