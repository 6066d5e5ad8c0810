"""Uploaded files on disk for the length of one script run, so every loader reads a path."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from streamlit.runtime.uploaded_file_manager import UploadedFile


@contextmanager
def upload_on_disk(upload: UploadedFile) -> Iterator[Path]:
    """The upload as a private temporary file, removed when the block ends.

    The user's file name is only shown, never used as a path; confidential data is not
    left behind in the temporary folder.
    """
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory(prefix="effmon-upload-") as folder:
        path = Path(folder) / f"upload{suffix if suffix.isascii() else ''}"
        path.write_bytes(upload.getbuffer())
        yield path
