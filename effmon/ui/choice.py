"""A selectbox over things described by text, whose choice follows the thing when its text
changes."""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import streamlit as st

from effmon.ui import state


def choose(label: str, described: Mapping[Hashable, str], key: str) -> Hashable | None:
    """The id of the one of ``described`` (id → text) picked in a selectbox under ``key``;
    None when there is nothing to pick.

    The texts themselves are the options (a repeated text gets its id added). Streamlit
    (1.67) keeps showing the old text of the selected value when only its text changes: an
    alert moved on to 已确认 went on reading 新发现, and the hot issue ranked first in another
    period the old first one. So a changed text is a new option; a choice follows its id to
    the id's new text, and goes to the first option when its id is gone.
    """
    ids: dict[str, Hashable] = {}
    for id_, text in described.items():
        ids[text if text not in ids else f"{text}（{id_}）"] = id_
    earlier = st.session_state.setdefault(state.CHOICE_IDS, {})
    shown = st.session_state.get(key)
    chosen = earlier.get(key, {}).get(shown)
    if chosen is not None and ids.get(shown) != chosen and ids:
        # its text changed, or now names another thing: its new text, else the first
        st.session_state[key] = next((t for t, i in ids.items() if i == chosen), next(iter(ids)))
    earlier[key] = ids
    text = st.selectbox(label, list(ids), key=key)
    return None if text is None else ids[text]
