"""What each import KIND holds: its canonical columns, types, keys and header variants.

The specification itself is data (``columns.csv`` and ``values.csv`` beside this file).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_HERE = Path(__file__).parent
TYPES = ("text", "int", "float", "number", "timestamp", "date", "month", "enum", "level")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    required: bool
    key: str  # "", "yes" or "derived" (a hash of the row when the file has no such column)
    domain: str  # allowed-value domain of enum/level columns
    references: str  # "table.column" the value must exist in, or ""
    variants: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    name: str
    columns: tuple[Column, ...]

    @property
    def table(self) -> str:
        return self.name.replace("-", "_")

    @property
    def key_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.key)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


@cache
def kinds() -> dict[str, Kind]:
    """All import kinds by name, in the order of ``columns.csv``."""
    by_kind: dict[str, list[Column]] = {}
    with open(_HERE / "columns.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            assert row["type"] in TYPES, row
            by_kind.setdefault(row["kind"], []).append(
                Column(
                    name=row["column"],
                    type=row["type"],
                    required=row["required"] == "yes",
                    key=row["key"],
                    domain=row["domain"],
                    references=row["references"],
                    variants=tuple(v for v in row["variants"].split("|") if v),
                )
            )
    return {name: Kind(name, tuple(cols)) for name, cols in by_kind.items()}


@cache
def value_variants() -> tuple[tuple[str, str, str], ...]:
    """(domain, variant, canonical value) for every accepted spelling, canonical included."""
    rows: list[tuple[str, str, str]] = []
    with open(_HERE / "values.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            spellings = [row["value"], *row["variants"].split("|")]
            rows += [(row["domain"], s, row["value"]) for s in dict.fromkeys(spellings) if s]
    return tuple(rows)


def allowed_values(domain: str) -> list[str]:
    """Canonical values of one domain, in file order."""
    return list(dict.fromkeys(v for d, _, v in value_variants() if d == domain))
