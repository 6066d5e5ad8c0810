"""Backups of the store: a consistent copy with a manifest (schema version, rows per table,
SHA-256, the audit chain's last link), checked before it is restored — a backup whose audit
trail was cut or edited is refused even when its manifest was written again to match; a
restore keeps the audit entries made after the backup. Both are audited. A copy is also
kept before a schema upgrade."""

from __future__ import annotations

import hashlib
import json
import shutil
from datetime import datetime
from pathlib import Path

import duckdb

from effmon import labels
from effmon.errors import StoreError
from effmon.store import audit
from effmon.store.transaction import transaction


def backup(
    con: duckdb.DuckDBPyConnection, store: Path, target: Path, actor: str | None = None
) -> dict:
    """Copy the store (after a checkpoint, while this connection keeps other writers out)
    to ``target`` with its manifest beside it (``target`` + .json); returns the manifest.
    A backup an ``actor`` asked for is audited (its entry is in it) and its manifest holds
    the audit chain's last link; the copy kept before a schema upgrade has neither."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if actor is not None:
        audit.record(con, actor, "backup", str(target), {})
        audit.seal(con)
    con.execute("CHECKPOINT")
    shutil.copyfile(store, target)
    manifest = {
        "created_at": datetime.now().isoformat(timespec="seconds"),
        "source": str(store),
        "sha256": _sha256(target),
        **_contents(con),
    }
    if actor is not None:
        seq, head = audit.verify(con).head
        manifest["audit_head"] = {"seq": seq, "hash": head}
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
        chain = audit.verify(con) if "audit_head" in manifest else None
    finally:
        con.close()
    if chain is not None and (
        chain.broken or [*chain.head] != [manifest["audit_head"][k] for k in ("seq", "hash")]
    ):
        seq = chain.broken["seq"] if chain.broken else chain.head[0] + 1
        raise StoreError(labels.BACKUP["chain"].format(file=target, seq=seq))
    for table, rows in manifest["rows"].items():
        if found["rows"].get(table) != rows:
            raise StoreError(
                labels.BACKUP["rows"].format(
                    file=target, table=table, expected=rows, found=found["rows"].get(table)
                )
            )
    return manifest


def restore(target: Path, store: Path, actor: str) -> tuple[Path, int]:
    """Put a verified backup in place of the store (not open anywhere); the store it
    replaces is kept beside it, and its audit entries made after the backup are added to
    the restored trail, with the restore's own. Returns where the replaced store went and
    how many entries were added back."""
    manifest = verify(target)
    later: list[tuple] = []
    if store.exists() and "audit_head" in manifest:
        head = manifest["audit_head"]
        current = duckdb.connect(str(store), read_only=True)
        try:
            # The store's own trail holds the backup's as its beginning: a backup whose
            # trail was written anew (entries dropped, the chain and manifest recomputed)
            # does not match it.
            if head["seq"] and audit.hash_at(current, head["seq"]) != head["hash"]:
                raise StoreError(labels.BACKUP["foreign"].format(file=target, seq=head["seq"]))
            later = audit.entries_after(current, head["seq"])
        finally:
            current.close()
    kept = store.with_name(f"{store.name}.before-restore-{datetime.now():%Y%m%d%H%M%S}")
    if store.exists():
        shutil.move(store, kept)
    shutil.copyfile(target, store)
    con = duckdb.connect(str(store))
    try:
        with transaction(con):
            audit.append(con, later)
            audit.record(
                con, actor, "restore", str(target), {"kept": str(kept), "later": len(later)}
            )
        audit.seal(con)
    finally:
        con.close()
    return kept, len(later)


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
