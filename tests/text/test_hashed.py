"""Hashed n-gram and word features: counts, no leaks between texts, TF-IDF weights."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from effmon.text.hashed import CharGrams, HashedTfidf, WordGrams


def test_character_grams_are_counted_per_text_and_never_across_two():
    grams = CharGrams(n_max=3, bits=20)
    together = grams.transform(["电梯故障", "故障电梯", ""])
    alone = sp.vstack([grams.transform([t]) for t in ["电梯故障", "故障电梯", ""]])
    assert (together != alone).nnz == 0  # batching changes nothing
    assert together[0].sum() == 4 + 3 + 2  # 1-, 2- and 3-grams of four characters
    assert together[2].nnz == 0
    shared = set(together[0].indices) & set(together[1].indices)
    assert len(shared) == 4 + 2  # 电 梯 故 障, 电梯, 故障


def test_words_and_pairs_are_the_same_wherever_they_stand():
    words = WordGrams(bits=20).transform(["电梯故障，电梯故障", "今天电梯故障"])
    assert words[0].sum() == 5 + 4  # five tokens, four adjacent pairs
    assert len(set(words[0].indices) & set(words[1].indices)) == 3  # 电梯, 故障, 电梯故障


def test_tfidf_drops_rare_columns_and_scales_rows_to_unit_length():
    counts = sp.csr_matrix(np.array([[2, 1, 0], [1, 0, 0], [3, 0, 1]], dtype=float))
    weights = HashedTfidf(min_df=2).fit(counts).transform(counts)
    assert weights[:, 1].nnz == 0 and weights[:, 2].nnz == 0  # seen in one row only
    assert np.allclose(sp.linalg.norm(weights, axis=1), 1.0)
