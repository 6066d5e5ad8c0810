"""Reading a name leftwards from its suffix in complaint text, shared by places
(effmon.text.places) and the objects of complaints (effmon.text.objects)."""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from effmon.text.segment import dictionary_tag, tokens

# Characters that end a name when reading leftwards from its suffix: small words, and (for
# places) words of where and of asking, which a company's name may hold (投资, 建设).
WORD_BREAKS = "的在是我你他她它们了和与及或对于到从向为被把给让请有个这那该此其就都也还又再很太等并"
BREAKS = WORD_BREAKS + "住位近旁边附靠临关反映投诉举报建议咨询希望要求尽快进入距离"
NAME_RUN = 8  # characters of a name read before its suffix, at most
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Leading administrative units: 长沙市, 西地省, A市, A5区, K9县 (not 小区, 社区, 园区, 景区).
# Not 市属/区管 (owned or run by the city): 市属中学 is no 中学 of a city called 属.
_ADMIN = re.compile(r"^(?:[^省市区县]{0,4}?(?:省|市|(?<![小社园景])区|县)(?![场政道属管]))+(?=.)")
# Parts of speech (jieba) that are no part of a name: a verb, adverb, pronoun or preposition of two
# characters or more before a name ends it (购买|伊景园滨河苑, 深受|铁路).
_NOT_IN_NAMES = ("v", "d", "r", "p")
# Word classes of a word that names a particular one: a proper name (of a person, a place or
# other; organisations are mostly institutions: 教育局) or a word the dictionary does not
# know (车贷, 富绿, 黑石).
PROPER = (None, "nr", "ns", "nz")


@dataclass(frozen=True)
class Suffixes:
    """The suffixes that end one sort of name (places.csv, objects.csv: suffix, kind) and
    the patterns that find such names."""

    kinds: dict[str, str]  # suffix → kind, the longest suffix first (幼儿园 before 园)
    pattern: re.Pattern  # up to NAME_RUN name characters, then a suffix (group "suffix")
    starts: re.Pattern  # where a suffix starts

    def names(self, text: str) -> Iterator[re.Match]:
        """The matches of ``pattern`` in ``text``, as its finditer gives them, tried only in
        the run of characters before each place a suffix starts at: trying every character
        took most of the time."""
        end = 0
        for suffix in self.starts.finditer(text):
            for start in range(max(end, suffix.start() - NAME_RUN), suffix.start()):
                match = self.pattern.match(text, start)
                if match:
                    yield match
                    end = match.end()
                    break


@functools.cache
def suffixes(table: Path, breaks: str) -> Suffixes:
    """The suffixes of CSV file ``table``, for names that none of ``breaks`` is part of."""
    with table.open(encoding="utf-8") as rows:
        pairs = [(row["suffix"], row["kind"]) for row in csv.DictReader(rows)]
    kinds = dict(sorted(pairs, key=lambda pair: -len(pair[0])))
    alternatives = "|".join(map(re.escape, kinds))
    name = rf"[^\s\W{breaks}]"
    return Suffixes(
        kinds,
        re.compile(rf"{name}{{1,{NAME_RUN}}}?(?P<suffix>{alternatives})"),
        re.compile(rf"(?=(?:{alternatives}))"),
    )


def without_admin(name: str) -> str:
    """``name`` without the administrative units it starts with (A市A5区汇金路 → 汇金路)."""
    return _ADMIN.sub("", name)


def from_word_start(text: str, start: int, end: int) -> str:
    """text[start:end], without a leading piece of a word that began before ``start``
    (关注西湖公园 matched from 注 gives 西湖公园), unless that word is one segmentation made
    up by gluing a break to the name (在丽发 in 在丽发新城小区)."""
    context = max(start - 4, 0)
    return _from_word_start(text[context:end], start - context)


@functools.lru_cache(maxsize=65536)  # a place is named again and again: read it once
def _from_word_start(text: str, start: int) -> str:
    offset = 0
    for word in tokens(text):
        if offset >= start:
            return text[offset:]
        glued = all(c in BREAKS for c in text[offset:start]) and not dictionary_tag(word)
        if offset + len(word) > start and glued:
            return text[start:]
        offset += len(word)
    return text[start:]


@functools.lru_cache(maxsize=65536)
def after_last_verb(name: str, suffix: str) -> str:
    """``name`` from just after the last word before its suffix that cannot be part of a
    name, when two characters or more are left before the suffix (购买伊景园滨河苑 →
    伊景园滨河苑); whole when less is left and that is a name (解放西路), empty when it is
    a common word (开展城镇); empty when the suffix ends such a word or follows a
    one-character verb (58车贷老板跑路: 跑路 is no road)."""
    if dictionary_tag(name[-len(suffix) - 1 :]) in _NOT_IN_NAMES:
        return ""
    named_end = len(name) - len(suffix)
    start = offset = 0
    before = ""
    for word in tokens(name):
        offset += len(word)
        tag = dictionary_tag(word)
        if offset - len(word) < named_end and tag in _NOT_IN_NAMES:
            if offset > named_end:  # the word runs into the suffix
                return ""
            if offset == named_end and len(word) == 1 and not _proper(before):
                return ""  # a verb acting on it (跑|路, 去|学校), not a name's part (黑石|铺|街道)
            if len(word) > 1:  # one character is too little to tell (兴 of 兴和社区)
                start = offset
        before = word
    if start == 0 or named_end - start >= 2:
        return name[start:]
    # Too little left before the suffix: the word was part of a name (解放|西路), unless
    # what is left is a common word (开展|城镇, 深受|铁路).
    return name if _proper(name[start:]) else ""


def _proper(word: str) -> bool:
    """Whether ``word`` reads as a name: two characters or more, a proper noun or a word
    the dictionary does not know."""
    return len(word) >= 2 and dictionary_tag(word) in PROPER


@functools.lru_cache(maxsize=65536)
def particular(name: str, suffix: str, company: bool = False) -> bool:
    """Whether ``name`` names a particular one: it has a word of two Chinese characters or
    more that is a proper name or unknown to the dictionary (58车贷 by 车贷), a dictionary
    word ending in the suffix judged without it (青园派出所 by 青园, not 公安局 by 公安,
    隐性项目 by nothing); a ``company``'s name may be a whole organisation word (广铁集团,
    交通银行), an institution's not (人民法院)."""
    for word in tokens(name):
        tag = dictionary_tag(word)
        if word.endswith(suffix) and word != suffix and tag is not None:
            if company and tag == "nt":
                return True
            word = word.removesuffix(suffix)
            tag = dictionary_tag(word)
        if len(word) >= 2 and _HAN.search(word) and tag in PROPER:
            return True
    return False
