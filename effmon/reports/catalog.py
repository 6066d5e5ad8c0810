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
from effmon.reports.letter import make_letter, units_due
from effmon.reports.request import Request
from effmon.reports.research import make_research_report
from effmon.reports.service import make_service_report
from effmon.store import complaints, queries
from effmon.store import reports as kept
from effmon.store.filters import Filters

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


@dataclass(frozen=True)
class Run:
    """One report of a command: its period, unit and ticket, and a file name for it."""

    period: str
    unit: str = ""
    complaint: str = ""

    def file_name(self, kind: str) -> str:
        """e.g. inspection_monthly_2026-03.pdf, letter_2026-03_S05.pdf."""
        return "_".join(filter(None, [kind, self.period, self.unit, self.complaint])) + ".pdf"


def runs(
    con: duckdb.DuckDBPyConnection, kind: str, period: str, unit: str = "", complaint: str = ""
) -> list[Run]:
    """The reports one request asks for, so that every kind can be made for a whole year in
    one go: a monthly kind given a year (YYYY) is every month of that year with data; a
    提示函 without --unit is every unit due in the month (in each month, given a year);
    a single-complaint report given a period and no ticket is every ticket received in it.
    A yearly kind given a year, or any kind given its own period, is one report; a
    research report needs its event's day. Raises a clear error when a batch is empty."""
    if kind in KINDS and KINDS[kind].period == "month" and PERIODS["year"].fullmatch(period):
        months = sorted(m for m in queries.data_months(con) if m.startswith(period))
        if not months:
            raise EffmonError(
                labels.REPORT_CLI["no_months"].format(year=period, name=labels.REPORT_KINDS[kind])
            )
    elif kind == "letter" and not unit:
        check_period(kind, period)
        months = [period]
    elif kind == "complaint_ticket" and not complaint and period:
        return _tickets(con, period)
    else:
        check_request(kind, _request_shape(period, unit, complaint))
        return [Run(period, unit, complaint)]
    if kind != "letter":
        return [Run(m) for m in months]
    found = [Run(m, u) for m in months for u in units_due(con, m) if not unit or u == unit]
    if not found:
        raise EffmonError(labels.LETTER["none_due"].format(period=period))
    return found


def _tickets(con: duckdb.DuckDBPyConnection, period: str) -> list[Run]:
    if PERIODS["year"].fullmatch(period):
        start, end = f"{period}-01", f"{period}-12"
    elif PERIODS["month"].fullmatch(period):
        start = end = period
    else:
        raise EffmonError(
            labels.REPORT_ERRORS["month"].format(
                name=labels.REPORT_KINDS["complaint_ticket"], period=period
            )
        )
    tickets = complaints.complaints_between(con, Filters(), start, end)["ticket_id"].tolist()
    if not tickets:
        raise EffmonError(labels.REPORT_CLI["no_tickets"].format(period=period))
    return [Run(period, complaint=t) for t in tickets]


def _request_shape(period: str, unit: str, complaint: str) -> Request:
    return Request(period, "", unit=unit, complaint=complaint)
