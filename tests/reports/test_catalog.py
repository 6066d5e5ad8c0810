"""Generating reports by kind and period, keeping them, and `effmon report` for scheduling."""

from __future__ import annotations

from datetime import datetime

import pytest

from effmon.cli import main
from effmon.errors import EffmonError
from effmon.reports import catalog
from effmon.reports.letter import units_due
from effmon.reports.request import Request
from effmon.store import audit, reports
from effmon.store.connect import open_store
from effmon.text import sentiment
from effmon.text.sentiment import Scorer
from tests.reports.conftest import neutral
from tests.reports.pdf import pages_text


@pytest.fixture
def quick_scorer(monkeypatch):
    """The CLI's comment scorer replaced by a neutral one (snownlp takes seconds a month)."""
    monkeypatch.setattr(sentiment, "load_scorer", lambda store: Scorer(None, None))
    monkeypatch.setattr(Scorer, "scores", lambda self, texts: neutral(texts))


@pytest.mark.parametrize(
    ("kind", "period", "message"),
    [
        ("monthly", "2026-13", "应为年月"),
        ("monthly", "202610", "应为年月"),
        ("annual", "2026-10", "应为年份"),
        ("weekly", "2026-10", "未知的报告类型"),
    ],
)
def test_a_period_of_the_wrong_shape_is_refused(con, kind, period, message):
    with pytest.raises(EffmonError, match=message):
        catalog.generate(con, kind, Request(period, "测试员"))


def test_a_generated_report_is_kept_for_the_report_centre(store):
    with open_store(store) as con:
        made = catalog.generate(con, "monthly", Request("2026-10", "分析员乙"))
        listed = reports.recent_reports(con)
        kept = reports.report_pdf(con, made.report_id)
    assert made.pages == len(pages_text(made.pdf)) and made.seconds > 0
    first = listed.iloc[0]
    assert (first["kind"], first["period"], first["generated_by"]) == (
        "monthly",
        "2026-10",
        "分析员乙",
    )
    assert first["pages"] == made.pages
    assert kept == made.pdf


def test_only_the_newest_reports_are_kept(con, monkeypatch):
    monkeypatch.setattr(reports, "KEEP", 3)
    for n in range(5):
        reports.save_report(
            con, "monthly", f"2026-0{n + 1}", "", "甲", datetime.now(), 1, 0.1, b"%PDF"
        )
    assert reports.recent_reports(con)["period"].tolist() == ["2026-05", "2026-04", "2026-03"]


def test_cli_writes_the_report_and_says_where(store, tmp_path, capsys, quick_scorer):
    out = tmp_path / "月报.pdf"
    assert (
        main(["report", "monthly", "--period", "2026-10", "--out", str(out), "--db", str(store)])
        == 0
    )
    assert "已生成政务服务月报（2026-10）" in capsys.readouterr().out
    assert "政务服务月报" in pages_text(out.read_bytes())[0]
    with open_store(store) as con:  # who made it is in the audit log, not on the report
        logged = audit.search(con, action="report")
    assert logged.iloc[0]["target"] == "政务服务月报" and "2026-10" in logged.iloc[0]["detail"]


def test_cli_batch_writes_every_month_of_the_year_held(store, tmp_path, quick_scorer):
    """The demo store starts in 2025-11, so 2025 holds two months (a short batch)."""
    folder = tmp_path / "2025"
    args = ["report", "monthly", "--period", "2025", "--out", str(folder), "--db", str(store)]
    assert main(args) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "monthly_2025-11.pdf",
        "monthly_2025-12.pdf",
    ]


def test_cli_bad_period_is_a_message_not_a_traceback(store, tmp_path, capsys):
    args = ["report", "annual", "--period", "2026-10", "--out", str(tmp_path / "x.pdf")]
    assert main([*args, "--db", str(store)]) == 1
    assert "应为年份" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_writes_a_letter_for_every_unit_due(store, tmp_path, quick_scorer):
    folder = tmp_path / "letters"
    args = ["report", "letter", "--period", "2026-10", "--out", str(folder), "--db", str(store)]
    assert main(args) == 0
    with open_store(store) as con:
        due = units_due(con, "2026-10")
    assert sorted(p.name for p in folder.iterdir()) == [f"letter_2026-10_{u}.pdf" for u in due]


def test_cli_ticket_report_needs_the_ticket(store, tmp_path, capsys):
    args = ["report", "complaint_ticket", "--out", str(tmp_path / "t.pdf"), "--db", str(store)]
    assert main(args) == 1
    assert "需要指定工单编号（--complaint）" in capsys.readouterr().err


def test_cli_batch_of_a_year_for_another_monthly_kind(store, tmp_path, capsys):
    """inspection_monthly --period 2025 was refused; now every month of 2025 held."""
    folder = tmp_path / "inspections"
    args = ["report", "inspection_monthly", "--period", "2025", "--out", str(folder)]
    assert main([*args, "--db", str(store)]) == 0
    assert sorted(p.name for p in folder.iterdir()) == [
        "inspection_monthly_2025-11.pdf",
        "inspection_monthly_2025-12.pdf",
    ]
    assert "共生成 2 份" in capsys.readouterr().out


def test_every_kind_can_be_asked_for_a_whole_year(demo):
    months = ["2025-11", "2025-12"]
    for kind in ("monthly", "inspection_monthly", "complaint_month"):
        assert catalog.runs(demo, kind, "2025") == [catalog.Run(m) for m in months]
    for kind in ("annual", "inspection_annual"):
        assert catalog.runs(demo, kind, "2025") == [catalog.Run("2025")]
    letters = catalog.runs(demo, "letter", "2025")
    assert letters == [catalog.Run(m, u) for m in months for u in units_due(demo, m)]
    tickets = catalog.runs(demo, "complaint_ticket", "2025")
    received = demo.execute(
        "SELECT count(*) FROM complaints WHERE year(received_at) = 2025"
    ).fetchall()[0][0]
    assert len(tickets) == received > 0 and all(run.complaint for run in tickets)
    assert catalog.runs(demo, "complaint_ticket", "", complaint="T1") == [
        catalog.Run("", complaint="T1")
    ]


def test_a_year_without_data_is_a_message(demo):
    with pytest.raises(EffmonError, match="2019 年没有数据，未生成巡查月报"):
        catalog.runs(demo, "inspection_monthly", "2019")
