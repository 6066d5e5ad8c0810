"""Forecast backtests on the demo store: the calendar model against seasonal naive and
exponential smoothing, computed in the same run.

    .venv/bin/python bench/forecast.py [--db STORE]

Builds a 24-month demo store (scale 1) unless --db names one. Daily case volume: 12 origins
a week apart, 14 days ahead. Monthly complaints per category: 6 origins a month apart, one
month ahead. Prints MASE per forecaster and its ratio to seasonal naive, and the coverage
of the 95% intervals, then times the forecasts of every series and the anomaly scan.
Targets: calendar MASE <= 0.85 x seasonal naive; coverage 0.90-0.98; all in < 5 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

from effmon.demo.build import build_demo
from effmon.forecast import series
from effmon.forecast.backtest import backtest
from effmon.forecast.metrics import METRICS, history, split
from effmon.forecast.models import calendar_model
from effmon.forecast.scan import scan
from effmon.store import queries
from effmon.store.connect import open_store
from effmon.store.filters import Filters

START, END = "2024-11", "2026-10"


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
    daily = series.daily(queries.daily_cases(con, every, START, END), "cases", START, END)
    table("daily case volume (12 origins × 14 days)", backtest(daily, origins=12, horizon=14))
    per_category = series.monthly(
        queries.monthly_complaints_by(con, every, START, END, "category"), "complaints", START, END
    )
    results = [backtest(s, origins=6, horizon=1) for s in per_category.values()]
    pooled = pd.concat(results).groupby("forecaster", sort=False, as_index=False).mean()
    table(f"monthly complaints, mean over {len(results)} categories (6 origins × 1 month)", pooled)
    print(f"backtests: {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    count = 0
    for metric, chosen in METRICS.items():
        keys = list(split(con, every, chosen.key, END)) if chosen.key else [None]
        for key in keys:
            calendar_model(history(con, every, metric, END, key), chosen.horizon)
            count += 1
    found = scan(con, END)
    print(
        f"forecasts of all {count} series and the anomaly scan of {END} ({len(found)} "
        f"anomalies): {time.perf_counter() - began:.1f} s (target < 5 s)"
    )


if __name__ == "__main__":
    main()
