"""The Chinese TrueType font embedded in every report.

reportlab embeds TrueType outlines only (not the CFF outlines of Noto CJK's .otf files), and
the CID font STSong-Light is never embedded, so it prints blank where the reader lacks it.
The font is the file named by the report_font setting, else the first installed one of
CANDIDATES; ./run.sh installs fonts-wqy-microhei when none is present.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from effmon import config, labels
from effmon.errors import EffmonError

FONT_NAME = "effmon-cjk"
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts")
# TrueType-outline Chinese fonts, in order of preference (Debian package in the comment).
CANDIDATES = (
    "wqy-microhei.ttc",  # fonts-wqy-microhei
    "wqy-zenhei.ttc",  # fonts-wqy-zenhei
    "DroidSansFallbackFull.ttf",  # fonts-droid-fallback
    "simhei.ttf",
    "simsun.ttc",
)
PROBE = "政务服务效能"  # characters the font must have


@cache
def cjk_font() -> str:
    """Register the report font once and return its reportlab name."""
    path = font_file()
    try:
        font = TTFont(FONT_NAME, str(path), subfontIndex=0)
    except (TTFError, OSError) as error:
        raise EffmonError(labels.REPORT_FONT["unusable"].format(path=path, detail=error)) from error
    if any(ord(char) not in font.face.charToGlyph for char in PROBE):
        raise EffmonError(labels.REPORT_FONT["not_chinese"].format(path=path))
    pdfmetrics.registerFont(font)
    return FONT_NAME


def font_file() -> Path:
    """The configured font file, else the first installed candidate; a clear error if none."""
    configured = config.get("report_font")
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise EffmonError(labels.REPORT_FONT["missing_file"].format(path=path))
        return path
    for name in CANDIDATES:
        for folder in FONT_DIRS:
            found = next(folder.rglob(name), None) if folder.is_dir() else None
            if found is not None:
                return found
    raise EffmonError(labels.REPORT_FONT["none"])
