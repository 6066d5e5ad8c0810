"""Page sections of the stored findings: the month's findings (总览, 趋势预测与预警), one
finding's evidence, history and next step (动态跟踪), and the threshold rules an
administrator adds. Nothing here computes findings unless a user asks for it."""

from __future__ import annotations

import streamlit as st

from effmon import charts, labels
from effmon.errors import EffmonError
from effmon.findings_text import breakdown_table, findings_table, metric_name, sentence
from effmon.forecast.scan import RULE_METRICS, SHARE_RULES, rule_text
from effmon.readable import alert_key
from effmon.semantic import display
from effmon.store.findings import NEXT_STATES, RULE_OPS
from effmon.ui import cached, cached_trends, notice, page_pdf, session, state
from effmon.ui.choice import choose
from effmon.ui.plain import plain
from effmon.ui.tables import render_table


def month_findings(path: str, month: str) -> None:
    """The stored findings of ``month`` as a table, or why there are none; an analyst may
    compute a month not computed yet."""
    st.subheader(labels.FINDINGS["title"])
    notice.show(state.FINDINGS_RESULT)
    if not cached_trends.findings_computed(path, month):
        st.info(labels.FINDINGS["not_computed"].format(month=month))
        if session.can("analyse") and st.button(
            labels.FINDINGS["compute"], key=state.FINDINGS_COMPUTE
        ):
            count = cached_trends.compute_findings(path, month)
            session.audited("findings_compute", month, count=count)
            notice.after_rerun(
                state.FINDINGS_RESULT, labels.FINDINGS["computed"].format(month=month, count=count)
            )
        return None
    found = cached_trends.month_findings(path, month)
    if found.empty:
        st.info(labels.FINDINGS["none"].format(month=month))
        return None
    render_table(findings_table(found, cached.site_names(path)), f"发现_{month}", key="findings")
    return found


def render_findings(path: str, month: str) -> None:
    """The month's findings, the evidence and history of one, and its next step."""
    found = month_findings(path, month)
    if found is None:
        return
    sites = cached.site_names(path)
    described = {
        row["finding_id"]: f"{row['severity']} {metric_name(row)} "
        f"{alert_key(row['key'] if isinstance(row['key'], str) else None, sites)} "
        f"{row['happened']} {row['state']}"
        for row in found.to_dict("records")
    }
    chosen = choose(labels.FINDINGS["pick"], described, key=state.ALERT_PICK)
    finding = found.set_index("finding_id").loc[chosen].to_dict() | {"finding_id": chosen}
    st.markdown(plain(sentence(finding, sites)))
    cells = breakdown_table(finding["evidence"])
    if not cells.empty:
        st.markdown(f"**{labels.FINDINGS['breakdown']}**")
        page_pdf.show_table(cells, labels.FINDINGS["breakdown"], key="finding_breakdown")
    causes = finding["evidence"].get("causes") or []
    if causes and cells.empty:
        where = [
            " 的 ".join(v or labels.ALERTS["blank"] for v in c["where"].values()) for c in causes
        ]
        page_pdf.show_chart(
            charts.build_bar_figure(
                where, display.percent_values([c["share"] for c in causes]), labels.ALERTS["share"]
            ),
            key="alert_causes",
        )
    page_pdf.show_table(
        cached_trends.finding_history(path, chosen).rename(columns=labels.ALERT_HISTORY_COLUMNS),
        key="alert_history",
    )
    if not session.can("analyse") or finding["state"] not in NEXT_STATES:
        return
    with st.form("alert_form"):
        step = st.selectbox(
            labels.ALERTS["step"], list(NEXT_STATES[finding["state"]]), key=state.ALERT_STEP
        )
        actor = st.text_input(labels.FOLLOWUP["actor"], key=state.ALERT_ACTOR)
        note = st.text_input(labels.FOLLOWUP["note"], key=state.ALERT_NOTE)
        saved = st.form_submit_button(labels.FOLLOWUP["save"])
    if saved:
        try:
            if not actor.strip():
                raise EffmonError(labels.FOLLOWUP["no_actor"])
            cached_trends.set_finding_state(path, chosen, step, actor.strip(), note.strip())
        except EffmonError as exc:
            st.error(str(exc))
        else:
            session.audited("alert_state", chosen, state=step, actor=actor.strip())
            notice.after_rerun(state.FINDINGS_RESULT, labels.ALERTS["saved"].format(state=step))


def render_rules(path: str, month: str) -> None:
    """The active threshold rules, switching one off, and adding one; either computes the
    findings of ``month`` again, so the change shows there at once."""
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
            cached_trends.switch_off_alert_rule(path, rule.rule_id, month)
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
        cached_trends.add_alert_rule(path, metric, op, value, actor.strip(), month)
        session.audited("rule_add", rule_text(metric, op, value), actor=actor.strip())
        notice.after_rerun(
            state.RULE_RESULT, labels.RULES["added"].format(rule=rule_text(metric, op, value))
        )
