"""趋势预测与预警 page sections: the alerts, one alert's history and next step (动态跟踪), and
the threshold rules an administrator adds."""

from __future__ import annotations

import streamlit as st

from effmon import charts, labels
from effmon.errors import EffmonError
from effmon.forecast.scan import RULE_METRICS, SHARE_RULES, rule_text
from effmon.readable import alert_key, alerts_display
from effmon.store.alerts import NEXT_STATES, RULE_OPS
from effmon.ui import cached, cached_trends, notice, page_pdf, session, state
from effmon.ui.choice import choose
from effmon.ui.tables import render_table


def render_alerts(path: str, month: str) -> None:
    """Open alerts (after scanning ``month``), the history of one, and its next step."""
    cached_trends.scan_alerts(path, month)
    st.subheader(labels.ALERTS["title"])
    notice.show(state.ALERT_RESULT)
    alerts = cached_trends.open_alerts(path)
    if alerts.empty:
        st.info(labels.ALERTS["none"])
        return
    sites = cached.site_names(path)
    render_table(alerts_display(alerts, sites), f"预警_{month}", key="alerts")
    described = {
        row.alert_id: f"{row.severity} {labels.ALERT_METRICS.get(row.metric, row.metric)} "
        f"{alert_key(row.key, sites)} {row.period} {row.state}"
        for row in alerts.itertuples()
    }
    chosen = choose(labels.ALERTS["pick"], described, key=state.ALERT_PICK)
    causes, said = cached_trends.alert_causes(path, chosen)
    st.markdown(f"**{labels.ALERTS['causes']}**：{said}")
    if not causes.empty:
        page_pdf.show_chart(
            charts.build_bar_figure(causes["where"], causes["share"] * 100, labels.ALERTS["share"]),
            key="alert_causes",
        )
    page_pdf.show_table(
        cached_trends.alert_history(path, chosen).rename(columns=labels.ALERT_HISTORY_COLUMNS),
        key="alert_history",
    )
    if not session.can("analyse"):
        return
    current = alerts.set_index("alert_id").at[chosen, "state"]
    with st.form("alert_form"):
        step = st.selectbox(labels.ALERTS["step"], list(NEXT_STATES[current]), key=state.ALERT_STEP)
        actor = st.text_input(labels.FOLLOWUP["actor"], key=state.ALERT_ACTOR)
        note = st.text_input(labels.FOLLOWUP["note"], key=state.ALERT_NOTE)
        saved = st.form_submit_button(labels.FOLLOWUP["save"])
    if saved:
        try:
            if not actor.strip():
                raise EffmonError(labels.FOLLOWUP["no_actor"])
            cached_trends.set_alert_state(path, chosen, step, actor.strip(), note.strip())
        except EffmonError as exc:
            st.error(str(exc))
        else:
            session.audited("alert_state", chosen, state=step, actor=actor.strip())
            notice.after_rerun(state.ALERT_RESULT, labels.ALERTS["saved"].format(state=step))


def render_rules(path: str) -> None:
    """The active threshold rules, switching one off, and adding one."""
    st.subheader(labels.RULES["title"])
    st.caption(labels.RULES["caption"])
    notice.show(state.RULE_RESULT)
    active = cached_trends.alert_rules(path)
    if active.empty:
        st.info(labels.RULES["none"])
    for rule in active.itertuples():
        text, off = st.columns([5, 1])
        text.markdown(
            f"{rule.rule_id}. {rule_text(rule.metric, rule.op, rule.threshold)}"
            f"（{rule.created_by}，{rule.created_at:%Y-%m-%d}）"
        )
        admin = session.can("admin")
        if admin and off.button(labels.RULES["off"], key=f"{state.RULE_OFF}{rule.rule_id}"):
            cached_trends.switch_off_alert_rule(path, rule.rule_id)
            session.audited("rule_off", str(rule.rule_id))
            st.rerun()
    if not session.can("admin"):
        return
    with st.form("rule_form"):
        metric = st.selectbox(
            labels.RULES["metric"],
            RULE_METRICS,
            format_func=labels.METRICS.get,
            key=state.RULE_METRIC,
        )
        op = st.selectbox(labels.RULES["op"], RULE_OPS, key=state.RULE_OP)
        threshold = st.number_input(labels.RULES["threshold"], value=1.0, key=state.RULE_THRESHOLD)
        actor = st.text_input(labels.FOLLOWUP["actor"], key=state.RULE_ACTOR)
        added = st.form_submit_button(labels.RULES["add"])
    if added:
        if not actor.strip():
            st.error(labels.FOLLOWUP["no_actor"])
            return
        value = threshold / 100 if metric in SHARE_RULES else threshold
        cached_trends.add_alert_rule(path, metric, op, value, actor.strip())
        session.audited("rule_add", rule_text(metric, op, value), actor=actor.strip())
        notice.after_rerun(
            state.RULE_RESULT, labels.RULES["added"].format(rule=rule_text(metric, op, value))
        )
