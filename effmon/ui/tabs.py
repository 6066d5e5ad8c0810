"""Tabs a role can use: a page shows the tabs of what the logged-in user may do, so no one
opens a page onto a refusal (a 领导 on 日常巡查 starts at its coverage board, not at a form
only an inspector may fill in)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from effmon.ui import session


def show_tabs(tabs: list[tuple[str, str | None, Callable[[], None]]]) -> None:
    """(label, permission or None for everyone, render) in order; those the user lacks the
    permission for are left out."""
    usable = [
        (label, render) for label, needs, render in tabs if needs is None or session.can(needs)
    ]
    for tab, (_, render) in zip(st.tabs([label for label, _ in usable]), usable, strict=True):
        with tab:
            render()
