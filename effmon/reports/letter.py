"""提示函: the letter the centre sends a unit (a site, and the street office responsible for
it) about the problems its inspections found, laid out as an official letter after
党政机关公文格式 (GB/T 9704-2012) as far as it applies: the issuing unit (issuing_unit) in red
over a red double line, the number (文号, letter_number_prefix〔year〕n号), title, addressees
(主送), the problems one by one (indicator, what was found, where, when, the rectification
deadline and days overdue), 整改要求 with the rectification deadline (letter_workdays) and
the reply deadline (letter_reply_workdays), the issuing unit and date under a space left for
the seal, the contact (letter_contact, letter_phone) and 抄送 (letter_cc). It carries no
export stamp, header or 内部资料 mark: who made it is kept in the audit trail and the letters
table only.

The letter rule — which units get a letter in a month (effmon.domain.inspection_visits
letter_problems) — names only what is new in the month, so that a letter is news to its
reader and not a standing backlog:

- an indicator failing at the site failure_streak_months months in a row, in the month the
  streak reaches that length (a streak that goes on is followed in the reports, not re-sent);
- a rectification that became overdue in the month (its deadline passed within the
  letter_overdue_months months ending with it) and is still open on the day counted.

A unit with neither gets no letter. Each letter is numbered per year and stored
(effmon.store.letters): making the same unit's letter for the same month again keeps its
number and date, and the next month's report lists last month's letters to follow the replies.
On a store opened read-only the letter is a draft with its number left blank.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from functools import cache
from xml.sax.saxutils import escape

import duckdb
import pandas as pd
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import HRFlowable

from effmon import config, labels
from effmon.analytics import inspections
from effmon.analytics.overview import period_name
from effmon.domain import inspection_calendar as calendar
from effmon.errors import EffmonError
from effmon.reports.fonts import cjk_font
from effmon.reports.request import Request
from effmon.store import audit, letters
from effmon.workdays import add_workdays

TEXT = labels.LETTER
RED = colors.HexColor("#c00000")
GREY = colors.HexColor("#8c8c8c")
# GB/T 9704-2012 page margins: top 37 mm, left 28 mm, right 26 mm, bottom 35 mm
TOP, LEFT, RIGHT, BOTTOM = 37 * mm, 28 * mm, 26 * mm, 35 * mm
WIDTH = A4[0] - LEFT - RIGHT
TITLE_CHARS = 22  # a longer title is set on two lines
LEADING = 22
BODY_SIZE = 14  # between 三号 (16 pt) and 四号 (14 pt): a letter of a few problems fits a page


def units_due(con: duckdb.DuckDBPyConnection, month: str, today: date | None = None) -> list[str]:
    """The sites a letter is due for in ``month`` by the letter rule."""
    due = inspections.prompt_letters(con, month, calendar.board_day(month, today))
    return sorted(due["site_id"].unique())


def make_letter(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The 提示函 of ``request.unit`` for the month ``request.period`` as PDF bytes; gives
    it its number (or the number it had) in the letters table."""
    month = request.period
    as_of = calendar.board_day(month, request.today)
    due = inspections.prompt_letters(con, month, as_of)
    problems = due[due["site_id"] == request.unit]
    if problems.empty:
        raise EffmonError(TEXT["nothing_due"].format(unit=request.unit, period=period_name(month)))
    site = letters.site(con, request.unit)
    issued = _issue(con, request, problems)
    issuer = config.get("issuing_unit")
    story = [
        *_masthead(issuer, _number(issued)),
        Paragraph(_title(site["name"]), _style("title")),
        Paragraph(escape(TEXT["to"].format(units=_addressees(site))), _style("to")),
        _body(
            TEXT["opening"].format(
                period=period_name(month),
                site=site["name"],
                address=TEXT["address"].format(address=site["address"]) if site["address"] else "",
                count=problems["indicator_id"].nunique(),
            )
        ),
        Paragraph(TEXT["problems_title"], _style("heading")),
        *[_body(text) for text in _items(problems, as_of)],
        Paragraph(TEXT["requirements_title"], _style("heading")),
        _body(
            TEXT["rectify"].format(
                deadline=_day(add_workdays(issued["issued_on"], config.get_int("letter_workdays"))),
                days=config.get_int("letter_workdays"),
            )
        ),
        # the date's page carries body text (GB/T 9704 7.3.5): the last paragraphs go with it
        KeepTogether(
            [
                _body(TEXT["reply"].format(reply=_day(issued["reply_by"]))),
                _body(TEXT["closing"]),
                _signature(issuer, issued["issued_on"]),
                Spacer(1, 3 * mm),
            ]
        ),
        _body(
            TEXT["contact"].format(
                contact=config.get("letter_contact") or TEXT["blank"],
                phone=config.get("letter_phone") or TEXT["blank"],
            )
        ),
        *_record(issuer, issued["issued_on"]),
    ]
    return _render(story, "".join(TEXT["title"]).format(unit=site["name"]), issuer)


def _issue(con: duckdb.DuckDBPyConnection, request: Request, problems: pd.DataFrame) -> dict:
    """The letter's number and dates: stored (and audited) when first made; on a read-only
    store the stored one, else a draft without a number."""
    items = problems.drop(columns=["name"]).to_dict("records")
    known = letters.letter_of(con, request.unit, request.period)
    if letters.read_only(con):
        if known:
            return known
        today = request.now.date()
        reply = add_workdays(today, config.get_int("letter_reply_workdays"))
        return {"year": today.year, "number": None, "issued_on": today, "reply_by": reply}
    today = known["issued_on"] if known else request.now.date()
    reply = add_workdays(today, config.get_int("letter_reply_workdays"))
    issued = letters.issue_letter(
        con, request.unit, request.period, items, today, reply, request.generated_by, request.now
    )
    if not known:
        number = _number(issued)
        audit.record(
            con, request.generated_by, TEXT["audit"], number,
            {"site": request.unit, "period": request.period, "items": len(items)},
        )  # fmt: skip
    return issued


def _title(unit: str) -> str:
    """The title, on two lines broken where the meaning breaks when it is long."""
    lines = [escape(line.format(unit=unit)) for line in TEXT["title"]]
    return ("<br/>" if sum(map(len, lines)) > TITLE_CHARS else "").join(lines)


def _number(issued: dict) -> str:
    prefix = config.get("letter_number_prefix")
    if issued["number"] is None:
        return TEXT["number_draft"].format(prefix=prefix, year=issued["year"])
    return TEXT["number"].format(prefix=prefix, year=issued["year"], number=issued["number"])


def _addressees(site: dict) -> str:
    """The site and the unit responsible for it (主送), by the site's level."""
    rule = TEXT["responsible"]
    responsible = rule.get(site["level"], rule["default"]).format(street=site["street"] or "")
    names = [responsible, site["name"]] if responsible and site["street"] else [site["name"]]
    return "、".join(names)


def _items(problems: pd.DataFrame, as_of: date) -> list[str]:
    """One paragraph per indicator: each failed check named (what was found when, its
    deadline and days overdue) and the streak it makes."""
    texts = []
    groups = problems.groupby("indicator_id", sort=True)
    for n, (_, checks) in enumerate(groups, start=1):
        text = TEXT["item"].format(n=_ordinal(n), indicator=checks["indicator"].iloc[0])
        said = set()
        for row in checks.sort_values("visit_date").itertuples():
            finding = _finding(row.finding, row.indicator)
            again = finding in said
            said.add(finding)
            form = "found_again" if again else "found" if finding else "found_unstated"
            text += TEXT[form].format(found_on=_day(row.visit_date), finding=finding)
            if row.days_overdue:
                text += TEXT["deadline_late"].format(
                    rectify_by=_day(row.rectify_by), as_of=_day(as_of), days=row.days_overdue
                )
            else:
                text += TEXT["deadline_open"].format(rectify_by=_day(row.rectify_by))
            if row.streak_months:
                first = period_name(row.since)
                text += TEXT["streak"].format(first=first, months=row.streak_months)
        texts.append(text)
    return texts


def _finding(finding: object, indicator: str) -> str:
    """The inspector's finding without the indicator's name before it or a closing stop."""
    text = str(finding or "").strip()
    for lead in (f"{indicator}：", f"{indicator}:"):
        text = text.removeprefix(lead)
    return text.rstrip("。.；;，, ")


def _ordinal(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (the items of a letter stay well under 100)."""
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[ones] if ones else "")


def _day(value: object) -> str:
    """A date as 2026年8月31日."""
    day = pd.Timestamp(value).date()
    return period_name(day.isoformat())


def _masthead(issuer: str, number: str) -> list[Flowable]:
    """发文机关标志 in red over a red double line (thick over thin), the 文号 under it."""
    return [
        Paragraph(escape(issuer), _style("issuer")),
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=2, color=RED, spaceBefore=0, spaceAfter=1.2),
        HRFlowable(width="100%", thickness=0.6, color=RED, spaceBefore=0, spaceAfter=3 * mm),
        Paragraph(escape(number), _style("number")),
        Spacer(1, 4 * mm),
    ]


def _signature(issuer: str, day: date) -> Table:
    """The issuing unit and the date, right-aligned four characters in, under a space left
    for the seal (which presses down on both)."""
    centred = _style("sign")
    rows = [
        [Paragraph(TEXT["seal"], _style("seal"))],
        [Paragraph(escape(issuer), centred)],
        [Paragraph(_day(day), centred)],
    ]
    block = Table(rows, colWidths=[len(issuer) * BODY_SIZE + 8 * mm])
    block.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), cjk_font()),  # no unembedded Helvetica
                ("TOPPADDING", (0, 0), (-1, 0), 8 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 1 * mm),
                ("TOPPADDING", (0, 1), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
            ]
        )
    )
    inset = Table([[block, ""]], colWidths=[block._colWidths[0], 4 * BODY_SIZE])
    inset.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), cjk_font()), *_NO_PADDING]))
    inset.hAlign = "RIGHT"
    return inset


def _record(issuer: str, day: date) -> list[Flowable]:
    """版记: 抄送 (when set) and the issuer and date it was printed, between lines."""
    rule = {"width": "100%", "color": colors.black, "spaceBefore": 1 * mm, "spaceAfter": 1 * mm}
    parts: list[Flowable] = [Spacer(1, 2 * mm), HRFlowable(thickness=0.8, **rule)]
    cc = config.get("letter_cc").strip()
    if cc:
        parts += [
            Paragraph(escape(TEXT["cc"].format(units=cc.rstrip("。"))), _style("record")),
            HRFlowable(thickness=0.4, **rule),
        ]
    printed = Table(
        [[Paragraph(escape(issuer), _style("record")),
          Paragraph(escape(TEXT["printed"].format(day=_day(day))), _style("record_right"))]],
        colWidths=[WIDTH / 2, WIDTH / 2],
    )  # fmt: skip
    printed.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), cjk_font()),
                *_NO_PADDING,
            ]
        )
    )
    parts += [printed, HRFlowable(thickness=0.8, **rule)]
    return [AtFoot(parts)]


class AtFoot(Flowable):
    """Flowables set together at the foot of the page they land on: the 版记 sits at the
    bottom of the letter's last page (GB/T 9704 7.5), not under the last paragraph."""

    def __init__(self, parts: list[Flowable]) -> None:
        super().__init__()
        self.parts = parts

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.sizes = [part.wrap(available_width, available_height) for part in self.parts]
        self.need = sum(h + p.getSpaceBefore() + p.getSpaceAfter() for p, (_, h) in self._laid())
        # all the room left on the page when it fits there (minus a hair for the frame's
        # rounding), else its own height on the next page, where it again goes to the foot
        room = available_height - 0.01
        self.height = room if self.need <= room else self.need
        return available_width, self.height

    def draw(self) -> None:
        y = self.need
        for part, (_, height) in self._laid():
            y -= part.getSpaceBefore() + height
            part.drawOn(self.canv, 0, y)
            y -= part.getSpaceAfter()

    def _laid(self) -> list[tuple[Flowable, tuple[float, float]]]:
        return list(zip(self.parts, self.sizes, strict=True))


def _body(text: str) -> Paragraph:
    return Paragraph(escape(text), _style("body"))


_NO_PADDING = [
    (side, (0, 0), (-1, -1), 0)
    for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
]
_STYLES = {  # name: size, leading, settings
    "issuer": (24, 32, {"alignment": TA_CENTER, "textColor": RED, "spaceBefore": 0}),
    "number": (BODY_SIZE, 20, {"alignment": TA_RIGHT}),
    "title": (18, 28, {"alignment": TA_CENTER, "spaceAfter": 3 * mm}),
    "to": (BODY_SIZE, LEADING, {}),
    "heading": (BODY_SIZE + 0.5, LEADING, {"firstLineIndent": 2 * BODY_SIZE}),
    "body": (BODY_SIZE, LEADING, {"firstLineIndent": 2 * BODY_SIZE, "alignment": TA_JUSTIFY}),
    "sign": (BODY_SIZE, 24, {"alignment": TA_CENTER}),
    "seal": (BODY_SIZE, 20, {"alignment": TA_CENTER, "textColor": GREY}),
    "record": (BODY_SIZE - 1, 17, {"leftIndent": BODY_SIZE, "rightIndent": BODY_SIZE}),
    "record_right": (BODY_SIZE - 1, 17, {"rightIndent": BODY_SIZE, "alignment": TA_RIGHT}),
}


@cache
def _style(name: str) -> ParagraphStyle:
    size, leading, settings = _STYLES[name]
    font = cjk_font()
    return ParagraphStyle(
        f"letter_{name}",
        fontName=font,
        fontSize=size,
        leading=leading,
        wordWrap="CJK",
        **{"textColor": colors.black, **settings},
    )


def _render(story: Sequence[Flowable], title: str, issuer: str) -> bytes:
    """The letter on A4 with GB/T 9704 margins and only a page number (— 1 —) at its foot."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP - 12 * mm,  # the masthead sits higher than body text
        bottomMargin=BOTTOM - 12 * mm,
        title=title,
        author=issuer,
        creator=issuer,
        initialFontName=cjk_font(),  # no unembedded Helvetica in the file
    )
    document.build(list(story), onFirstPage=_page_number, onLaterPages=_page_number)
    return buffer.getvalue()


def _page_number(canvas: Canvas, document: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont(cjk_font(), 12)
    text = TEXT["page"].format(page=document.page)
    canvas.drawCentredString(A4[0] / 2, BOTTOM - 25 * mm, text)
    canvas.restoreState()
