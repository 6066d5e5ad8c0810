"""提示函: a letter to one unit (site) naming its focus problems — indicators failing there
two or more months in a row, and rectifications past their deadline — and asking for
rectification by a working-day deadline (effmon.analytics.inspections.prompt_letters, as listed
on the 日常巡查 page)."""

from __future__ import annotations

from datetime import date

import duckdb
from reportlab.lib.enums import TA_RIGHT
from reportlab.platypus import Paragraph, Spacer

from effmon import config, labels
from effmon.analytics import inspections
from effmon.analytics.overview import period_name
from effmon.domain import inspection_calendar as calendar
from effmon.errors import EffmonError
from effmon.reports import blocks
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.reports.styles import style
from effmon.workdays import add_workdays

TEXT = labels.LETTER


def units_due(con: duckdb.DuckDBPyConnection, month: str, today: date | None = None) -> list[str]:
    """The sites a letter is due for in ``month`` (counted as on the inspection page)."""
    due = inspections.prompt_letters(con, month, calendar.board_day(month, today))
    return sorted(due["site_id"].unique())


def make_letter(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The 提示函 of ``request.unit`` for the month ``request.period`` as PDF bytes."""
    month = request.period
    due = inspections.prompt_letters(con, month, calendar.board_day(month, request.today))
    problems = due[due["site_id"] == request.unit]
    if problems.empty:
        raise EffmonError(TEXT["nothing_due"].format(unit=request.unit, period=period_name(month)))
    name = problems.iloc[0]["name"]
    days = int(config.get("letter_workdays"))
    deadline = add_workdays(request.now.date(), days)
    cover = Cover(
        labels.REPORT_KINDS["letter"], period_name(month), request.generated_by, request.now,
        unit=name,
    )  # fmt: skip
    right = style("letter").clone("signature", alignment=TA_RIGHT, firstLineIndent=0)
    body = [
        Paragraph(TEXT["to"].format(unit=name), style("plain")),
        Spacer(1, 6),
        blocks.text(
            TEXT["opening"].format(
                period=period_name(month),
                count=len(problems),
                months=config.get_int("failure_streak_months"),
            ),
            "letter",
        ),
        blocks.table(problems, TEXT["columns"], widths=[0.12, 0.28, 0.4, 0.2]),
        Spacer(1, 8),
        blocks.text(
            TEXT["request"].format(days=days, deadline=f"{deadline:%Y年%m月%d日}"), "letter"
        ),
        blocks.text(TEXT["contact"], "letter"),
        Spacer(1, 24),
        Paragraph(TEXT["signature"], right),
        Paragraph(f"{request.now:%Y年%m月%d日}", right),
    ]
    title = TEXT["title"].format(unit=name)
    return render(cover, [Section(title, body)], contents=False, cover_page=False)
