"""Paragraph styles of the reports, all set in the embedded Chinese font."""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from effmon.reports.fonts import cjk_font

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
    "h1": (15, 22, {"textColor": ACCENT, "spaceBefore": 12, "spaceAfter": 8}),
    "h1_plain": (15, 22, {"textColor": ACCENT, "spaceAfter": 8}),
    "h2": (12, 18, {"textColor": ACCENT, "spaceBefore": 8, "spaceAfter": 4}),
    "toc1": (11, 20, {"leftIndent": 0}),
    "toc2": (10, 16, {"leftIndent": 18}),
    "cover_org": (16, 24, {"alignment": TA_CENTER}),
    "cover_title": (28, 40, {"alignment": TA_CENTER, "textColor": ACCENT}),
    "cover_sub": (14, 22, {"alignment": TA_CENTER}),
    "cover_secret": (12, 20, {"alignment": TA_CENTER, "textColor": RED}),
    "cover_stamp": (9.5, 16, {"alignment": TA_CENTER, "textColor": colors.HexColor("#555555")}),
    "letter": (12, 22, {"firstLineIndent": 24, "spaceAfter": 6}),
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
