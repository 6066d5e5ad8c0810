"""A hot issue's title as an analyst writes it: the subject of the message that says most
of what the group says, cleaned of how it was asked.

Cleaning drops the words that frame a message rather than say its problem, at its start
(请问, 强烈建议, 关于, 请书记关注 …) and at its end (……的问题, 的投诉), listed in
``subject_framing.csv``, the province and city it starts with (西地省, A市, 长沙市: the
centre's own), and closing punctuation. 「请问A市为什么要把和包支付作为任务？」 becomes
「为什么要把和包支付作为任务」, 「关于A市伊景园滨河苑捆绑销售车位的投诉」 becomes
「伊景园滨河苑捆绑销售车位」.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from effmon.text.keywords import content_words
from effmon.text.segment import tokens

FRAMING_CSV = Path(__file__).with_name("subject_framing.csv")
KEYWORDS = 5  # the group's most shared words a representative subject is scored by
_CITY = re.compile(r"^(?:[A-Za-z]\d*|[\u4e00-\u9fff]{2,3})[省市](?![场政民区])")
_EDGES = " \t\r\n\u3000，,。.？?！!、：:；;…"
_SENTENCE_END = re.compile("[。！？!?]")
FIRST_SENTENCE_MIN = 6  # characters a first sentence needs to stand for the subject


@functools.cache
def _framing() -> tuple[frozenset[str], re.Pattern]:
    """The leading framing words, and the trailing ones as one pattern (longest first)."""
    table = pd.read_csv(FRAMING_CSV, dtype=str)
    lead = frozenset(table.loc[table["where"] == "lead", "word"])
    trail = sorted(table.loc[table["where"] == "trail", "word"], key=len, reverse=True)
    return lead, re.compile(rf"(?:{'|'.join(map(re.escape, trail))})$")


def cleaned(subject: str) -> str:
    """The first sentence of ``subject`` (when it says enough) without its framing words,
    leading province and city and edge punctuation; the subject as it was when nothing
    would be left."""
    _, trail = _framing()
    text = subject.strip(_EDGES)
    first = _SENTENCE_END.split(text, maxsplit=1)[0]
    if len(first) >= FIRST_SENTENCE_MIN:  # 伊景园滨河苑车位捆绑销售！广铁集团做个人吧
        text = first
    while True:
        shorter = _CITY.sub("", _without_lead(text), count=1).lstrip(_EDGES)
        shorter = trail.sub("", shorter).rstrip(_EDGES)
        if shorter == text:
            break
        text = shorter
    return text if len(text) >= 2 else subject.strip(_EDGES)


def _without_lead(text: str) -> str:
    """``text`` without the framing word it starts with, when that is a word of its own
    there (请 of 请问…, not of 请假; 对 of 对A市…, not of 对面)."""
    first = next(iter(tokens(text)), "")
    return text[len(first) :] if first in _framing()[0] else text


def representative(subjects: Sequence[str], key: str = "") -> int:
    """The position of the subject that carries most of what the subjects share: their
    most shared words (each counted by how many subjects have it) and ``key``, the place
    or object they are about (counted likewise; words overlapping it are left out, as it
    stands for them); among those naming ``key`` when a third or more do (a title says
    where as well as what); the shorter cleaned one of two that carry as much."""
    overlapping = {key[i : i + 2] for i in range(len(key) - 1)}
    found = [dict.fromkeys(content_words(s)) for s in subjects]
    shared = Counter(
        w for words in found for w in words
        if not any(w[i : i + 2] in overlapping for i in range(len(w) - 1))
    )  # fmt: skip
    weights = {w: n for w, n in shared.most_common(KEYWORDS) if n > 1}  # one's own: not shared
    naming = [bool(key) and key in s for s in subjects]
    carried = [
        sum(weights.get(w, 0) for w in words) + sum(naming) * named
        for words, named in zip(found, naming, strict=True)
    ]
    candidates = range(len(subjects))
    if sum(naming) >= len(subjects) / 3:
        candidates = [i for i in candidates if naming[i]]
    most = max(carried[i] for i in candidates)
    tied = [i for i in candidates if carried[i] == most]
    return min(tied, key=lambda i: len(cleaned(subjects[i])))
