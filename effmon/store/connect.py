"""Open the DuckDB store and bring its schema up to date."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb

from effmon import labels
from effmon.errors import StoreError
from effmon.store import audit
from effmon.store.backup import backup
from effmon.store.sharing import connect_waiting
from effmon.store.transaction import transaction
from effmon.store.writes import refresh_case_aggregates, sync_holidays, write_calendar

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
HOLIDAYS_VERSION = 7  # the migration that adds uploaded holiday tables
AUDIT_CHAIN_VERSION = 20  # the migration that chains the audit trail
CATALOG_CSV = Path(__file__).resolve().parent.parent / "ingest" / "indicators.csv"


def open_store(
    path: str | Path,
    migrations_dir: Path = MIGRATIONS_DIR,
    wait_seconds: float = 0.0,
    on_wait: Callable[[], None] = lambda: None,
) -> duckdb.DuckDBPyConnection:
    """Connect to the store at ``path`` (":memory:" for a scratch store) and migrate it;
    while another process holds the file, wait up to ``wait_seconds`` (see sharing)."""
    if str(path) == ":memory:":
        con = duckdb.connect(":memory:")
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        con = connect_waiting(Path(path), wait_seconds, on_wait)
    _backup_before_upgrade(con, path, migrations_dir)
    migrate(con, migrations_dir)
    _seed_catalog(con)
    _seed_calendar(con)
    _fill_case_aggregates(con)
    if schema_version(con) >= AUDIT_CHAIN_VERSION:
        audit.seal(con)  # entries a store had before the chain, or left unsealed, join it
    return con


def _backup_before_upgrade(
    con: duckdb.DuckDBPyConnection, path: str | Path, migrations_dir: Path
) -> None:
    """Keep a copy of a store file whose schema is about to be upgraded (<file>.v<N>.bak)."""
    current = schema_version(con)
    latest = latest_schema_version(migrations_dir)
    if str(path) != ":memory:" and 0 < current < latest:
        backup(con, Path(path), Path(f"{path}.v{current}.bak"))


def latest_schema_version(migrations_dir: Path = MIGRATIONS_DIR) -> int:
    """Version of the newest migration this effmon has: a store it opens is brought to it."""
    return max(int(p.stem.split("_", 1)[0]) for p in migrations_dir.glob("*.sql"))


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """Version of the newest migration applied to the store (0 for an empty file)."""
    con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, applied_at TIMESTAMP)")
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, migrations_dir: Path = MIGRATIONS_DIR) -> int:
    """Apply the migrations newer than the store's version, each in its own transaction."""
    current = schema_version(con)
    for script in sorted(migrations_dir.glob("*.sql")):
        version = int(script.stem.split("_", 1)[0])
        if version <= current:
            continue
        try:
            with transaction(con):
                con.execute(script.read_text(encoding="utf-8"))
                con.execute("INSERT INTO schema_version VALUES (?, ?)", [version, datetime.now()])
        except duckdb.Error as exc:
            raise StoreError(labels.MIGRATION_FAILED.format(version=version, detail=exc)) from exc
        current = version
    return current


def _seed_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """Take the uploaded holiday tables into effmon.workdays; fill the working-day calendar
    when it is empty."""
    version = schema_version(con)
    if version < 2:
        return
    if version >= HOLIDAYS_VERSION:
        sync_holidays(con)
    if not con.execute("SELECT count(*) FROM calendar").fetchall()[0][0]:
        write_calendar(con)


def _fill_case_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Aggregate the cases and monthly totals of a store migrated from before the aggregate
    tables existed, or from before they took in the totals (migration 0015 empties them)."""
    if schema_version(con) < 3:
        return
    has_cases, has_cube = con.execute(
        "SELECT EXISTS (SELECT 1 FROM cases UNION ALL SELECT 1 FROM case_totals), "
        "EXISTS (SELECT 1 FROM case_cube)"
    ).fetchall()[0]
    if has_cases and not has_cube:
        with transaction(con):
            refresh_case_aggregates(con)


def _seed_catalog(con: duckdb.DuckDBPyConnection) -> None:
    """Fill the inspection-indicator catalog from the shipped checklist when it is empty."""
    if con.execute("SELECT count(*) FROM indicators").fetchall()[0][0]:
        return
    con.execute(
        """
        INSERT INTO indicators
        SELECT indicator_id, name, description, method, frequency, site_levels,
               'indicators.csv', 0, now()::TIMESTAMP
        FROM read_csv(?, header = true, all_varchar = true)
        """,
        [str(CATALOG_CSV)],
    )
