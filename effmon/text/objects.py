"""The objects of complaints besides places: a company, a lending platform, a case, an
institution, a policy, named as a complainant names it.

An object is a run of name characters ending in one of the suffixes of
``objects.csv`` (有限公司, 集团, 贷, 案件, 派出所 …), read leftwards as a place is
(effmon.text.names): the run stops at punctuation and at the small words that end a name,
leading administrative units (长沙市, 西地省, A市) are dropped. A suffix that makes one word
with the character before or after it is no suffix (方案, 立案, 电网, 房贷; 案情, 网站). A
name made of common words only names no particular one (公安分局, 物业公司, 教育局) and is
left out. An object's core is its name without the suffix. Two objects are one when one
core starts or ends with the other: 58车贷 and 58车贷案件, 聚利网 and 聚利人普惠投资有限公司,
长沙市某某有限公司 and 某某公司.
"""

from __future__ import annotations

from pathlib import Path

from effmon.text.names import (
    WORD_BREAKS,
    Suffixes,
    after_last_verb,
    from_word_start,
    particular,
    suffixes,
    without_admin,
)
from effmon.text.segment import dictionary_tag

SUFFIXES_CSV = Path(__file__).with_name("objects.csv")
_COMPANY = "公司"
MIN_CORE = 2


def _suffixes() -> Suffixes:
    return suffixes(SUFFIXES_CSV, WORD_BREAKS)


def objects(text: str) -> list[str]:
    """The names of the objects ``text`` names (58车贷, 广铁集团, 聚利人普惠投资有限公司),
    in order of appearance, each once."""
    found: list[str] = []
    for match in _suffixes().names(text or ""):
        suffix, end = match.group("suffix"), match.end()
        after = text[end - 1 : end + 1]
        if dictionary_tag(text[match.start("suffix") - 1 : end]) or (
            len(after) == 2 and dictionary_tag(after)
        ):
            continue  # 方案, 立案, 电网; 案情, 网站: the suffix is part of a word
        read = from_word_start(text, match.start(), end)
        name = without_admin(after_last_verb(read, suffix))
        core = name.removesuffix(suffix)
        if (
            len(core) >= MIN_CORE
            and particular(name, suffix, company=_suffixes().kinds[suffix] == _COMPANY)
            and name not in found
        ):
            found.append(name)
    return found


def same_object(name: str, other: str) -> bool:
    """Whether two object names found in texts name one object: one core starts or ends
    with the other (58车贷, 58车贷案件; 聚利网, 聚利人普惠投资有限公司)."""
    short, long = sorted((_core(name), _core(other)), key=len)
    return long.startswith(short) or long.endswith(short)


def _core(name: str) -> str:
    """``name`` without its suffix."""
    return name.removesuffix(next((s for s in _suffixes().kinds if name.endswith(s)), ""))
