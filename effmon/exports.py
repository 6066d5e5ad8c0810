"""Table exports as bytes: what a user downloads is exactly the table on screen, with text
that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) kept as text — in
headers as in cells — and the XLSX carrying who exported it and when. Every tabular file
effmon writes (pages, the command line, error reports) goes through here."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value: object) -> object:
    """A text that starts like a formula, prefixed by an apostrophe; anything else as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralised(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every header and text cell that starts like a formula prefixed by an
    apostrophe."""
    safe = frame.copy()
    for column in safe.columns:
        values = safe[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            safe[column] = values.map(_text)
    safe.columns = [_text(c) for c in safe.columns]
    return safe


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """``frame`` written to ``path`` as table_csv makes it (for the command line)."""
    path.write_bytes(table_csv(frame))


def table_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with BOM, so that Excel in China opens it right; times to the second (a
    column of midnights as dates)."""
    return neutralised(_times_as_text(frame)).to_csv(index=False).encode("utf-8-sig")


def time_format(values: pd.Series) -> str:
    """How a column of times reads: %Y-%m-%d when every one is a midnight (a date), else to
    the second."""
    times = values.dropna()
    midnights = (times == times.dt.normalize()).all()
    return "%Y-%m-%d" if midnights else "%Y-%m-%d %H:%M:%S"


def _times_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its time columns as text by time_format (no 00:00:00, no microseconds)."""
    times = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    return frame.assign(**{c: frame[c].dt.strftime(time_format(frame[c])) for c in times})


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
