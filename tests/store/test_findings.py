"""Stored findings: a month's findings are replaced when it is computed again while each
finding keeps its follow-up state; states follow their order; old alerts' states carry over."""

import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from effmon.analytics.findings import FINDING_COLUMNS
from effmon.errors import EffmonError
from effmon.forecast.scan import refresh_findings, rule_breaches
from effmon.store import findings
from effmon.store.connect import MIGRATIONS_DIR, migrate

SURGE_ID = "complaints||2026-07|up"
STREAK_ID = "repeated_failure|Q02 I32 大厅人员管理|2026-05|down"


def _found(*ids: str) -> pd.DataFrame:
    """Findings with the given ids (a few numbers and an evidence dict each)."""
    rows = []
    for rank, finding_id in enumerate(ids, start=1):
        metric, key, happened, direction = finding_id.split("|")
        rows.append(
            {
                "finding_id": finding_id, "rank": rank, "kind": "anomaly", "metric": metric,
                "measure": "complaints", "key": key or None, "unit": "中和街道 人社局",
                "happened": happened, "direction": direction, "value": 184.0, "expected": 74.4,
                "score": 5.6, "effect": 1.47, "severity": "严重", "judgement": "恶化",
                "evidence": {"breakdown": [{"street": "中和街道", "actual": 116, "expected": 0.2}]},
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=FINDING_COLUMNS)


def test_findings_come_back_as_stored_with_numbers_and_evidence(con):
    assert findings.save_findings(con, "2026-07", _found(SURGE_ID, STREAK_ID)) == 2
    back = findings.findings_between(con, "2026-07", "2026-07")
    assert back["finding_id"].tolist() == [SURGE_ID, STREAK_ID]
    assert back["state"].tolist() == ["新发现", "新发现"]
    assert back.at[0, "value"] == 184.0 and back.at[0, "evidence"]["breakdown"][0]["actual"] == 116
    assert findings.computed_months(con, "2026-01", "2026-12") == ["2026-07"]


def test_a_month_without_findings_is_known_as_computed(con):
    findings.save_findings(con, "2026-09", _found())
    assert findings.computed_months(con, "2026-09", "2026-09") == ["2026-09"]
    assert findings.findings_between(con, "2026-09", "2026-09").empty


def test_computing_a_month_again_keeps_the_follow_up_state(con):
    findings.save_findings(con, "2026-07", _found(SURGE_ID, STREAK_ID))
    findings.set_state(con, SURGE_ID, "已确认", "王敏", "已联系人社局")
    findings.set_state(con, SURGE_ID, "处理中", "王敏")
    assert findings.save_findings(con, "2026-07", _found(STREAK_ID, SURGE_ID)) == 0
    back = findings.findings_between(con, "2026-07", "2026-07").set_index("finding_id")
    assert back.at[SURGE_ID, "state"] == "处理中"
    assert back.at[SURGE_ID, "rank"] == 2  # the new computation's order
    # gone from a computation, then back: its state is still there
    findings.save_findings(con, "2026-07", _found(STREAK_ID))
    findings.save_findings(con, "2026-07", _found(SURGE_ID, STREAK_ID))
    assert findings.findings_between(con, "2026-07", "2026-07")["state"].tolist() == [
        "处理中",
        "新发现",
    ]


def test_a_streak_lasting_into_the_next_month_shares_its_state(con):
    findings.save_findings(con, "2026-07", _found(STREAK_ID))
    findings.set_state(con, STREAK_ID, "已确认", "李巡")
    findings.save_findings(con, "2026-08", _found(STREAK_ID))
    assert findings.findings_between(con, "2026-08", "2026-08")["state"].tolist() == ["已确认"]
    assert len(findings.findings_between(con, "2026-07", "2026-08")) == 2  # one per month
    assert findings.findings_between(con, "2026-07", "2026-08", open_only=True)["period"].size == 2


def test_computing_one_month_leaves_the_others_alone(con):
    findings.save_findings(con, "2026-07", _found(SURGE_ID))
    findings.save_findings(con, "2026-08", _found(STREAK_ID))
    findings.save_findings(con, "2026-08", _found())
    assert findings.findings_between(con, "2026-07", "2026-08")["finding_id"].tolist() == [SURGE_ID]


def test_states_follow_their_order_and_keep_their_history(con):
    findings.save_findings(con, "2026-07", _found(SURGE_ID))
    for state in ("已确认", "处理中", "已解决"):
        findings.set_state(con, SURGE_ID, state, "王敏", "已联系街道")
    assert findings.finding_history(con, SURGE_ID)["state"].tolist() == [
        "新发现",
        "已确认",
        "处理中",
        "已解决",
    ]
    assert findings.findings_between(con, "2026-07", "2026-07", open_only=True).empty


@pytest.mark.parametrize(
    ("state", "message"), [("已解决", "不能改为「已解决」"), ("新发现", "不能改为「新发现」")]
)
def test_a_wrong_step_is_refused(con, state, message):
    findings.save_findings(con, "2026-07", _found(SURGE_ID))
    with pytest.raises(EffmonError, match=message):
        findings.set_state(con, SURGE_ID, state, "王敏")
    assert len(findings.finding_history(con, SURGE_ID)) == 1


def test_an_unknown_finding_is_refused(con):
    with pytest.raises(EffmonError, match="找不到"):
        findings.set_state(con, SURGE_ID, "已确认", "王敏")


def test_the_states_of_alerts_stored_before_carry_over(tmp_path):
    older = tmp_path / "migrations"
    older.mkdir()
    for script in sorted(MIGRATIONS_DIR.glob("*.sql")):
        if int(script.stem.split("_", 1)[0]) < 16:
            shutil.copy(script, older / script.name)
    con = duckdb.connect(":memory:")
    assert migrate(con, Path(older)) == 15
    con.execute(
        "INSERT INTO alerts VALUES (?, 'complaints', NULL, '2026-07', 'up', 184, 74, 5.6, "
        "'严重', now())",
        [SURGE_ID],
    )
    con.execute("INSERT INTO alert_events VALUES (?, '新发现', now(), '系统', NULL)", [SURGE_ID])
    con.execute("INSERT INTO alert_events VALUES (?, '已确认', now(), '王敏', NULL)", [SURGE_ID])
    migrate(con)
    findings.save_findings(con, "2026-07", _found(SURGE_ID))
    assert findings.findings_between(con, "2026-07", "2026-07")["state"].tolist() == ["已确认"]
    con.close()


def test_a_rule_broken_in_the_month_becomes_a_finding(demo_db, tmp_path):
    copy = tmp_path / "s.duckdb"
    shutil.copy(demo_db, copy)
    con = duckdb.connect(str(copy))
    findings.add_rule(con, "good_share", "<", 0.999, "管理员")  # 好评率 < 99.9%: always true here
    findings.add_rule(con, "complaints", ">", 10**6, "管理员")  # never
    broken = rule_breaches(con, "2026-10", findings.rules(con))
    assert broken["key"].tolist() == ["好评率 < 99.9%"]
    refresh_findings(con, ["2026-10"])
    stored = findings.findings_between(con, "2026-10", "2026-10").set_index("key")
    rule = stored.loc["好评率 < 99.9%"]
    assert (rule["judgement"], rule["expected"]) == ("恶化", 0.999)  # a share as a fraction
    findings.switch_off_rule(con, int(findings.rules(con)["rule_id"][0]))
    assert rule_breaches(con, "2026-10", findings.rules(con)).empty
    con.close()
