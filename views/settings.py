"""系统设置: every threshold, window and option of effmon.config with its current value,
default and meaning, read-only (administrators only); a secret shows only whether it is set."""

import streamlit as st

from effmon import config, labels
from effmon.readable import settings_display
from effmon.ui import grid, session

session.require("page:settings")
st.title(labels.PAGES["settings"])
words = labels.SETTINGS_PAGE
st.caption(words["caption"])
if unreadable := config.unreadable():
    st.error(words["invalid"].format(names="、".join(unreadable)))
if changed := config.changed():
    st.info(words["changed"].format(names="、".join(changed)))
help_column = labels.SETTINGS_COLUMNS["help"]
grid.show_frame(
    settings_display(),
    key="settings_table",
    column_config={help_column: st.column_config.Column(width=720)},
)
