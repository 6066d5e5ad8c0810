"""``effmon lake export``: a district's store written to a city's lake as Parquet, partitioned
by district and month, with its manifest (effmon.city.manifest).

A re-export replaces only the district's own folder, and atomically: the new files are
written aside under a new export id, then the manifest naming them replaces the old one in
one rename (one write on an object store), and only then the old export is removed. A reader
holds either the old export or the new one, never a part of each nor a half-written one.
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from effmon import config, labels
from effmon.city import files
from effmon.city.manifest import MANIFEST, SCHEMA_KEY, Manifest, Part, district_folder
from effmon.errors import LakeError
from effmon.store.connect import schema_version
from effmon.store.lake import LAKE_TABLES, lake_months, lake_period, lake_rows


def export_district(
    con: duckdb.DuckDBPyConnection, lake: str, code: str = "", name: str = ""
) -> Manifest:
    """Write the store's tables to the lake at folder or URL ``lake`` as district ``code``
    named ``name`` (by default the settings district_code and district_name), replacing its
    earlier export; returns the manifest written."""
    code, name = code or config.get("district_code"), name or config.get("district_name")
    if not code.strip() or not name.strip():
        raise LakeError(labels.LAKE["no_district"])
    if "/" in code or "=" in code:
        raise LakeError(labels.LAKE["bad_code"].format(code=code))
    lake_fs, root = files.open_root(lake)
    folder = f"{root}/{district_folder(code)}"
    export_id = f"e{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    version = schema_version(con)
    tables = {
        table: _write_table(con, lake_fs, folder, export_id, table, code, version)
        for table in LAKE_TABLES
    }
    first, last = lake_period(con)
    manifest = Manifest(
        schema_version=version,
        district_code=code,
        district_name=name,
        first_month=first,
        last_month=last,
        export_id=export_id,
        exported_at=datetime.now().isoformat(timespec="seconds"),
        tables=tables,
    )
    _replace_manifest(lake_fs, folder, manifest)
    _remove_other_exports(lake_fs, folder, export_id)
    return manifest


def _write_table(
    con: duckdb.DuckDBPyConnection,
    lake_fs: fs.FileSystem,
    folder: str,
    export_id: str,
    table: str,
    code: str,
    version: int,
) -> list[Part]:
    parts = []
    for month in lake_months(con, table):
        rows = lake_rows(con, table, month, code)
        rows = rows.replace_schema_metadata({SCHEMA_KEY: str(version).encode()})
        content = _parquet_bytes(rows)
        relative = f"{export_id}/{table}/month={month}/part-0.parquet"
        files.write_bytes(lake_fs, f"{folder}/{relative}", content)
        parts.append(Part(relative, month, rows.num_rows, files.sha256(content)))
    return parts


def _parquet_bytes(rows: pa.Table) -> bytes:
    buffer = io.BytesIO()
    pq.write_table(rows, buffer, compression="zstd")
    return buffer.getvalue()


def _replace_manifest(lake_fs: fs.FileSystem, folder: str, manifest: Manifest) -> None:
    aside = f"{folder}/.{MANIFEST}.{manifest.export_id}"
    files.write_bytes(lake_fs, aside, manifest.to_json().encode("utf-8"))
    lake_fs.move(aside, f"{folder}/{MANIFEST}")


def _remove_other_exports(lake_fs: fs.FileSystem, folder: str, export_id: str) -> None:
    """Remove the export the new one replaced, and any export cut short before it."""
    for info in lake_fs.get_file_info(fs.FileSelector(folder)):
        if info.type == fs.FileType.Directory and info.base_name != export_id:
            lake_fs.delete_dir(info.path)
