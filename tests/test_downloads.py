"""Files handed to a person: built only for an account that may still take them, recorded
in the audit trail either way, and with nothing a spreadsheet would run as a formula."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import duckdb
import openpyxl
import pandas as pd
import pytest

from effmon.errors import EffmonError
from effmon.exports import table_csv, table_xlsx, write_csv
from effmon.security import sessions
from effmon.store import users
from effmon.ui.downloads import handed

HOSTILE = '=HYPERLINK("http://example.invalid/x","点此")'


def _audited(path, action: str) -> list[tuple]:
    with duckdb.connect(str(path)) as con:
        return con.execute(
            "SELECT username, target FROM audit_log WHERE action = ? ORDER BY 1", [action]
        ).fetchall()


def _account(path, name: str, role: str, disabled: bool = False, idle_minutes: int = 0) -> str:
    """The id of a login session of a new account, last used ``idle_minutes`` ago."""
    with duckdb.connect(str(path)) as con:
        users.insert(con, name, role, "not a hash", datetime.now())
        last_run = datetime.now() - timedelta(minutes=idle_minutes)
        session_id = sessions.start(con, name, role, now=last_run)
        users.set_disabled(con, name, disabled)
    return session_id


def test_a_download_is_built_for_an_account_whose_role_grants_it_and_audited(store):
    session_id = _account(store, "王敏", "分析员")
    data = handed(
        lambda: b"a,b\n",
        "王敏",
        "export",
        "窗口办件_2026-10",
        {"file": "x.csv"},
        session_id=session_id,
    )
    assert data == b"a,b\n"
    assert _audited(store, "export") == [("王敏", "窗口办件_2026-10")]


@pytest.mark.parametrize(
    ("name", "role", "disabled", "idle_minutes"),
    [
        ("李娜", "领导", False, 0),
        ("停用的分析员", "分析员", True, 0),
        ("已删除", None, False, 0),
        ("久未操作的分析员", "分析员", False, 31),
    ],
)
def test_a_download_is_refused_to_an_account_that_may_no_longer_take_it(
    store, name, role, disabled, idle_minutes
):
    """A 领导 never exports tables; an account disabled (or gone), or a session idle past
    session_minutes, after its page was shown gets nothing from a button still on its screen.
    Each refusal is audited."""
    session_id = _account(store, name, role, disabled, idle_minutes) if role else None
    built = []
    with pytest.raises(EffmonError, match="无权下载"):
        handed(
            lambda: built.append(1) or b"x",
            name,
            "export",
            "投诉工单",
            {"file": "x.csv"},
            session_id=session_id,
        )
    assert not built
    assert _audited(store, "export_refused") == [(name, "投诉工单")]
    assert _audited(store, "export") == []


def _hostile_frame() -> pd.DataFrame:
    return pd.DataFrame({HOSTILE: ["=1+1", "税务局"], "部门": ["@SUM(A1)", "-2+3"]})


def test_an_xlsx_export_holds_no_formula_in_headers_or_cells():
    book = openpyxl.load_workbook(io.BytesIO(table_xlsx(_hostile_frame(), {"导出人": "=x"})))
    cells = [cell for sheet in book for row in sheet.iter_rows() for cell in row]
    assert cells and not [c.coordinate for c in cells if c.data_type == "f"]
    assert book["data"]["A1"].value == "'" + HOSTILE


def test_a_csv_export_and_a_command_line_csv_start_no_cell_with_a_formula(tmp_path):
    write_csv(_hostile_frame(), tmp_path / "out.csv")
    for data in (table_csv(_hostile_frame()), (tmp_path / "out.csv").read_bytes()):
        read = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", dtype=str)
        texts = [*read.columns, *read.to_numpy().ravel()]
        assert not [t for t in texts if t.startswith(("=", "+", "-", "@"))]
        assert "'" + HOSTILE in read.columns


def test_a_csv_gives_times_to_the_second_and_dates_without_midnight():
    frame = pd.DataFrame(
        {
            "受理时间": pd.to_datetime(["2026-10-08 09:15:30.123456", None]),
            "日期": pd.to_datetime(["2026-10-08", "2026-10-09"]),
        }
    )
    text = table_csv(frame).decode("utf-8-sig")
    assert "2026-10-08 09:15:30," in text and ".123456" not in text
    assert "2026-10-09" in text and "00:00:00" not in text
