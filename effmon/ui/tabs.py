"""Tabs a role can use: a page shows the tabs of what the logged-in user may do, so no one
opens a page onto a refusal (a 领导 on 日常巡查 starts at its coverage board, not at a form
only an inspector may fill in). Only the open tab is computed: a click on another reruns
the page with that one open (the page's other tabs took most of its time)."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from effmon.ui import session


def show_tabs(tabs: list[tuple[str, str | None, Callable[[], None]]], key: str) -> None:
    """(label, permission or None for everyone, render) in order; those the user lacks the
    permission for are left out. ``key`` holds the open tab's label."""
    usable = [
        (label, render) for label, needs, render in tabs if needs is None or session.can(needs)
    ]
    drawn = st.tabs([label for label, _ in usable], key=key, on_change="rerun")
    for tab, (_, render) in zip(drawn, usable, strict=True):
        if tab.open:
            with tab:
                render()
