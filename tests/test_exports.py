"""Exports keep formula-like text inert and carry who exported them."""

import io

import pandas as pd
from openpyxl import load_workbook

from effmon.exports import table_csv, table_xlsx

HOSTILE = pd.DataFrame(
    {
        "名称": ['=HYPERLINK("http://x","点我")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "正常"],
        "数值": [-1.5, 2.0, 3.0, 4.0, 5.0],
    }
)


def test_formula_injection_is_neutralised_in_csv_and_xlsx():
    csv = pd.read_csv(io.BytesIO(table_csv(HOSTILE)), encoding="utf-8-sig")
    assert all(v.startswith("'") for v in csv["名称"][:4]) and csv["名称"][4] == "正常"
    assert csv["数值"][0] == -1.5  # numbers stay numbers
    book = load_workbook(
        io.BytesIO(table_xlsx(HOSTILE, {"导出人": "王敏", "导出时间": "2026-11-28"}))
    )
    cells = [row[0].value for row in book["data"].iter_rows(min_row=2)]
    assert all(c.startswith("'") for c in cells[:4])
    assert all(row[0].data_type != "f" for row in book["data"].iter_rows(min_row=2))
    info = {r[0].value: r[1].value for r in book["导出信息"].iter_rows(min_row=2)}
    assert info == {"导出人": "王敏", "导出时间": "2026-11-28"}
    assert book.properties.creator == "王敏"
