"""The words that say what a group of complaints is about."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from effmon.text.segment import words

STOPWORDS_TXT = Path(__file__).with_name("stopwords.txt")
_CODED_UNIT = re.compile(r"[A-Za-z]+\d*[省市区县]")  # anonymised exports: A市, A5区, K9县


@functools.cache
def stopwords() -> frozenset[str]:
    lines = STOPWORDS_TXT.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def content_words(text: str) -> list[str]:
    """The words of ``text`` that can carry a topic: two or more characters, not a number,
    not a stop word (stopwords.txt), not a letter-coded administrative unit (A市, A5区)."""
    return [
        w for w in words(_CODED_UNIT.sub(" ", text))
        if len(w) >= 2 and not w.isascii() and not w.isdigit() and w not in stopwords()
    ]  # fmt: skip


def top_keywords(texts: Sequence[str], exclude: str = "", n: int = 3) -> list[str]:
    """The ``n`` words found in most of ``texts`` (ties: the longer word, then the one
    seen first), leaving out words that overlap ``exclude`` (such as the place the texts
    are about) by two characters or more."""
    overlapping = {exclude[i : i + 2] for i in range(len(exclude) - 1)}
    found = Counter(
        w for t in texts for w in dict.fromkeys(content_words(t))  # ties: the first seen
        if not any(w[i : i + 2] in overlapping for i in range(len(w) - 1))
    )  # fmt: skip
    ranked = sorted(found.items(), key=lambda item: (-item[1], -len(item[0])))
    return [w for w, _ in ranked[:n]]
