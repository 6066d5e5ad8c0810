"""What a person sees when a page fails: a plain Chinese message, never a traceback (which
could show data or the server's paths); the traceback goes to the server's log."""

from __future__ import annotations

import logging

import streamlit as st

from effmon import labels

LOG = logging.getLogger("effmon")


def page_failed(exc: Exception) -> None:
    """Log the failure with its traceback and tell the user, in Chinese, what to do."""
    LOG.error("page failed", exc_info=exc)
    st.error(labels.PAGE_FAILED)
