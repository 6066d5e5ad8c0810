"""Place names found in a complaint: residential compounds, schools, roads, villages.

A place is a run of two to eight name characters ending in one of the suffixes of
``places.csv`` (小区, 花园, 学校, 路, 村 …); the run stops at punctuation and at the small
words that end a name in Chinese text (的, 在, 是, 我, 和 …), and leading administrative
parts (省, 市, 区, 县 names) are dropped, so "我是A市A5区汇金路五矿万境小区的业主" gives
汇金路 and 五矿万境小区. Generic words that only look like places (政府, 道路, 出路) and bare
suffixes (新城) are skipped. A service site is named with the names right before it (its
street, community, or the compound a community is named after) and the branch in brackets
right after it (中和街道综合便民服务中心, 三岔兴隆花园社区便民服务室,
高新区政务服务中心（东区分中心）), so the same problem at two halls is at two places.
"""

from __future__ import annotations

import re
from pathlib import Path

from effmon.text.names import (
    BREAKS,
    Suffixes,
    after_last_verb,
    from_word_start,
    particular,
    suffixes,
    without_admin,
)
from effmon.text.segment import dictionary_tag, tokens

SUFFIXES_CSV = Path(__file__).with_name("places.csv")
_QUALIFIER = re.compile(r"[（(][^（()）\s]{1,8}[)）]")  # a branch in brackets after a name
_BUS_ROUTE = re.compile(r"\d+路$")
_SCHOOL = "学校"
# Words of how a school is run or ranked: a school named by them alone is a kind of school
# (普惠性民办幼儿园, 小区配套幼儿园, 转成普惠制幼儿园), and complaints naming it are about
# different schools.
_HOW_RUN = re.compile(
    r"(?:[一二三]级|公办|民办|公立|私立|普惠[性制园]?|非?营利性?|性质|配套|小区|幼儿园|转成?)+"
)
_JOINING = re.compile("[和与及]")  # breaks that are also parts of names: 中和街道, 祥和社区
_WINDOW = 8  # characters segmented on each side of a 和/与/及 to judge it
_SERVICE_SITE = "服务场所"
_WIDE = ("道路", "街道乡镇", _SERVICE_SITE)
# 项目 and 工地 follow common words as often as names (改造项目, 施工工地): a project
# needs a word that names it (泉星公园项目).
_PROJECT = "工地项目"
_GENERIC = {
    "政府", "道路", "马路", "公路", "线路", "思路", "出路", "一路", "走路", "进路", "小路",
    "大街", "上街", "农村", "乡村", "城乡", "新城区", "学院", "大学", "小学", "中学", "学校",
    "医院", "社区", "街道", "项目", "工地", "市场", "公园", "车站", "广场", "楼盘", "小区",
    "铁路", "高速", "附近小区", "过街", "安置小区", "居民小区", "生活小区", "高档小区",
    "老小区", "配套小学", "配套幼儿园", "市属中学", "区属中学", "中小学",
    "公交线路", "公交车站", "十字路", "交叉路",
    "断头路", "修路", "套路", "电路", "主路", "支路", "速路", "沿街", "老街", "后街",
    "小区道路", "城市道路", "高速公路", "菜市场", "农贸市场", "房地产市场", "大型楼盘",
    "工程项目", "重点项目", "商品房项目", "餐饮服务项目", "城镇", "乡镇", "村镇", "专科医院",
    "眼科专科医院", "人民医院", "卫生院", "卫生服务中心", "社区卫生服务中心",
}  # fmt: skip
_NOT_PLACES = ("政府", "委员会")  # 市委市政府 ends in 府 but is not a compound
MIN_NAME, MAX_NAME = 2, 10


def _suffixes() -> Suffixes:
    return suffixes(SUFFIXES_CSV, BREAKS)


def _names_joined(text: str) -> str:
    """``text`` with 和/与/及 that are part of a name turned into a name character, so only
    the conjunction ends a name; as long as ``text``, so its matches index it. Part of a
    name: in a two-character dictionary word that is no conjunction (和平, 祥和), or making
    one with the character before it (中和 in 中和街道, which segmentation cuts into 中 and
    和), or in a word that is a place itself (和平路); not in 以及 or 共和国, nor as the
    conjunction after a name (东七路与麓松路)."""
    joiners = [match.start() for match in _JOINING.finditer(text)]
    if not joiners:
        return text
    chars = list(text)
    for at in joiners:  # judged in its own stretch of text: segmenting all of it took long
        start = max(at - _WINDOW, 0)
        offset, before = start, ""
        for word in tokens(text[start : at + _WINDOW]):
            if offset + len(word) > at:
                if _in_name(word, before):
                    chars[at] = "名"
                break
            offset += len(word)
            before = word
    return "".join(chars)


def _in_name(word: str, before: str) -> bool:
    """Whether the 和/与/及 in ``word`` (after the word ``before``) is part of a name."""
    if word.endswith(tuple(_suffixes().kinds)):  # 和平路
        return True
    if len(before) == len(word) == 1:
        word = before + word  # 中 + 和
    return len(word) == 2 and dictionary_tag(word) not in (None, "c")


def places(text: str) -> list[str]:
    """The place names of ``text`` in order of appearance, each once."""
    found: list[str] = []
    # The run of names read one right after another (芳草街, 东苑): where it starts and
    # ends, and the names first found in it.
    run_start, run_end, run_new = -1, -1, []
    for match in _suffixes().names(_names_joined(text or "")):
        suffix = match.group("suffix")
        read = from_word_start(text, match.start(), match.end())
        name = without_admin(after_last_verb(read, suffix))
        if not MIN_NAME <= len(name) <= MAX_NAME or name.endswith(_NOT_PLACES):
            continue
        kind = _suffixes().kinds[suffix]
        adjacent = match.start() == run_end
        if kind == _SERVICE_SITE and adjacent:  # 芳草街 + 东苑 + 社区便民服务室: one site
            for before in run_new:  # named here only as part of the site's name
                found.remove(before)
            name, run_new = text[run_start : match.end()], []
        elif name in _GENERIC or name in _suffixes().kinds or _common_after_verb(name):
            continue  # 道路, a bare suffix (新城, 花园), or 开展|城镇
        elif kind == _SCHOOL and _HOW_RUN.fullmatch(name.removesuffix(suffix)):
            continue  # 普惠性民办幼儿园: a kind of school
        elif kind == _PROJECT and not particular(name, suffix):
            continue  # 隐性项目, 改造项目: no name before the suffix
        elif not adjacent:
            run_start, run_new = match.end() - len(name), []
        run_end = match.end()
        qualifier = _QUALIFIER.match(text, match.end()) if kind == _SERVICE_SITE else None
        if qualifier:  # 政务服务中心（东区分中心）: one branch of it
            name += qualifier.group()
        if name not in found:
            found.append(name)
            run_new.append(name)
    return found


def _common_after_verb(name: str) -> bool:
    """Whether ``name`` is a verb and a common word the dictionary tags as a place name
    (开展|城镇 of 关于开展城镇小区配套幼儿园治理工作的通知)."""
    words = tokens(name)
    return len(words) == 2 and dictionary_tag(words[0]) == "v" and words[1] in _GENERIC


def same_place(name: str, other: str) -> bool:
    """Whether two place names found in texts name one place:
    - the same name, or one the other with its kind added (丽发新城, 丽发新城小区);
    - one ending in the other, unless the shorter is a service site: a name read leftwards
      from its suffix may take in a word before it (房伊景园滨河苑 from 商品房伊景园滨河苑),
      while a service site is named whole (石羊街道综合便民服务中心 is not the
      街道综合便民服务中心 of another street, and 政务服务中心（东区分中心） not its main hall).
    """
    short, long = sorted((name, other), key=len)
    if long.startswith(short) and (long == short or long[len(short) :] in _suffixes().kinds):
        return True
    return long.endswith(short) and kind_of(short) != _SERVICE_SITE


def is_wide(name: str) -> bool:
    """Whether ``name`` is a place where many different problems meet: a road, a street or
    town, a service hall (places.csv kinds 道路, 街道乡镇, 服务场所), not a compound or
    school; a bus route (星沙204路) is one line, not a road)."""
    return kind_of(name) in _WIDE and not _BUS_ROUTE.search(name)


def kind_of(name: str) -> str | None:
    """The kind of place ``name`` is, by its suffix; a branch in brackets is a service site's."""
    if _QUALIFIER.search(name):
        return _SERVICE_SITE
    return next((kind for suffix, kind in _suffixes().kinds.items() if name.endswith(suffix)), None)
