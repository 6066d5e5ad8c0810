"""Images of a PDF's first pages, for the report centre's preview (pdfium, no system tool)."""

from __future__ import annotations

import pypdfium2
from PIL.Image import Image


def page_images(pdf: bytes, pages: int = 2, scale: float = 1.2) -> list[Image]:
    """The first ``pages`` pages of ``pdf`` as images (``scale`` 1 is 72 dots per inch)."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [document[i].render(scale=scale).to_pil() for i in range(min(pages, len(document)))]
    finally:
        document.close()
