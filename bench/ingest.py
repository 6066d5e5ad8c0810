"""Ingestion speed: `effmon ingest cases` against a bare DuckDB read_csv of the same file.

    .venv/bin/python bench/ingest.py [--rows 1000000]

Generates N service cases as CSV (Chinese headers, as a platform export would have them),
loads them with the effmon pipeline into a fresh store, then loads the same file with a
bare `INSERT INTO cases SELECT ... FROM read_csv(...)` into a second fresh store, in this
same process, alternating for --rounds rounds. Prints the median times, their ratio and the
peak memory of each.
"""

from __future__ import annotations

import argparse
import csv
import resource
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np

from effmon.ingest.pipeline import load_file
from effmon.store.connect import open_store

HEADER = [
    "办件编号",
    "事项名称",
    "办理部门",
    "点位编号",
    "窗口",
    "办理渠道",
    "受理时间",
    "办结时间",
    "承诺时限",
    "等候时长(分钟)",
    "办件状态",
]
CANONICAL = [
    "case_id",
    "item",
    "department",
    "site_id",
    "window_name",
    "channel",
    "received_at",
    "finished_at",
    "promised_days",
    "wait_minutes",
    "status",
]


def write_cases(path: Path, rows: int, seed: int = 1) -> None:
    rng = np.random.default_rng(seed)
    depts = np.array(["市场监管局", "税务局", "人社局", "医保局", "不动产登记中心", "公积金中心"])
    channels = np.array(["窗口", "网办", "自助终端", "延时服务"])
    start = datetime(2025, 1, 1)
    received = rng.integers(0, 365 * 86400, rows)
    handled = rng.integers(600, 10 * 86400, rows)
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(HEADER)
        for i in range(rows):
            r = start + timedelta(seconds=int(received[i]))
            out.writerow(
                [
                    f"BJ{i:010d}",
                    "企业设立登记",
                    depts[i % 6],
                    f"Q0{i % 3 + 1}",
                    f"Q01-D0{i % 9}-1",
                    channels[i % 4],
                    r.strftime("%Y-%m-%d %H:%M:%S"),
                    (r + timedelta(seconds=int(handled[i]))).strftime("%Y-%m-%d %H:%M:%S"),
                    i % 20,
                    round(float(received[i] % 3000) / 100, 1),
                    "办结",
                ]
            )


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


class PeakMemory:
    """Peak resident memory of this process while the block runs, sampled every 20 ms."""

    def __enter__(self):
        self.peak, self.running = 0, True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, _rss_bytes())
            time.sleep(0.02)

    def __exit__(self, *exc):
        self.running = False
        self.thread.join()


def bare_load(db: Path, csv_path: Path) -> int:
    con = open_store(db)
    columns = ", ".join(f"column{i:02d} AS {name}" for i, name in enumerate(CANONICAL))
    con.execute(
        f"INSERT INTO cases ({', '.join(CANONICAL)}) SELECT {columns} "
        f"FROM read_csv('{csv_path}', header = false, skip = 1)"
    )
    rows = con.execute("SELECT count(*) FROM cases").fetchall()[0][0]
    con.close()
    return rows


def effmon_load(db: Path, csv_path: Path) -> int:
    con = open_store(db)
    result = load_file(con, "cases", csv_path)
    con.close()
    assert result.loaded, result.errors.head()
    return result.rows_new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path = folder / "cases.csv"
        write_cases(csv_path, args.rows)
        print(f"{args.rows:,} cases, {csv_path.stat().st_size / 1e6:.0f} MB CSV")
        times: dict[str, list[float]] = {"effmon ingest": [], "bare read_csv": []}
        peaks: dict[str, int] = {}
        loaders = {"effmon ingest": effmon_load, "bare read_csv": bare_load}
        for round_no in range(args.rounds):  # alternate, so neither always runs on a warm cache
            for name, load in loaders.items():
                db = folder / f"{name.split()[0]}-{round_no}.duckdb"
                with PeakMemory() as memory:
                    began = time.perf_counter()
                    rows = load(db, csv_path)
                    times[name].append(time.perf_counter() - began)
                db.unlink()
                assert rows == args.rows, (name, rows)
                peaks[name] = max(peaks.get(name, 0), memory.peak)
        for name, runs in times.items():
            listed = ", ".join(f"{t:.2f}" for t in runs)
            median = statistics.median(runs)
            print(
                f"{name:14s} median {median:6.2f} s (runs {listed}) peak RSS {peaks[name] >> 20} MB"
            )
        # Each round's pair ran back to back: the median of their ratios cancels machine drift.
        ratios = [
            e / b for e, b in zip(times["effmon ingest"], times["bare read_csv"], strict=True)
        ]
        print(
            f"ratio effmon / bare = {statistics.median(ratios):.2f} median of rounds "
            f"({', '.join(f'{r:.2f}' for r in ratios)}) (target <= 1.5)"
        )

        max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10
        print(f"max RSS of the process: {max_rss} MB")


if __name__ == "__main__":
    main()
