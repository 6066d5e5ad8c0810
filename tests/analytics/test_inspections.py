"""Inspections on the store: what is due, saving and re-reading a visit, the grace period for edits,
rectifications, the coverage board and the analysis queries on a small fixture."""

from datetime import date, datetime, timedelta

import pandas as pd
import pytest

from effmon.analytics import inspections
from effmon.errors import EffmonError
from effmon.store import catalog, queries, visits
from effmon.store import inspections as store_inspections
from effmon.store.filters import Filters

NOW = datetime(2026, 11, 20, 10, 0)


@pytest.fixture
def field(con):
    con.execute(
        "INSERT INTO sites (site_id, name, level, street) VALUES "
        "('Q01', '区中心', '区级大厅', '芳草街街道'), "
        "('S01', '一社区', '社区便民服务室', '芳草街街道'), "
        "('Z01', '自助点', '智能自助政务服务点位', '石羊街道')"
    )
    return con


def _rows(con, site, result="合格", **failed):
    due = inspections.due_indicators(con, NOW.date(), site)
    rows = due[due["due"]][["indicator_id"]].assign(result=result, finding=None, rectify_by=None)
    for indicator, finding in failed.items():
        rows.loc[rows["indicator_id"] == indicator, ["result", "finding", "rectify_by"]] = [
            "不合格",
            finding,
            NOW.date() + timedelta(days=10),
        ]
    return rows.reset_index(drop=True)


def test_the_seed_catalog_counts_and_frequencies(con):
    indicators = queries.indicator_catalog(con)
    assert len(indicators) == 33
    assert indicators["frequency"].value_counts().to_dict() == {
        "1月": 20,
        "日常": 7,
        "半年": 5,
        "1周": 1,
    }
    per_level = {
        level: int(indicators["site_levels"].str.contains(level).sum())
        for level in ("区级大厅", "街道综合便民服务中心", "社区便民服务室", "智能自助政务服务点位")
    }
    assert per_level == {
        "区级大厅": 33,
        "街道综合便民服务中心": 30,
        "社区便民服务室": 30,
        "智能自助政务服务点位": 6,
    }


def test_a_visit_is_saved_whole_and_read_back(field):
    rows = _rows(field, "S01", I01="窗口人员语气生硬")
    visit_id = inspections.save_visit(field, "S01", NOW.date(), "李巡", 0.5, rows, now=NOW)
    head, saved = inspections.visit(field, visit_id)
    assert (head["site_id"], head["inspector"], head["person_days"]) == ("S01", "李巡", 0.5)
    assert len(saved) == len(rows) == 30
    failed = saved.set_index("indicator_id").loc["I01"]
    assert (failed["result"], failed["finding"], failed["rectify_state"]) == (
        "不合格",
        "窗口人员语气生硬",
        "待整改",
    )
    # Checked this month: nothing is due at the community site until December.
    assert not inspections.due_indicators(field, NOW.date(), "S01")["due"].any()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"result": "不合格"}, "请填写发现的问题"),
        ({"result": "也许"}, "结果「也许」无效"),
        ({"indicator_id": "I99"}, "不适用于该点位"),
    ],
)
def test_a_bad_visit_is_refused_and_nothing_is_saved(field, change, message):
    rows = _rows(field, "S01")
    for column, value in change.items():
        rows.loc[0, column] = value
    with pytest.raises(EffmonError, match=message):
        inspections.save_visit(field, "S01", NOW.date(), "李巡", 0.5, rows, now=NOW)
    assert field.execute("SELECT count(*) FROM inspections").fetchall() == [(0,)]
    assert field.execute("SELECT count(*) FROM visits").fetchall() == [(0,)]


def test_a_visit_is_edited_in_its_grace_period_and_later_only_by_an_admin(field):
    visit_id = inspections.save_visit(
        field, "S01", NOW.date(), "李巡", 0.5, _rows(field, "S01"), now=NOW
    )
    _, rows = inspections.visit(field, visit_id)
    rows = rows[["indicator_id", "result", "finding", "rectify_by"]].copy()
    rows.loc[0, ["result", "finding", "rectify_by"]] = [
        "不合格",
        "指南过期",
        pd.Timestamp("2026-12-01"),
    ]
    assert inspections.edit_visit(field, visit_id, rows, "李巡", now=NOW + timedelta(hours=2)) == 1
    rows.loc[1, "result"] = "不适用"
    later = NOW + timedelta(days=3)
    with pytest.raises(EffmonError, match="只有管理员"):
        inspections.edit_visit(field, visit_id, rows, "李巡", now=later)
    with pytest.raises(EffmonError, match="只有管理员"):
        inspections.edit_visit(field, visit_id, rows, "管理员", admin=True, now=later)
    assert inspections.edit_visit(
        field, visit_id, rows, "管理员", reason="补录", admin=True, now=later
    )
    history = visits.changes(field, "S01")
    assert history["before_result"].tolist() == ["合格", "合格"]
    assert history["reason"].fillna("").tolist() == ["补录", ""]


def test_rectifications_open_overdue_and_closed(field):
    inspections.save_visit(
        field, "S01", NOW.date(), "李巡", 0.5, _rows(field, "S01", I01="态度", I02="占线"), now=NOW
    )
    later = NOW.date() + timedelta(days=20)
    states = inspections.rectifications(field, later).set_index("indicator_id")["state"]
    assert states.to_dict() == {"I01": "逾期未整改", "I02": "逾期未整改"}
    inspections.close_rectification(field, "S01", "I01", NOW.date(), "王整", "已约谈", now=NOW)
    with pytest.raises(EffmonError):
        inspections.close_rectification(field, "S01", "I01", NOW.date(), "王整", "again", now=NOW)
    states = inspections.rectifications(field, NOW.date()).set_index("indicator_id")["state"]
    assert states.to_dict() == {"I01": "已整改", "I02": "待整改"}
    # the letter rule: named in the month it became overdue (I02's deadline 2026-11-30 passed
    # on 12-01), not in the month before nor as an old backlog in the months after
    assert inspections.prompt_letters(field, "2026-11", date(2026, 11, 30)).empty
    letters = inspections.prompt_letters(field, "2026-12", later)
    assert letters["indicator_id"].tolist() == ["I02"]
    assert letters[["finding", "days_overdue", "streak_months"]].values.tolist() == [
        ["占线", 10, 0]  # deadline 11-30, counted on 12-10
    ]
    assert inspections.prompt_letters(field, "2027-01", date(2027, 1, 31)).empty


def test_the_letter_overdue_months_setting_reaches_back(field, monkeypatch):
    inspections.save_visit(
        field, "S01", NOW.date(), "李巡", 0.5, _rows(field, "S01", I02="占线"), now=NOW
    )
    assert inspections.prompt_letters(field, "2027-01", date(2027, 1, 31)).empty
    monkeypatch.setenv("EFFMON_LETTER_OVERDUE_MONTHS", "2")  # December and January
    letters = inspections.prompt_letters(field, "2027-01", date(2027, 1, 31))
    assert letters["indicator_id"].tolist() == ["I02"]


def test_coverage_person_days_and_pass_rates_of_a_month(field):
    inspections.save_visit(
        field, "S01", NOW.date(), "李巡", 0.5, _rows(field, "S01", I01="态度"), now=NOW
    )
    board = inspections.coverage(field, "2026-11", NOW.date()).set_index("site_id")
    assert board["inspected"].to_dict() == {"Q01": False, "S01": True, "Z01": False}
    assert board.at["S01", "due"] == 0 and board.at["Z01", "due"] == 6
    assert board.at["Q01", "overdue"] == 33  # never inspected: every indicator overdue
    spent = store_inspections.person_days(field, "2026-11").set_index("level")
    assert spent.at["社区便民服务室", "spent"] == 0.5
    assert spent.at["社区便民服务室", "plan"] == 33
    rates = store_inspections.pass_rates(field, Filters(), "2026-11", "2026-11", "level")
    assert rates.iloc[0].to_dict() == {
        "key": "社区便民服务室",
        "inspection_checks": 30,
        "inspection_failures": 1,
        "inspection_pass_share": pytest.approx(29 / 30),
    }
    by_site = store_inspections.pass_rates(field, Filters(), "2026-11", "2026-11", "site_id")
    assert by_site["key"].tolist() == ["S01"]  # named where shown (effmon.semantic.display)


def test_repeated_failures_in_consecutive_months_make_a_prompt_letter(field):
    for month in (8, 9, 10):
        field.execute(
            "INSERT INTO inspections (visit_date, site_id, indicator_id, result, finding, "
            "rectify_by, rectify_state) VALUES (?, 'S01', 'I04', '不合格', '指南过期', ?, '已整改')",
            [date(2026, month, 5), date(2026, month, 15)],
        )
    streaks = queries.failure_streaks(field, "2026-10")
    assert streaks[["site_id", "indicator_id", "first", "months"]].values.tolist() == [
        ["S01", "I04", "2026-08", 3]
    ]
    letters = inspections.prompt_letters(field, "2026-10", date(2026, 10, 31))
    assert letters["problem"].tolist() == ["连续3个月不合格"]
    assert letters[["finding", "streak_months", "days_overdue"]].values.tolist() == [
        ["指南过期", 3, 0]  # the month's check: what was found, rectified in time
    ]
    # a streak is named once, in the month it reaches the setting; going on, it is followed
    # in the reports (a unit with only that gets no letter)
    field.execute(
        "INSERT INTO inspections (visit_date, site_id, indicator_id, result, finding, "
        "rectify_by, rectify_state) VALUES ('2026-11-05', 'S01', 'I04', '不合格', '指南过期', "
        "'2026-11-15', '已整改')"
    )
    assert inspections.prompt_letters(field, "2026-11", date(2026, 11, 30)).empty


def test_the_catalog_is_edited_with_its_history(con):
    before = queries.indicator_catalog(con).set_index("indicator_id").loc["I08"].to_dict()
    changed = {**before, "indicator_id": "I08", "frequency": "1月"}
    with pytest.raises(EffmonError, match="修改原因"):
        inspections.save_indicator(con, changed, "管理员", "")
    with pytest.raises(EffmonError, match="频次"):
        inspections.save_indicator(con, {**changed, "frequency": "每天"}, "管理员", "调整")
    assert inspections.save_indicator(con, changed, "管理员", "改为每月检查")
    assert not inspections.save_indicator(con, changed, "管理员", "再存一次")
    history = catalog.changes(con)
    assert history["reason"].tolist() == ["改为每月检查"]
    assert '"1周"' in history.at[0, "before_json"] and '"1月"' in history.at[0, "after_json"]
    new = {**changed, "indicator_id": "I90", "name": "新指标", "site_levels": "区级大厅"}
    assert inspections.save_indicator(con, new, "管理员", "新增")
    assert len(queries.indicator_catalog(con)) == 34
    assert pd.isna(catalog.changes(con).at[0, "before_json"])
