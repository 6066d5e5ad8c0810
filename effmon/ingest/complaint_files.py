"""Complaints read from any export for analysis without loading them into the store (the
hot-issue command), recognising the same header variants as a load."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from effmon import labels
from effmon.domain.kinds import kinds
from effmon.errors import IngestError
from effmon.ingest.headers import map_headers
from effmon.ingest.readers import read_text_table

COLUMNS = ["ticket_id", "complainant", "title", "body", "received_at", "likes"]


def read_complaints(path: Path, name: str) -> pd.DataFrame:
    """The complaints of a CSV/XLSX export under canonical names (ticket_id, complainant,
    title, body, received_at, likes; absent optional columns are empty). Without a time
    column, or without both title and body, or with a time that does not parse, the error
    names the file (and the row and column)."""
    table = read_text_table(path, name, [])
    positions = map_headers(kinds()["complaints"], list(table.columns)).positions
    headers = {column: table.columns[at] for column, at in positions.items()}
    if "received_at" not in headers or not {"title", "body"} & set(headers):
        raise IngestError(labels.HOTSPOTS["columns"].format(name=name))
    frame = pd.DataFrame(
        {c: table[headers[c]] if c in headers else pd.Series(pd.NA, index=table.index)
         for c in COLUMNS}
    )  # fmt: skip
    received = pd.to_datetime(frame["received_at"].str.strip(), format="mixed", errors="coerce")
    if received.isna().any():
        row = int(np.flatnonzero(received.isna())[0])
        raise IngestError(
            labels.HOTSPOTS["bad_time"].format(
                name=name,
                row=row + 2,
                column=headers["received_at"],
                value=table.iloc[row][headers["received_at"]],
            )
        )
    ids = frame["ticket_id"].fillna(pd.Series(table.index + 2, index=table.index).astype(str))
    likes = pd.to_numeric(frame["likes"], errors="coerce")
    return frame.assign(ticket_id=ids, received_at=received, likes=likes)
