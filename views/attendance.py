"""考勤: key-time attendance by person, window, department and site with the records behind
each, and the staff's violations of the service rules found by inspections."""

import streamlit as st

from effmon import config, labels
from effmon.analytics.attendance import MEASURES
from effmon.semantic import catalog, display
from effmon.ui import cached, cached_attendance, session, state
from effmon.ui.filters import choose_period, current_filters
from effmon.ui.plain import plain
from effmon.ui.tables import render_table

session.require("page:attendance")
st.title(labels.PAGES["attendance"])
path = cached.db()
filters = current_filters()
start, end = choose_period(state.ATTENDANCE_SPAN)
st.caption(labels.ATTENDANCE["caption"].format(slots=config.get("attendance_slots")))

by = st.radio(
    labels.ATTENDANCE["by"],
    list(labels.ATTENDANCE_DIMENSIONS),
    format_func=labels.ATTENDANCE_DIMENSIONS.get,
    horizontal=True,
    key=state.ATTENDANCE_BY,
)
summary = cached_attendance.summary(path, filters, start, end, by)
if summary.empty:
    st.info(labels.NO_DATA)
    st.stop()
totals = cached.measures(path, filters, start, end, tuple(MEASURES)).iloc[0]
cards = ["attendance_checks", "present_share", "late_checks", "early_checks", "absent_checks"]
for card, key in zip(st.columns(len(cards)), cards, strict=True):
    card.metric(catalog.measure(key).name, display.value_text(key, totals[key]))
names = cached.value_names(path)
shown = display.measure_table(summary.rename(columns={"key": by}), [by], MEASURES, names)
render_table(shown, f"考勤_{by}_{start}_{end}", "attendance")

value = st.selectbox(
    labels.ATTENDANCE["drill"],
    list(summary["key"].dropna()),
    key=f"{state.ATTENDANCE_DRILL}_{by}",
    format_func=lambda k: display.key_text(by, k, names),
)
if value is not None:
    named = display.key_text(by, value, names)
    st.subheader(labels.ATTENDANCE["records"].format(value=plain(named)))
    found = cached_attendance.records(path, filters, start, end, by, value)
    if found.empty:
        st.info(labels.ATTENDANCE["no_records"])
    else:
        render_table(
            display.named(found, names).rename(columns=labels.ATTENDANCE_COLUMNS),
            f"考勤明细_{named}",
            "att_records",
        )

st.subheader(labels.ATTENDANCE["violations"])
violations = cached_attendance.staff_rule_violations(path, filters, start, end)
if violations.empty:
    st.info(labels.ATTENDANCE["no_violations"])
else:
    render_table(
        display.named(violations, names).rename(columns=labels.ATTENDANCE_COLUMNS),
        f"违反服务规范_{end}",
        "violations",
    )
