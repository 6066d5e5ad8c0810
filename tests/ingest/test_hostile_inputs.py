"""The catalogue of hostile inputs: each file either is refused as a whole with a message
naming it, or has its bad cells named by row and column; either way the store is unchanged.
A few load, harmlessly, and say so. The note resolving the security issue lists this table.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import openpyxl
import pytest

from effmon.errors import EffmonError
from effmon.ingest.pipeline import load_file
from tests.conftest import REPO

H = "办件编号,办理部门,办理渠道,受理时间,等候时长\n"
ROW = "A1,税务局,窗口,2026-10-08 09:00,5\n"


def _xlsx(rows, extra_parts: dict[str, bytes] | None = None) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    if not extra_parts:
        return buffer.getvalue()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        for part, data in extra_parts.items():
            dst.writestr(part, data)
    return out.getvalue()


XLSX_ROWS = [
    ["办件编号", "办理部门", "办理渠道", "受理时间", "等候时长"],
    ["B1", "税务局", "窗口", "2026-10-08 09:00", 5],
]


def _xlsx_with(cells: dict[str, object], errors: tuple[str, ...] = ()) -> bytes:
    """XLSX_ROWS and more cells; those named in ``errors`` hold Excel error values."""
    book = openpyxl.Workbook()
    for row in XLSX_ROWS:
        book.active.append(row)
    for ref, value in cells.items():
        book.active[ref] = value
        if ref in errors:
            book.active[ref].data_type = "e"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _faked_sizes(workbook: bytes) -> bytes:
    """The workbook with its sheet's uncompressed size declared as 10 bytes (local header
    and central directory), as a hostile file would, to slip past a size check."""
    data = bytearray(workbook)
    part = b"xl/worksheets/sheet1.xml"
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at != -1:
            name_at = at + (30 if signature == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(part)] == part:
                data[at + offset : at + offset + 4] = (10).to_bytes(4, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


# (id, file name, content, expected): expected is ("refused", message part), ("cell", row,
# column header, reason part) or ("loaded", rows added).
CATALOGUE = [
    ("empty file", "a.csv", b"", ("refused", "是空文件")),
    ("header only", "a.csv", H.encode(), ("refused", "只有表头")),
    ("binary garbage", "a.csv", b"\x00\x01\x02\xff\xfe garbage", ("refused", "编码无法识别")),
    ("UTF-16 text", "a.csv", (H + ROW).encode("utf-16"), ("refused", "编码无法识别")),
    ("UTF-8 with BOM", "a.csv", (H + ROW).encode("utf-8-sig"), ("loaded", 1)),
    ("GBK", "a.csv", (H + ROW).encode("gbk"), ("loaded", 1)),
    (
        "GBK and UTF-8 mixed",
        "a.csv",
        H.encode() + ROW.encode("gbk") + "A2,人社局,窗口,2026-10-08 10:00,3\n".encode(),
        ("refused", "编码"),
    ),
    (
        "missing required column",
        "a.csv",
        "办件编号,办理渠道,受理时间\nA1,窗口,2026-10-08 09:00\n".encode(),
        ("refused", "缺少必需的列"),
    ),
    (
        "unknown extra column",
        "a.csv",
        (H.strip() + ",备注\n" + ROW.strip() + ",x\n").encode(),
        ("refused", "未识别的列"),
    ),
    (
        "duplicate header",
        "a.csv",
        (H.strip() + ",办理部门\n" + ROW.strip() + ",人社局\n").encode(),
        ("refused", "办理部门"),
    ),
    (
        "malformed date",
        "a.csv",
        (H + "A1,税务局,窗口,2026-13-45 09:00,5\n").encode(),
        ("cell", 2, "受理时间", "日期时间格式无法识别"),
    ),
    (
        "date in 2099",
        "a.csv",
        (H + "A1,税务局,窗口,2099-01-01 09:00,5\n").encode(),
        ("cell", 2, "受理时间", "超出合理范围"),
    ),
    (
        "date in 1900",
        "a.csv",
        (H + "A1,税务局,窗口,1900-01-01 09:00,5\n").encode(),
        ("cell", 2, "受理时间", "超出合理范围"),
    ),
    (
        "number with text",
        "a.csv",
        (H + "A1,税务局,窗口,2026-10-08 09:00,五分钟\n").encode(),
        ("cell", 2, "等候时长", "不是有效数字"),
    ),
    (
        "negative wait",
        "a.csv",
        (H + "A1,税务局,窗口,2026-10-08 09:00,-5\n").encode(),
        ("cell", 2, "等候时长", "不能为负数"),
    ),
    (
        "value outside its list",
        "a.csv",
        (H + "A1,税务局,传真,2026-10-08 09:00,5\n").encode(),
        ("cell", 2, "办理渠道", "不是允许的取值"),
    ),
    (
        "empty required cell",
        "a.csv",
        (H + "A1,,窗口,2026-10-08 09:00,5\n").encode(),
        ("cell", 2, "办理部门", "必填项为空"),
    ),
    (
        "duplicate key in the file",
        "a.csv",
        (H + ROW + ROW).encode(),
        ("cell", 3, "办件编号", "重复"),
    ),
    (
        "control characters",
        "a.csv",
        (H + "A1,税务\x1b[31m局,窗口,2026-10-08 09:00,5\n").encode(),
        ("cell", 2, "办理部门", "控制字符"),
    ),
    (
        "NUL byte in a cell",
        "a.csv",
        (H + "A1,税务\x00局,窗口,2026-10-08 09:00,5\n").encode(),
        ("cell", 2, "办理部门", "控制字符"),
    ),
    (
        "over-long text",
        "a.csv",
        (H + "A1," + "税" * 30_000 + ",窗口,2026-10-08 09:00,5\n").encode(),
        ("cell", 2, "办理部门", "文本过长"),
    ),
    (
        "SQL in a text field",
        "a.csv",
        (H + "A1,税务局'); DROP TABLE cases; --,窗口,2026-10-08 09:00,5\n").encode(),
        ("loaded", 1),
    ),
    (
        "formula in a text field",
        "a.csv",
        (H + 'A1,"=HYPERLINK(""http://x"",""点"")",窗口,2026-10-08 09:00,5\n').encode(),
        ("loaded", 1),
    ),
    ("path traversal in the name", "../../etc/passwd.csv", (H + ROW).encode(), ("loaded", 1)),
    (
        "old .xls format",
        "a.xls",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512,
        ("refused", "xls"),
    ),
    ("corrupt xlsx", "a.xlsx", b"PK\x03\x04 not really a zip", ("refused", "a.xlsx")),
    (
        "xlsx decompression bomb",
        "a.xlsx",
        _xlsx(XLSX_ROWS, {"xl/media/fill.bin": b" " * 50_000_000}),
        ("refused", "压缩炸弹"),
    ),
    (
        "xlsx with macros",
        "a.xlsx",
        _xlsx(XLSX_ROWS, {"xl/vbaProject.bin": b"Attribute VB_Name"}),
        ("refused", "含宏或外部链接"),
    ),
    (
        "xlsx with an external link",
        "a.xlsx",
        _xlsx(XLSX_ROWS, {"xl/externalLinks/externalLink1.xml": b"<externalLink/>"}),
        ("refused", "含宏或外部链接"),
    ),
    ("xlsx header only", "a.xlsx", _xlsx(XLSX_ROWS[:1]), ("refused", "只有表头")),
    (
        "xlsx with one cell at XFD1048576",
        "a.xlsx",
        _xlsx_with({"XFD1048576": "x"}),
        ("refused", "超过可读取的 5,000,000 个单元格"),
    ),
    (
        "xlsx with faked zip sizes",
        "a.xlsx",
        _faked_sizes(_xlsx(XLSX_ROWS)),
        ("refused", "与其压缩目录不符"),
    ),
    (
        "xlsx with Excel error values",
        "a.xlsx",
        _xlsx_with({"D2": "#REF!"}, errors=("D2",)),
        ("refused", "第 2 行第 D 列（D2）为 #REF!"),
    ),
    ("CR line ends (old Mac)", "a.csv", (H + ROW).replace("\n", "\r").encode(), ("loaded", 1)),
    (
        "CR, LF and CRLF mixed",
        "a.csv",
        (H + ROW.replace("\n", "\r\n") + "A2,人社局,窗口,2026-10-08 10:00,3\r").encode(),
        ("loaded", 2),
    ),
    (
        "finished before received",
        "a.csv",
        "办件编号,办理部门,办理渠道,受理时间,办结时间\nA1,税务局,窗口,2026-10-08 09:00,2026-10-07 09:00\n".encode(),
        ("cell", 2, "办结时间", "早于同一行的受理时间"),
    ),
    ("well-formed xlsx", "a.xlsx", _xlsx(XLSX_ROWS), ("loaded", 1)),
]


@pytest.mark.parametrize(
    ("case", "name", "content", "expected"), CATALOGUE, ids=[c[0] for c in CATALOGUE]
)
def test_hostile_input(con, tmp_path, case, name, content, expected):
    path = tmp_path / "upload.bin"  # the name a user gave is a label only, never a path
    path.write_bytes(content)
    before = con.execute("SELECT count(*) FROM cases").fetchall()[0][0]
    try:
        result = load_file(con, "cases", path, name=name)
    except EffmonError as exc:
        assert expected[0] == "refused", f"{case}: refused with {exc}"
        assert (expected[1] in str(exc) and name.split("/")[-1] in str(exc)) or expected[1] in str(
            exc
        )
        assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] == before
        return
    if expected[0] == "loaded":
        assert result.loaded and result.rows_new == expected[1], result.errors
        source = con.execute("SELECT DISTINCT source_file FROM cases").fetchall()
        assert source == [(name,)]  # stored as text, no file written anywhere by that name
        assert not (tmp_path / name).exists()
        return
    assert expected[0] == "cell", f"{case}: loaded"
    assert not result.loaded
    _, row, column, reason = expected
    errors = result.errors
    hit = errors[(errors["row"] == row) & (errors["column"] == column)]
    assert not hit.empty and reason in hit.iloc[0]["reason"], errors.to_dict("records")
    assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] == before


def test_the_catalogue_has_at_least_thirty_inputs():
    assert len(CATALOGUE) >= 30


BIG_ROWS = 2_000_000


@pytest.fixture(scope="module")
def two_million_rows(tmp_path_factory):
    """A CSV of two million cases (about 90 MB, under the upload limit)."""
    path = tmp_path_factory.mktemp("big") / "two_million.csv"
    with open(path, "w", encoding="utf-8") as f:
        f.write(H)
        f.writelines(
            f"K{i:08d},税务局,窗口,2026-10-{i % 28 + 1:02d} 09:00,{i % 40}\n"
            for i in range(BIG_ROWS)
        )
    return path


@pytest.mark.slow
def test_two_million_rows_load_whole_and_again_add_nothing(con, two_million_rows):
    first = load_file(con, "cases", two_million_rows, name="two_million.csv")
    again = load_file(con, "cases", two_million_rows, name="two_million.csv")
    assert first.loaded and first.rows_new == BIG_ROWS
    assert again.rows_new == 0
    assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] == BIG_ROWS


@pytest.mark.slow
def test_two_million_rows_with_one_bad_date_at_the_end_change_nothing(
    con, two_million_rows, tmp_path
):
    bad = tmp_path / "bad_end.csv"
    tail = "K99999999,税务局,窗口,2026-13-45,5\n".encode()
    bad.write_bytes(two_million_rows.read_bytes() + tail)
    result = load_file(con, "cases", bad, name="bad_end.csv")
    assert not result.loaded
    errors = result.errors
    assert errors[["row", "column"]].values.tolist() == [[BIG_ROWS + 2, "受理时间"]]
    assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] == 0


def test_invisible_characters_make_no_twin_keys(con, tmp_path):
    """A BOM or a zero-width space inside a name or key is removed: 「税务\ufeff局」 is 税务局."""
    path = tmp_path / "a.csv"
    path.write_text(H + "A1\u200b,税务\ufeff局,窗口,2026-10-08 09:00,5\n", encoding="utf-8")
    assert load_file(con, "cases", path, name="a.csv").loaded
    assert con.execute("SELECT case_id, department FROM cases").fetchall() == [("A1", "税务局")]


def test_a_refused_file_is_audited_and_changes_nothing_else(con, tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(H.encode())
    with pytest.raises(EffmonError):
        load_file(con, "cases", path, name="a.csv", actor="分析员甲")
    path.write_text(H + "A1,税务局,窗口,2026-13-45,5\n", encoding="utf-8")
    assert not load_file(con, "cases", path, name="b.csv", actor="分析员甲").loaded
    logged = con.execute(
        "SELECT username, target, detail FROM audit_log WHERE action = 'load_refused' "
        "ORDER BY happened_at"
    ).fetchall()
    assert [(u, t) for u, t, _ in logged] == [("分析员甲", "a.csv"), ("分析员甲", "b.csv")]
    assert "只有表头" in logged[0][2] and '"rows_rejected": 1' in logged[1][2]
    assert con.execute("SELECT count(*) FROM cases").fetchall()[0][0] == 0


BOMB_CHECK = """
import resource, sys, time
from pathlib import Path
from effmon.errors import IngestError
from effmon.ingest.pipeline import load_file
from tests.conftest import REPO
from effmon.store.connect import open_store
con = open_store(":memory:")
before, started = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, time.perf_counter()
try:
    load_file(con, "cases", Path(sys.argv[1]), name="bomb.xlsx")
except IngestError as exc:
    print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before)
"""


def test_a_workbook_reaching_xfd1048576_is_refused_at_once_without_memory(tmp_path):
    """The 1.8 KB workbook that made the reader allocate 512 GiB and abort the server."""
    path = tmp_path / "bomb.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"], book.active["XFD1048576"] = "受理时间", "x"
    book.save(path)
    assert path.stat().st_size < 6000
    run = subprocess.run(
        [sys.executable, "-c", BOMB_CHECK, str(path)], capture_output=True, text=True, cwd=REPO
    )
    assert run.returncode == 0, run.stderr  # no abort
    seconds, grown_kb = map(float, run.stdout.split())
    assert seconds < 1 and grown_kb < 200 * 1024
