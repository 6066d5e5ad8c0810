"""The single machine's ceiling, and the same catalog on Spark (issue 24).

    .venv/bin/python bench/scale.py [--sizes 10,30,100] [--work /tmp/scale] [--no-spark]

Starts from a 12-month demo store (sites, windows, evaluations, complaints, inspections at
scale 0.1), then streams generated service cases into it as CSV files of --chunk million
rows, each loaded by the command line ``effmon ingest cases`` in its own process, until the
store holds each of --sizes million cases in turn (the sizes are reached one after another,
so 30 adds 20 million to 10). At each size, in this one process:

- DuckDB: the catalog's dashboard queries (measure_frame as the pages ask it: the headline
  measures of a month, by month, by department, by street, cases by site and channel, the
  waiting P90 by month and by department), each --repeat times: p50/p95 over all runs and
  the slowest query's median;
- the 总览 page in AppTest, cold (its data caches cleared) and warm, and the monthly report
  (report catalog, in-process);
- the process's peak resident memory;
- Spark in local mode over the district's lake (``effmon lake export``): the same queries,
  p50/p95, and the ratio Spark ÷ DuckDB.

Targets: query < 200 ms, page < 1 s (cold: what the first viewer after a load waits),
report < 3 s. The first size at which each is missed
is printed with why: DuckDB's profile of the slowest query (its costliest operators), and
for the page and the report the effmon functions that took the time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
from ingest import HEADER, PeakMemory
from pages import _logged_in

from effmon.analytics.overview import overview_keys
from effmon.demo.build import build_demo
from effmon.store.connect import open_store
from effmon.store.filters import Filters
from effmon.store.measures import measure_frame

REPO = Path(__file__).resolve().parent.parent
MONTH, YEAR_START = "2026-10", "2025-11"
END = date(2026, 10, 31)
TARGETS = {"query": 0.2, "page": 1.0, "report": 3.0}
CHANNELS = np.array(["窗口", "网办", "自助终端", "延时服务"])
CHANNEL_SHARES = [0.42, 0.46, 0.06, 0.06]
ITEMS = np.array(["企业设立登记", "企业变更登记", "个体工商户登记", "食品经营许可", "社保费缴纳",
                  "不动产登记", "医保参保登记", "公积金提取", "税务登记", "证明开具"])  # fmt: skip


def _queries(every: Filters) -> dict:
    """The catalog's dashboard queries: (keys, dimensions, first month) by name."""
    headline = overview_keys()
    return {
        "headline, the month": (headline, [], MONTH),
        "headline by month (12 m)": (headline, ["month"], YEAR_START),
        "headline by department (1 m)": (headline, ["department"], MONTH),
        "headline by street (1 m)": (headline, ["street"], MONTH),
        "cases by site x channel (12 m)": (["cases"], ["site_id", "channel"], YEAR_START),
        "waiting P90 by month (12 m)": (["wait_minutes_p90"], ["month"], YEAR_START),
        "waiting P90 by department (1 m)": (["wait_minutes_p90"], ["department"], MONTH),
    }


def write_cases(
    con: duckdb.DuckDBPyConnection, path: Path, rows: int, first_id: int, month: int
) -> None:
    """``rows`` cases of month ``month`` (0-11) of the demo's twelve at its windows, as a
    platform's monthly export with Chinese headers; case ids from ``first_id`` on."""
    rng = np.random.default_rng(first_id)
    windows = con.execute(
        "SELECT window_name, site_id, department FROM windows WHERE department IS NOT NULL"
    ).fetchnumpy()
    pick = rng.integers(0, len(windows["window_name"]), rows)
    channel = rng.choice(CHANNELS, rows, p=CHANNEL_SHARES)
    at_counter = (channel == "窗口") | (channel == "延时服务")
    first = np.datetime64(f"{END.year - 1}-{END.month + 1:02d}", "M") + month
    start = first.astype("datetime64[D]").astype(datetime)
    days = int(((first + 1).astype("datetime64[D]") - first.astype("datetime64[D]")).astype(int))
    received = (
        np.datetime64(start)
        + rng.integers(0, days, rows).astype("timedelta64[D]")
        + rng.integers(8 * 3600, 18 * 3600, rows).astype("timedelta64[s]")
    )
    promised = rng.choice([0, 1, 3, 5, 10, 15, 20], rows)
    handled = rng.exponential(promised * 0.6 * 86400 + 1800).astype("timedelta64[s]")
    finished = received + handled
    open_now = finished > np.datetime64(datetime(END.year, END.month, END.day, 23, 59))
    table = pa.table(
        [
            pa.array([f"S{first_id + i:011d}" for i in range(rows)]),
            pa.array(ITEMS[rng.integers(0, len(ITEMS), rows)]),
            pa.array(windows["department"][pick]),
            pa.array(np.where(channel == "网办", None, windows["site_id"][pick])),
            pa.array(np.where(at_counter, windows["window_name"][pick], None)),
            pa.array(channel),
            pa.array(received.astype("datetime64[s]")),
            pa.array(np.where(open_now, np.datetime64("NaT"), finished).astype("datetime64[s]")),
            pa.array(promised),
            pa.array(np.round(rng.gamma(2.0, 6.0, rows), 1), mask=~at_counter),  # empty cells
            pa.array(np.where(open_now, "在办", "办结")),
        ],
        names=HEADER,
    )
    pacsv.write_csv(table, path)


def load(store: Path, work: Path, have: int, want: int, chunk: int) -> float:
    """Stream cases into the store through ``effmon ingest`` until it holds ``want``
    (generated cases beyond the demo's own), one month's export at a time, the months in
    turn (a load refreshes the aggregates of the months it touches); the seconds taken."""
    seconds = 0.0
    while have < want:
        rows = min(chunk, want - have)
        con = duckdb.connect(str(store), read_only=True)
        path = work / "cases.csv"
        write_cases(con, path, rows, have, (have // chunk) % 12)
        con.close()
        began = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "effmon.cli", "ingest", "cases", str(path), "--db", str(store)],
            check=True, cwd=REPO, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        seconds += time.perf_counter() - began
        have += rows
        print(f"    loaded {have / 1e6:g} M ({time.perf_counter() - began:.0f} s this chunk)")
    path = work / "cases.csv"
    path.unlink(missing_ok=True)
    return seconds


def time_queries(run_one, repeat: int) -> tuple[dict[str, float], list[float]]:
    """Median seconds of each dashboard query, and every run's seconds."""
    medians, every_run = {}, []
    for name, (keys, dimensions, first) in _queries(Filters()).items():
        runs = []
        for _ in range(repeat):
            began = time.perf_counter()
            run_one(keys, dimensions, first)
            runs.append(time.perf_counter() - began)
        medians[name] = statistics.median(runs)
        every_run += runs
    return medians, every_run


def _on_duckdb(con: duckdb.DuckDBPyConnection):
    return lambda keys, dims, first: measure_frame(con, Filters(), first, MONTH, keys, dims)


def p(values: list[float], q: float) -> float:
    return float(np.quantile(values, q))


def page_seconds(store: Path) -> tuple[float, float, pstats.Stats]:
    """The cold and warm times of the 总览 page in AppTest (cold: its caches empty, in a
    process that has already run the app once), and the cold run's profile."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["EFFMON_DB"] = str(store)
    con = open_store(store)
    session_id = _logged_in(con)
    con.close()
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=600)
    app.session_state["session_id"] = session_id
    app.run()
    app.switch_page("views/overview.py")
    st.cache_data.clear()
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    app.run()
    profile.disable()
    cold = time.perf_counter() - began
    assert not app.exception, app.exception
    runs = []
    for _ in range(3):
        began = time.perf_counter()
        app.run()
        runs.append(time.perf_counter() - began)
    return cold, statistics.median(runs), pstats.Stats(profile)


def report_seconds(store: Path) -> tuple[float, pstats.Stats]:
    """The seconds of the monthly report made in-process (the second run), and its profile."""
    from effmon.reports import catalog
    from effmon.reports.request import Request

    con = open_store(store)
    catalog.generate(con, "monthly", Request(MONTH, "bench"))  # pays the caches
    profile = cProfile.Profile()
    began = time.perf_counter()
    profile.enable()
    catalog.generate(con, "monthly", Request(MONTH, "bench"))
    profile.disable()
    seconds = time.perf_counter() - began
    con.close()
    return seconds, pstats.Stats(profile)


def costliest_operators(con: duckdb.DuckDBPyConnection, name: str, work: Path) -> list[str]:
    """DuckDB's profile of dashboard query ``name``: its three costliest operators."""
    keys, dimensions, first = _queries(Filters())[name]
    output = work / "profile.json"
    con.execute("PRAGMA enable_profiling = 'json'")
    con.execute(f"PRAGMA profiling_output = '{output}'")
    measure_frame(con, Filters(), first, MONTH, keys, dimensions)
    con.execute("PRAGMA disable_profiling")
    found = []

    def walk(node: dict) -> None:
        seconds = node.get("timing", 0.0)
        detail = node.get("extra_info", {}).get("Aggregates", "")
        found.append((seconds, f"{node.get('type', '?')} {detail} {seconds * 1000:.0f} ms over "
                      f"{node.get('intermediate_rows', 0):,} rows".replace("  ", " ")))  # fmt: skip
        for child in node.get("children", []):
            walk(child)

    for node in json.loads(output.read_text())["operator"]:
        walk(node)
    return [text for _, text in sorted(found, reverse=True)[:3]]


def effmon_functions(stats: pstats.Stats) -> list[str]:
    """The effmon functions with the most cumulative time (a profile's why)."""
    rows = [
        (cumulative, f"{Path(file).name}:{function} {cumulative:.2f} s")
        for (file, _, function), (_, _, _, cumulative, _) in stats.stats.items()
        if "/effmon/" in file and "/effmon/ui/failure" not in file
    ]
    return [text for _, text in sorted(rows, reverse=True)[1:6]]


def spark_times(store: Path, work: Path, repeat: int) -> tuple[float, list[float], dict]:
    """Export the store to a lake and time the same queries on Spark in local mode."""
    from effmon.city.engines import open_engine
    from effmon.city.export import export_district
    from effmon.city.lake import open_lake
    from effmon.city.measures import lake_measure_frame

    lake_path = work / "lake"
    con = open_store(store)
    began = time.perf_counter()
    export_district(con, str(lake_path), "510100", "基准区")
    exported = time.perf_counter() - began
    con.close()
    engine = open_engine(open_lake([str(lake_path)], verify=False), "spark", remote="")
    lake_measure_frame(engine, Filters(), MONTH, MONTH, ["cases"], [])  # starts the JVM's work
    medians, runs = time_queries(
        lambda keys, dims, first: lake_measure_frame(engine, Filters(), first, MONTH, keys, dims),
        repeat,
    )
    engine.spark.stop()
    return exported, runs, medians


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10,30,100", help="millions of cases, in order")
    parser.add_argument("--work", type=Path, default=Path("/tmp/scale"))
    parser.add_argument(
        "--chunk", type=float, default=1.5, help="millions of cases per file (under max_upload_mb)"
    )
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    store = args.work / "scale.duckdb"
    if not store.exists():
        con = open_store(store)
        build_demo(con, months=12, seed=7, scale=0.1, end=END)
        con.close()
    missed: dict[str, str] = {}
    for size in (float(s) for s in args.sizes.split(",")):
        print(f"== {size:g} million cases")
        have_file = args.work / "loaded.txt"
        have = int(have_file.read_text()) if have_file.exists() else 0
        want = int(size * 1e6)
        seconds = load(store, args.work, have, want, int(args.chunk * 1e6))
        have_file.write_text(str(max(have, want)))
        if seconds:
            print(f"  effmon ingest: {seconds:.0f} s for {(want - have) / 1e6:g} M cases "
                  f"({(want - have) / seconds / 1e3:.0f} k cases/s)")  # fmt: skip
        print(f"  store file {store.stat().st_size / 2**30:.1f} GB")
        con = duckdb.connect(str(store), read_only=True)
        with PeakMemory() as memory:
            medians, runs = time_queries(_on_duckdb(con), args.repeat)
        for name, seconds in medians.items():
            print(f"  duckdb {name:34s} {seconds * 1000:7.0f} ms")
        slowest = max(medians, key=medians.get)
        print(f"  duckdb queries p50 {p(runs, 0.5) * 1000:.0f} ms, "
              f"p95 {p(runs, 0.95) * 1000:.0f} ms (slowest: {slowest}), "
              f"peak RSS {memory.peak >> 20} MB")  # fmt: skip
        if "query" not in missed and max(medians.values()) > TARGETS["query"]:
            why = "; ".join(costliest_operators(con, slowest, args.work))
            missed["query"] = f"{size:g} M: {slowest} {medians[slowest] * 1000:.0f} ms — {why}"
        con.close()
        with PeakMemory() as memory:
            cold, page, page_profile = page_seconds(store)
            report, report_profile = report_seconds(store)
        print(f"  总览 page cold {cold:.2f} s, warm {page:.2f} s; monthly report {report:.2f} s; "
              f"peak RSS {memory.peak >> 20} MB")  # fmt: skip
        for what, seconds, profile in (
            ("page", cold, page_profile), ("report", report, report_profile)
        ):  # fmt: skip
            if what not in missed and seconds > TARGETS[what]:
                why = "; ".join(effmon_functions(profile))
                missed[what] = f"{size:g} M: {seconds:.2f} s — {why}"
        if not args.no_spark:
            exported, spark_runs, spark_medians = spark_times(store, args.work, args.repeat)
            print(f"  lake export {exported:.0f} s; spark queries p50 "
                  f"{p(spark_runs, 0.5) * 1000:.0f} ms, p95 {p(spark_runs, 0.95) * 1000:.0f} ms; "
                  f"spark / duckdb p50 {p(spark_runs, 0.5) / p(runs, 0.5):.1f}, "
                  f"p95 {p(spark_runs, 0.95) / p(runs, 0.95):.1f}")  # fmt: skip
            for name, seconds in spark_medians.items():
                print(f"  spark  {name:34s} {seconds * 1000:7.0f} ms "
                      f"(x{seconds / medians[name]:.1f})")  # fmt: skip
    print("== first size at which a target is missed")
    for what, target in TARGETS.items():
        print(f"  {what} < {target:g} s: {missed.get(what, 'met at every size measured')}")


if __name__ == "__main__":
    main()
