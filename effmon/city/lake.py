"""A city's lake as one reads it: the union of the districts' exports under one or more
roots (folders or URLs), each read through its manifest and checked before any engine sees
it. A root is a lake (holding ``district=<code>`` folders) or one district's folder.

A district's export is refused with a message naming the district when it was written by
another schema version, when one of its partitions carries another version than its
manifest, when the same district appears twice (under one name or two), or when a file
does not match its manifest's checksum.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import fs

from effmon import labels
from effmon.city import files
from effmon.city.manifest import MANIFEST, SCHEMA_KEY, Manifest, district_folder, parse_manifest
from effmon.errors import LakeError
from effmon.store.connect import latest_schema_version


@dataclass(frozen=True)
class District:
    root: str  # the root it was found under, as given
    folder: str  # its folder, relative to the root ('' when the root is the folder)
    manifest: Manifest

    @property
    def code(self) -> str:
        return self.manifest.district_code

    @property
    def name(self) -> str:
        return self.manifest.district_name

    @property
    def where(self) -> str:
        """Its folder's address, for messages."""
        return files.url(self.root, self.folder) if self.folder else self.root

    def urls(self, table: str) -> list[str]:
        """The addresses of the files of ``table`` its manifest names."""
        base = f"{self.folder}/" if self.folder else ""
        return [files.url(self.root, base + part.path) for part in self.manifest.tables[table]]


@dataclass(frozen=True)
class Lake:
    districts: tuple[District, ...]

    def export_ids(self) -> list[str]:
        """Each district's export id, in order: they change when a district exports again."""
        return sorted(d.manifest.export_id for d in self.districts)

    def names(self) -> dict[str, str]:
        """Each district's name by its code, in code order."""
        return {d.code: d.name for d in sorted(self.districts, key=lambda d: d.code)}

    def urls(self, table: str) -> list[str]:
        """The addresses of every district's files of ``table``."""
        return [url for district in self.districts for url in district.urls(table)]

    def months(self) -> list[str]:
        """The months ('YYYY-MM') from the first any district covers to the last, in order."""
        spans = [(d.manifest.first_month, d.manifest.last_month) for d in self.districts]
        spans = [(first, last) for first, last in spans if first and last]
        if not spans:
            return []
        first, last = min(f for f, _ in spans), max(last for _, last in spans)
        return [str(m) for m in pd.period_range(first, last, freq="M")]

    def last_common_month(self) -> str:
        """The last month every district's export covers (the districts compare fully up to
        it); '' when a district covers none."""
        lasts = [d.manifest.last_month for d in self.districts]
        return min(lasts) if all(lasts) else ""


def open_lake(roots: list[str], verify: bool = True) -> Lake:
    """The districts' exports under ``roots``, checked: one schema version (this effmon's),
    each district once, and (``verify``) every file as its manifest says."""
    districts = [d for root in roots for d in _districts(root)]
    if not districts:
        raise LakeError(labels.LAKE["empty"].format(lake="，".join(roots)))
    expected = latest_schema_version()
    seen: dict[str, District] = {}
    for district in districts:
        _check_version(district, expected)
        if district.code in seen:
            _exported_twice(seen[district.code], district)
        seen[district.code] = district
        if verify:
            _check_files(district)
    return Lake(tuple(districts))


def export_ids(roots: list[str]) -> tuple[str, ...]:
    """The export id of every district under ``roots``, read from the manifests alone: it
    changes when a district exports again (a reader of the old files must open the lake
    again, as they are removed)."""
    return tuple(sorted(d.manifest.export_id for root in roots for d in _districts(root)))


def lake_roots(setting: str) -> list[str]:
    """The roots of a lake from a comma-separated setting."""
    return [root.strip() for root in setting.split(",") if root.strip()]


def _districts(root: str) -> list[District]:
    lake_fs, path = files.open_root(root)
    if files.exists(lake_fs, f"{path}/{MANIFEST}"):
        return [District(root, "", _manifest(lake_fs, path, ""))]
    if not files.exists(lake_fs, path):
        return []
    found = []
    for info in sorted(lake_fs.get_file_info(fs.FileSelector(path)), key=lambda i: i.path):
        folder = info.base_name
        has_manifest = files.exists(lake_fs, f"{info.path}/{MANIFEST}")
        if info.type != fs.FileType.Directory or not folder.startswith("district="):
            continue
        if not has_manifest:  # a first export still being written: not there yet
            continue
        manifest = _manifest(lake_fs, info.path, folder)
        if district_folder(manifest.district_code) != folder:
            raise LakeError(
                labels.LAKE["folder"].format(
                    folder=files.url(root, folder), code=manifest.district_code
                )
            )
        found.append(District(root, folder, manifest))
    return found


def _manifest(lake_fs: fs.FileSystem, folder_path: str, shown: str) -> Manifest:
    path = f"{folder_path}/{MANIFEST}"
    try:
        return parse_manifest(files.read_bytes(lake_fs, path).decode("utf-8"))
    except (ValueError, KeyError, TypeError) as exc:
        raise LakeError(labels.LAKE["bad_manifest"].format(path=path, detail=exc)) from exc


def _check_version(district: District, expected: int) -> None:
    found = district.manifest.schema_version
    if found != expected:
        raise LakeError(
            labels.LAKE["schema_version"].format(
                name=district.name, code=district.code, found=found, expected=expected
            )
        )


def _exported_twice(first: District, second: District) -> None:
    where = {"first_path": first.where, "second_path": second.where, "code": first.code}
    if first.name != second.name:
        raise LakeError(
            labels.LAKE["two_names"].format(first=first.name, second=second.name, **where)
        )
    raise LakeError(labels.LAKE["twice"].format(name=first.name, **where))


def _check_files(district: District) -> None:
    lake_fs, root = files.open_root(district.root)
    base = f"{root}/{district.folder}" if district.folder else root
    who = {"name": district.name, "code": district.code}
    for parts in district.manifest.tables.values():
        for part in parts:
            path = f"{base}/{part.path}"
            if not files.exists(lake_fs, path):
                raise LakeError(labels.LAKE["missing_file"].format(path=path, **who))
            content = files.read_bytes(lake_fs, path)
            if files.sha256(content) == part.sha256:
                continue
            # a partition copied in from another export says so, else the file was changed
            found = _schema_version(content)
            if found not in (None, str(district.manifest.schema_version)):
                raise LakeError(
                    labels.LAKE["partition_version"].format(
                        path=path, found=found, expected=district.manifest.schema_version, **who
                    )
                )
            raise LakeError(labels.LAKE["checksum"].format(path=path, **who))


def _schema_version(content: bytes) -> str | None:
    """The schema version a Parquet file was written by (None when it cannot be read)."""
    try:
        metadata = pq.read_schema(io.BytesIO(content)).metadata or {}
    except pa.ArrowInvalid:
        return None
    return metadata.get(SCHEMA_KEY, b"?").decode()
