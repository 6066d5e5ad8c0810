"""The kinds of report, their periods, and generating one: timed, counted and kept."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb
import pypdfium2

from effmon import labels
from effmon.errors import EffmonError
from effmon.reports.complaint import make_complaint_month_report, make_complaint_ticket_report
from effmon.reports.inspection import make_inspection_report
from effmon.reports.letter import make_letter
from effmon.reports.request import Request
from effmon.reports.research import make_research_report
from effmon.reports.service import make_service_report
from effmon.store import reports as kept

PERIODS = {
    "month": re.compile(r"\d{4}-(0[1-9]|1[0-2])"),
    "year": re.compile(r"\d{4}"),
    "day": re.compile(r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"),
    "any": re.compile(r".*"),  # the report dates itself (one complaint's)
}


@dataclass(frozen=True)
class Kind:
    """A report kind: the period it covers ("month", "year" or "any") and how it is made."""

    period: str
    make: Callable[[duckdb.DuckDBPyConnection, Request], bytes]
    subject: str = ""  # "unit" or "complaint" when the report is about one of them


KINDS = {
    "monthly": Kind("month", make_service_report),
    "annual": Kind("year", make_service_report),
    "inspection_monthly": Kind("month", make_inspection_report),
    "inspection_annual": Kind("year", make_inspection_report),
    "complaint_month": Kind("month", make_complaint_month_report),
    "complaint_ticket": Kind("any", make_complaint_ticket_report, subject="complaint"),
    "letter": Kind("month", make_letter, subject="unit"),
    "research": Kind("day", make_research_report),
}


@dataclass(frozen=True)
class Generated:
    """A report made and kept: its id in the store, the PDF, its pages and seconds taken."""

    report_id: int
    pdf: bytes
    pages: int
    seconds: float


def check_request(kind: str, request: Request) -> Kind:
    """The kind, once its period and subject are given as it needs them; else a clear error."""
    spec = check_period(kind, request.period)
    if spec.subject and not getattr(request, spec.subject):
        raise EffmonError(labels.REPORT_ERRORS[spec.subject].format(name=labels.REPORT_KINDS[kind]))
    return spec


def check_period(kind: str, period: str) -> Kind:
    """The kind, once ``period`` has the shape it needs; else a clear error."""
    if kind not in KINDS:
        raise EffmonError(labels.REPORT_ERRORS["kind"].format(kind=kind, allowed="、".join(KINDS)))
    spec = KINDS[kind]
    if not PERIODS[spec.period].fullmatch(period):
        raise EffmonError(
            labels.REPORT_ERRORS[spec.period].format(name=labels.REPORT_KINDS[kind], period=period)
        )
    return spec


def generate(con: duckdb.DuckDBPyConnection, kind: str, request: Request) -> Generated:
    """Make the report, keep it in the store for the report centre, and return it."""
    spec = check_request(kind, request)
    started = time.perf_counter()
    pdf = spec.make(con, request)
    seconds = time.perf_counter() - started
    pages = len(pypdfium2.PdfDocument(pdf))
    subject = getattr(request, spec.subject) if spec.subject else ""
    report_id = kept.save_report(
        con, kind, request.period, subject, request.generated_by, request.now, pages,
        seconds, pdf,
    )  # fmt: skip
    return Generated(report_id, pdf, pages, seconds)
