"""Paragraph styles of the reports, all set in the embedded Chinese font."""

from __future__ import annotations

import re
from functools import cache
from itertools import pairwise

from reportlab.lib import colors, textsplit
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import paragraph
from reportlab.platypus.paragraph import ParaLines

from effmon.reports.fonts import cjk_font

# Chinese punctuation that may not start a line: reportlab's CJK wrapping knows the
# Japanese set (。、」）) and hangs one of these in the margin; add the full-width ones
# Chinese uses.
for _module in (paragraph, textsplit):  # one-fragment and many-fragment paragraphs
    _module.ALL_CANNOT_START += "，；：！？》〉』”’％"


# Opening marks may not end a line (行尾禁则): 「网办率（」 then 「比深圳…」 reads broken.
CANNOT_END = "（《〈『「“‘［【〔"
# Nor may a number leave its measure word (「逾期未整改 8」 / 「项」) or its date unit.
MEASURE_WORDS = "项件条个人次天份家位元分倍台所处名户岁年月日时周%％‰"
NUMBER_AT_END = re.compile(r"[\d.,]+[ \u00a0]?$")


def _starts_badly(text: str) -> bool:
    return bool(text) and text[0] in paragraph.ALL_CANNOT_START


def _carried(text: str, following: str) -> int:
    """How many characters at the end of a line go down to the next one: an opening mark
    (行尾禁则), or a number whose measure word starts the next line (「8」 then 「项」)."""
    if len(text) > 1 and text[-1] in CANNOT_END:
        return 1
    if following[:1] in MEASURE_WORDS and (number := NUMBER_AT_END.search(text)):
        return len(text) - number.start() if number.start() > 0 else 0
    return 0


def _hang_text_lines(lines: list, font: str, size: float) -> list:
    """wordSplit's lines ([extra space, text]) with punctuation that would start a line
    hung at the end of the line before (a line of nothing else goes): reportlab hangs one
    mark, so 「）。」 left 「。」 to start the next line; and an opening mark that would end a
    line moved to the start of the next."""
    for before, line in pairwise(lines):
        while _starts_badly(line[1]):
            mark, width = line[1][0], pdfmetrics.stringWidth(line[1][0], font, size)
            before[0], before[1] = before[0] - width, before[1] + mark
            line[0], line[1] = line[0] + width, line[1][1:]
        while line[1] and (n := _carried(before[1], line[1])):  # down with its word
            mark = before[1][-n:]
            width = pdfmetrics.stringWidth(mark, font, size)
            before[0], before[1] = before[0] + width, before[1][:-n]
            line[0], line[1] = line[0] - width, mark + line[1]
    return [line for n, line in enumerate(lines) if n == 0 or line[1]]


def _hang_frag_lines(para: ParaLines) -> ParaLines:
    """cjkFragSplit's lines with punctuation that would start a line hung at the end of
    the line before (see _hang_text_lines)."""
    for before, line in pairwise(para.lines):
        while line.words and before.words and _starts_badly(line.words[0].text):
            first = line.words[0]
            mark = first.text[0]
            width = pdfmetrics.stringWidth(mark, first.fontName, first.fontSize)
            before.words[-1].text += mark
            before.extraSpace -= width
            before.currentWidth += width
            line.extraSpace += width
            line.currentWidth -= width
            first.text = first.text[1:]
            if not first.text:
                line.words.pop(0)
        while (
            line.words
            and before.words
            and (n := _carried(before.words[-1].text, line.words[0].text))
        ):
            last = before.words[-1]
            mark = last.text[-n:]
            width = pdfmetrics.stringWidth(mark, last.fontName, last.fontSize)
            last.text = last.text[:-n]
            line.words[0].text = mark + line.words[0].text
            before.extraSpace += width
            before.currentWidth -= width
            line.extraSpace -= width
            line.currentWidth += width
    para.lines = [line for n, line in enumerate(para.lines) if n == 0 or line.words]
    return para


_word_split, _frag_split = paragraph.wordSplit, paragraph.cjkFragSplit
paragraph.wordSplit = lambda word, widths, font, size, *rest: _hang_text_lines(
    _word_split(word, widths, font, size, *rest), font, size
)
paragraph.cjkFragSplit = lambda *args, **kwargs: _hang_frag_lines(_frag_split(*args, **kwargs))

INK = colors.HexColor("#1a1a1a")
ACCENT = colors.HexColor("#1f4e79")
RED = colors.HexColor("#b00000")
# name: size, leading, extra settings
_STYLES = {
    "body": (10.5, 17, {"firstLineIndent": 21, "spaceAfter": 4}),
    "plain": (10.5, 16, {}),
    "bullet": (10.5, 16, {"leftIndent": 14, "bulletIndent": 2, "spaceAfter": 2}),
    "note": (8.5, 12, {"textColor": colors.HexColor("#555555"), "spaceAfter": 6}),
    "caption": (9.5, 13, {"alignment": TA_CENTER, "spaceBefore": 2, "spaceAfter": 8}),
    "cell": (8.5, 11, {}),
    "head_cell": (8.5, 11, {"textColor": colors.white}),
    "h1": (15, 22, {"textColor": ACCENT, "spaceBefore": 12, "spaceAfter": 8, "keepWithNext": 1}),
    "h1_plain": (15, 22, {"textColor": ACCENT, "spaceAfter": 8}),
    "h2": (12, 18, {"textColor": ACCENT, "spaceBefore": 8, "spaceAfter": 4, "keepWithNext": 1}),
    "toc1": (11, 20, {"leftIndent": 0}),
    "toc2": (10, 16, {"leftIndent": 18}),
    "cover_org": (16, 24, {"alignment": TA_CENTER}),
    "cover_title": (28, 40, {"alignment": TA_CENTER, "textColor": ACCENT}),
    "cover_sub": (14, 22, {"alignment": TA_CENTER}),
    "cover_secret": (12, 20, {"alignment": TA_CENTER, "textColor": RED}),
    "cover_stamp": (9.5, 16, {"alignment": TA_CENTER, "textColor": colors.HexColor("#555555")}),
    "letter": (12, 22, {"firstLineIndent": 24, "spaceAfter": 6}),
    "masthead_title": (30, 42, {"alignment": TA_CENTER, "textColor": RED, "spaceBefore": 10}),
    "masthead_issue": (12, 20, {"alignment": TA_CENTER}),
    "masthead_line": (11, 16, {}),
    "masthead_date": (11, 16, {"alignment": TA_RIGHT}),
}


@cache
def style(name: str) -> ParagraphStyle:
    """The named style; Chinese text wraps between any two characters (wordWrap CJK)."""
    size, leading, extra = _STYLES[name]
    settings = {"textColor": INK, **extra}
    font = cjk_font()
    return ParagraphStyle(
        name,
        fontName=font,
        bulletFontName=font,
        fontSize=size,
        leading=leading,
        wordWrap="CJK",
        **settings,
    )
