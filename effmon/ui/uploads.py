"""Uploaded files: the picker (in Chinese), the file on disk for the length of one script
run, so every loader reads a path, and a hint when a file looks like another kind than the
one chosen."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from effmon import labels
from effmon.ingest.pipeline import likelier_kind
from effmon.ui import state

# Streamlit draws the drop zone's button and limit in English and takes no text for them:
# the button's words are replaced by a style, the limit is a caption below.
_DROPZONE_STYLE = """<style>
[data-testid="stFileUploaderDropzoneInstructions"] {{ display: none; }}
[data-testid="stFileUploaderDropzone"] button p {{ font-size: 0; }}
[data-testid="stFileUploaderDropzone"] button p::after {{ content: "{button}"; font-size: 1rem; }}
</style>"""


def file_picker(label: str, types: list[str], key: str) -> UploadedFile | None:
    """A file uploader for one file of ``types`` (extensions), its words in Chinese."""
    st.html(_DROPZONE_STYLE.format(button=labels.DROPZONE["button"]))
    upload = st.file_uploader(label, type=types, key=key)
    st.caption(
        labels.DROPZONE["limit"].format(
            megabytes=st.get_option("server.maxUploadSize"),
            types="、".join(t.upper() for t in types),
        )
    )
    return upload


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


def offer_likelier_kind(upload: UploadedFile, path: Path, kind: str, sheet: str | None) -> None:
    """When another kind recognises more of the file's headers, say so and offer a button
    that switches the kind (the page then reads the file again as that kind). Asking reads
    the file's head once more (about a second for a 10 MB XLSX, which is read whole), so the
    answer is kept for the upload, kind and sheet across the page's reruns."""
    known = st.session_state.setdefault(state.UPLOAD_LIKELIER, {})
    asked = (upload.file_id, kind, sheet)
    if asked not in known:
        known[asked] = likelier_kind(path, kind, name=upload.name, sheet=sheet)
    likelier = known[asked]
    if likelier is None:
        return
    words = {"name": upload.name, "kind": labels.KINDS[kind], "likelier": labels.KINDS[likelier]}
    st.warning(labels.UPLOAD["likelier"].format(**words))
    st.button(
        labels.UPLOAD["switch_kind"].format(**words),
        key=state.UPLOAD_SWITCH_KIND,
        on_click=st.session_state.__setitem__,
        args=(state.UPLOAD_KIND, likelier),
    )
