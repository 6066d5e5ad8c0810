"""Emerging topics (新兴话题): keywords whose share of complaints rose significantly in a
period against the periods before it, so a new problem shows before it is large.

For each content word (effmon.text.keywords, counted once per complaint) with ``c``
complaints in the current period out of ``n`` and ``b`` in the previous periods out of
``m``: if the word's share had not changed, ``c`` would be binomial with ``c + b`` trials
and probability n / (n + m). The one-sided p-value of the observed ``c`` under that model
tests the rise; a word is emerging when it has at least ``emerging_min_complaints``
complaints now and its p-value is below ``emerging_alpha`` (settings) divided by the
number of words tested (Bonferroni), so with hundreds of words a chance wobble does not
qualify. Ranked by rise ratio (c / n) / ((b + 1) / m); each topic is shown with the words
found most often beside it, and a keyword whose complaints are mostly those of a stronger
one is folded into it.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
from scipy.stats import binom

from effmon import config
from effmon.text.keywords import content_words, top_keywords

SAME_TOPIC = 0.6  # share of a keyword's complaints that makes it part of a kept topic
COLUMNS = ["keyword", "topic", "complaints", "before", "expected", "rise", "p_value", "ticket_ids"]


def emerging_topics(current: pd.DataFrame, previous: pd.DataFrame) -> pd.DataFrame:
    """Topics of ``current`` complaints that rose against ``previous`` ones (both with
    ticket_id, title, body), strongest rise first: keyword, topic (the keyword with the
    words beside it), complaints, before (in the previous periods), expected (complaints
    now had its share not changed), rise, p_value, ticket_ids."""
    if current.empty:
        return pd.DataFrame(columns=COLUMNS)
    now_words = [set(content_words(t)) for t in _texts(current)]
    before = Counter(w for t in _texts(previous) for w in set(content_words(t)))
    now = Counter(w for words in now_words for w in words)
    n, m = len(current), max(len(previous), 1)
    share = n / (n + m)
    least, alpha = config.get_int("emerging_min_complaints"), config.get_float("emerging_alpha")
    tested = [w for w, c in now.items() if c >= least]
    rows = []
    for word in tested:
        c, b = now[word], before.get(word, 0)
        p_value = float(binom.sf(c - 1, c + b, share))
        if p_value * len(tested) >= alpha:
            continue
        members = [i for i, words in enumerate(now_words) if word in words]
        beside = top_keywords(current["title"].fillna("").iloc[members].tolist(), exclude=word)
        rows.append(
            {
                "keyword": word,
                "topic": f"{word}（{'、'.join(beside)}）" if beside else word,
                "complaints": c,
                "before": b,
                "expected": round((c + b) * share, 1),
                "rise": round((c / n) / ((b + 1) / m), 2),
                "p_value": p_value,
                "ticket_ids": current["ticket_id"].iloc[members].tolist(),
            }
        )
    found = pd.DataFrame(rows, columns=COLUMNS)
    found = found.sort_values(["rise", "complaints"], ascending=False, ignore_index=True)
    return found[_distinct(found["ticket_ids"])].reset_index(drop=True)


def _distinct(ticket_lists: pd.Series) -> list[bool]:
    """False for a keyword whose complaints are mostly (SAME_TOPIC) those of a stronger
    keyword already kept: 电梯 and 停运 in the same tickets are one topic."""
    kept: list[set] = []
    keep = []
    for tickets in map(set, ticket_lists):
        same = any(len(tickets & other) >= SAME_TOPIC * len(tickets) for other in kept)
        keep.append(not same)
        if not same:
            kept.append(tickets)
    return keep


def _texts(complaints: pd.DataFrame) -> pd.Series:
    return complaints["title"].fillna("") + "。" + complaints["body"].fillna("")
