"""Root-cause localization on small fixtures with a known answer (fewer than half of the
leaves affected: the noise level is learnt from the others)."""

import itertools

import numpy as np
import pandas as pd

from effmon.forecast.rootcause import localize

DIMENSIONS = {
    "street": ["甲", "乙", "丙", "丁", "戊", "己"],
    "category": ["系统故障", "排队", "态度", "指南", "设施", "收费"],
}


def _leaves(seed=1):
    leaves = pd.DataFrame(list(itertools.product(*DIMENSIONS.values())), columns=list(DIMENSIONS))
    rng = np.random.default_rng(seed)
    leaves["expected"] = rng.uniform(20, 40, len(leaves)).round()
    leaves["actual"] = leaves["expected"] + rng.integers(-2, 3, len(leaves))
    return leaves


def test_a_surge_in_one_street_and_category_is_that_pair():
    leaves = _leaves()
    mask = (leaves["street"] == "乙") & (leaves["category"] == "系统故障")
    leaves.loc[mask, "actual"] += 150
    causes = localize(leaves, list(DIMENSIONS))
    assert [dict(c.where) for c in causes] == [{"street": "乙", "category": "系统故障"}]
    assert 0.9 < causes[0].share <= 1.05


def test_a_whole_category_rising_everywhere_is_the_category_alone():
    leaves = _leaves(2)
    leaves.loc[leaves["category"] == "排队", "actual"] *= 3
    assert [dict(c.where) for c in localize(leaves, list(DIMENSIONS))] == [{"category": "排队"}]


def test_a_rise_and_a_fall_in_different_dimensions_are_both_found():
    leaves = _leaves(3)
    leaves.loc[leaves["street"] == "甲", "actual"] *= 2.5
    leaves.loc[leaves["category"] == "指南", "actual"] *= 0.2
    found = {tuple(sorted(c.where)) for c in localize(leaves, list(DIMENSIONS))}
    assert found == {(("street", "甲"),), (("category", "指南"),)}


def test_noise_alone_has_no_cause():
    assert localize(_leaves(4), list(DIMENSIONS)) == []
