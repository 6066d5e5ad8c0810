"""Hot issues (热点问题): complaints about the same concrete problem at the same place,
grouped, titled and ranked by heat.

Grouping. Each complaint (title + body) becomes a TF-IDF vector of its content words
(effmon.text.keywords: no stop words, no numbers), so shared boilerplate ("今天上午到……",
"希望尽快解决") weighs little. Two complaints are linked when their cosine similarity is at least
``NEAR_DUPLICATE`` (the same text, reworded), or at least ``SAME_PLACE`` while they name a
common place (effmon.text.places): the same compound, school or road. Linked complaints
form one issue (connected components), so a campaign of copies and a neighbourhood's
different wordings of one problem end up together, while different problems at one place
stay apart.

Heat. support = complainants + ¼ × (complaints − complainants) + log2(1 + likes): every
distinct person counts one, repeats by the same person a quarter, and likes (点赞数) on a log
scale, so a single widely liked message weighs like a handful of complaints but not like a
thousand. heat = support × (½ + ½ × 0.5^(days since the last complaint / 30)) ×
(1 + ½ × min(span days, 90) / 90): an issue fades with a half-life of 30 days to half its
weight, and one that has lasted up to three months counts up to half more.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from effmon.text.keywords import content_words, top_keywords
from effmon.text.places import places

NEAR_DUPLICATE = 0.5
SAME_PLACE = 0.3
HALF_LIFE_DAYS = 30.0
REPEAT_WEIGHT = 0.25  # a complainant's further complaints on the same issue
PERSISTENCE_DAYS = 90.0
CHUNK = 2000  # rows of the similarity matrix computed at once
COLUMNS = [
    "title", "place", "first", "last", "complaints", "complainants", "likes", "heat",
    "ticket_ids",
]  # fmt: skip


@dataclass(frozen=True)
class Heat:
    """The parts of an issue's heat (see the module docstring)."""

    complaints: int
    complainants: int
    likes: int
    days_since_last: float
    span_days: float

    @property
    def support(self) -> float:
        repeats = self.complaints - self.complainants
        return self.complainants + REPEAT_WEIGHT * repeats + float(np.log2(1 + self.likes))

    @property
    def value(self) -> float:
        recency = 0.5 ** (max(self.days_since_last, 0.0) / HALF_LIFE_DAYS)
        persistence = 1 + 0.5 * min(self.span_days, PERSISTENCE_DAYS) / PERSISTENCE_DAYS
        return self.support * (0.5 + 0.5 * recency) * persistence


def group(texts: pd.Series, place_lists: list[list[str]]) -> np.ndarray:
    """The issue number of each text (0..k-1)."""
    n = len(texts)
    if n == 0:
        return np.array([], dtype=int)
    vectors = TfidfVectorizer(analyzer=content_words, sublinear_tf=True).fit_transform(
        texts.fillna("").tolist()
    )
    rows, cols = [], []
    for start in range(0, n, CHUNK):
        similar = (vectors[start : start + CHUNK] @ vectors.T).tocoo()
        keep = (similar.data >= SAME_PLACE) & (similar.row + start < similar.col)
        for i, j, s in zip(
            similar.row[keep] + start, similar.col[keep], similar.data[keep], strict=True
        ):
            if s >= NEAR_DUPLICATE or set(place_lists[i]) & set(place_lists[j]):
                rows.append(i)
                cols.append(j)
    links = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, n))
    return connected_components(links, directed=False)[1]


def hot_issues(complaints: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Hot issues of ``complaints`` (ticket_id, title, body, received_at, and where known
    complainant and likes), hottest first, heat as of ``as_of`` (default: the newest
    complaint): title, place, first, last, complaints, complainants, likes, heat, ticket_ids.
    """
    if complaints.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = complaints.reset_index(drop=True)
    text = frame["title"].fillna("") + "。" + frame["body"].fillna("")
    place_lists = [places(t) for t in text]
    issue = group(text, place_lists)
    received = pd.to_datetime(frame["received_at"])
    as_of = as_of if as_of is not None else received.max()
    people = frame["complainant"] if "complainant" in frame else frame["ticket_id"]
    people = people.fillna(frame["ticket_id"])  # an anonymous complaint is its own person
    likes = pd.to_numeric(frame["likes"], errors="coerce") if "likes" in frame else None
    result = []
    for members in pd.Series(range(len(frame))).groupby(issue).groups.values():
        members = list(members)
        named = Counter(p for m in members for p in place_lists[m])
        place = named.most_common(1)[0][0] if named else ""
        heat = Heat(
            complaints=len(members),
            complainants=int(people.iloc[members].nunique()),
            likes=int(likes.iloc[members].fillna(0).sum()) if likes is not None else 0,
            days_since_last=(as_of - received.iloc[members].max()).total_seconds() / 86400,
            span_days=(received.iloc[members].max() - received.iloc[members].min()).days,
        )
        keywords = top_keywords(frame["title"].fillna("").iloc[members].tolist(), exclude=place)
        result.append(
            {
                "title": "：".join(part for part in (place, "、".join(keywords)) if part),
                "place": place,
                "first": received.iloc[members].min(),
                "last": received.iloc[members].max(),
                "complaints": heat.complaints,
                "complainants": heat.complainants,
                "likes": heat.likes,
                "heat": round(heat.value, 2),
                "ticket_ids": frame["ticket_id"].iloc[members].tolist(),
            }
        )
    return pd.DataFrame(result, columns=COLUMNS).sort_values(
        "heat", ascending=False, ignore_index=True
    )
