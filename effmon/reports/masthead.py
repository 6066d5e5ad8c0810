"""The masthead of a circulated 月报 or 年报, in place of a cover page: the title in red,
the issue (2026年第10期), the issuing unit and the date, over a red rule — as the centre's
published monthly reports open."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.flowables import HRFlowable

from effmon.reports.blocks import WIDTH
from effmon.reports.styles import RED, style


def masthead(title: str, issue: str, unit: str, day: date) -> list[Flowable]:
    """The masthead flowables: ``title`` (政务服务月报), ``issue`` (2026年第10期), ``unit``
    (成都高新区政务服务中心) and the issuing ``day``."""
    issued = f"{day.year}年{day.month}月{day.day}日"
    line = Table(
        [
            [
                Paragraph(escape(unit), style("masthead_line")),
                Paragraph(issued, style("masthead_date")),
            ]
        ],
        colWidths=[WIDTH / 2, WIDTH / 2],
    )
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                              ("FONTNAME", (0, 0), (-1, -1), style("body").fontName)]))  # fmt: skip
    return [
        Paragraph(escape(title), style("masthead_title")),
        Paragraph(escape(issue), style("masthead_issue")),
        Spacer(1, 4 * mm),
        line,
        HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=2, spaceAfter=8 * mm),
    ]
