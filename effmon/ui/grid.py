"""Tables on screen: st.dataframe as every page shows them, without the index and with
the project's dash (labels.MISSING) for a missing value instead of the English None."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import labels


def show_frame(frame: pd.DataFrame, **options) -> None:
    """st.dataframe with the project's defaults; ``options`` go to st.dataframe."""
    st.dataframe(frame, **{"hide_index": True, "placeholder": labels.MISSING, **options})
