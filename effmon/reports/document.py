"""The report engine: an A4 document with a cover, a table of contents and numbered pages.

Every page carries the report's period and the confidentiality mark in its header and the
export stamp (who generated it, when; only when, on a report that leaves the centre) with
"第 X 页 共 Y 页" in its footer; the cover names the issuing unit (the issuing_unit setting).
Sections open on the page after the table of contents; their titles feed the contents.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from effmon import config, labels
from effmon.reports.styles import style

MARGIN = 20 * mm
TEXT = labels.REPORT_PAGE


@dataclass(frozen=True)
class Cover:
    """What the cover and every page's header and footer say."""

    title: str  # 政务服务月报
    period: str  # 2026年10月
    generated_by: str
    generated_at: datetime
    unit: str = ""  # the unit a 提示函 is addressed to, the district otherwise
    subtitle: str = ""
    stamp: bool = True  # who made it, at the foot of every page (not on a circulated 月报)
    # a report that leaves the centre says when it was made, not by whom (the OS account of a
    # command line is no reader's business; the audit log keeps it)
    outgoing: bool = False


@dataclass
class Section:
    """A titled part of the report; level 1 sections are chapters, level 2 their parts."""

    title: str
    body: list[Flowable] = field(default_factory=list)
    level: int = 1


def render(
    cover: Cover,
    sections: Sequence[Section],
    *,
    contents: bool = True,
    cover_page: bool = True,
    front: Sequence[Flowable] = (),
) -> bytes:
    """The PDF of ``sections`` behind a cover page and a table of contents (unless told
    not: a letter has neither, a 月报 opens with its masthead, ``front``); ``cover`` also
    gives every page's header and footer."""
    buffer = io.BytesIO()
    document = _Document(buffer, cover)
    story: list[Flowable] = [*_cover_page(cover)] if cover_page else [*front]
    if contents:
        toc = TableOfContents(
            levelStyles=[style("toc1"), style("toc2")],
            tableStyle=TableStyle([("FONTNAME", (0, 0), (-1, -1), style("toc1").fontName)]),
            dotsMinLevel=0,
        )
        story += [Paragraph(TEXT["contents"], style("h1_plain")), toc, PageBreak()]
    for section in sections:
        story.append(Paragraph(escape(section.title), style(f"h{section.level}")))
        story += section.body
    document.multiBuild(story, canvasmaker=_NumberedCanvas)
    return buffer.getvalue()


def _stamp(cover: Cover) -> str:
    """生成 2026-11-02 09:30, with who made it on an internal report."""
    at = cover.generated_at.strftime("%Y-%m-%d %H:%M")
    if cover.outgoing:
        return TEXT["stamp_outgoing"].format(at=at)
    return TEXT["stamp"].format(user=cover.generated_by, at=at)


def _cover_page(cover: Cover) -> list[Flowable]:
    stamp = _stamp(cover)
    parts = [
        Spacer(1, 55 * mm),
        Paragraph(escape(config.get("issuing_unit")), style("cover_org")),
        Spacer(1, 10 * mm),
        Paragraph(escape(cover.title), style("cover_title")),
    ]
    if cover.subtitle:
        parts.append(Paragraph(escape(cover.subtitle), style("cover_sub")))
    parts += [
        Spacer(1, 8 * mm),
        Paragraph(escape(cover.period), style("cover_sub")),
        Spacer(1, 70 * mm),
        Paragraph(TEXT["secret"], style("cover_secret")),
        Paragraph(escape(stamp), style("cover_stamp")),
        NextPageTemplate("body"),
        PageBreak(),
    ]
    return parts


class _Document(BaseDocTemplate):
    def __init__(self, buffer: io.BytesIO, cover: Cover):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + 6 * mm,
            bottomMargin=MARGIN,
            title=f"{cover.title} {cover.period}",
            author=config.get("issuing_unit") if cover.outgoing else cover.generated_by,
            creator="effmon",
            initialFontName=style("body").fontName,  # no unembedded Helvetica in the file
        )
        self.cover = cover
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="text")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._decorate),
                PageTemplate("body", [frame], onPage=self._decorate),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:
        level = getattr(getattr(flowable, "style", None), "name", "")
        if level in ("h1", "h2"):
            # the contents line is a paragraph too: its text escaped as the heading's was
            entry = escape(flowable.getPlainText())
            self.notify("TOCEntry", (int(level[1]) - 1, entry, self.page))

    def _decorate(self, canvas: Canvas, document: BaseDocTemplate) -> None:
        cover = self.cover
        width, height = A4
        canvas.saveState()
        canvas.setFont(style("body").fontName, 8.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        top = height - MARGIN + 2 * mm
        canvas.drawString(MARGIN, top, f"{cover.title}　{cover.period}")
        canvas.setFillColor(colors.HexColor("#b00000"))
        canvas.drawRightString(width - MARGIN, top, TEXT["secret"])
        canvas.setStrokeColor(colors.HexColor("#999999"))
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        if cover.stamp:
            canvas.setFillColor(colors.HexColor("#555555"))
            canvas.drawString(MARGIN, MARGIN - 8 * mm, _stamp(cover))
        canvas.restoreState()


class _NumberedCanvas(Canvas):
    """Draws "第 X 页 共 Y 页" once the page count is known (pages are kept until save)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, page in enumerate(self._pages, start=1):
            self.__dict__.update(page)
            self.setFont(style("body").fontName, 8.5)
            self.setFillColor(colors.HexColor("#555555"))
            text = TEXT["page"].format(page=number, pages=total)
            self.drawRightString(A4[0] - MARGIN, MARGIN - 8 * mm, text)
            super().showPage()
        super().save()
