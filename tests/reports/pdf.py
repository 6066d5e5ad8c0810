"""Reading generated PDFs back as a person would: their pages' text and their fonts."""

from __future__ import annotations

import io

import pypdf


def pages_text(pdf: bytes) -> list[str]:
    """The extracted text of each page (line breaks and spaces removed, so that wrapped
    Chinese text reads as one string)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return ["".join(page.extract_text().split()) for page in reader.pages]


def fonts(pdf: bytes) -> dict[str, bool]:
    """Each font the pages use: its name and whether the file embeds it."""
    found = {}
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found
