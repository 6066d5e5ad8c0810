"""Load one file of one kind into the store: read, map headers, validate, insert."""

from __future__ import annotations

import hashlib
import re
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from effmon import labels
from effmon.analytics.attendance import derive as derive_attendance
from effmon.analytics.complaint_categories import load_time_step
from effmon.analytics.satisfaction_index import score_loaded
from effmon.domain.kinds import Kind, allowed_values, kinds
from effmon.errors import IngestError
from effmon.exports import table_csv
from effmon.forecast.scan import refresh_findings
from effmon.ingest.headers import IGNORE, HeaderMapping, map_headers
from effmon.ingest.readers import header_candidates, read_source
from effmon.store import audit, loading, staging
from effmon.store import findings as store_findings

ERROR_COLUMNS = ["file", "row", "column", "value", "reason"]
REFUSED = "load_refused"  # the audit action of a file refused (nothing of it loaded)


@dataclass
class LoadResult(loading.Outcome):
    """What one load did; ``errors`` has ERROR_COLUMNS with Chinese reasons."""

    kind: str
    name: str
    findings_months: tuple[str, ...] = ()  # months whose findings the load recomputed

    @property
    def loaded(self) -> bool:
        return self.batch_id is not None

    def summary(self) -> str:
        return labels.SUMMARY.format(**{**vars(self), "kind": labels.KINDS[self.kind]})


def get_kind(name: str) -> Kind:
    """The import kind called ``name``, or a clear error."""
    if name not in kinds():
        raise IngestError(labels.UNKNOWN_KIND.format(kind=name, allowed="、".join(kinds())))
    return kinds()[name]


def load_file(
    con: duckdb.DuckDBPyConnection,
    kind_name: str,
    path: str | Path,
    *,
    name: str | None = None,
    sheet: str | None = None,
    user_map: dict[str, str] | None = None,
    skip_invalid: bool = False,
    actor: str = "命令行",
) -> LoadResult:
    """Load ``path`` as ``kind_name``; strict unless ``skip_invalid``; never half a file.
    The load, by ``actor``, goes to the audit trail with the file's hash and counts; the
    findings of the months its new rows fall in are computed again.

    Raises IngestError when the file as a whole cannot be read (encoding, header, format).
    """
    kind = get_kind(kind_name)
    path = Path(path)
    name = name or path.name
    try:
        result = _load(con, kind, path, name, sheet, user_map, skip_invalid, actor)
    except IngestError as exc:
        audit.record(con, actor, REFUSED, name, {"kind": kind.name, "reason": str(exc)})
        raise
    if not result.loaded:
        detail = {"kind": kind.name, "rows_rejected": result.rows_rejected}
        audit.record(con, actor, REFUSED, name, detail)
    return result


def _load(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    path: Path,
    name: str,
    sheet: str | None,
    user_map: dict[str, str] | None,
    skip_invalid: bool,
    actor: str,
) -> LoadResult:
    _check_user_map(kind, user_map or {})
    with (
        tempfile.TemporaryDirectory(prefix="effmon-") as workdir,
        ThreadPoolExecutor(max_workers=1) as background,
    ):
        source = read_source(path, kind, Path(workdir), name=name, sheet=sheet, user_map=user_map)
        mapping = map_headers(kind, source.headers, user_map)
        _check_mapping(name, mapping)
        # Hashing releases the GIL: the file's digest is computed while DuckDB validates it.
        digest = background.submit(_sha256, path)
        try:
            staging.stage_and_validate(con, source, kind, mapping.positions)
            outcome = loading.insert_valid(
                con,
                kind,
                source_file=name,
                sha256=digest.result(),
                strict=not skip_invalid,
                actor=actor,
                after_insert=_after_insert(con, kind),
            )
        except duckdb.Error as exc:
            raise IngestError(_duckdb_read_error(name, exc)) from exc
        finally:
            staging.drop_staging(con)
    if outcome.rows_read == 0:
        raise IngestError(labels.NO_ROWS.format(name=name))
    errors = _readable_errors(outcome.errors, kind, source.headers, mapping, name)
    months = (
        store_findings.batch_months(con, kind.table, outcome.batch_id) if outcome.rows_new else []
    )
    refresh_findings(con, months)
    return LoadResult(
        **{**vars(outcome), "errors": errors},
        kind=kind.name,
        name=name,
        findings_months=tuple(months),
    )


def _after_insert(
    con: duckdb.DuckDBPyConnection, kind: Kind
) -> Callable[[duckdb.DuckDBPyConnection, int], int] | None:
    """What a load of ``kind`` derives in its transaction once its rows are in: complaint
    categories (when a classifier is trained), attendance records from punches, the
    sentiment of evaluations' comments."""
    if kind.table == "complaints":
        return load_time_step(con)
    if kind.table == "punches":
        return derive_attendance
    if kind.table == "evaluations":
        return score_loaded
    return None


@dataclass
class Preview:
    """The first rows of a file under its own headers, and how the headers map."""

    headers: list[str]
    sample: pd.DataFrame
    mapping: HeaderMapping


def preview_file(
    path: str | Path,
    kind_name: str,
    *,
    name: str,
    sheet: str | None = None,
    user_map: dict[str, str] | None = None,
    rows: int = 10,
) -> Preview:
    """Read the header and the first ``rows`` data rows without touching the store."""
    kind = get_kind(kind_name)
    with tempfile.TemporaryDirectory(prefix="effmon-") as workdir:
        source = read_source(
            Path(path),
            kind,
            Path(workdir),
            name=name,
            sheet=sheet,
            user_map=user_map,
            head_only=True,
        )
        if source.frame is not None:
            sample = source.frame.drop(columns="_row").head(rows)
        else:
            sample = pd.read_csv(
                source.csv_path,
                sep=source.delimiter,
                header=None,
                skiprows=source.skip_lines,
                nrows=rows,
                dtype=str,
                encoding="utf-8-sig",
                keep_default_na=False,
            )
    sample.columns = _unique_names(source.headers)[: sample.shape[1]]
    return Preview(source.headers, sample, map_headers(kind, source.headers, user_map))


def likelier_kind(
    path: str | Path, current: str, *, name: str, sheet: str | None = None
) -> str | None:
    """The kind that recognises the most of the file's headers, when that is more than
    ``current`` recognises (a file uploaded under the wrong kind); None otherwise."""
    try:
        rows = header_candidates(Path(path), name=name, sheet=sheet)
    except IngestError:  # an unreadable file: no kind reads it
        return None
    counts = {
        kind_name: max((len(map_headers(kind, row).positions) for row in rows), default=0)
        for kind_name, kind in kinds().items()
    }
    best = max(counts, key=counts.get)
    return best if counts[best] > counts[current] else None


def _unique_names(headers: list[str]) -> list[str]:
    names: list[str] = []
    for i, header in enumerate(headers):
        name = str(header).strip() or f"列{i + 1}"
        names.append(name if name not in names else f"{name}({i + 1})")
    return names


def _duckdb_read_error(name: str, exc: duckdb.Error) -> str:
    text = str(exc)
    unicode = re.search(r"Line: (\d+).*?Invalid unicode", text, re.S)
    if unicode:
        return labels.BAD_ENCODING.format(name=name, line=unicode.group(1))
    found = re.search(r"Line: (\d+).*?Expected Number of Columns: (\d+) Found: (\d+)", text, re.S)
    if found:
        line, expected, actual = found.groups()
        return labels.COLUMN_COUNT.format(name=name, line=line, expected=expected, actual=actual)
    detail = text.split("\n\n")[0].split("Possible fixes")[0].replace("\n", " ")
    return labels.UNREADABLE.format(name=name, detail=detail)


def _check_user_map(kind: Kind, user_map: dict[str, str]) -> None:
    targets = {c.name for c in kind.columns}
    for source, target in user_map.items():
        if target != IGNORE and target not in targets:
            raise IngestError(
                labels.BAD_MAP_TARGET.format(
                    source=source, target=target, kind=kind.name, allowed=", ".join(targets)
                )
            )


def _check_mapping(name: str, mapping: HeaderMapping) -> None:
    if mapping.missing:
        columns = "、".join(f"{labels.COLUMNS.get(c, c)}（{c}）" for c in mapping.missing)
        raise IngestError(labels.MISSING_COLUMNS.format(name=name, columns=columns))
    if mapping.doubled:
        column, sources = mapping.doubled[0]
        raise IngestError(
            labels.DOUBLED_COLUMNS.format(name=name, column=column, sources="、".join(sources))
        )
    if mapping.unknown:
        raise IngestError(
            labels.UNKNOWN_COLUMNS.format(name=name, columns="、".join(mapping.unknown))
        )


def _readable_errors(
    errors: pd.DataFrame, kind: Kind, headers: list[str], mapping: HeaderMapping, name: str
) -> pd.DataFrame:
    """Name each rejected cell by the file's own header and say why in Chinese."""
    if errors.empty:
        return pd.DataFrame(columns=ERROR_COLUMNS)

    def header(column: str) -> str:
        pos = mapping.positions.get(column)
        return str(headers[pos]) if pos is not None else labels.COLUMNS.get(column, column)

    def reason(row: pd.Series) -> str:
        col = kind.column(row["column"])
        table = col.references.split(".")[0] if col.references else ""
        keys = "、".join(header(k) for k in kind.key_columns)
        return labels.REASONS[row["reason"]].format(
            allowed="、".join(allowed_values(col.domain)) if col.domain else "",
            table=labels.REFERENCED_TABLES.get(table, table),
            other_row=row["other_row"],
            key=keys,
        )

    return pd.DataFrame(
        {
            "file": name,
            "row": errors["row"].astype(int),
            "column": errors["column"].map(header),
            "value": errors["value"],
            "reason": errors.apply(reason, axis=1),
        }
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def error_report_csv(errors: pd.DataFrame) -> bytes:
    """The error report as CSV with Chinese headers."""
    return table_csv(errors.rename(columns=labels.ERROR_COLUMNS))
