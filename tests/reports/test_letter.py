"""提示函 as an official letter on a private copy of the small demo store: its format fields,
its number (per year, kept, never reused) and the record the next month's report reads."""

from __future__ import annotations

from datetime import date, datetime

import pandas as pd
import pytest

from effmon.analytics.inspections import close_rectification
from effmon.reports.letter import make_letter, units_due
from effmon.reports.request import Request
from effmon.reports.service import make_service_report
from effmon.store import audit, letters
from effmon.store.connect import open_store
from tests.reports.pdf import pages_text


@pytest.fixture
def writable(store):
    con = open_store(store)
    yield con
    con.close()


def _letter(con, unit: str, now: datetime, period: str = "2026-10") -> str:
    request = Request(period, "命令行（root）", unit=unit, today=date(2026, 11, 5), now=now)
    return "".join(pages_text(make_letter(con, request)))


def test_the_letter_has_the_fields_of_an_official_letter(writable, monkeypatch):
    monkeypatch.setenv("EFFMON_LETTER_CONTACT", "王敏")
    monkeypatch.setenv("EFFMON_LETTER_PHONE", "028-85330000")
    monkeypatch.setenv("EFFMON_LETTER_CC", "区政务服务管理办公室")
    unit = units_due(writable, "2026-10", date(2026, 11, 5))[0]
    site = letters.site(writable, unit)
    text = _letter(writable, unit, datetime(2026, 11, 5, 9, 0))
    assert "成都高新区政务服务中心高新政服函〔2026〕1号关于" in text  # 发文机关标志, 文号
    assert f"关于{site['name']}巡查发现问题的提示函" in text
    assert f"{site['street']}办事处、{site['name']}：" in text  # 主送: responsible, the site
    for part in ("一、发现的问题", "二、整改要求", "于2026年11月26日前将整改情况",  # 15 days
                 "特此函告。", "（印章）成都高新区政务服务中心2026年11月5日",  # seal, 落款, 成文日期
                 "（联系人：王敏；联系电话：028-85330000）", "抄送：区政务服务管理办公室。",
                 "2026年11月5日印发"):  # fmt: skip
        assert part in text
    for stamp in ("生成", "root", "命令行", "内部资料"):  # who made it stays in the audit trail
        assert stamp not in text
    logged = audit.search(writable, action="提示函编号")
    assert logged["target"].tolist() == ["高新政服函〔2026〕1号"]
    assert logged["username"].tolist() == ["命令行（root）"]


def test_no_cc_line_without_the_setting(writable, monkeypatch):
    monkeypatch.setenv("EFFMON_LETTER_CC", "")
    unit = units_due(writable, "2026-10", date(2026, 11, 5))[0]
    text = _letter(writable, unit, datetime(2026, 11, 5, 9, 0))
    assert "抄送" not in text
    assert "（联系人：____________；联系电话：____________）" in text  # lines to fill by hand


def test_each_problem_says_what_was_found_not_the_standard(writable):
    catalog = writable.execute("SELECT name, description FROM indicators").fetchall()
    for unit in units_due(writable, "2026-10", date(2026, 11, 5)):
        text = _letter(writable, unit, datetime(2026, 11, 5, 9, 0))
        assert "巡查发现：" in text
        for name, standard in catalog:
            assert "".join(standard.split()) not in text, (unit, name)


def test_a_number_is_never_reused_and_stays_with_its_letter(writable):
    first, second = units_due(writable, "2026-10", date(2026, 11, 5))[:2]
    assert "高新政服函〔2026〕1号" in _letter(writable, first, datetime(2026, 11, 5, 9, 0))
    assert "高新政服函〔2026〕2号" in _letter(writable, second, datetime(2026, 11, 6, 9, 0))
    again = _letter(writable, first, datetime(2026, 11, 20, 15, 0))  # made again later
    assert "高新政服函〔2026〕1号" in again and "2026年11月5日印发" in again
    sent = letters.letters_of_period(writable, "2026-10")
    assert sent[["number", "site_id"]].values.tolist() == [[1, first], [2, second]]
    assert sent["issued_on"].astype(str).tolist() == ["2026-11-05", "2026-11-06"]
    assert all('"finding"' in items for items in sent["items"])  # the problems named
    # a new year numbers from 1; the year before goes on where it was
    later, earlier = units_due(writable, "2026-09", date(2026, 11, 5))[:2]
    january = _letter(writable, later, datetime(2027, 1, 4, 9, 0), "2026-09")
    assert "高新政服函〔2027〕1号" in january
    december = _letter(writable, earlier, datetime(2026, 12, 1, 9, 0), "2026-09")
    assert "高新政服函〔2026〕3号" in december


def test_the_next_month_report_follows_what_became_of_the_letters(writable):
    sent = units_due(writable, "2026-09", date(2026, 10, 8))[:2]
    for unit in sent:
        _letter(writable, unit, datetime(2026, 10, 8, 9, 0), "2026-09")
    named = letters.letter_of(writable, sent[0], "2026-09")["items"][0]
    close_rectification(
        writable, sent[0], named["indicator_id"], pd.Timestamp(named["visit_date"]).date(),
        "巡查员甲", "已更换", datetime(2026, 10, 20, 9, 0),
    )  # fmt: skip
    items = sum(len(letters.letter_of(writable, u, "2026-09")["items"]) for u in sent)
    report = Request("2026-10", "测试员", today=date(2026, 11, 5), now=datetime(2026, 11, 5, 8))
    text = "".join(pages_text(make_service_report(writable, report)))
    behind = letters.site(writable, sent[1])["name"]  # its problems all still open
    assert f"发出巡查问题提示函2份，指出问题{items}项" in text
    assert f"截至2026年10月31日，已整改1项，尚未整改的{items - 1}项涉及" in text
    assert behind in text[text.index("尚未整改的") :][:80]


def test_the_record_sits_at_the_foot_of_the_page_it_lands_on():
    from reportlab.platypus import Spacer

    from effmon.reports.letter import AtFoot

    record = AtFoot([Spacer(1, 20), Spacer(1, 30)])
    assert record.wrap(100, 500)[1] > 499  # takes the rest of the page, drawn at its foot
    assert record.wrap(100, 40) == (100, 50)  # no room: its own height, on the next page
