"""异常解构 (root-cause localization) benchmark.

    .venv/bin/python bench/rootcause.py [--db STORE] [--cases 200]

(a) Synthetic cases in the manner of the Squeeze and RiskLoc benchmarks: 4 dimensions
(6, 8, 3 and 5 values, 720 leaves), expected values log-normal, actual = expected with 5%
noise, and 1-3 root causes, each one value or a pair of values of different dimensions,
whose leaves rise or fall by 50-300%. A found cause counts when it is exactly a true one:
precision, recall and F1 over all cases (seed fixed).
(b) The demo store's complaint surge: complaints per street × category × department ×
source in the surge month against the mean of the six months before; the causes found must
name the planted street and category.
"""

from __future__ import annotations

import argparse
import itertools
import time
from pathlib import Path

import numpy as np
import pandas as pd

from effmon.forecast.rootcause import localize

SEED = 20261128
DIMENSIONS = {
    "street": [f"街道{i}" for i in range(6)],
    "category": [f"类别{i}" for i in range(8)],
    "source": ["12345", "意见箱", "纪委转办"],
    "department": [f"部门{i}" for i in range(5)],
}


def synthetic_case(rng: np.random.Generator) -> tuple[pd.DataFrame, set]:
    leaves = pd.DataFrame(list(itertools.product(*DIMENSIONS.values())), columns=list(DIMENSIONS))
    leaves["expected"] = rng.lognormal(2, 0.8, len(leaves))
    leaves["actual"] = leaves["expected"] * (1 + rng.normal(0, 0.05, len(leaves)))
    causes: set = set()
    while len(causes) < rng.integers(1, 4):
        names = sorted(rng.choice(list(DIMENSIONS), size=rng.integers(1, 3), replace=False))
        where = tuple((d, rng.choice(DIMENSIONS[d])) for d in names)
        if any(_overlap(where, other) for other in causes):
            continue
        causes.add(where)
        mask = np.logical_and.reduce([leaves[d] == v for d, v in where])
        factor = 1 + rng.choice([-1, 1]) * rng.uniform(0.5, 3.0)
        leaves.loc[mask, "actual"] *= max(factor, 0.2)
    return leaves, causes


def _overlap(a: tuple, b: tuple) -> bool:
    shared = dict(a).keys() & dict(b).keys()
    return all(dict(a)[d] == dict(b)[d] for d in shared)


def synthetic(cases: int) -> None:
    rng = np.random.default_rng(SEED)
    hits = found_total = true_total = 0
    began = time.perf_counter()
    for _ in range(cases):
        leaves, truth = synthetic_case(rng)
        found = {tuple(sorted(c.where)) for c in localize(leaves, list(DIMENSIONS))}
        truth = {tuple(sorted(w)) for w in truth}
        hits += len(found & truth)
        found_total += len(found)
        true_total += len(truth)
    precision, recall = hits / max(found_total, 1), hits / max(true_total, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-12)
    print(
        f"synthetic: {cases} cases, {true_total} true causes, {found_total} found: "
        f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} "
        f"({(time.perf_counter() - began) / cases * 1000:.0f} ms per case)"
    )


def planted(db: Path) -> None:
    import duckdb

    from effmon.demo.build import planted_events

    con = duckdb.connect(str(db), read_only=True)
    surge = planted_events(con)["complaint_surge"]
    month = surge["start"][:7]
    frame = con.execute(
        """
        SELECT coalesce(street, '') AS street, coalesce(category, '') AS category,
               coalesce(department, '') AS department, coalesce(source, '') AS source,
               count(*) FILTER (WHERE date_trunc('month', received_at) = strptime(?, '%Y-%m'))
                   AS actual,
               count(*) FILTER (WHERE date_trunc('month', received_at) < strptime(?, '%Y-%m')
                   AND received_at >= strptime(?, '%Y-%m') - INTERVAL 6 MONTH) / 6 AS expected
        FROM complaints GROUP BY ALL
        """,
        [month, month, month],
    ).df()
    causes = localize(frame, ["street", "category", "department", "source"])
    named = {value for cause in causes for _, value in cause.where}
    ok = {surge["street"], surge["category"]} <= named
    print(f"planted complaint surge {month}: {'found' if ok else 'MISSED'}")
    for cause in causes:
        print(f"  {dict(cause.where)}  share {cause.share:.0%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--cases", type=int, default=200)
    args = parser.parse_args()
    synthetic(args.cases)
    if args.db:
        planted(args.db)


if __name__ == "__main__":
    main()
