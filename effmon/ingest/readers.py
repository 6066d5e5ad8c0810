"""Read CSV (UTF-8, UTF-8 with BOM, GBK/GB18030) and XLSX exports into a uniform Source.

A Source names the header row it found and numbers data rows as the user sees them in the
file (the header is row N, the first data record row N+1, as Excel shows them).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import pandas as pd
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from effmon import config, labels
from effmon.domain.kinds import Kind
from effmon.errors import IngestError
from effmon.ingest.headers import header_score
from effmon.store.staging import Source

HEADER_SEARCH_ROWS = 30
DELIMITERS = (",", "\t", ";", "|")
_CHUNK = 1 << 20
XLSX_UNPACK_FACTOR = 10  # an XLSX may unpack to at most this times the upload limit
XLSX_MAX_RATIO = 200  # no part of a real workbook compresses better than this


def read_source(
    path: Path,
    kind: Kind,
    workdir: Path,
    *,
    name: str,
    sheet: str | None = None,
    user_map: dict[str, str] | None = None,
    head_only: bool = False,
) -> Source:
    """Open ``path`` (shown to the user as ``name``) and find its header row.

    ``head_only`` reads just the rows a preview needs from a workbook (a CSV is only ever
    sniffed here; DuckDB reads its body).
    """
    if _is_workbook(path, name, sheet):
        return _read_xlsx(
            path,
            kind,
            name=name,
            sheet=sheet,
            user_map=user_map,
            nrows=2 * HEADER_SEARCH_ROWS if head_only else None,
        )
    return _read_csv(path, kind, workdir, name=name, user_map=user_map)


def header_candidates(path: Path, *, name: str, sheet: str | None = None) -> list[list]:
    """The rows of the file's head that may be its header (under each delimiter, for a CSV),
    read once: for asking every kind how many of their cells it knows."""
    if _is_workbook(path, name, sheet):
        return _xlsx_rows(path, name=name, sheet=sheet, nrows=HEADER_SEARCH_ROWS)[0]
    head = _text_head(path, detect_encoding(path, name))
    return [record for _, _, record, _ in _head_records(head)]


def read_text_table(path: Path, name: str, columns: list[str]) -> pd.DataFrame:
    """A whole CSV/TSV or the first sheet of an XLSX as text, header on the first row.

    For files that are not one of the store's kinds (labelled texts to train or score);
    ``columns`` must be among the headers.
    """
    magic = _file_magic(path, name)
    if magic.startswith(b"PK\x03\x04"):
        try:
            rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        except (CalamineError, ZipError, XmlError, PasswordError, OSError, ValueError) as exc:
            raise IngestError(labels.BAD_XLSX.format(name=name, detail=exc)) from exc
        headers = [_cell_text(h) or "" for h in rows[0]] if rows else []
        body = [[_cell_text(v) for v in r] for r in rows[1:]]
        frame = pd.DataFrame(body, columns=headers, dtype="object")
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(labels.OLD_XLS.format(name=name))
    else:
        encoding = detect_encoding(path, name)
        tab = path.suffix.lower() == ".tsv"
        try:
            frame = pd.read_csv(
                path,
                sep="\t" if tab else _header_delimiter(path, encoding),
                engine="python",
                dtype=str,
                keep_default_na=False,
                encoding="utf-8-sig" if encoding == "utf-8" else encoding,
                quoting=csv.QUOTE_NONE if tab else csv.QUOTE_MINIMAL,
            )
        except (pd.errors.ParserError, csv.Error, UnicodeDecodeError) as exc:
            raise IngestError(labels.UNREADABLE.format(name=name, detail=exc)) from exc
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise IngestError(
            labels.MISSING_TEXT_COLUMNS.format(
                name=name, columns="、".join(missing), present="、".join(map(str, frame.columns))
            )
        )
    if frame.empty:
        raise IngestError(labels.NO_ROWS.format(name=name))
    return frame


def _file_magic(path: Path, name: str) -> bytes:
    """The first bytes of a file that is neither empty nor over the size limit."""
    size = path.stat().st_size
    if size == 0:
        raise IngestError(labels.EMPTY_FILE.format(name=name))
    if size > config.max_upload_bytes():
        raise IngestError(
            labels.TOO_LARGE.format(name=name, mb=size / 1048576, limit=config.get("max_upload_mb"))
        )
    with open(path, "rb") as f:
        return f.read(8)


def _is_workbook(path: Path, name: str, sheet: str | None) -> bool:
    """True for an XLSX, False for a text file; an old .xls, or a sheet named for a text
    file, is refused."""
    magic = _file_magic(path, name)
    if magic.startswith(b"PK\x03\x04"):
        return True
    if magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise IngestError(labels.OLD_XLS.format(name=name))
    if sheet:
        raise IngestError(labels.CSV_NO_SHEET.format(name=name, sheet=sheet))
    return False


# Delimiters a header line may use, and the one of a file of a single column: a character
# no text holds, so a comma in an unquoted text stays in it.
DELIMITERS = (",", "\t", ";", "|")
ONE_COLUMN = "\x1f"


def _header_delimiter(path: Path, encoding: str) -> str:
    """The delimiter of a text table, read off its header line only (body text, with its
    commas and semicolons, says nothing of it): the most frequent of DELIMITERS there, or
    none — a file of one column."""
    with open(path, encoding="utf-8-sig" if encoding == "utf-8" else encoding) as file:
        header = file.readline()
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ONE_COLUMN


def detect_encoding(path: Path, name: str) -> str:
    """'utf-8' (BOM or not) or 'gb18030' (a superset of GBK); anything else is refused.

    A file whose head is UTF-8 is taken as UTF-8 without reading it all: DuckDB checks every
    byte as it reads and reports a line that is not (see ``pipeline``).
    """
    with open(path, "rb") as f:
        head = f.read(_CHUNK)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head)  # a split last character is fine
        return "utf-8"
    except UnicodeDecodeError as exc:
        utf8_bad_at = exc.start
    # UTF-8 text before the bad byte means mixed encodings, which no decoding can read.
    if head[:utf8_bad_at].isascii() and _first_undecodable_byte(path, "gb18030") is None:
        return "gb18030"
    raise IngestError(
        labels.BAD_ENCODING.format(name=name, line=_line_of_offset(path, utf8_bad_at))
    )


def _first_undecodable_byte(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with open(path, "rb") as f:
        while chunk := f.read(_CHUNK):
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError as exc:
                return offset + exc.start
            offset += len(chunk)
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return offset
    return None


def _line_of_offset(path: Path, offset: int) -> int:
    with open(path, "rb") as f:
        return f.read(offset).count(b"\n") + 1


def _text_head(path: Path, encoding: str) -> str:
    """The first quarter million characters of a text file (a BOM dropped)."""
    with open(path, encoding="utf-8-sig" if encoding == "utf-8" else encoding, newline="") as f:
        return f.read(1 << 18)


def _head_records(head: str) -> Iterator[tuple[str, int, list[str], int]]:
    """Delimiter, index, cells and lines read through it, of each of the first rows of
    ``head`` as split by each delimiter."""
    # A cell may be as long as a file may be; overlong text is refused row by row later.
    csv.field_size_limit(config.max_upload_bytes())
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(head), delimiter=delimiter)
        for index, record in enumerate(reader):
            if index >= HEADER_SEARCH_ROWS:
                break
            yield delimiter, index, record, reader.line_num


def _read_csv(
    path: Path, kind: Kind, workdir: Path, *, name: str, user_map: dict[str, str] | None
) -> Source:
    encoding = detect_encoding(path, name)
    if encoding != "utf-8" or _has_bare_carriage_return(path):
        # Read with universal newlines: GBK becomes UTF-8, and the line ends of old Mac
        # exports (CR alone) or of files pasted together (CR, LF and CRLF mixed) become LF.
        utf8_path = workdir / "transcoded.csv"
        with open(path, encoding=encoding) as src, open(utf8_path, "w", encoding="utf-8") as dst:
            while chunk := src.read(_CHUNK):
                dst.write(chunk)
        path = utf8_path
    best: tuple[int, str, int, list[str], int] | None = None
    for delimiter, index, record, lines in _head_records(_text_head(path, "utf-8")):
        score = header_score(kind, record, user_map)
        if score and (best is None or score > best[0]):
            best = (score, delimiter, index, record, lines)
    if best is None:
        raise _no_header(name, kind)
    _, delimiter, index, headers, lines_through_header = best
    return Source(
        name=name,
        headers=headers,
        first_row=index + 2,
        csv_path=path,
        delimiter=delimiter,
        skip_lines=lines_through_header,
    )


def _has_bare_carriage_return(path: Path) -> bool:
    """Whether some line of the file ends with a CR not followed by LF."""
    previous = b""
    with open(path, "rb") as file:
        while chunk := file.read(_CHUNK):
            text = previous + chunk
            # a CR at the chunk's end is judged with the next chunk's first byte
            previous, text = (b"\r", text[:-1]) if text.endswith(b"\r") else (b"", text)
            if re.search(rb"\r(?!\n)", text):
                return True
    return previous == b"\r"


def _check_package(path: Path, name: str) -> None:
    """Refuse an XLSX that would unpack to far more than its size (a decompression bomb), or
    that carries macros or links to other workbooks: a data export has none of them."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError(labels.BAD_XLSX.format(name=name, detail=exc)) from exc
    unpacked = sum(p.file_size for p in parts)
    if unpacked > XLSX_UNPACK_FACTOR * config.max_upload_bytes() or any(
        p.file_size > XLSX_MAX_RATIO * max(p.compress_size, 1) for p in parts
    ):
        raise IngestError(labels.XLSX_BOMB.format(name=name, mb=unpacked / 1048576))
    active = [
        p.filename
        for p in parts
        if p.filename.lower().endswith("vbaproject.bin") or "/externallinks/" in p.filename.lower()
    ]
    if active:
        raise IngestError(labels.XLSX_ACTIVE.format(name=name, parts="、".join(active)))
    limit = config.get_int("max_sheet_cells")
    for part in parts:
        if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml"):
            rows, columns, errors = _sheet_extent(path, part.filename, name)
            if errors:
                cells = [
                    labels.XLSX_ERROR_CELL.format(
                        row=row, column=letters, ref=f"{letters}{row}", value=value
                    )
                    for letters, row, value in sorted(errors, key=lambda e: (e[1], e[0]))[:5]
                ]
                more = f"等 {len(errors)} 处" if len(errors) > 5 else ""
                raise IngestError(
                    labels.XLSX_ERRORS.format(name=name, cells="；".join(cells), more=more)
                )
            if rows * columns > limit:
                raise IngestError(
                    labels.XLSX_TOO_BIG.format(
                        name=name, sheet=part.filename.rsplit("/", 1)[-1].removesuffix(".xml"),
                        rows=rows, columns=columns, cells=rows * columns, limit=limit,
                    )
                )  # fmt: skip


# The reference of a cell that holds something, <c r="XFD1048576" …>…</c> (an empty cell,
# <c r="A9" s="1"/>, holds only a format: readers skip it); and a cell holding an Excel
# error value (t="e": #N/A, #DIV/0!, #REF! …), which readers turn into an empty cell.
_CELL_REF = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"[^>]*(?<!/)>")
_ERROR_CELL = re.compile(
    rb"<c\b([^>]*\bt=\"e\"[^>]*)>\s*(?:<f\b[^>]*/>|<f\b[^>]*>[^<]*</f>)?\s*<v>([^<]*)</v>"
)
_REF = re.compile(rb"\br=\"([A-Z]{1,3})([0-9]{1,7})\"")


def _sheet_extent(path: Path, part: str, name: str) -> tuple[int, int, set]:
    """The rows and columns a worksheet reaches (from A1 to its last row and column with a
    filled cell), and its cells holding Excel error values (column letters, row, value),
    read off its XML as a stream — before a reader allocates them. A part whose data does
    not match the sizes its zip directory declares is refused."""
    rows = columns = 0
    errors: set[tuple[str, int, str]] = set()
    tail = b""
    try:
        with zipfile.ZipFile(path) as package, package.open(part) as stream:
            while chunk := stream.read(_CHUNK):
                text = tail + chunk
                for letters, row in _CELL_REF.findall(text):
                    rows, columns = max(rows, int(row)), max(columns, _column_number(letters))
                for attributes, value in _ERROR_CELL.findall(text):
                    if ref := _REF.search(attributes):
                        errors.add((ref[1].decode(), int(ref[2]), value.decode(errors="replace")))
                tail = text[-256:]  # a cell cut by the chunk's end is read with the next
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise IngestError(labels.XLSX_BROKEN.format(name=name, detail=exc)) from exc
    return rows, columns, errors


def _column_number(letters: bytes) -> int:
    """b"A" → 1, b"Z" → 26, b"AA" → 27, b"XFD" → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _read_xlsx(
    path: Path,
    kind: Kind,
    *,
    name: str,
    sheet: str | None,
    user_map: dict[str, str] | None,
    nrows: int | None,
) -> Source:
    rows, merged = _xlsx_rows(path, name=name, sheet=sheet, nrows=nrows)
    scores = [header_score(kind, r, user_map) for r in rows[:HEADER_SEARCH_ROWS]]
    if not scores or max(scores) == 0:
        raise _no_header(name, kind)
    index = scores.index(max(scores))
    headers = [h or "" for h in rows[index]]
    data_start = index + 1
    if _is_two_level_header(merged, index) and data_start < len(rows):
        # A group header spanning several columns: the row below names the columns.
        headers = [sub or top or "" for top, sub in zip(headers, rows[data_start], strict=True)]
        data_start += 1
    width = len(headers)
    body = rows[data_start:]
    frame = pd.DataFrame(
        [(r + [None] * width)[:width] for r in body],
        columns=[f"c{i}" for i in range(width)],
        dtype="object",
    )
    frame["_row"] = range(data_start + 1, data_start + 1 + len(body))
    return Source(name=name, headers=headers, first_row=data_start + 1, frame=frame)


Merged = list[tuple[tuple[int, int], tuple[int, int]]]  # ((top, left), (bottom, right)), from 0


def _xlsx_rows(
    path: Path, *, name: str, sheet: str | None, nrows: int | None
) -> tuple[list[list[str | None]], Merged]:
    """The first ``nrows`` rows (all when None) of a sheet as text, merged cells filled in,
    and the sheet's merged ranges. Calamine reads the whole sheet whatever ``nrows`` is."""
    _check_package(path, name)
    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, ZipError, XmlError, PasswordError, OSError, ValueError) as exc:
        raise IngestError(labels.BAD_XLSX.format(name=name, detail=exc)) from exc
    if sheet is not None and sheet not in book.sheet_names:
        raise IngestError(
            labels.NO_SHEET.format(name=name, sheet=sheet, sheets="、".join(book.sheet_names))
        )
    ws = book.get_sheet_by_name(sheet) if sheet else book.get_sheet_by_index(0)
    # Keeping the empty area above the data makes list index + 1 the row Excel shows.
    cells = ws.to_python(skip_empty_area=False, nrows=nrows)
    rows = [[_cell_text(v) for v in r] for r in cells]
    merged = ws.merged_cell_ranges or []
    _fill_merged_cells(merged, rows)
    return rows, merged


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text if text.strip() else None


def _fill_merged_cells(merged: Merged, rows: list[list[str | None]]) -> None:
    """Give every cell of a merged range its top-left value (the file leaves them empty)."""
    for (top, left), (bottom, right) in merged:
        if top >= len(rows) or left >= len(rows[top]):
            continue
        value = rows[top][left]
        for r in range(top, min(bottom + 1, len(rows))):
            for c in range(left, min(right + 1, len(rows[r]))):
                rows[r][c] = value


def _is_two_level_header(merged: Merged, index: int) -> bool:
    """True when a range in the header row spans columns but not rows: a group header."""
    return any(top == bottom == index and right > left for (top, left), (bottom, right) in merged)


def _no_header(name: str, kind: Kind) -> IngestError:
    examples = "、".join(c.variants[0] for c in kind.columns if c.required and c.variants)
    return IngestError(
        labels.NO_HEADER.format(
            name=name, rows=HEADER_SEARCH_ROWS, kind=labels.KINDS[kind.name], examples=examples
        )
    )
