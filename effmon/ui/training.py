"""The button that trains one of the store's text models, for the roles that may."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from effmon.errors import EffmonError
from effmon.ui import notice, session


def render_training(
    hint: str, button: str, key: str, result_key: str, model: str, train: Callable[[], str]
) -> None:
    """``hint`` and, for analysts and administrators, a button that runs ``train`` (which
    says what it produced); the training goes to the audit trail as ``model``."""
    st.markdown(hint)
    if not (session.can("analyse") and st.button(button, key=key)):
        return
    try:
        trained = train()
    except EffmonError as exc:
        st.error(str(exc))
    else:
        session.audited("model_train", model)
        notice.after_rerun(result_key, trained)
