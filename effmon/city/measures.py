"""Catalog measures over a city's lake, by any engine: the store's own generated queries
(effmon.store.measures) with the district as a dimension and a filter."""

from __future__ import annotations

from datetime import datetime

import pandas as pd

from effmon.store.filters import Filters
from effmon.store.lake_engines import LakeEngine
from effmon.store.measures import measure_frame_on


def lake_measure_frame(
    engine: LakeEngine,
    filters: Filters,
    start: str,
    end: str,
    keys: list[str],
    dimensions: list[str],
    as_of: datetime | None = None,
    *,
    parts: bool = False,
) -> pd.DataFrame:
    """Catalog measures ``keys`` by ``dimensions`` (``district`` among them, if wanted) over
    the lake, as effmon.store.measures.measure_frame_on returns them."""
    return measure_frame_on(
        engine.run, filters, start, end, keys, dimensions, as_of, lake=True, parts=parts
    )
