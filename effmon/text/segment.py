"""Chinese word segmentation with jieba: one tokenizer per vocabulary of extra words."""

from __future__ import annotations

import functools
import logging

import jieba

jieba.setLogLevel(logging.WARNING)


@functools.cache
def _tokenizer(vocabulary: frozenset[str]) -> jieba.Tokenizer:
    tokenizer = jieba.Tokenizer()
    for word in vocabulary:
        tokenizer.add_word(word)
    return tokenizer


def tokens(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """``text`` cut into words, spaces and punctuation included (they join back to it)."""
    return _tokenizer(vocabulary).lcut(text)


def words(text: str, vocabulary: frozenset[str] = frozenset()) -> list[str]:
    """The words of ``text``; every word of ``vocabulary`` is kept whole."""
    return [w for w in tokens(text, vocabulary) if w.strip()]
