"""Chinese word segmentation with jieba's dictionary and algorithm.

Plain segmentation runs on rjieba (jieba-rs, the same dictionary and algorithm compiled:
about fifteen times as fast, which the classifiers' throughput needs); segmentation that
must keep a vocabulary of extra words whole (the aspect lexicon) uses a jieba tokenizer
with those words added, one per vocabulary.
"""

from __future__ import annotations

import functools
import logging

import jieba
import rjieba

jieba.setLogLevel(logging.WARNING)


@functools.cache
def _tokenizer(vocabulary: frozenset[str]) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for word in vocabulary:
        tokenizer.add_word(word)
    return tokenizer


def tokens(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """``text`` cut into words, spaces and punctuation included (they join back to it)."""
    if not vocabulary:
        return rjieba.cut(text)
    return _tokenizer(vocabulary).lcut(text)


def words(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``text``; every word of ``vocabulary`` is kept whole."""
    return [w for w in tokens(text, vocabulary) if w.strip()]


def dictionary_tag(word: str) -> str | None:
    """The part of speech jieba's dictionary gives ``word`` (n, v, c for a conjunction …),
    or None for a word that is not in it (one its HMM made up for unknown text)."""
    return _tag_table().get(word)


@functools.cache
def _tag_table() -> dict[str, str]:
    # Imported on first use: jieba.posseg reads the dictionary's tags (a quarter of a
    # second) when imported, which plain segmentation never needs.
    import jieba.posseg

    return jieba.posseg.dt.word_tag_tab
