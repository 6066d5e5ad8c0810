"""Aspect detection from the lexicon: the demo's tagged complaints and edge cases."""

import tomllib

import pytest

from effmon.text.aspects import ASPECTS, clauses, lexicon, mentions
from tests.conftest import REPO

VOCAB = tomllib.loads((REPO / "effmon" / "demo" / "vocab.toml").read_text(encoding="utf-8"))
TAGS = {
    "服务态度": "attitude",
    "服务效率": "efficiency",
    "处置结果": "result",
    "办事指南": "guide",
    "环境设施": "facility",
}
TAGGED = [
    (TAGS[group["aspect"]], text)
    for group in VOCAB["comments"]["complaints"]
    for text in group["text"]
]


@pytest.mark.parametrize(("aspect", "text"), TAGGED, ids=[t for _, t in TAGGED])
def test_each_tagged_complaint_mentions_its_aspect(aspect, text):
    assert aspect in {a for a, _ in mentions(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("态度很好，但是排队太久", [("attitude", "态度很好"), ("efficiency", "排队太久")]),
        ("咨询电话一直打不通", [("guide", "咨询电话一直打不通")]),
        ("谢谢", []),
        ("", []),
    ],
)
def test_mentions_name_the_clause(text, expected):
    assert mentions(text) == expected


def test_clauses_split_at_punctuation_and_but():
    assert clauses("办得快。不过停车难！") == ["办得快", "停车难"]


def test_lexicon_only_uses_known_aspects():
    assert set(lexicon().values()) == set(ASPECTS)
