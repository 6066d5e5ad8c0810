"""`effmon hotspots` on the real Teddy Cup 附件3 (4,326 messages with likes): its time and
its top 20 (issue 23).

    .venv/bin/python bench/hotspots.py [--runs 3] [--export 附件3] [--top 20]

Reads ../shared/data/external/teddycup2020c/raw/ in place. Each run is the whole command in
a fresh process (imports, reading the xlsx, grouping, titles, writing the CSV) into a
temporary store; the time is wall-clock, and the processor time (user + system) is shown
beside it, since on a machine other processes share the wall-clock time says as much about
them. Then the in-process part alone: effmon.analytics.hot_issues on the messages read once.
`effmon --help` is timed the same way: the command line's start (its imports), which every
command pays. Prints the median of --runs, the target (< 5 s) and the top --top issues of
the last run with their place, object, counts and heat. --export 附件4 reads the replies
export instead.
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
from pathlib import Path

import pandas as pd

from effmon.analytics.hot_issues import hot_issues
from effmon.ingest.complaint_files import read_complaints

EXTERNAL = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "external"
RAW = EXTERNAL / "teddycup2020c" / "raw"
TARGET_SECONDS = 5.0
_CLI = "import sys; from effmon.cli import main; sys.exit(main())"
SHOWN = ["热点问题", "地点", "对象", "投诉数", "投诉人数", "点赞数", "热度"]


def command_run(export: Path, folder: Path) -> tuple[float, float, Path]:
    """One `effmon hotspots EXPORT --out CSV` in a fresh process: wall and processor
    seconds, and the CSV it wrote."""
    out = folder / "hot.csv"
    wall, cpu = _timed(
        "hotspots", str(export), "--top", "0", "--out", str(out),
        "--db", str(folder / "store.duckdb"),
    )  # fmt: skip
    return wall, cpu, out


def _timed(*arguments: str) -> tuple[float, float]:
    """Wall and processor seconds of the effmon command line with ``arguments`` in a fresh
    process."""
    command = [sys.executable, "-c", _CLI, *arguments]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=os.environ.copy())
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(export: Path, runs: int) -> tuple[float, float, int]:
    """Median wall and processor seconds of hot_issues on the messages (read once), and
    the number of issues."""
    messages = read_complaints(export, export.name)
    walls, cpus = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        issues = hot_issues(messages)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus), len(issues)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--export", default="附件3", help="附件3 or 附件4")
    parser.add_argument("--top", type=int, default=20)
    args = parser.parse_args()
    export = RAW / f"{args.export}.xlsx"
    if not export.exists():
        sys.exit(f"{export} is missing: the bench reads the Teddy Cup exports in place")
    with tempfile.TemporaryDirectory() as folder:
        runs = [command_run(export, Path(folder)) for _ in range(args.runs)]
        table = pd.read_csv(runs[-1][2], encoding="utf-8-sig")
    wall = statistics.median(r[0] for r in runs)
    cpu = statistics.median(r[1] for r in runs)
    starts = [_timed("--help") for _ in range(args.runs)]
    alone_wall, alone_cpu, count = in_process(export, args.runs)
    print(f"effmon hotspots {export.name}: {count} issues from {export.stat().st_size:,} bytes")
    print(f"{'part':<28}{'wall s':>8}{'cpu s':>8}{'target s':>10}{'ratio':>7}")
    print(
        f"{'command (fresh process)':<28}{wall:>8.2f}{cpu:>8.2f}{TARGET_SECONDS:>10.1f}"
        f"{wall / TARGET_SECONDS:>7.2f}"
    )
    start_wall = statistics.median(r[0] for r in starts)
    start_cpu = statistics.median(r[1] for r in starts)
    print(f"{'of which startup (--help)':<28}{start_wall:>8.2f}{start_cpu:>8.2f}")
    print(f"{'hot_issues in-process':<28}{alone_wall:>8.2f}{alone_cpu:>8.2f}")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print()
    with pd.option_context("display.width", 200, "display.max_colwidth", 40):
        print(table[SHOWN].head(args.top).fillna("").to_string())


if __name__ == "__main__":
    main()
