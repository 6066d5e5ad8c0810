"""The report centre's access to the store: generate and keep a report, list and fetch the
kept ones."""

from __future__ import annotations

import pandas as pd

from effmon import labels
from effmon.analytics.overview import period_name
from effmon.reports import catalog, letter
from effmon.reports.request import Request
from effmon.store import reports
from effmon.ui import cached, session


def generate(
    path: str, kind: str, period: str, *, unit: str = "", complaint: str = "", event: str = ""
) -> catalog.Generated:
    """Make the report as the logged-in user (``event`` names a research report's event),
    keep it, and record it in the audit trail."""
    request = Request(period, session.username() or "", unit=unit, complaint=complaint, event=event)
    made = catalog.generate(cached.cursor(path), kind, request)
    subject = unit or complaint or event
    session.audited(
        "report", labels.REPORT_KINDS[kind], period=period, subject=subject, pages=made.pages
    )
    return made


def units_due(path: str, month: str) -> dict[str, str]:
    """The sites a 提示函 is due for in ``month``: site id → "id name"."""
    names = cached.site_names(path)
    due = letter.units_due(cached.cursor(path), month)
    return {u: f"{u} {names.get(u, '')}" for u in due}


def recent(path: str) -> pd.DataFrame:
    """The newest kept reports with Chinese headers, and their ids as the index."""
    found = reports.recent_reports(cached.cursor(path))
    shown = found.assign(
        kind=found["kind"].map(labels.REPORT_KINDS),
        period=found["period"].map(period_name),
        generated_at=found["generated_at"].dt.strftime("%Y-%m-%d %H:%M"),
        seconds=found["seconds"].round(1),
    ).set_index("report_id")
    return shown.rename(columns=labels.REPORT_CENTRE["columns"])


def pdf_of(path: str, report_id: int) -> bytes | None:
    """A kept report's PDF."""
    return reports.report_pdf(cached.cursor(path), report_id)
