"""Cached results that follow the data: each cached function names the areas of the data it
reads (effmon.store.versions), and its results are kept under those areas' versions. A
write records the areas it changed, so the next run of any session — also after a write by
another process — computes again only what read them: a complaint step leaves 总览, 满意度
and the forecasts of cases warm.

Each page run reads the versions once (``refresh``, from ``cached.store_session``); a write
in the run reads them again (``cached.data_changed``).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import streamlit as st

from effmon.store import versions as store_versions

Areas = tuple[str, ...] | Callable[..., tuple[str, ...]]
MAX_ENTRIES = 2000  # results kept in all (an old version's go first when it is full)

_functions: dict[str, Callable] = {}
_run = threading.local()  # this thread's page run: the versions it reads under


def follows(areas: Areas = ()) -> Callable[[Callable], Callable]:
    """Cache a function of (path, *args) by its arguments and the versions of ``areas``
    (and of ``reference``, which everything reads); ``areas`` may be a function of the
    same arguments (a forecast reads the area of its metric)."""

    def decorate(function: Callable) -> Callable:
        name = f"{function.__module__}.{function.__qualname__}"
        _functions[name] = function

        @functools.wraps(function)
        def cached(path: str, *args: Any) -> Any:
            read = areas(path, *args) if callable(areas) else areas
            now = _versions(path)
            stamp = tuple(now[area] for area in (*read, "reference"))
            return _result(name, stamp, path, args)

        return cached

    return decorate


def refresh(path: str, con) -> None:
    """Read the versions the results of this thread's run are kept under."""
    _run.path, _run.versions = path, store_versions.versions(con)


@st.cache_data(show_spinner=False, max_entries=MAX_ENTRIES)
def _result(name: str, stamp: tuple, path: str, args: tuple) -> Any:  # stamp: part of the key
    return _functions[name](path, *args)


def _versions(path: str) -> dict[str, tuple]:
    if getattr(_run, "path", None) != path:
        raise RuntimeError("cached results read outside a page run (cached.store_session)")
    return _run.versions
