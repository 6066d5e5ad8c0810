"""Report generation speed and memory on a demo store.

    .venv/bin/python bench/reports.py [--db STORE] [--runs 3] [--snownlp]

Without --db a two-year demo store (scale 1, about 340,000 cases) is built in a temporary
folder. Comments are scored by the store's trained sentiment model, trained from its
evaluations first if there is none (what the app advises); --snownlp times the fallback
instead. Each report kind is made --runs times: the median time, its ratio to a baseline
made in the same process (a one-page document with one table, i.e. the engine's fixed
cost), pages, and the peak Python memory of one run (tracemalloc); the process's peak
resident memory is printed at the end. Targets: monthly < 3 s, annual < 10 s, peak memory
< 1 GB.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd

from effmon.analytics.satisfaction import train_from_evaluations
from effmon.demo.build import build_demo, planted_events
from effmon.reports import blocks, catalog
from effmon.reports.document import Cover, Section, render
from effmon.reports.letter import units_due
from effmon.reports.request import Request
from effmon.store import queries
from effmon.store.connect import open_store
from effmon.text.sentiment import load_scorer, snownlp_score

TARGETS = {"monthly": 3.0, "annual": 10.0}


def baseline() -> bytes:
    frame = pd.DataFrame({"单位": [f"单位{i}" for i in range(20)], "办件量": range(20)})
    cover = Cover("基准", "2026年10月", "bench", datetime.now())
    table = blocks.table(frame, {c: c for c in frame.columns})
    return render(cover, [Section("一、基准", [table])], contents=False)


def requests(con, score) -> dict[str, Request]:
    month = queries.data_months(con)[0]
    events = planted_events(con) or {}
    ninety_days_before = pd.Period(month, "M").start_time - pd.Timedelta(days=90)
    launch = events.get("system_launch") or {
        "date": f"{ninety_days_before:%Y-%m-%d}",
        "site_id": "",
    }
    ticket = con.execute(
        "SELECT ticket_id FROM complaints WHERE strftime(received_at, '%Y-%m') = ? LIMIT 1", [month]
    ).fetchone()[0]
    due = units_due(con, month)
    made = {
        "monthly": Request(month, "bench", score),
        "annual": Request(month[:4], "bench", score),
        "inspection_monthly": Request(month, "bench", score),
        "inspection_annual": Request(month[:4], "bench", score),
        "complaint_month": Request(month, "bench", score),
        "complaint_ticket": Request("", "bench", score, complaint=ticket),
        "research": Request(launch["date"], "bench", score, unit=launch["site_id"]),
    }
    if due:
        made["letter"] = Request(month, "bench", score, unit=due[0])
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--snownlp", action="store_true", help="score comments with snownlp")
    args = parser.parse_args()
    path = args.db
    if path is None:
        path = Path(tempfile.mkdtemp()) / "demo.duckdb"
        started = time.perf_counter()
        with open_store(path) as con:
            build_demo(con, months=24, scale=1)
        print(f"demo store built in {time.perf_counter() - started:.0f} s: {path}")
    con = open_store(path)
    if args.snownlp:
        score = lambda texts: np.array([snownlp_score(t) for t in texts])  # noqa: E731
    else:
        scorer = load_scorer(path)
        if scorer.model is None:
            train_from_evaluations(con, path)
            scorer = load_scorer(path)
        score = scorer.scores
    print("comments scored by:", "snownlp" if args.snownlp else load_scorer(path).describe())

    base = statistics.median(_timed(baseline)[1] for _ in range(args.runs))
    print(f"baseline (one page, one table): {base * 1000:.0f} ms\n")
    print(f"{'report':20s} {'period':12s} {'pages':>5s} {'median s':>9s} {'× base':>8s} "
          f"{'py peak MB':>10s}  target")  # fmt: skip
    for kind, request in requests(con, score).items():
        times, pages = [], 0
        for _ in range(args.runs):
            made, seconds = _timed(lambda k=kind, r=request: catalog.generate(con, k, r))
            times.append(seconds)
            pages = made.pages
        tracemalloc.start()
        catalog.generate(con, kind, request)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        median = statistics.median(times)
        target = TARGETS.get(kind)
        verdict = "" if target is None else f"< {target:.0f} s {'✓' if median < target else '✗'}"
        period = request.period or request.complaint
        print(f"{kind:20s} {period:12s} {pages:5d} {median:9.2f} {median / base:8.1f} "
              f"{peak:10.0f}  {verdict}")  # fmt: skip
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak resident memory: {rss:.0f} MB (target < 1024 MB)")


def _timed(make):
    started = time.perf_counter()
    result = make()
    return result, time.perf_counter() - started


if __name__ == "__main__":
    main()
