"""Backups of the store: a consistent copy with a manifest (schema version, rows per table,
SHA-256), checked before it is restored; a copy is also kept before a schema upgrade."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from effmon import labels
from effmon.errors import StoreError


def backup(con: duckdb.DuckDBPyConnection, store: Path, target: Path) -> dict:
    """Copy the store (after a checkpoint, while this connection keeps other writers out)
    to ``target`` with its manifest beside it (``target`` + .json); returns the manifest."""
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute("CHECKPOINT")
    shutil.copyfile(store, target)
    manifest = {
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "source": str(store),
        "sha256": _sha256(target),
        **_contents(con),
    }
    _manifest_path(target).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return manifest


def verify(target: Path) -> dict:
    """The manifest of a backup after checking that the file is the one it describes and
    holds the tables and rows it lists; a mismatch is a StoreError naming it."""
    manifest_path = _manifest_path(target)
    if not target.exists() or not manifest_path.exists():
        raise StoreError(labels.BACKUP["missing"].format(file=target))
    manifest = json.loads(manifest_path.read_text())
    if _sha256(target) != manifest["sha256"]:
        raise StoreError(labels.BACKUP["hash"].format(file=target))
    con = duckdb.connect(str(target), read_only=True)
    try:
        found = _contents(con)
    finally:
        con.close()
    for table, rows in manifest["rows"].items():
        if found["rows"].get(table) != rows:
            raise StoreError(
                labels.BACKUP["rows"].format(
                    file=target, table=table, expected=rows, found=found["rows"].get(table)
                )
            )
    return manifest


def restore(target: Path, store: Path) -> Path:
    """Put a verified backup in place of the store (not open anywhere); the store it
    replaces is kept beside it. Returns where the replaced store went."""
    verify(target)
    kept = store.with_name(f"{store.name}.before-restore-{datetime.now():%Y%m%d%H%M%S}")
    if store.exists():
        shutil.move(store, kept)
    shutil.copyfile(target, store)
    return kept


def _contents(con: duckdb.DuckDBPyConnection) -> dict:
    tables = [
        name
        for (name,) in con.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_type = 'BASE TABLE' ORDER BY table_name"
        ).fetchall()
    ]
    rows = {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchall()[0][0] for t in tables}
    version = rows and con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
    return {"schema_version": version, "rows": rows}


def _manifest_path(target: Path) -> Path:
    return target.with_name(target.name + ".json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
