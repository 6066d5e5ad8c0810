"""Which aspects of the service a comment talks about, and with what sentiment.

The lexicon (``aspects.csv``: aspect, term) is data: a clause of a comment mentions an
aspect when one of its words (jieba, with every term kept whole) is a term of that aspect.
The aspects are the ones the seed names: attitude (服务过程/服务态度), efficiency (服务效率:
waiting, repeated trips, slowness), result (处置结果: solved or not), guide (办事指南/信息公开)
and facility (环境设施). A mention's sentiment is the sentiment of its clause, so "态度很好，
但是排队太久" is positive on attitude and negative on efficiency.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from effmon.text.segment import words

LEXICON_CSV = Path(__file__).with_name("aspects.csv")
ASPECTS = ("attitude", "efficiency", "result", "guide", "facility")
_CLAUSE_END = re.compile(r"[，,。.！!？?；;、\s]+|但是|但|不过|可是")


@functools.cache
def lexicon() -> dict[str, str]:
    """term → aspect."""
    table = pd.read_csv(LEXICON_CSV, dtype=str)
    unknown = set(table["aspect"]) - set(ASPECTS)
    if unknown:
        raise ValueError(f"{LEXICON_CSV.name}: unknown aspects {sorted(unknown)}")
    return dict(zip(table["term"], table["aspect"], strict=True))


def clauses(text: str) -> list[str]:
    """The clauses of a comment, split at punctuation and at 但是/不过."""
    return [c for c in _CLAUSE_END.split(text or "") if c]


def mentions(text: str) -> list[tuple[str, str]]:
    """(aspect, clause) for every aspect each clause of ``text`` mentions."""
    terms = lexicon()
    vocabulary = frozenset(terms)
    found = []
    for clause in clauses(text):
        aspects = {terms[w] for w in words(clause, vocabulary) if w in terms}
        found += [(aspect, clause) for aspect in ASPECTS if aspect in aspects]
    return found


def aspect_sentiments(
    comments: pd.DataFrame, score: Callable[[Sequence[str]], np.ndarray]
) -> pd.DataFrame:
    """One row per aspect mention of ``comments`` (any columns plus ``comment``): those
    columns, aspect, clause and sentiment (``score`` of the clause, 0-1)."""
    rows = [
        {**record, "aspect": aspect, "clause": clause}
        for record in comments.to_dict("records")
        for aspect, clause in mentions(record["comment"])
    ]
    found = pd.DataFrame(rows, columns=[*comments.columns, "aspect", "clause"])
    unique = found["clause"].drop_duplicates().tolist()
    by_clause = dict(zip(unique, score(unique), strict=True)) if unique else {}
    return found.assign(sentiment=found["clause"].map(by_clause).astype(float))
