"""Table exports as bytes: what a user downloads is exactly the table on screen, with text
that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) kept as text, and the
XLSX carrying who exported it and when."""

from __future__ import annotations

import io

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell that starts like a formula prefixed by an apostrophe."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            risky = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_STARTS))
            safe[column] = values.where(~risky, "'" + values.astype(str))
    return safe


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM, so that Excel in China opens it right."""
    return neutralised(frame).to_csv(index=False).encode("utf-8-sig")


def table_xlsx(frame: pd.DataFrame, stamp: dict[str, str] | None = None) -> bytes:
    """An XLSX workbook with ``frame`` on its first sheet and the export ``stamp`` (who,
    when, what) on a second one and in the workbook's properties."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        neutralised(frame).to_excel(writer, index=False, sheet_name="data")
        if stamp:
            info = pd.DataFrame({"项目": list(stamp), "内容": list(stamp.values())})
            neutralised(info).to_excel(writer, index=False, sheet_name="导出信息")
            writer.book.properties.creator = stamp.get("导出人", "")
    return buffer.getvalue()
