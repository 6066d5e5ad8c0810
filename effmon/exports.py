"""Table exports as bytes: what a user downloads is exactly the table on screen."""

from __future__ import annotations

import io

import pandas as pd


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM, so that Excel in China opens it right."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame) -> bytes:
    """An XLSX workbook with ``frame`` on its one sheet."""
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="data")
    return buffer.getvalue()
