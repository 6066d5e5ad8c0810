"""Queries of the research analysis (专项调研): the daily operation around an event, and the
peer-region benchmarks analysts enter or import."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from effmon import labels
from effmon.errors import EffmonError
from effmon.store import writes
from effmon.store.filters import Filters
from effmon.store.transaction import transaction

FORM_SOURCE = "手工录入"


def daily_operation(
    con: duckdb.DuckDBPyConnection, filters: Filters, first: date, last: date
) -> pd.DataFrame:
    """Per day with cases, first..last: day, cases, wait_minutes_mean (of the cases with a
    waiting time), windows (distinct windows that served a counter case)."""
    where, params = filters.where("t")
    return con.execute(
        f"""
        SELECT CAST(t.received_at AS DATE) AS day, count(*) AS cases,
               avg(t.wait_minutes) AS wait_minutes_mean,
               count(DISTINCT t.window_name) FILTER (WHERE t.channel <> '网办') AS windows
        FROM cases t
        WHERE t.received_at >= ? AND t.received_at < ? + INTERVAL 1 DAY AND {where}
        GROUP BY day ORDER BY day
        """,
        [first, last, *params],
    ).df()


def benchmarks(con: duckdb.DuckDBPyConnection, period: str) -> pd.DataFrame:
    """The benchmarks of ``period`` ('YYYY' or 'YYYY-MM'), the latest entry of each region and
    indicator: region, indicator, value, unit, note."""
    return con.execute(
        """
        SELECT region, indicator, arg_max(value, loaded_at) AS value,
               arg_max(unit, loaded_at) AS unit, arg_max(note, loaded_at) AS note
        FROM benchmarks WHERE period = ? GROUP BY region, indicator ORDER BY indicator, region
        """,
        [period],
    ).df()


def benchmark_periods(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Periods that hold benchmarks, newest first."""
    rows = con.execute("SELECT DISTINCT period FROM benchmarks ORDER BY period DESC").fetchall()
    return [r[0] for r in rows]


def add_benchmark(
    con: duckdb.DuckDBPyConnection,
    region: str,
    indicator: str,
    period: str,
    value: float,
    unit: str,
    note: str,
    user: str,
) -> None:
    """Store one benchmark entered in the form, as its own batch in the load history; it
    supersedes an earlier value of the same region, indicator and period."""
    if not region.strip() or not indicator.strip():
        raise EffmonError(labels.RESEARCH["form_missing"])
    if not (len(period) == 4 and period.isdigit()) and pd.isna(
        pd.to_datetime(period, format="%Y-%m", errors="coerce")
    ):
        raise EffmonError(labels.RESEARCH["form_period"].format(period=period))
    now = datetime.now()
    row = pd.DataFrame(
        [{"region": region.strip(), "indicator": indicator.strip(), "period": period,
          "value": float(value), "unit": unit.strip() or None, "note": note.strip() or None}]
    )  # fmt: skip
    source = f"{FORM_SOURCE}（{user}）"
    with transaction(con):
        batch = writes.next_batch_id(con)
        writes.insert_frame(
            con, "benchmarks", row, source_file=source, batch_id=batch, loaded_at=now
        )
        writes.record_batch(
            con, batch, "benchmarks", source, now, mode="form", rows_read=1, rows_new=1
        )
