"""Report generation speed and memory on a demo store (issue 20).

    .venv/bin/python bench/reports.py --db STORE [--runs 3] [--year 2025] [--no-cli]

STORE (e.g. a copy of the demo store ``effmon demo`` builds) is copied to a temporary folder
first: reports are kept in the store they are made from. Comment sentiment is read from the
store (scored when the comments were loaded), as the command line reads it.

Three parts, one table:

- in-process: each report kind made --runs times with report.catalog.generate in one
  process (the median; the first run of each kind is shown apart, it pays the caches);
- command: the whole ``effmon report KIND …`` command in a fresh process (imports, opening
  the store, the report, writing the file) and that process's peak resident memory;
- a year: the twelve monthly reports of --year, in-process and as one batch command
  ``effmon report monthly --period YEAR``; and a batch of another kind
  (``inspection_monthly --period YEAR``).

Targets: each monthly report < 3 s in-process, 12 monthly reports < 30 s, peak memory
< 600 MB. The ratio column is measured / target (below 1 meets it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

from effmon.demo.build import planted_events
from effmon.reports import catalog
from effmon.reports.letter import units_due
from effmon.reports.request import Request
from effmon.store import queries
from effmon.store.connect import open_store
from effmon.text.sentiment import load_scorer

MONTHLY_SECONDS = 3.0
YEAR_SECONDS = 30.0
PEAK_MB = 600.0
MONTHLY_KINDS = {"monthly", "inspection_monthly", "complaint_month", "letter"}
# A fresh process that runs the effmon command line and prints its peak resident memory
# (VmHWM: ru_maxrss would carry the parent's peak over fork and exec on Linux).
_CLI = (
    "import sys\n"
    "from effmon.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "hwm = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1]\n"
    "print('maxrss_kb', hwm, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM), MB."""
    with open("/proc/self/status") as status:
        line = next(x for x in status if x.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def requests(con, month: str) -> dict[str, Request]:
    """One request per report kind, for ``month`` (or its year)."""
    events = planted_events(con) or {}
    ninety_days_before = pd.Period(month, "M").start_time - pd.Timedelta(days=90)
    before = {"date": f"{ninety_days_before:%Y-%m-%d}", "site_id": ""}
    launch = events.get("system_launch") or before
    ticket = con.execute(
        "SELECT ticket_id FROM complaints WHERE strftime(received_at, '%Y-%m') = ? LIMIT 1", [month]
    ).fetchone()[0]
    due = units_due(con, month)
    made = {
        "monthly": Request(month, "bench"),
        "annual": Request(month[:4], "bench"),
        "inspection_monthly": Request(month, "bench"),
        "inspection_annual": Request(month[:4], "bench"),
        "complaint_month": Request(month, "bench"),
        "complaint_ticket": Request("", "bench", complaint=ticket),
        "research": Request(launch["date"], "bench", unit=launch["site_id"]),
    }
    if due:
        made["letter"] = Request(month, "bench", unit=due[0])
    return made


def run_cli(store: Path, args: list[str]) -> tuple[float, float, int, str]:
    """Seconds, peak resident MB, exit code and the last line of stderr of one command."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _CLI, "--db", str(store), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    seconds = time.perf_counter() - started
    lines = done.stderr.strip().splitlines()
    rss = next((int(x.split()[1]) / 1024 for x in lines if x.startswith("maxrss_kb")), float("nan"))
    errors = [x for x in lines if not x.startswith("maxrss_kb")]
    return seconds, rss, done.returncode, errors[-1] if errors else ""


def _verdict(value: float, target: float | None) -> str:
    if target is None or value != value:
        return ""
    return f"{value / target:5.2f} {'✓' if value < target else '✗'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--year", default="2025", help="the year of the monthly batch")
    parser.add_argument("--no-cli", action="store_true", help="skip the command-line timings")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    path = folder / "store.duckdb"
    shutil.copy(args.db, path)
    con = open_store(path)
    scorer = load_scorer(path)
    print("comments scored by:", scorer.describe())
    month = queries.data_months(con)[0]
    rows = []  # (part, what, pages, seconds, first, target, peak MB)
    for kind, request in requests(con, month).items():
        times, pages = [], 0
        for _ in range(args.runs):
            started = time.perf_counter()
            made = catalog.generate(con, kind, request)
            times.append(time.perf_counter() - started)
            pages = made.pages
        target = MONTHLY_SECONDS if kind in MONTHLY_KINDS else None
        period = " ".join(filter(None, [request.period, request.unit, request.complaint]))
        rows.append(("in-process", f"{kind} {period}", pages, statistics.median(times), times[0],
                     target, None))  # fmt: skip
    months = sorted(m for m in queries.data_months(con) if m.startswith(args.year))
    started = time.perf_counter()
    for m in months:
        catalog.generate(con, "monthly", Request(m, "bench"))
    year_seconds = time.perf_counter() - started
    rows.append(("in-process", f"monthly × {len(months)} ({args.year})", None, year_seconds,
                 None, YEAR_SECONDS, None))  # fmt: skip
    in_process_rss = _peak_mb()
    rows.append(("in-process", "peak resident memory", None, None, None, None, in_process_rss))
    con.close()
    if not args.no_cli:
        out = folder / "out"
        out.mkdir()
        for kind, request in requests(open_store(path), month).items():
            extra = ["--period", request.period] if request.period else []
            extra += ["--unit", request.unit] if kind == "letter" else []
            extra += ["--complaint", request.complaint] if request.complaint else []
            seconds, rss, code, error = run_cli(
                path, ["report", kind, *extra, "--out", str(out / f"{kind}.pdf")]
            )
            target = MONTHLY_SECONDS if kind in MONTHLY_KINDS else None
            what = f"effmon report {kind}" + ("" if code == 0 else f" (failed: {error})")
            rows.append(("command", what, None, seconds, None, target, rss))
        for kind in ("monthly", "inspection_monthly"):
            seconds, rss, code, error = run_cli(
                path, ["report", kind, "--period", args.year, "--out", str(out / f"{kind}_year")]
            )
            what = f"effmon report {kind} --period {args.year}"
            what += "" if code == 0 else f" (refused: {error})"
            rows.append(("command", what, None, seconds if code == 0 else float("nan"), None,
                         YEAR_SECONDS, rss))  # fmt: skip
    _print(rows)
    shutil.rmtree(folder, ignore_errors=True)


def _print(rows) -> None:
    print("\n| part | report | pages | seconds | 1st run s | ratio to target | peak MB | "
          "MB ratio |")  # fmt: skip
    print("|---|---|---:|---:|---:|---|---:|---|")
    for part, what, pages, seconds, first, target, peak in rows:
        cells = [
            part,
            what,
            "" if pages is None else str(pages),
            "" if seconds is None or seconds != seconds else f"{seconds:.2f}",
            "" if first is None else f"{first:.2f}",
            "" if seconds is None else _verdict(seconds, target),
            "" if peak is None or peak != peak else f"{peak:.0f}",
            "" if peak is None else _verdict(peak, PEAK_MB),
        ]
        print("| " + " | ".join(cells) + " |")
    print(f"\ntargets: monthly < {MONTHLY_SECONDS:.0f} s in-process, {YEAR_SECONDS:.0f} s "
          f"for 12 monthly reports, peak memory < {PEAK_MB:.0f} MB; "
          "ratio = measured / target")  # fmt: skip


if __name__ == "__main__":
    main()
