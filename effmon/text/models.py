"""Trained models saved next to the store, one numbered version per training.

``data/effmon.duckdb`` keeps its models in ``data/effmon.models/<name>/v0001.joblib``, each
with a ``v0001.json`` describing how it was trained; the newest version is the one in use.
A version rolled back keeps its files, its description renamed ``v0003.withdrawn.json``.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import joblib

from effmon import labels
from effmon.errors import EffmonError


@dataclass(frozen=True)
class SavedModel:
    """One stored version: its number, file and the facts of its training."""

    name: str
    version: int
    path: Path
    meta: dict

    def describe(self, template: str) -> str:
        """``template`` filled with the version, training time, source and rows."""
        return template.format(
            version=self.version,
            trained_at=self.meta["trained_at"].replace("T", " "),
            source=self.meta["source"],
            rows=self.meta["rows"],
        )


def models_dir(store: Path) -> Path:
    """Folder of the models that belong to the store file ``store``."""
    return store.with_name(store.stem + ".models")


def save(store: Path, name: str, model: object, meta: dict) -> SavedModel:
    """Store ``model`` as the next version of ``name``; ``meta`` gains trained_at."""
    folder = models_dir(store) / name
    folder.mkdir(parents=True, exist_ok=True)
    version = max(_versions(folder), default=0) + 1
    path = folder / f"v{version:04d}.joblib"
    meta = {**meta, "trained_at": datetime.now().isoformat(timespec="seconds")}
    joblib.dump(model, path)
    # The description is written last: a version without one is not complete and not used.
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=1))
    return SavedModel(name, version, path, meta)


def save_if_not_worse(store: Path, name: str, model: object, meta: dict) -> SavedModel:
    """``save``, unless the held-out accuracy of ``meta["trust"]`` is below the version in use
    by more than two standard errors (Agresti–Coull, so that 100% has one too): the version
    in use then stays. A model without the measure is compared with nothing."""
    current = latest(store, name)
    new, old = (meta.get("trust") or {}), (current[1].meta.get("trust") or {} if current else {})
    if new and old:
        right, texts = new["accuracy"] * new["texts"] + 2, new["texts"] + 4
        noise = 2 * math.sqrt(right / texts * (1 - right / texts) / texts)
        if new["accuracy"] < old["accuracy"] - noise:
            raise EffmonError(
                labels.MODELS["worse"].format(
                    new=f"{new['accuracy']:.1%}", old=f"{old['accuracy']:.1%}",
                    version=current[1].version,
                )
            )  # fmt: skip
    return save(store, name, model, meta)


def history(store: Path, name: str) -> list[SavedModel]:
    """Every complete version of ``name``, oldest first."""
    folder = models_dir(store) / name
    return [
        SavedModel(name, v, folder / f"v{v:04d}.joblib", json.loads(meta.read_text()))
        for v in sorted(_versions(folder))
        if (meta := folder / f"v{v:04d}.json").exists()
    ]


def roll_back(store: Path, name: str) -> SavedModel:
    """Withdraw the version of ``name`` in use, so the one before it is used again; its
    files stay (its description renamed ``.withdrawn.json``). Returns the version now used."""
    versions = history(store, name)
    if len(versions) < 2:
        raise EffmonError(labels.MODELS["no_earlier"])
    withdrawn = versions[-1].path.with_suffix(".json")
    withdrawn.rename(withdrawn.with_suffix(".withdrawn.json"))
    return versions[-2]


def newest_version(store: Path, name: str) -> int | None:
    """Number of the newest complete version of ``name`` (one with its description)."""
    folder = models_dir(store) / name
    complete = [v for v in _versions(folder) if (folder / f"v{v:04d}.json").exists()]
    return max(complete, default=None)


def latest(store: Path, name: str) -> tuple[object, SavedModel] | None:
    """The newest complete version of ``name`` and its description, or None."""
    version = newest_version(store, name)
    if version is None:
        return None
    path = models_dir(store) / name / f"v{version:04d}.joblib"
    meta = json.loads(path.with_suffix(".json").read_text())
    return joblib.load(path), SavedModel(name, version, path, meta)


def _versions(folder: Path) -> list[int]:
    if not folder.is_dir():
        return []
    return [int(p.stem[1:]) for p in folder.glob("v*.joblib") if p.stem[1:].isdigit()]
