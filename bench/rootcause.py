"""异常解构 (root-cause localization) benchmark.

    .venv/bin/python bench/rootcause.py [--db STORE] [--cases 200]

(a) Synthetic cases in the manner of the Squeeze and RiskLoc benchmarks: 4 dimensions
(6, 8, 3 and 5 values, 720 leaves), expected values log-normal, actual = expected with 5%
noise, and 1-3 root causes, each one value or a pair of values of different dimensions,
whose leaves rise or fall by 50-300%. A found cause counts when it is exactly a true one:
precision, recall and F1 over all cases (seed fixed).
(b) The demo store's planted events (effmon.demo.build.planted_alerts): the anomaly scan
of each event's month must raise the alert it should (metric, period, key) and the
decomposition's main cause must name the planted dimension values.
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

    from effmon.analytics.findings import main_cause
    from effmon.demo.build import planted_alerts, planted_events
    from effmon.findings_text import sentence
    from effmon.forecast.scan import month_findings
    from effmon.store import queries

    con = duckdb.connect(str(db), read_only=True)
    wanted = planted_alerts(planted_events(con))
    sites = queries.site_names(con)
    began, hits = time.perf_counter(), 0
    print(f"{'event':18s} {'scanned':8s} {'finding':28s} {'period':8s} result")
    for want in wanted:
        finding = want.find(month_findings(con, want.scan_month))
        ok = finding is not None and set(want.cause) <= main_cause(finding["evidence"])
        hits += ok
        said = sentence(finding, sites) if finding is not None else "MISSED"
        print(
            f"{want.event:18s} {want.scan_month:8s} {want.metric:28s} {want.period:8s} "
            f"{'ok' if ok else 'FAILED'}  {said}"
        )
    print(
        f"planted events detected and attributed: {hits}/{len(wanted)} "
        f"({time.perf_counter() - began:.1f} s)"
    )


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
