"""A success message that outlives the rerun after a save: kept in the session, shown once."""

from __future__ import annotations

import streamlit as st


def after_rerun(key: str, text: str) -> None:
    """Remember ``text`` under ``key`` and rerun the page."""
    st.session_state[key] = text
    st.rerun()


def show(key: str) -> None:
    """Show the message kept under ``key``, if any, and forget it."""
    if text := st.session_state.pop(key, None):
        st.success(text)
