"""Tables on screen: st.dataframe as every page shows them, without the index and with
the project's dash (labels.MISSING) for a missing value instead of the English None."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from effmon import labels
from effmon.exports import time_format


def show_frame(frame: pd.DataFrame, **options):
    """st.dataframe with the project's defaults: counts with thousands separators (1,619,
    as in reports), times as dates or to the minute, a missing value as the project's dash;
    long texts in narrow columns; ``options`` go to st.dataframe (its column_config adds to
    the defaults); returns what st.dataframe does (the selection, when ``on_select`` is set)."""
    config = {
        **_count_columns(frame),
        **_time_columns(frame),
        **{column: st.column_config.TextColumn(width="medium") for column in long_texts(frame)},
        **options.pop("column_config", {}),
    }
    return st.dataframe(
        frame,
        **{"hide_index": True, "placeholder": labels.MISSING, "column_config": config, **options},
    )


LONG_TEXT = 30  # characters: a column holding longer texts is kept narrow, read whole below


def long_texts(frame: pd.DataFrame) -> list:
    """The text columns holding texts too long for a table cell (titles, complaint texts):
    shown narrow, so the columns after them stay on screen."""
    return [
        column
        for column in frame.columns
        if (
            pd.api.types.is_object_dtype(frame[column])
            or pd.api.types.is_string_dtype(frame[column])
        )
        and frame[column].map(lambda v: len(v) if isinstance(v, str) else 0).max() > LONG_TEXT
    ]


def _time_columns(frame: pd.DataFrame) -> dict:
    """A date format for a column of midnights (no 00:00:00), else to the minute."""
    formats = {"%Y-%m-%d": "YYYY-MM-DD", "%Y-%m-%d %H:%M:%S": "YYYY-MM-DD HH:mm"}
    return {
        column: st.column_config.DatetimeColumn(format=formats[time_format(frame[column])])
        for column in frame.columns
        if pd.api.types.is_datetime64_any_dtype(frame[column])
    }


def _count_columns(frame: pd.DataFrame) -> dict:
    """A localized number format for each whole-number column (a year is no count)."""
    return {
        column: st.column_config.NumberColumn(format="localized")
        for column in frame.columns
        if pd.api.types.is_integer_dtype(frame[column]) and "年" not in str(column)
    }
