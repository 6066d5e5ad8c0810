"""Named read queries: a connection and plain parameters in, a DataFrame out."""

from __future__ import annotations

import duckdb
import pandas as pd

from effmon.store.writes import DATA_TABLES


def indicator_catalog(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The inspection checklist: indicator_id, name, description, method, frequency, site_levels."""
    return con.execute(
        "SELECT indicator_id, name, description, method, frequency, site_levels "
        "FROM indicators ORDER BY indicator_id"
    ).df()


def load_history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Load batches, newest first: batch_id, kind, source_file, loaded_at, mode and row counts."""
    return con.execute(
        "SELECT batch_id, kind, source_file, loaded_at, mode, rows_read, rows_new, rows_present, "
        "rows_rejected, rows_skipped FROM load_batches ORDER BY batch_id DESC"
    ).df()


def table_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Rows per data table: table, rows."""
    union = " UNION ALL ".join(f"SELECT '{t}' AS table, count(*) AS rows FROM {t}" for t in DATA_TABLES)
    return con.execute(union).df()
