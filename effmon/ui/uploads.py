"""Uploaded files kept on disk for the length of a session, so every loader reads a path."""

from __future__ import annotations

import tempfile
from pathlib import Path

from streamlit.runtime.uploaded_file_manager import UploadedFile

_DIR = Path(tempfile.gettempdir()) / "effmon-uploads"


def saved_upload(upload: UploadedFile) -> Path:
    """The upload written once under a name of our own (the user's name is only shown)."""
    suffix = Path(upload.name).suffix.lower()
    target = _DIR / f"{upload.file_id}{suffix if suffix.isascii() else ''}"
    if not target.exists():
        _DIR.mkdir(parents=True, exist_ok=True)
        target.write_bytes(upload.getbuffer())
    return target
