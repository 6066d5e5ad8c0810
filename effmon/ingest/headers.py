"""Map the header names of a real export to the canonical columns of a kind."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

from effmon.domain.kinds import Kind

IGNORE = ""  # a user mapping to the empty name drops that source column


def normalize(name: object) -> str:
    """Header text folded for matching: NFKC (full-width → half-width), no spaces, lower case."""
    text = unicodedata.normalize("NFKC", str(name if name is not None else ""))
    folded = re.sub(r"\s+", "", text.replace("\ufeff", "")).lower()
    # Removing a space can join a letter to a combining mark: fold once more, so that a
    # folded name folds to itself.
    return unicodedata.normalize("NFKC", folded)


@cache
def known_names(kind: Kind) -> dict[str, str]:
    """Normalized header variant → canonical column."""
    names: dict[str, str] = {}
    for col in kind.columns:
        for variant in (col.name, *col.variants):
            names.setdefault(normalize(variant), col.name)
    return names


@dataclass
class HeaderMapping:
    """Which source column (by position) feeds which canonical column."""

    positions: dict[str, int] = field(default_factory=dict)  # canonical → source position
    unknown: list[str] = field(default_factory=list)  # source headers mapped to nothing
    missing: list[str] = field(default_factory=list)  # required canonical columns absent
    doubled: list[tuple[str, list[str]]] = field(default_factory=list)  # canonical, sources


def map_headers(
    kind: Kind, headers: list[str], user_map: dict[str, str] | None = None
) -> HeaderMapping:
    """Match ``headers`` against the kind's variants; ``user_map`` (source → canonical) wins."""
    names = known_names(kind)
    user = {normalize(src): dst for src, dst in (user_map or {}).items()}
    sources: dict[str, list[int]] = {}
    result = HeaderMapping()
    for pos, header in enumerate(headers):
        key = normalize(header)
        if not key:
            continue
        target = user[key] if key in user else names.get(key)
        if target is None:
            result.unknown.append(str(header))
        elif target != IGNORE:
            sources.setdefault(target, []).append(pos)
    for target, positions in sources.items():
        if len(positions) > 1:
            result.doubled.append((target, [str(headers[p]) for p in positions]))
        result.positions[target] = positions[0]
    result.missing = [c.name for c in kind.columns if c.required and c.name not in result.positions]
    return result


def header_score(kind: Kind, cells: list[object], user_map: dict[str, str] | None = None) -> int:
    """How many cells of a row are recognised header names: used to find the header row."""
    names = set(known_names(kind)) | {normalize(s) for s in (user_map or {})}
    return sum(1 for c in cells if normalize(c) in names)
