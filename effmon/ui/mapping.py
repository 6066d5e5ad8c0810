"""Let the user say which field each unrecognised column of an upload feeds, or ignore it."""

from __future__ import annotations

import streamlit as st

from effmon import labels
from effmon.domain.kinds import Kind
from effmon.ingest.headers import IGNORE
from effmon.ui import state


def choose_header_mapping(kind: Kind, unknown: list[str]) -> dict[str, str | None]:
    """A select box per unknown header; None for a header the user has not decided yet."""
    if not unknown:
        return {}
    st.warning(labels.UPLOAD["unknown"])
    targets = [IGNORE, *(c.name for c in kind.columns)]
    return {
        header: st.selectbox(
            labels.UPLOAD["map_to"].format(header=header),
            targets,
            key=f"{state.MAP_PREFIX}{i}",
            index=None,
            placeholder=labels.CHOOSE,
            format_func=_target_label,
        )
        for i, header in enumerate(unknown)
    }


def _target_label(target: str) -> str:
    if target == IGNORE:
        return labels.UPLOAD["ignore"]
    return f"{labels.COLUMNS.get(target, target)}（{target}）"
