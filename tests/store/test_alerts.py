"""Stored alerts: a rescan adds nothing, states follow their order, history is kept."""

import shutil

import duckdb
import pandas as pd
import pytest

from effmon.errors import EffmonError
from effmon.forecast.scan import rule_breaches, scan
from effmon.readable import alert_key, alerts_display
from effmon.store import alerts

FOUND = pd.DataFrame(
    {
        "metric": ["complaints", "street_complaints"],
        "key": [None, "中和街道"],
        "period": ["2026-07", "2026-07"],
        "direction": ["up", "up"],
        "value": [225.0, 142.0],
        "expected": [70.1, 1.0],
        "score": [5.2, 48.9],
        "severity": ["严重", "严重"],
    }
)


def test_a_scan_that_finds_nothing_stores_nothing(con):
    assert alerts.save_alerts(con, FOUND.iloc[:0].astype(float, errors="ignore")) == 0
    assert alerts.current_alerts(con).empty


def test_scanning_twice_stores_each_alert_once(con):
    assert alerts.save_alerts(con, FOUND) == 2
    assert alerts.save_alerts(con, FOUND) == 0
    current = alerts.current_alerts(con)
    assert current["state"].tolist() == ["新发现", "新发现"]
    assert current["score"].tolist() == [48.9, 5.2]  # strongest first


def test_states_follow_their_order_and_keep_their_history(con):
    alerts.save_alerts(con, FOUND)
    alert_id = "street_complaints|中和街道|2026-07|up"
    for state in ("已确认", "处理中", "已解决"):
        alerts.set_state(con, alert_id, state, "王敏", "已联系街道")
    assert alerts.alert_history(con, alert_id)["state"].tolist() == [
        "新发现",
        "已确认",
        "处理中",
        "已解决",
    ]
    assert alert_id not in set(alerts.current_alerts(con)["alert_id"])
    assert alert_id in set(alerts.current_alerts(con, open_only=False)["alert_id"])


@pytest.mark.parametrize(
    ("state", "message"), [("已解决", "不能改为「已解决」"), ("新发现", "不能改为「新发现」")]
)
def test_a_wrong_step_is_refused(con, state, message):
    alerts.save_alerts(con, FOUND)
    with pytest.raises(EffmonError, match=message):
        alerts.set_state(con, "complaints||2026-07|up", state, "王敏")
    assert len(alerts.alert_history(con, "complaints||2026-07|up")) == 1


def test_a_false_alarm_closes_an_open_alert(con):
    alerts.save_alerts(con, FOUND)
    alerts.set_state(con, "complaints||2026-07|up", "误报", "王敏", "节前集中办理")
    assert len(alerts.current_alerts(con)) == 1


def test_a_rule_broken_in_the_month_becomes_an_alert_once(demo_db, tmp_path):
    copy = tmp_path / "s.duckdb"
    shutil.copy(demo_db, copy)
    con = duckdb.connect(str(copy))
    alerts.add_rule(con, "good_share", "<", 0.999, "管理员")  # 好评率 < 99.9%: always true here
    alerts.add_rule(con, "complaints", ">", 10**6, "管理员")  # never
    broken = rule_breaches(con, "2026-10", alerts.rules(con))
    assert broken["key"].tolist() == ["好评率 < 99.9%"]
    assert alerts.save_alerts(con, scan(con, "2026-10")) >= 1
    assert alerts.save_alerts(con, scan(con, "2026-10")) == 0
    assert "好评率 < 99.9%" in set(alerts.current_alerts(con)["key"])
    alerts.switch_off_rule(con, int(alerts.rules(con)["rule_id"][0]))
    assert rule_breaches(con, "2026-10", alerts.rules(con)).empty
    con.close()


def test_a_district_wide_alert_is_shown_for_the_whole_district(con):
    alerts.save_alerts(con, FOUND)
    shown = alerts_display(alerts.current_alerts(con), {})
    assert shown["对象"].tolist() == ["中和街道", "全区"]
    assert shown["方向"].tolist() == ["偏高", "偏高"]


def test_an_alert_about_a_site_names_it():
    sites = {"Q02": "高新区政务服务中心（东区分中心）"}
    assert alert_key("Q02 I32 大厅人员管理", sites) == (
        "Q02 高新区政务服务中心（东区分中心） I32 大厅人员管理"
    )  # a failure repeated at a site
    assert alert_key("Q02", sites) == "Q02 高新区政务服务中心（东区分中心）"  # a site's waiting
    assert alert_key("中和街道", sites) == "中和街道"
    assert alert_key(None, sites) == "全区"
