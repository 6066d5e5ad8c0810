"""Hot issues (热点问题): complaints about the same concrete problem at the same place or
about the same object, grouped, titled and ranked by heat.

Grouping. Each complaint (title + body) becomes a TF-IDF vector of its content words
(effmon.text.keywords: no stop words, no numbers), so shared boilerplate ("今天上午到……",
"希望尽快解决") weighs little. Its keys are the places it names (effmon.text.places: a
compound, school, road or service site, 丽发新城 and 丽发新城小区 being one) and the objects
(effmon.text.objects: a company, lending platform, case or police station, 58车贷 and
58车贷案件 being one). Two complaints are linked when their cosine similarity is at least
``SAME_KEY`` while they share a key (``SAME_WIDE`` when that is only a road, a street or a
service hall, where many problems meet), or at least ``NEAR_DUPLICATE`` (the same text,
reworded) unless both name places and none in common, or both objects and none in common:
the same problem at two halls, or the same fraud by two companies, is two issues. Linked
complaints form one issue (connected components), so a campaign of copies and a
neighbourhood's different wordings of one problem end up together. Single links can chain
(A like B, B like C, A unlike C: a busy hall's different problems), so each group is
checked against its mean direction: a group that fits it less than ``COHESION`` on average
is split again with a stricter shared-key bar, and members of a tight group that fit it
less than ``MEMBER_FIT`` (stragglers) are grouped again on their own.

Heat. support = complainants + min(¼ × (complaints − complainants), complainants) +
min(log2(1 + likes), complainants): every distinct person counts one, repeats by the same
person a quarter, and likes (点赞数) on a log scale, repeats and likes each at most as much
as the people, so neither can more than double an issue's weight: a message with two
thousand likes weighs like two people, one person's thirty messages like two, while three
people saying the same thing with thousands of likes weigh like six. heat = support ×
(½ + ½ × 0.5^(days since the last complaint / h)) × (1 + ½ × min(span days, 90) / 90): an
issue fades with a half-life of h days (the setting ``hot_issue_half_life_days``, 30) to
half its weight, and one that has lasted up to three months counts up to half more.

Title. The subject (title, or the body's first sentence) of the member that carries most of
the words the members share and the issue's place (or object), cleaned of how it was asked
(effmon.text.subjects).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.feature_extraction.text import TfidfVectorizer

from effmon import config
from effmon.text.keywords import content_words
from effmon.text.objects import objects, same_object
from effmon.text.places import is_wide, places, same_place
from effmon.text.subjects import cleaned, representative

NEAR_DUPLICATE = 0.5
SAME_KEY = 0.2
SAME_WIDE = 0.3  # a road, street or hall hosts many problems: complaints sharing one need more
REPEAT_WEIGHT = 0.25  # a complainant's further complaints on the same issue
PERSISTENCE_DAYS = 90.0
CHUNK = 2000  # rows of the similarity matrix computed at once
COHESION = 0.4  # a group whose members fit its mean direction less on average is split
MEMBER_FIT = 0.25  # members fitting their group's direction less are grouped again
STRICTER = 0.1  # how much higher the same-place bar is at each split
SUBJECT_CHARS = 40  # of a body's first sentence standing for a missing title
_FIRST_SENTENCE = re.compile(r"[^。！？!?\n]*")
COLUMNS = [
    "title", "place", "object", "first", "last", "complaints", "complainants", "likes",
    "heat", "ticket_ids",
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
        repeated = min(REPEAT_WEIGHT * (self.complaints - self.complainants), self.complainants)
        liked = min(float(np.log2(1 + self.likes)), self.complainants)
        return self.complainants + repeated + liked

    @property
    def value(self) -> float:
        recency = 0.5 ** (
            max(self.days_since_last, 0.0) / config.get_float("hot_issue_half_life_days")
        )
        persistence = 1 + 0.5 * min(self.span_days, PERSISTENCE_DAYS) / PERSISTENCE_DAYS
        return self.support * (0.5 + 0.5 * recency) * persistence


@dataclass(frozen=True)
class Keys:
    """What a complaint is about besides its problem: the places and the objects it names."""

    places: frozenset[str]
    objects: frozenset[str]

    def bar(self, other: Keys) -> float | None:
        """The similarity the two need to be linked by what they share: SAME_KEY for a
        common compound, school or object, SAME_WIDE for only a common road, street or
        service hall; None when they name nothing in common."""
        common = [a for a in self.places for b in other.places if same_place(a, b)]
        if any(same_object(a, b) for a in self.objects for b in other.objects) or any(
            not is_wide(name) for name in common
        ):
            return SAME_KEY
        return SAME_WIDE if common else None

    def names(self) -> list[str]:
        """The places and objects, longest first (丽发新城小区 before 丽发新城), in a fixed
        order: replaced in another, the same texts would give other vectors."""
        return sorted(self.places | self.objects, key=lambda name: (-len(name), name))

    def apart(self, other: Keys) -> bool:
        """Whether the two name only different places, or only different objects."""
        return bool(self.places and other.places) or bool(self.objects and other.objects)


def group(texts: pd.Series, keys: list[Keys]) -> np.ndarray:
    """The issue number of each text (0..k-1)."""
    issue = np.zeros(len(texts), dtype=int)
    if len(texts) == 0:
        return issue
    # Places and objects link complaints on their own; in the text they would make every
    # complaint about one busy hall or one company look alike, whatever its problem.
    without_keys = [
        functools.reduce(lambda text, name: text.replace(name, " "), k.names(), text)
        for text, k in zip(texts.fillna(""), keys, strict=True)
    ]
    try:
        vectors = TfidfVectorizer(analyzer=content_words, sublinear_tf=True).fit_transform(
            without_keys
        )
    except ValueError:  # not one content word in any text (tickets without title or body)
        return np.arange(len(texts))
    for number, members in enumerate(_linked(vectors, keys, np.arange(len(texts)))):
        issue[members] = number
    return issue


def _linked(vectors, keys: list[Keys], members: np.ndarray, stricter: float = 0.0) -> list:
    """Groups of ``members`` by links at their bar (Keys.bar) raised by ``stricter``; a
    loose group (mean similarity below COHESION, a chain of pairs rather than one problem)
    is split again with the bars for links by a shared place or object raised."""
    rows, cols = [], []
    for start in range(0, len(members), CHUNK):
        similar = (vectors[members[start : start + CHUNK]] @ vectors[members].T).tocoo()
        keep = (similar.data >= SAME_KEY + stricter) & (similar.row + start < similar.col)
        for i, j, s in zip(
            similar.row[keep] + start, similar.col[keep], similar.data[keep], strict=True
        ):
            named, other = keys[members[i]], keys[members[j]]
            bar = named.bar(other)
            if (bar is not None and s >= bar + stricter) or (
                s >= NEAR_DUPLICATE and not named.apart(other)
            ):
                rows.append(i)
                cols.append(j)
    size = len(members)
    links = sp.coo_matrix((np.ones(len(rows)), (rows, cols)), shape=(size, size))
    component = connected_components(links, directed=False)[1]
    groups = []
    for part in pd.Series(members).groupby(component).groups.values():
        part = members[list(part)]
        if len(part) <= 2 or SAME_KEY + stricter >= NEAR_DUPLICATE:
            groups.append(part)
            continue
        fit = _fit(vectors[part])
        loose = fit < MEMBER_FIT
        if fit.mean() < COHESION:  # a chain: split it all again, more strictly
            groups += _linked(vectors, keys, part, stricter + STRICTER)
        else:  # a core, and stragglers that came in along a chain: those go again
            groups.append(part[~loose])
            if loose.any():
                groups += _linked(vectors, keys, part[loose], stricter + STRICTER)
    return groups


def _fit(vectors) -> np.ndarray:
    """Cosine similarity of each (unit) vector to the group's mean direction."""
    centre = np.asarray(vectors.sum(axis=0)).ravel()
    # np.sqrt of a plain sum, not np.linalg.norm: its BLAS call took 10 ms a group when
    # other processes held the cores (BLAS threads waiting on each other).
    return np.asarray(vectors @ (centre / np.sqrt((centre * centre).sum()))).ravel()


def _title(subjects: list[str], key: str) -> str:
    """An issue's title as an analyst writes it: the members' subject that says most of
    what they share, the issue's place or object counting as one of the words they share
    (effmon.text.subjects), cleaned of how it was asked."""
    written = [s for s in subjects if s]
    if len(written) <= 1:
        return cleaned(written[0]) if written else key
    return cleaned(written[representative(written, key)])


def _subject(title: str, body: str) -> str:
    """What a complaint is about in its own words: its title, or its body's first sentence."""
    return title.strip() or _FIRST_SENTENCE.match(body.strip()).group()[:SUBJECT_CHARS]


def _most_named(lists: list[list[str]], least: float = 1) -> str:
    """The name found most often in ``lists`` (the first found of two as frequent), or ""
    when none is found ``least`` times."""
    counts = Counter(name for names in lists for name in names).most_common(1)
    return counts[0][0] if counts and counts[0][1] >= least else ""


def hot_issues(complaints: pd.DataFrame, as_of: pd.Timestamp | None = None) -> pd.DataFrame:
    """Hot issues of ``complaints`` (ticket_id, title, body, received_at, and where known
    complainant and likes), hottest first, heat as of ``as_of`` (default: the newest
    complaint): title, place, object (a company, case … named most), first, last,
    complaints, complainants, likes, heat, ticket_ids.
    """
    if complaints.empty:
        return pd.DataFrame(columns=COLUMNS)
    frame = complaints.reset_index(drop=True)
    text = frame["title"].fillna("") + "。" + frame["body"].fillna("")
    titles = frame["title"].fillna("").tolist()
    subjects = [_subject(t, b) for t, b in zip(titles, frame["body"].fillna(""), strict=True)]
    place_lists = [places(t) for t in text]
    title_places = [places(t) for t in titles]
    object_lists = [objects(t) for t in text]
    people = frame["complainant"] if "complainant" in frame else frame["ticket_id"]
    likes = pd.to_numeric(frame["likes"], errors="coerce") if "likes" in frame else 0
    issues = pd.DataFrame(
        {
            "issue": group(
                text,
                [
                    Keys(frozenset(p), frozenset(o))
                    for p, o in zip(place_lists, object_lists, strict=True)
                ],
            ),
            "received": pd.to_datetime(frame["received_at"]),
            "person": people.fillna(frame["ticket_id"]),  # anonymous: a person of its own
            "likes": likes,
            "ticket_id": frame["ticket_id"],
        }
    ).groupby("issue")
    table = issues.agg(
        first=("received", "min"),
        last=("received", "max"),
        complaints=("ticket_id", "size"),
        complainants=("person", "nunique"),
        likes=("likes", "sum"),
        ticket_ids=("ticket_id", list),
    )
    table["likes"] = table["likes"].fillna(0).astype(int)
    named = []
    for members in (issues.indices[number] for number in table.index):
        # A place in a title counts twice: bodies repeat boilerplate that only looks like one.
        # It is the issue's place when a third of the members name it (the office of the
        # company two of seven fraud victims wrote to is not).
        place = _most_named(
            [place_lists[m] + title_places[m] for m in members], least=len(members) / 3
        )
        # An object is what the issue is about only when most of it names one (a developer
        # named in passing by two of fifty neighbours is not).
        about = _most_named([object_lists[m] for m in members], least=len(members) / 2)
        named.append((place, about, _title([subjects[m] for m in members], place or about)))
    table["place"], table["object"], table["title"] = zip(*named, strict=True)
    as_of = as_of if as_of is not None else table["last"].max()
    since = (as_of - table["last"]).dt.total_seconds() / 86400
    span = (table["last"] - table["first"]).dt.days
    parts = zip(
        table["complaints"], table["complainants"], table["likes"], since, span, strict=True
    )
    table["heat"] = [round(Heat(*heat).value, 2) for heat in parts]
    return table[COLUMNS].sort_values("heat", ascending=False, ignore_index=True)
