"""Where a lake lives: a folder on this machine, or a URL (s3://, hdfs://, gs://, file://)
read and written through pyarrow's file systems, so a lake on an object store needs no
other code."""

from __future__ import annotations

import hashlib
import os

from pyarrow import fs


def open_root(root: str) -> tuple[fs.FileSystem, str]:
    """The file system of a folder or URL ``root`` and the root's path on it."""
    if "://" in root:
        return fs.FileSystem.from_uri(root)
    return fs.LocalFileSystem(), os.path.abspath(root)


def url(root: str, relative: str) -> str:
    """The address of a file under ``root`` as an engine (Spark) is given it."""
    base = root if "://" in root else os.path.abspath(root)
    return f"{base.rstrip('/')}/{relative}"


def read_bytes(files: fs.FileSystem, path: str) -> bytes:
    """The whole content of a file."""
    with files.open_input_stream(path) as stream:
        return stream.read()


def write_bytes(files: fs.FileSystem, path: str, content: bytes) -> None:
    """Write a file, creating its folder."""
    files.create_dir(path.rsplit("/", 1)[0], recursive=True)
    with files.open_output_stream(path) as stream:
        stream.write(content)


def sha256(content: bytes) -> str:
    """The SHA-256 checksum of ``content`` in hex."""
    return hashlib.sha256(content).hexdigest()


def exists(files: fs.FileSystem, path: str) -> bool:
    """Whether a file or folder is at ``path``."""
    return files.get_file_info(path).type != fs.FileType.NotFound
