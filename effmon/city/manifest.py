"""The manifest of one district's export to a city's lake: which effmon schema wrote it, the
district's code and name, the months it covers, and each table's files with their months,
row counts and SHA-256 checksums (paths relative to the district's folder).

A district's folder ``district=<code>/`` holds ``manifest.json`` and the export it names,
``<export id>/<table>/month=<YYYY-MM>/part-0.parquet``: only the files a manifest names are
ever read, so an export that is still being written, or was cut short, is never seen.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

MANIFEST = "manifest.json"
FORMAT = 1  # the layout of the lake; the tables' columns follow the schema version
SCHEMA_KEY = b"effmon.schema_version"  # also in each Parquet file's key-value metadata


@dataclass(frozen=True)
class Part:
    path: str  # relative to the district's folder
    month: str  # 'YYYY-MM', or 'none' for rows without a time and for a dimension table
    rows: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    schema_version: int
    district_code: str
    district_name: str
    first_month: str
    last_month: str
    export_id: str
    exported_at: str
    tables: dict[str, list[Part]]
    format: int = FORMAT

    def rows(self, table: str) -> int:
        """Rows of ``table`` in this export."""
        return sum(part.rows for part in self.tables.get(table, []))

    def to_json(self) -> str:
        """The manifest as the JSON text written beside the export."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=1)


def district_folder(code: str) -> str:
    """The Hive-style folder name of a district in the lake."""
    return f"district={code}"


def parse_manifest(text: str) -> Manifest:
    """A manifest from its JSON text (KeyError or ValueError when it is not one)."""
    data = json.loads(text)
    tables = {name: [Part(**part) for part in parts] for name, parts in data.pop("tables").items()}
    return Manifest(**data, tables=tables)
