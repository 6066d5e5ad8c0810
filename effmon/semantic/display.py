"""How a measure's values and changes reach a person: the one formatter behind pages,
tables, exports, PDFs and the command line, following each measure's catalog entry."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping

import pandas as pd

from effmon import config, labels
from effmon.semantic import catalog

TEXT = labels.CHANGE_TEXT


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def number_text(key: str, value: float | None) -> str:
    """A value without its unit, by the measure's rule: 1,234; 89.4 (a share, in %); 13.2."""
    if _missing(value):
        return labels.MISSING
    measure = catalog.measure(key)
    shown = value * 100 if measure.share else value
    return f"{shown:,.{measure.decimals}f}"


def value_text(key: str, value: float | None) -> str:
    """A value with its unit: 1,234 件, 89.4%, 13.2 分钟; a dash when unknown."""
    text = number_text(key, value)
    if text == labels.MISSING:
        return text
    unit = catalog.measure(key).unit
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def mean_number_text(key: str, value: float | None, signed: bool = False) -> str:
    """A mean of a measure per day or per unit, or a change of one, without its unit: one
    decimal at least (a daily mean of a count is no count: 80.6, never 81 beside 80.6), the
    measure's own decimals when it has more; thousands separated: 1,234.5, +1.0."""
    if _missing(value):
        return labels.MISSING
    decimals = max(catalog.measure(key).decimals, 1)
    return f"{value:{'+' if signed else ''},.{decimals}f}"


def mean_text(key: str, value: float | None, signed: bool = False) -> str:
    """mean_number_text with the measure's unit: 80.6 件, -8.1 分钟, +1.0 个."""
    text = mean_number_text(key, value, signed)
    return text if text == labels.MISSING else f"{text} {catalog.measure(key).unit}"


def header(key: str) -> str:
    """A table or export column's header: the name with its unit, 网办率(%), 平均等候时长(分钟)."""
    measure = catalog.measure(key)
    return f"{measure.name}({measure.unit})"


def headers(keys: list[str]) -> dict[str, str]:
    """Each measure's table header by key."""
    return {key: header(key) for key in keys}


def table_values(key: str, values: pd.Series) -> pd.Series:
    """Values as numbers for a table or an export: a share in % and every value rounded to
    its rule (counts as whole numbers)."""
    measure = catalog.measure(key)
    shown = values.astype(float) * (100 if measure.share else 1)
    if measure.decimals == 0:
        return shown.round().astype("Int64")
    return shown.round(measure.decimals)


def key_text(dimension: str, key: object, names: Mapping[str, Mapping[str, str]]) -> str:
    """A value of a dimension as it reads (the catalog's ``reads``): a site, a window or an
    indicator by its name from ``names`` (value_names), a missing value
    as the dimension's word for it (（未注明）), anything else as it is."""
    if _missing(key):
        return catalog.dimension(dimension).missing
    return names.get(catalog.dimension(dimension).reads, {}).get(str(key), str(key))


def value_names(values: Mapping[str, Mapping]) -> dict[str, dict[str, str]]:
    """The names of dimension values by how they read (``reads``), from what the store holds
    about them (effmon.store.queries.value_names): a window's name made by window_text."""
    windows = {code: window_text(code, *place) for code, place in values["window"].items()}
    return {**values, "window": windows}


def named(frame: pd.DataFrame, names: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """``frame`` with the values of every column that is a dimension of the catalog read
    by key_text (sites and windows by their names, a missing value as （未注明）)."""
    columns = [c for c in frame.columns if c in catalog.dimensions()]
    return frame.assign(**{c: [key_text(c, k, names) for k in frame[c]] for c in columns})


def window_text(code: str, site: str | None, department: str | None) -> str:
    """How a window reads: its site, department and number, 「主中心 税务局 4 号窗口」 for
    Q01-D01-4 (「… 2 号综合窗口」 for a window without a department)."""
    number = re.search(r"(\d+)$", code)
    if not number:
        return " ".join(part for part in (site, department, code) if part)
    window = f"{number.group(1)} 号窗口" if department else f"{number.group(1)} 号综合窗口"
    return " ".join(part for part in (site, department, window) if part)


def measure_table(
    frame: pd.DataFrame,
    dimensions: list[str],
    keys: list[str],
    names: Mapping[str, Mapping[str, str]],
) -> pd.DataFrame:
    """Measures by dimensions for a table or an export: each dimension's values as they read
    under its name, each measure by its display rule under its header (办件量(件))."""
    shown = pd.DataFrame(
        {catalog.dimension(d).name: [key_text(d, k, names) for k in frame[d]] for d in dimensions}
    )
    for key in keys:
        shown[header(key)] = table_values(key, frame[key]).to_numpy()
    return shown


def percent_text(fraction: float, signed: bool = False, decimals: int = 1) -> str:
    """A fraction that is no measure's value (a relative change, a part of a change,
    progress against a plan) in %: 19.9%, +19.9% signed."""
    return f"{fraction * 100:{'+' if signed else ''},.{decimals}f}%"


def points_text(difference: float) -> str:
    """A difference of two fractions that is no measure's change (a model's confidence
    against its accuracy) in 个百分点, one decimal: 2.0 个百分点."""
    return TEXT["points"].format(value=difference * 100)


def percent_values(fractions: pd.Series | list[float]) -> pd.Series:
    """Fractions that are no measure's value (see percent_text) as numbers in % for a
    table's (%) column or a chart, to one decimal."""
    return (pd.Series(fractions, dtype=float) * 100).round(1)


def change(key: str, value: float, base: float) -> float:
    """The change from ``base`` to ``value`` in the measure's terms: a fraction for a relative
    change, percentage points for a share, units for a score; NaN without a usable base."""
    if _missing(value) or _missing(base):
        return math.nan
    rule = catalog.measure(key).change
    if rule == "points":
        return (value - base) * 100
    if rule == "absolute":
        return value - base
    return math.nan if base == 0 else value / base - 1


def judge(key: str, value: float, base: float) -> str:
    """'good', 'bad' or 'flat' by the measure's direction ('flat' for a neutral measure)."""
    moved = change(key, value, base)
    direction = catalog.measure(key).direction
    if math.isnan(moved) or _flat(key, moved) or direction == "neutral":
        return "flat"
    return "good" if (moved > 0) == (direction == "up") else "bad"


def change_text(key: str, value: float, base: float) -> str:
    """A change in words: 上升 5.2%, 下降 1.3 个百分点, 基本持平; from a small base the two
    counts (由 3 件增至 104 件); a dash without a base (say why once, beside the figures)."""
    if _missing(value) or _missing(base):
        return TEXT["none"]
    measure = catalog.measure(key)
    if measure.kind == "count" and base < config.get_float("min_base_for_percent"):
        if value == base:
            return TEXT["flat"]
        return TEXT["from_to"].format(
            before=value_text(key, base),
            after=value_text(key, value),
            moved=TEXT["rose_to" if value > base else "fell_to"],
        )
    moved = change(key, value, base)
    if _flat(key, moved):
        return TEXT["flat"]
    size = abs(moved)
    amount = {
        "relative": percent_text(size),
        "points": TEXT["points"].format(value=size),
        "absolute": TEXT["units"].format(value=size, unit=measure.unit),
    }[measure.change]
    return TEXT["up" if moved > 0 else "down"].format(change=amount)


def signed_change_text(key: str, value: float, base: float) -> str | None:
    """A change as a signed figure for a card's delta: +5.2%, -1.3 个百分点, +0.4 分;
    基本持平 for a change too small to speak of (never 「+0.0%」); None without a base."""
    moved = change(key, value, base)
    if math.isnan(moved):
        return None
    if _flat(key, moved):
        return TEXT["flat"]
    rule = catalog.measure(key).change
    if rule == "relative":
        return percent_text(moved, signed=True)
    unit = TEXT["point_unit"] if rule == "points" else catalog.measure(key).unit
    return f"{moved:+.1f} {unit}"


def _flat(key: str, moved: float) -> bool:
    """A change too small to speak of: under the flat_change setting (0.5%) relative, or a
    tenth as many points or units (0.05)."""
    flat = config.get_float("flat_change")
    least = flat if catalog.measure(key).change == "relative" else flat * 10
    return abs(moved) < least
