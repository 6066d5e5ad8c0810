"""Every report kind on the small demo store: a valid PDF of a sensible length, only the
embedded font, and its first pages rendered to PNG in test-artifacts/reports/ for a person
to look at."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from effmon import config, labels
from effmon.demo.build import planted_events
from effmon.reports import catalog
from effmon.reports.letter import units_due
from effmon.reports.preview import page_images
from effmon.reports.request import Request
from tests.conftest import REPO
from tests.reports.pdf import fonts, pages_text

ARTIFACTS = REPO / "test-artifacts" / "reports"
PAGES = {  # kind: (fewest, most) pages
    "monthly": (5, 12),
    "annual": (5, 14),
    "inspection_monthly": (4, 10),
    "inspection_annual": (5, 14),
    "complaint_month": (4, 12),
    "complaint_ticket": (1, 3),
    "letter": (1, 2),
    "research": (3, 6),
}
OUTGOING = ("complaint_month", "complaint_ticket", "research")  # sent beyond the centre


def _request(con, kind: str) -> Request:
    subject = {}
    period = {"annual": "2026", "inspection_annual": "2026", "complaint_ticket": ""}.get(
        kind, "2026-10"
    )
    if kind == "complaint_ticket":
        (ticket,) = con.execute("SELECT min(ticket_id) FROM complaints").fetchone()
        subject = {"complaint": ticket}
    elif kind == "letter":
        subject = {"unit": units_due(con, "2026-10", date(2026, 11, 5))[0]}
    elif kind == "research":
        launch = planted_events(con)["system_launch"]
        period, subject = launch["date"], {"unit": launch["site_id"]}
    return Request(
        period, "测试员", today=date(2026, 11, 5),
        now=datetime(2026, 11, 5, 9, 0), **subject,
    )  # fmt: skip


def test_every_kind_is_listed_here():
    assert set(PAGES) == set(catalog.KINDS)


@pytest.mark.parametrize("kind", list(PAGES))
def test_each_kind_is_a_valid_pdf_with_its_font_embedded(demo, kind):
    spec = catalog.check_request(kind, _request(demo, kind))
    pdf = spec.make(demo, _request(demo, kind))
    pages = pages_text(pdf)
    fewest, most = PAGES[kind]
    assert pdf.startswith(b"%PDF") and fewest <= len(pages) <= most
    assert all(fonts(pdf).values()), fonts(pdf)
    marked = ["内部资料注意保密" in page for page in pages]
    stamped = ["由测试员于2026-11-0509:00生成" in page for page in pages]
    circulated = kind in ("letter", "monthly", "annual")  # go out as the centre's own
    assert not any(stamped) if circulated or kind in OUTGOING else all(stamped)
    if kind in OUTGOING:  # when it was made, not who made it (the audit log keeps that)
        assert all("生成时间：2026-11-0509:00" in page for page in pages)
        assert not any("测试员" in page for page in pages)
    if kind not in ("letter", "monthly", "annual"):  # the cover names the issuing unit
        assert (
            pages[0].startswith(labels.REPORT_KINDS[kind])
            and config.get("issuing_unit") in pages[0]
        )
    assert all(marked) if kind != "letter" else not any(marked)  # a letter is not 内部资料
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for number, image in enumerate(page_images(pdf, pages=3), start=1):
        image.save(ARTIFACTS / f"{kind}-{number}.png")


def test_every_kind_has_its_name_and_every_name_a_kind():
    """The command line offers the kinds by their names (labels.REPORT_KINDS), without
    importing the reports."""
    assert list(labels.REPORT_KINDS) == list(catalog.KINDS)
