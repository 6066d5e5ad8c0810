"""Rules for numbers and names as a person reads them, checked from the outside on the text
of pages and reports (tests/test_readable_output.py). Each rule is a pure function: a text
(or a table column) in, the offending pieces out — an empty list when the output is right.
tests/test_readable_rules.py shows each rule failing on a bad example and passing on a good
one.

The rules follow the measure catalog (effmon/semantic/measures.csv): a share reads in %
(never as a fraction, never above 100%), a count as a whole number, anything else with at
most its measure's decimals (2 at most); a site reads by its name, not its id alone."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping

import pandas as pd

from effmon.semantic import catalog

_MEASURES_BY_HEADER = {
    header: m for m in catalog.measures().values() for header in (m.name, f"{m.name}({m.unit})")
}

# A number as printed: 1,234.5 or 0.97 or 102 (not part of a longer token such as Q01 or a
# date 2026-10; a leading minus belongs to the number).
NUMBER = r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?![\d.])|(?<![\w.,])-?\d+(?:\.\d+)?(?![\d.])"
_NUMBER = re.compile(NUMBER)
# Words that say a figure is a change, not a level: 同比上升 120% is no share above 100%.
CHANGE_WORDS = "上升|下降|增长|减少|提高|降低|增加|回落|变化|同比|环比|增幅|降幅|升|降|涨|跌|±"
# Between a share's name and its value only a colon, 为/是/达 or spaces may stand.
_GAP = r"[\s：:为是达]{0,3}"
# A share's name as written in text: 好评率, 网办率, 延时服务占比 ...
_SHARE_NAME = r"(?:率|占比)"
# Units a count is given in; 人天 (person-days) and 人次 are read separately below.
COUNT_UNITS = "件|条|个|人|次|项|家|户|名|份|起|所|处"
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
_ENGLISH_WORDS = ["Choose an option", "No options", "No results", "NaN", "nan", "None", "NaT",
                  "null", "True", "False", "<NA>", "inf"]  # fmt: skip


def as_read(markdown: str) -> str:
    """Markdown source as a person reads it: without the backslashes that escape characters
    of data shown as text (effmon.ui.plain)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def _decimals(number: str) -> int:
    return len(number.partition(".")[2])


def _value(number: str) -> float:
    return float(number.replace(",", ""))


def fraction_share_in_text(text: str) -> list[str]:
    """A share written as a fraction: 「好评率 0.97」 (it reads 97.0%, or 0.97% if small)."""
    pattern = re.compile(rf"{_SHARE_NAME}{_GAP}(0\.\d{{2,}})(?![\d%])(?!\s*个百分点)")
    return [m.group(0) for m in pattern.finditer(text)]


def share_over_100_in_text(text: str) -> list[str]:
    """A share above 100%: 「好评率 123.4%」. A change (好评率同比上升 120%) is not a share: only
    a value right after the share's name counts."""
    pattern = re.compile(rf"{_SHARE_NAME}{_GAP}({NUMBER})\s*%")
    return [m.group(0) for m in pattern.finditer(text) if _value(m.group(1)) > 100]


def share_change_in_percent_in_text(text: str) -> list[str]:
    """A share's change written in % where percentage points are meant: 「好评率同比上升 1.2%」,
    「网办率落后 28.1%」 (a share moves by 个百分点; 办件量上升 5.2% is right)."""
    moved = r"(?:上升|下降|提高|降低|增加|减少|回落|领先|落后)"
    pattern = re.compile(rf"{_SHARE_NAME}[^，。；：%\d]{{0,8}}{moved}\s*[+-]?({NUMBER})\s*%")
    return [m.group(0) for m in pattern.finditer(text)]


def percent_on_small_base_in_text(text: str) -> list[str]:
    """A relative change of 1000% or more (「环比变化 3366.7%」): a percentage of a base this
    small says nothing; the two counts (由 3 件增至 104 件) do."""
    pattern = re.compile(rf"(?:{CHANGE_WORDS})\s*[+-]?({NUMBER})\s*%")
    return [m.group(0) for m in pattern.finditer(text) if _value(m.group(1)) >= 1000]


def too_many_decimals_in_text(text: str) -> list[str]:
    """A number with 3 or more decimals: 9.0994 分钟 (the catalog allows 2 at most). A
    p-value is the exception, read by 3 decimals by convention: after p (p < 0.001) or
    before its verdict (0.275 无显著变化)."""
    found = []
    for m in _NUMBER.finditer(text):
        p_value = re.search(r"[pP]\s*值?\s*[<=≤]?\s*$", text[: m.start()]) or re.match(
            r"\s*(无)?显著", text[m.end() : m.end() + 8]
        )
        if _decimals(m.group(0)) >= 3 and not p_value:
            found.append(m.group(0))
    return found


def decimals_over_rule_in_text(text: str, measures: Mapping[str, int]) -> list[str]:
    """A measure's value with more decimals than its rule, right after its name: 「网办率
    55.81%」 where 网办率 shows 1 decimal. ``measures`` maps a name to its decimals; the
    longest name wins (每窗口办件量 is not 办件量), and the name must start a word."""
    names = "|".join(re.escape(n) for n in sorted(measures, key=len, reverse=True))
    # a name inside a longer phrase is another quantity: 日办件量 9.8 is a daily mean
    pattern = re.compile(rf"(?<![\u4e00-\u9fff])({names}){_GAP}({NUMBER})")
    return [
        m.group(0) for m in pattern.finditer(text) if _decimals(m.group(2)) > measures[m.group(1)]
    ]


def count_with_point_zero_in_text(text: str) -> list[str]:
    """A count printed as a float: 102.0 件, 3,744.0, 办件量 102.0. A figure with a decimal rule
    (97.0%, 13.0 分钟, 满意度指数 85.0) is right and is left alone, and so is a mean of a count
    per day or its change (日均 39.0 个, 变化为 -1.0 个 beside +1.8 件: the catalog's rule for
    means keeps one decimal)."""
    found = []
    zero = r"(?<![\w.,])-?\d[\d,]*\.0+(?![\d%])"
    with_unit = re.compile(rf"({zero})\s*(?:{COUNT_UNITS})(?!天|时|小时|分|百分点)")
    thousands = re.compile(r"(?<![\w.,])-?\d{1,3}(?:,\d{3})+\.0+(?![\d%])")
    named = re.compile(rf"(?<!指)(?<!分)(?<!人天)[数量]{_GAP}({zero})")
    for pattern in (with_unit, thousands, named):
        for m in pattern.finditer(text):
            before = text[max(0, m.start() - 12) : m.start()]
            signed = m.group(0).startswith("-") or re.search(r"\+\s*$", before)
            mean = pattern is with_unit and (signed or "日均" in before)
            if not mean:
                found.append(m.group(0))
    return found


def english_in_text(text: str) -> list[str]:
    """English that leaks to a person: month abbreviations (Oct 2026), abbreviated numbers
    (20k, 1.5M) and placeholders of missing values or widgets (nan, None, Choose an option)."""
    found = re.findall(rf"(?<![A-Za-z])(?:{_MONTHS})(?![A-Za-z])", text)
    found += re.findall(r"(?<![\w.])\d+(?:\.\d+)?[kKM](?![A-Za-z])", text)
    for word in _ENGLISH_WORDS:
        found += re.findall(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text)
    return found


def thousands_without_separator_in_text(text: str) -> list[str]:
    """A number of 1,000 or more written without thousands separators: 「3923」 where the
    catalog writes 3,923 (17,331 beside it). A year (1900–2100), a date, a time, a code, a
    number inside an id or a name (12345热线) is no such number."""
    pattern = re.compile(r"(?<![A-Za-z0-9.,:\-_/])\d{4,}(?:\.\d+)?(?![\d,:\-_/A-Za-z]|热线)")
    found = []
    for m in pattern.finditer(text):
        whole = m.group(0).partition(".")[0]
        if len(whole) == 4 and 1900 <= int(whole) <= 2100:
            continue
        found.append(m.group(0))
    return found


def maker_named_in_text(text: str) -> list[str]:
    """Who made a report, on a report that leaves the centre: 「由 命令行（root） 于 2026-12-03
    17:24 生成」 (the audit log keeps it; 「生成时间：2026-12-03 17:24」 is fine)."""
    return re.findall(r"由\s*\S.{0,30}?\s*于\s*\d{4}-\d{2}-\d{2}[\s\d:]*生成|命令行", text)


def id_pattern(sites: Iterable[str], windows: Iterable[str]) -> re.Pattern[str]:
    """Matches a window id (Q01-D01-4, S48-综合2) or a site id (Q01) as a whole token."""
    names = sorted({*sites, *windows}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names)
    return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9-])")


def bare_ids_in_text(text: str, sites: Mapping[str, str], ids: re.Pattern[str]) -> list[str]:
    """A site id, or a window id (whose first part is its site's id), without the site's
    name beside it (a few characters either side): 「Q02 连续 3 个月」 is bare, 「Q02
    高新区政务服务中心（东区分中心）」 and 「高新区政务服务中心（东区分中心）（Q02）」 are not."""
    found = []
    for m in ids.finditer(text):
        name = sites[m.group(0).split("-")[0]]
        near = text[max(0, m.start() - len(name) - 4) : m.end() + len(name) + 4]
        if name not in near:
            found.append(m.group(0))
    return found


# Tables: one column's header and values at a time.


def is_p_value_header(header: str) -> bool:
    """A column of p-values (p 值), read by 3 decimals by convention."""
    return bool(re.fullmatch(r"[pP]\s*值", str(header).strip()))


def is_share_header(header: str) -> bool:
    """A column of shares: its header ends with (%) or 率 or 占比, and it is no change
    (同比(%), 增长率)."""
    header = str(header).strip()
    if re.search(CHANGE_WORDS, header):
        return False
    return bool(re.search(r"([(（]%[)）]|率|占比)$", header))


def is_count_header(header: str) -> bool:
    """A column of counts: a count measure of the catalog by its name or header; else its
    unit is 件/条/个/人/次 or its name ends with 数 or 量 (not 指数, 分数, 人天 or a rate)."""
    header = str(header).strip()
    measure = _MEASURES_BY_HEADER.get(header)
    if measure is not None:  # the catalog knows: 每窗口小时办件量 is a ratio, not a count
        return measure.kind == "count" and measure.decimals == 0
    unit = re.search(r"[(（]([^()（）]*)[)）]$", header)
    if unit:
        return unit.group(1) in COUNT_UNITS.split("|")
    return bool(re.search(r"[数量]$", header)) and not re.search(r"(指数|分数|人天|率)$", header)


def _numbers(values: pd.Series) -> pd.Series:
    numbers = pd.to_numeric(values, errors="coerce") if values.dtype != bool else values[:0]
    return numbers.dropna().astype(float)


def _decimals_of(value: float) -> int:
    for decimals in range(10):
        if math.isclose(value, round(value, decimals), rel_tol=0, abs_tol=1e-9):
            return decimals
    return 10


def _shown(value: float) -> str:
    value = float(value)
    return f"{int(value)}.0" if value.is_integer() else repr(value)


def fraction_share_column(header: str, values: pd.Series) -> list[str]:
    """A share column holding fractions: every value within 0-1, some above 0.5 and written
    with 2+ decimals (0.97 beside 0.53 means 97% and 53%: a share in % that never tops 1%
    does not reach 0.5 in most of its rows)."""
    if not is_share_header(header) or not pd.api.types.is_numeric_dtype(values):
        return []
    numbers = _numbers(values)
    if numbers.empty or numbers.min() < 0 or numbers.max() > 1:
        return []
    if (numbers > 0.5).mean() < 0.5 or not (numbers.map(_decimals_of) >= 2).any():
        return []
    return [_shown(v) for v in numbers if _decimals_of(v) >= 2][:5]


def share_over_100_column(header: str, values: pd.Series) -> list[str]:
    """A share above 100% in a share column. Progress against a plan or target (完成比例,
    计划完成率) is no part of a whole and may pass 100%."""
    if not is_share_header(header) or re.search(r"完成|计划|达成|目标", str(header)):
        return []
    return [_shown(v) for v in _numbers(values) if v > 100 + 1e-9][:5]


def too_many_decimals_column(header: str, values: pd.Series, rule: int | None = None) -> list[str]:
    """Values with more decimals than the column's measure allows (``rule``, from the
    catalog when the header names a measure), and never more than 2."""
    if not pd.api.types.is_float_dtype(values) or is_p_value_header(header):
        return []
    allowed = 2 if rule is None else min(rule, 2)
    return [_shown(v) for v in _numbers(values) if _decimals_of(v) > allowed][:5]


def count_as_float_column(header: str, values: pd.Series) -> list[str]:
    """A count column of whole numbers kept as floats: it reads 102.0 in an export, and
    102.0000 in st.table."""
    if not is_count_header(header) or not pd.api.types.is_float_dtype(values):
        return []
    numbers = _numbers(values)
    if numbers.empty or not numbers.map(float.is_integer).all():
        return []
    return [_shown(v) for v in numbers][:3]


def bare_id_cells(frame: pd.DataFrame, sites: Mapping[str, str], ids: re.Pattern[str]) -> list[str]:
    """Cells that are a site or window id alone while no cell of the same row names the
    site."""
    found = []
    for column in frame.columns:
        if frame[column].dtype == bool:
            continue
        for row, value in frame[column].items():
            if isinstance(value, str) and ids.fullmatch(value.strip()):
                name = sites[value.strip().split("-")[0]]
                if not any(isinstance(v, str) and name in v for v in frame.loc[row]):
                    found.append(f"{column}={value}")
    return found[:5]


def english_cells(frame: pd.DataFrame) -> list[str]:
    """Text cells and headers with English a person should not see (see english_in_text)."""
    found = [f"表头 {h}" for h in frame.columns if english_in_text(str(h))]
    for column in frame.columns:
        for value in frame[column]:
            if isinstance(value, str) and english_in_text(value):
                found.append(f"{column}={value}")
    return found[:5]


def row_measure_cells(frame: pd.DataFrame, whole: bool) -> list[str]:
    """A long table whose rows name their measure (a column of 指标 such as 投诉诉求量,
    平均等候时长): each row's numbers follow that measure's rule — a count with no .0
    (本月 6.0 for 投诉诉求量; ``whole``), else no more decimals than the rule."""
    found = []
    names = {m.name: m for m in catalog.measures().values()}
    rows = frame.reset_index(drop=True)
    rows.columns = range(rows.shape[1])  # repeated headers stay apart
    for position in rows.columns:
        if not rows[position].map(lambda v: isinstance(v, str) and v in names).any():
            continue
        for index, name in rows[position].items():
            measure = names.get(name)
            if measure is None:
                continue
            for other in rows.columns:
                value = rows.at[index, other]
                if not isinstance(value, float) or math.isnan(value):
                    continue
                if whole:
                    bad = measure.decimals == 0 and pd.api.types.is_float_dtype(rows[other])
                else:
                    bad = _decimals_of(value) > measure.decimals
                if bad:
                    found.append(f"{name} {frame.columns[other]}={_shown(value)}")
    return found[:5]


def measure_decimals() -> dict[str, int]:
    """Each measure's name and its header (网办率, 网办率(%)) with its decimals."""
    found = {}
    for m in catalog.measures().values():
        found[m.name] = m.decimals
        found[f"{m.name}({m.unit})"] = m.decimals
    return found


def english_date_axes(figure: Mapping) -> list[str]:
    """Plotly axes of dates without a tickformat: plotly labels them in English (Nov 2026,
    Jun 8). ``figure`` is a plotly figure as a dict (its JSON)."""
    layout = figure.get("layout", {})
    found = []
    for trace in figure.get("data", []):
        for letter in ("x", "y"):
            values = trace.get(letter)
            if not isinstance(values, list) or not values:
                continue
            if not all(isinstance(v, str) and re.match(r"\d{4}-\d{2}-\d{2}", v) for v in values):
                continue
            axis = f"{letter}axis{trace.get(f'{letter}axis', letter)[1:]}"
            if not layout.get(axis, {}).get("tickformat"):
                found.append(f"{axis} ({values[0]} …)")
    return sorted(set(found))
