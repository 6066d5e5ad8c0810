"""Dashboard speed at district scale: store queries, pages (AppTest), pandas comparison.

    .venv/bin/python bench/pages.py [--db STORE] [--scale 30]

Builds a demo store with `effmon demo --scale 30` (about 10 million cases) unless --db names
an existing one, then in this one process: times every store query the pages use, runs each
dashboard page with AppTest cold and warm, and computes the same aggregates with pandas on
the cases loaded into memory, printing the pandas/effmon ratio. Targets: page warm < 1 s,
query < 200 ms, pandas/effmon >= 3, app process peak memory <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PAGES = [
    "views/overview.py",
    "views/workload.py",
    "views/explore.py",
    "views/satisfaction.py",
    "views/trends.py",
    "views/hotspots.py",
]
MONTH, YEAR_START, TWO_YEARS = "2026-10", "2025-11", "2024-11"


def timed(run, repeat: int = 3) -> tuple[float, object]:
    """Median seconds of ``repeat`` runs, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        began = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - began)
    return statistics.median(times), result


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def bench_queries(con, db: Path) -> None:
    from effmon.analytics.overview import overview_keys, units_for_attention
    from effmon.analytics.satisfaction_index import (
        comment_scores,
        satisfaction_index,
        store_comment_scores,
    )
    from effmon.analytics.workload import MEASURES as WORKLOAD
    from effmon.store import measures, queries, satisfaction, workload
    from effmon.store.filters import Filters
    from effmon.text.sentiment import load_scorer

    every = Filters()
    scorer = load_scorer(db)
    began = time.perf_counter()
    with con.cursor() as writer:  # a store built before sentiment was stored at load
        writer.begin()
        scored = store_comment_scores(writer, scorer.scores)
        writer.commit()
    comments = satisfaction.distinct_comments(con, every, "2025-10", MONTH)
    scores, mentions = comment_scores(con, comments)
    print(
        f"  (scoring {scored:,} comments not scored at load: "
        f"{time.perf_counter() - began:.1f} s; {scorer.describe()})"
    )
    runs = {
        "headline measures by month (24 m)": lambda: measures.measure_frame(
            con, every, TWO_YEARS, MONTH, overview_keys(), ["month"]
        ),
        "monthly_inspections (24 m)": lambda: queries.monthly_inspections(
            con, every, TWO_YEARS, MONTH
        ),
        "overdue by month (24 m)": lambda: workload.pivot(
            con, every, TWO_YEARS, MONTH, "overdue_cases", ["month"]
        ),
        "workload by department (1 m)": lambda: workload.workload_by(
            con, every, MONTH, MONTH, "department", WORKLOAD
        ),
        "workload by window (12 m)": lambda: workload.workload_by(
            con, every, YEAR_START, MONTH, "window_name", WORKLOAD
        ),
        "waiting P90 by month (24 m)": lambda: workload.pivot(
            con, every, TWO_YEARS, MONTH, "wait_minutes_p90", ["month"]
        ),
        "hour x weekday (1 m)": lambda: workload.hour_weekday_load(con, every, MONTH, MONTH),
        "pivot street x channel (12 m)": lambda: workload.pivot(
            con, every, YEAR_START, MONTH, "cases", ["street", "channel"]
        ),
        "attention by site (1 m)": lambda: units_for_attention(con, every, MONTH, "site_id"),
        "evaluations by department (12 m)": lambda: satisfaction.evaluations_by(
            con, every, YEAR_START, MONTH, "department"
        ),
        "distinct comments (13 m)": lambda: satisfaction.distinct_comments(
            con, every, "2025-10", MONTH
        ),
        "index by month x department (12 m)": lambda: satisfaction_index(
            con, every, YEAR_START, MONTH, scores, ("month", "department")
        ),
        "aspects by department (1 m)": lambda: satisfaction.aspect_groups(
            con, every, MONTH, MONTH, mentions[["comment", "aspect", "sentiment"]]
        ),
        "差评 follow-ups (12 m)": lambda: satisfaction.followups(
            con, every, YEAR_START, MONTH, 15, datetime.now()
        ),
    }
    for name, run in runs.items():
        seconds, _ = timed(run)
        print(f"  {name:34s} {seconds * 1000:8.0f} ms")


def bench_pages(db: Path, session_id: str) -> None:
    from streamlit.testing.v1 import AppTest

    os.environ["EFFMON_DB"] = str(db)
    for page in PAGES:
        app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
        app.session_state["session_id"] = session_id  # logged in
        began = time.perf_counter()
        app.run()
        app.switch_page(page)
        app.run()
        cold = time.perf_counter() - began
        warm, _ = timed(app.run)
        assert not app.exception, app.exception
        print(f"  {page:22s} cold {cold:6.2f} s   warm {warm:6.2f} s")


def _logged_in(con) -> str:
    """The id of a login session of the administrator ``bench`` (made if new)."""
    from effmon.security import accounts, sessions

    if "bench" not in set(accounts.users(con)["username"]):
        accounts.add_user(con, "bench", "管理员", accounts.new_password(), "bench")
    return sessions.start(con, "bench", "管理员")


def bench_pandas(con) -> None:
    import pandas as pd

    from effmon.store import measures, workload
    from effmon.store.filters import Filters

    cases = con.execute("SELECT received_at, department, channel, wait_minutes FROM cases").df()
    print(f"  cases in memory: {len(cases):,} rows, process RSS {rss_mb():.0f} MB")
    every = Filters()

    def monthly():
        month = cases["received_at"].dt.to_period("M")
        return (
            cases.assign(month=month, online=cases["channel"] == "网办")
            .groupby("month")
            .agg(cases=("channel", "size"), online=("online", "sum"), wait=("wait_minutes", "mean"))
        )

    def by_department():
        first = pd.Timestamp(f"{MONTH}-01")
        received = cases["received_at"]
        month = cases[(received >= first) & (received < first + pd.DateOffset(months=1))]
        return month.groupby("department").agg(
            cases=("channel", "size"),
            wait=("wait_minutes", "mean"),
            p90=("wait_minutes", lambda w: w.quantile(0.9)),
        )

    same = ["cases", "wait_minutes_mean", "wait_minutes_p90"]  # what by_department computes
    pairs = {
        "monthly counts (24 m)": (
            monthly,
            lambda: measures.measure_frame(con, every, TWO_YEARS, MONTH, ["cases"], ["month"]),
        ),
        "by department (1 m)": (
            by_department,
            lambda: workload.workload_by(con, every, MONTH, MONTH, "department", same),
        ),
    }
    for name, (in_pandas, in_store) in pairs.items():
        pandas_time, _ = timed(in_pandas)
        store_time, _ = timed(in_store)
        print(
            f"  {name:24s} pandas {pandas_time * 1000:7.0f} ms  effmon {store_time * 1000:7.0f} ms"
            f"  ratio {pandas_time / store_time:5.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    parser.add_argument("--scale", type=float, default=30)
    args = parser.parse_args()
    db = args.db
    if db is None or not db.exists():
        db = db or Path(tempfile.mkdtemp()) / "bench.duckdb"
        print(f"building demo store at scale {args.scale} in {db} ...")
        subprocess.run(
            [
                sys.executable,
                "-m",
                "effmon.cli",
                "demo",
                "--db",
                str(db),
                "--scale",
                str(args.scale),
                "--end",
                MONTH,
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    from effmon.store.connect import open_store

    con = open_store(db)
    print(f"cases: {con.execute('SELECT count(*) FROM cases').fetchall()[0][0]:,}")
    print("store queries (median of 3):")
    bench_queries(con, db)
    print("pages with AppTest:")
    bench_pages(db, _logged_in(con))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
    print(f"peak RSS so far (queries and pages): {peak} MB")
    print("pandas on the cases in memory vs effmon:")
    bench_pandas(con)


if __name__ == "__main__":
    main()
