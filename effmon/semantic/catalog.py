"""The catalog of measures and dimensions: every figure effmon shows is defined once, as a
row of ``measures.csv`` (its name, 口径, unit, kind, SQL, direction and display rule), and
every dimension as a row of ``dimensions.csv``. Everything else reads these definitions.
A dimension of scope ``city`` (区县) exists only where many districts meet, in a city's
lake (effmon.city); a district's own store is split by the others.

A measure's SQL is an aggregate over the rows (alias ``c``) of one of the store's sources
(effmon.store.measures.SOURCES): ``numerator`` alone for a count, a quantile or a score,
``numerator`` ÷ ``denominator`` for a share, a mean or a ratio. A ratio of two other
measures names them as ``=key``. ``{as_of}`` in the SQL is the moment a stock is counted at,
``{setting}`` (e.g. ``{repeat_complaint_days}``) that setting's value, each bound as a
parameter. A measure with neither source nor SQL is computed by effmon's rules (a score, the
差评 follow-up rates) and shown by the same display rule.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

KINDS = ("count", "share", "mean", "quantile", "ratio", "score")
DIRECTIONS = ("up", "down", "neutral")  # up: a rise is good news; down: a rise is bad news
CHANGES = ("relative", "points", "absolute")  # a change in %, in 个百分点, or in the unit
READS = ("plain", "month", "site", "window", "indicator", "district")
SCOPES = ("district", "city")  # a district's store has the first, a city's lake both


@dataclass(frozen=True)
class Measure:
    key: str
    name: str
    unit: str
    kind: str
    source: str  # empty for a ratio of two measures and for a computed score
    numerator: str
    denominator: str
    direction: str
    change: str
    decimals: int
    stock: bool  # counted as of a date, which is printed with it
    forecast: bool
    alert: bool
    headline: bool  # a card on 总览 and a row of the report's comparison table
    definition: str

    @property
    def share(self) -> bool:
        """A part of a whole (0-1), shown in % and never above 100%."""
        return self.kind == "share"

    @property
    def online(self) -> bool:
        """Counted on online cases (网办), which belong to no site or street."""
        return "'网办'" in self.numerator

    @property
    def computed(self) -> bool:
        """Computed by effmon's rules rather than by SQL: a score (满意度指数) or a share
        whose parts need working-day rules (差评整改率)."""
        return not self.source and not self.numerator

    @property
    def references(self) -> tuple[str, str] | None:
        """The numerator and denominator measures of a ratio of two measures."""
        if self.numerator.startswith("="):
            return self.numerator[1:], self.denominator[1:]
        return None


@dataclass(frozen=True)
class Dimension:
    key: str
    name: str
    reads: str  # how a value reads: as it is, a month, a site's name, a window's name
    parent: str  # the level above in 全区 → 街道 → 点位 → 部门 → 窗口 ('' at the top)
    missing: str  # what a missing value reads as
    scope: str  # where it exists: a district's store and a city's lake, or only the lake


def _rows(name: str) -> list[dict[str, str]]:
    text = resources.files("effmon.semantic").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def measures() -> dict[str, Measure]:
    """Every measure by key, in the catalog's order."""
    found = {}
    for row in _rows("measures.csv"):
        measure = Measure(
            **{
                **row,
                "decimals": int(row["decimals"]),
                "stock": row["stock"] == "yes",
                "forecast": row["forecast"] == "yes",
                "alert": row["alert"] == "yes",
                "headline": row["headline"] == "yes",
            }
        )
        _check(measure)
        found[measure.key] = measure
    for measure in found.values():
        missing = [k for k in measure.references or () if k not in found]
        if missing:
            raise ValueError(f"measures.csv: {measure.key} refers to unknown {missing}")
    return found


def dimensions() -> dict[str, Dimension]:
    """Every dimension of a district's store by key, in the catalog's order."""
    return {k: d for k, d in city_dimensions().items() if d.scope == "district"}


@cache
def city_dimensions() -> dict[str, Dimension]:
    """Every dimension of a city's lake by key: a district's, then the city's own (区县)."""
    found = {row["key"]: Dimension(**row) for row in _rows("dimensions.csv")}
    for dimension in found.values():
        well_formed = dimension.reads in READS and dimension.scope in SCOPES
        if not well_formed or (dimension.parent and dimension.parent not in found):
            raise ValueError(f"dimensions.csv: {dimension.key} is not well formed")
    return found


def measure(key: str) -> Measure:
    """One measure's definition."""
    return measures()[key]


def dimension(key: str) -> Dimension:
    """One dimension's definition."""
    return city_dimensions()[key]


def headline() -> list[str]:
    """The headline measures, in the catalog's order."""
    return [m.key for m in measures().values() if m.headline]


def hierarchy() -> list[str]:
    """The drill path below 全区: 街道 → 点位 → 部门 → 窗口, by dimension key."""
    children = {d.parent: d.key for d in dimensions().values() if d.parent}
    path, key = [], "street"
    while key:
        path.append(key)
        key = children.get(key, "")
    return path


def _check(measure: Measure) -> None:
    problems = []
    if measure.kind not in KINDS:
        problems.append(f"kind {measure.kind!r}")
    if measure.direction not in DIRECTIONS:
        problems.append(f"direction {measure.direction!r}")
    if measure.change not in CHANGES:
        problems.append(f"change {measure.change!r}")
    divided = measure.kind in ("share", "mean", "ratio")
    if not measure.computed and divided != bool(measure.denominator):
        problems.append("a share, mean or ratio has a denominator, nothing else does")
    if measure.share and measure.change != "points":
        problems.append("a share changes in 个百分点")
    if measure.kind == "score" and not measure.computed:
        problems.append("a score is computed, it has no SQL")
    if not (measure.computed or measure.references) and not (measure.source and measure.numerator):
        problems.append("no source or SQL")
    if problems:
        raise ValueError(f"measures.csv: {measure.key}: {'; '.join(problems)}")
