"""Place names found in a complaint: residential compounds, schools, roads, villages.

A place is a run of two to eight name characters ending in one of the suffixes of
``places.csv`` (小区, 花园, 学校, 路, 村 …); the run stops at punctuation and at the small
words that end a name in Chinese text (的, 在, 是, 我, 和 …), and leading administrative
parts (省, 市, 区, 县 names) are dropped, so "我是A市A5区汇金路五矿万境小区的业主" gives
汇金路五矿万境小区. Generic words that only look like places (政府, 道路, 出路) are skipped.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from effmon.text.segment import tokens

SUFFIXES_CSV = Path(__file__).with_name("places.csv")
# Characters that end a name when reading leftwards from its suffix.
_BREAKS = (
    "的在是我你他她它们了和与及或对于到从向为被把给让请有个这那该此其住位近旁边附靠临"
    "就都也还又再很太等关反映投诉举报建议咨询希望要求尽快进入距离并"
)
_ADMIN = re.compile(r"^(?:[^省市区县]{0,4}?(?:省|市|(?<!小)区|县)(?![场政道]))+(?=.)")
_GENERIC = {
    "政府", "道路", "马路", "公路", "线路", "思路", "出路", "一路", "走路", "进路", "小路",
    "大街", "上街", "农村", "乡村", "城乡", "新城区", "学院", "大学", "小学", "中学", "学校",
    "医院", "社区", "街道", "项目", "工地", "市场", "公园", "车站", "广场", "楼盘", "小区",
    "铁路", "高速", "附近小区", "过街",
}  # fmt: skip
_NOT_PLACES = ("政府", "委员会")  # 市委市政府 ends in 府 but is not a compound
MIN_NAME, MAX_NAME = 2, 10


@functools.cache
def _pattern() -> re.Pattern:
    suffixes = pd.read_csv(SUFFIXES_CSV, dtype=str)["suffix"]
    ordered = sorted(suffixes, key=len, reverse=True)  # 幼儿园 before 园, 街道 before 街
    name = rf"[^\s\W{_BREAKS}]"
    return re.compile(rf"({name}{{1,8}}?(?:{'|'.join(map(re.escape, ordered))}))")


def _from_word_start(text: str, start: int, end: int) -> str:
    """text[start:end], without a leading piece of a word that began before ``start``
    (关注西湖公园 matched from 注 gives 西湖公园)."""
    context = max(start - 4, 0)
    offset = context
    for word in tokens(text[context:end]):
        if offset >= start:
            return text[offset:end]
        offset += len(word)
    return text[start:end]


def places(text: str) -> list[str]:
    """The place names of ``text`` in order of appearance, each once."""
    found: list[str] = []
    for match in _pattern().finditer(text or ""):
        name = _ADMIN.sub("", _from_word_start(text, match.start(), match.end()))
        if (
            MIN_NAME <= len(name) <= MAX_NAME
            and name not in _GENERIC
            and not name.endswith(_NOT_PLACES)
            and name not in found
        ):
            found.append(name)
    return found
