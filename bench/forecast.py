"""Forecast backtests on the demo store: the calendar model against seasonal naive and
exponential smoothing, computed in the same run.

    .venv/bin/python bench/forecast.py [--db STORE]

Builds a 24-month demo store (scale 1) unless --db names one. Backtests as the trends page
runs them (effmon.forecast.metrics.FREQUENCIES): days 12 origins × 14 days, weeks
12 × 1, months 6 × 1. The targets are on daily case volume and monthly complaints per
category (mean over the categories); the other main series are printed beside them. Prints
MASE per forecaster and its ratio to seasonal naive, and the coverage of the 95% intervals,
then times the forecasts of every metric, key and frequency and the findings of the last month.
Targets: calendar MASE <= 0.85 x seasonal naive; coverage 0.90-0.98; all in < 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from effmon.demo.build import build_demo
from effmon.forecast.backtest import backtest
from effmon.forecast.metrics import FREQUENCIES, METRICS, history, split
from effmon.forecast.models import calendar_model
from effmon.forecast.scan import month_findings
from effmon.store.connect import open_store
from effmon.store.filters import Filters

END = "2026-10"
SERIES = [
    ("cases", "daily"),
    ("cases", "weekly"),
    ("cases", "monthly"),
    ("category_complaints", "monthly"),
    ("complaints", "weekly"),
    ("complaints", "monthly"),
    ("online_share", "monthly"),
    ("wait_minutes_mean", "weekly"),
    ("bad_share", "monthly"),
]


def table(name: str, result: pd.DataFrame) -> None:
    naive = result.set_index("forecaster").at["seasonal_naive", "mase"]
    print(name)
    for row in result.itertuples():
        print(
            f"  {row.forecaster:15s} MASE {row.mase:6.3f}  × snaive {row.mase / naive:5.2f}"
            f"  coverage95 {row.coverage_95:5.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "forecast.duckdb"
    con = open_store(db)
    if not args.db:
        build_demo(con, months=24, end=pd.Timestamp(END).to_period("M").end_time.date())
    every = Filters()
    began = time.perf_counter()
    for metric, frequency in SERIES:
        chosen, plan = METRICS[metric], FREQUENCIES[frequency]
        runs = (
            list(split(con, every, metric, frequency, END).values())
            if chosen.key
            else [history(con, every, metric, frequency, END)]
        )
        results = [
            backtest(s, plan.origins, plan.backtest_horizon, ratio=chosen.ratio) for s in runs
        ]
        pooled = pd.concat(results).groupby("forecaster", sort=False, as_index=False).mean()
        over = f", mean over {len(runs)} keys" if chosen.key else ""
        table(
            f"{metric} {frequency} ({plan.origins} origins × {plan.backtest_horizon}{over})",
            pooled,
        )
    print(f"backtests: {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    count = 0
    for metric, chosen in METRICS.items():
        for frequency in chosen.frequencies:
            horizon = FREQUENCIES[frequency].horizon
            if chosen.key:
                runs = list(split(con, every, metric, frequency, END).values())
            else:
                runs = [history(con, every, metric, frequency, END)]
            for series in runs:
                calendar_model(series, horizon, ratio=chosen.ratio)
            count += len(runs)
    found = month_findings(con, END)
    print(
        f"forecasts of all {count} series and the findings of {END} ({len(found)}): "
        f"{time.perf_counter() - began:.1f} s (target < 5 s)"
    )


if __name__ == "__main__":
    main()
