"""Loading files of every kind, and one test per bad-input rule."""

from __future__ import annotations

import openpyxl
import pytest

from effmon.errors import IngestError
from effmon.ingest.pipeline import likelier_kind, load_file
from tests.conftest import row_count

GOOD_FILES = {
    "sites": (
        "点位编号,点位名称,点位层级,街道\nQ01,主中心,区级大厅,芳草街街道\nS01,东苑社区便民服务室,社区,芳草街街道\n",
        2,
    ),
    "cases": (
        "办件编号,事项名称,办理部门,受理时间,办结时间,办理渠道,等候时长(分钟),承诺时限\n"
        "B1,企业设立登记,市场监管局,2026-10-08 09:05:33,2026-10-08 10:00:00,窗口,12.5,0\n"
        "B2,护照办理,公安分局出入境,2026/10/9 14:00,,网上办理,,7\n",
        2,
    ),
    "case-totals": (
        "月份,部门,办件量,网办量,延时服务办件量\n2026-09,税务局,1200,800,30\n2026年10月,税务局,1300,900,35\n",
        2,
    ),
    "evaluations": (
        "评价时间,部门,评价结果,评价内容,评价渠道\n2026-10-08 10:01,税务局,非常满意,很好,评价器\n2026-10-08 11:00,税务局,2,排队太久,短信\n",
        2,
    ),
    "complaints": (
        "工单编号,来源,来电时间,标题,诉求内容,点赞数\nT1,12345,2026-10-08 09:00,排队太久,等了两个小时,3\nT2,意见箱,20261009,态度差,窗口人员态度生硬,\n",
        2,
    ),
    "inspections": (
        "巡查日期,点位编号,指标编号,巡查结果,发现问题\n2026-10-08,Q01,I01,合格,\n2026-10-08,Q01,I04,不合格,办事指南未更新\n",
        2,
    ),
    "attendance": (
        "姓名,考勤日期,考勤时段,打卡时间,考勤结果\n王敏,2026-10-08,9:00-9:05,2026-10-08 08:58,正常\n王敏,2026-10-08,13:00-13:05,,缺卡\n",
        2,
    ),
    "benchmarks": (
        "地区,指标,期间,数值,单位\n深圳,网办率,2025,92.5,%\n苏州,平均等候时长,2025,8.1,分钟\n",
        2,
    ),
    "holidays": ("日期,类型,节日\n2027-02-06,上班,春节调休\n2027-02-08,放假,春节\n", 2),
}


@pytest.fixture
def sites_loaded(con, write_file):
    load_file(con, "sites", write_file("sites.csv", GOOD_FILES["sites"][0]))
    return con


@pytest.mark.parametrize("kind", list(GOOD_FILES))
def test_good_file_of_each_kind_loads_with_provenance(sites_loaded, write_file, kind):
    con = sites_loaded
    text, rows = GOOD_FILES[kind]
    result = load_file(con, kind, write_file(f"{kind}.csv", text))
    assert result.loaded and result.errors.empty
    table = kind.replace("-", "_")
    if kind == "sites":
        assert (result.rows_new, result.rows_present) == (0, rows)
    else:
        assert (result.rows_read, result.rows_new) == (rows, rows)
    provenance = con.execute(
        f"SELECT DISTINCT source_file, batch_id FROM {table} WHERE batch_id = ?", [result.batch_id]
    ).fetchall()
    assert provenance == ([(f"{kind}.csv", result.batch_id)] if kind != "sites" else [])


def test_values_are_typed_and_normalised(con, write_file):
    load_file(con, "cases", write_file("cases.csv", GOOD_FILES["cases"][0]))
    rows = con.execute(
        "SELECT case_id, channel, received_at, wait_minutes, promised_days FROM cases ORDER BY 1"
    ).fetchall()
    assert [r[1] for r in rows] == ["窗口", "网办"]
    assert str(rows[0][2]) == "2026-10-08 09:05:33" and rows[0][3] == 12.5
    assert rows[1][4] == 7
    load_file(con, "evaluations", write_file("ev.csv", GOOD_FILES["evaluations"][0]))
    assert con.execute("SELECT level FROM evaluations ORDER BY evaluated_at").fetchall() == [
        (5,),
        (2,),
    ]


def test_text_padded_by_an_export_is_trimmed(con, write_file):
    text = (
        "工单编号,标题,诉求内容,来电时间\n"
        'T1,"\u3000排队太久 ",等了两个小时,2026-10-08\n'
        'T2,态度差,"窗口人员\t态度生硬\t",2026-10-09\n'
        "T3,\u00a0,正常内容,2026-10-09\n"
    )
    load_file(con, "complaints", write_file("c.csv", text))
    rows = con.execute("SELECT ticket_id, title, body FROM complaints ORDER BY 1").fetchall()
    assert rows == [
        ("T1", "排队太久", "等了两个小时"),
        ("T2", "态度差", "窗口人员\t态度生硬"),  # inner blanks stay
        ("T3", None, "正常内容"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-10-08", "2026-10-08 00:00:00"),
        ("2026/10/8 9:05:33", "2026-10-08 09:05:33"),
        ("2026年10月8日", "2026-10-08 00:00:00"),
        ("20261008", "2026-10-08 00:00:00"),
        ("46303", "2026-10-08 00:00:00"),
        ("46303.5", "2026-10-08 12:00:00"),
        ("2026-10-08T09:05:33", "2026-10-08 09:05:33"),
    ],
)
def test_date_forms_of_real_exports(con, write_file, text, expected):
    load_file(con, "complaints", write_file("c.csv", f"工单编号,留言时间\nT1,{text}\n"))
    assert str(con.execute("SELECT received_at FROM complaints").fetchall()[0][0]) == expected


def _strict_rejection(con, path, kind="complaints"):
    before = row_count(con, kind)
    result = load_file(con, kind, path)
    assert not result.loaded
    assert row_count(con, kind) == before
    assert row_count(con, "load_batches") == 0
    return result.errors


def test_bad_date_names_file_row_column_and_reason(con, write_file):
    path = write_file("tickets.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,2026-13-45\nT3,昨天\n")
    errors = _strict_rejection(con, path)
    assert errors[["file", "row", "column", "value"]].values.tolist() == [
        ["tickets.csv", 3, "留言时间", "2026-13-45"],
        ["tickets.csv", 4, "留言时间", "昨天"],
    ]
    assert errors["reason"].str.contains("日期时间格式无法识别").all()


def test_bad_number_is_rejected(con, write_file):
    errors = _strict_rejection(
        con, write_file("c.csv", "工单编号,留言时间,点赞数\nT1,2026-10-08,三\nT2,2026-10-08,1.5\n")
    )
    assert errors["row"].tolist() == [2, 3]
    assert (errors["reason"] == "不是整数").all()


def test_negative_wait_is_rejected(con, write_file):
    text = "办件编号,办理部门,受理时间,办理渠道,等候时长\nB1,税务局,2026-10-08,窗口,-5\n"
    errors = _strict_rejection(con, write_file("cases.csv", text), "cases")
    assert errors["reason"].tolist() == ["不能为负数"]


def test_value_outside_the_allowed_list_is_rejected(con, write_file):
    text = "办件编号,办理部门,受理时间,办理渠道\nB1,税务局,2026-10-08,飞鸽传书\n"
    errors = _strict_rejection(con, write_file("cases.csv", text), "cases")
    assert "允许：窗口、网办、自助终端、延时服务" in errors["reason"][0]


def test_empty_required_cell_is_rejected(con, write_file):
    errors = _strict_rejection(con, write_file("c.csv", "工单编号,留言时间\nT1,\n,2026-10-08\n"))
    assert errors[["row", "reason"]].values.tolist() == [[2, "必填项为空"], [3, "必填项为空"]]


def test_duplicate_rows_inside_one_file_are_rejected(con, write_file):
    text = "工单编号,留言时间\nT1,2026-10-08\nT2,2026-10-09\nT1,2026-10-08\n"
    errors = _strict_rejection(con, write_file("c.csv", text))
    assert errors[["row", "reason"]].values.tolist() == [[4, "与文件第 2 行重复（工单编号相同）"]]


def test_date_far_in_the_future_is_rejected(con, write_file):
    errors = _strict_rejection(con, write_file("c.csv", "工单编号,留言时间\nT1,2099-01-01\n"))
    assert "合理范围" in errors["reason"][0]


def test_inspection_of_an_unknown_site_is_rejected(con, write_file):
    text = "巡查日期,点位编号,指标编号,巡查结果\n2026-10-08,X99,I01,合格\n2026-10-08,X99,I99,合格\n"
    errors = _strict_rejection(con, write_file("i.csv", text), "inspections")
    assert set(errors["reason"]) == {"在点位表中不存在", "在巡查指标目录中不存在"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "空文件"),
        ("工单编号,留言时间\n".encode(), "没有数据行"),
        ("留言时间,留言主题\n2026-10-08,a\n".encode(), "缺少必需的列：工单编号"),
        ("工单编号,留言时间,心情\nT1,2026-10-08,好\n".encode(), "未识别的列：心情"),
        ("工单编号,留言时间\nT1,2026-10-08\n".encode() + b"T2,\xff\xfe\x80\x81\n", "编码无法识别"),
        ("工单编号,留言时间\nT1,2026-10-08,多余\n".encode(), "第 2 行的列数与表头不一致"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1old", "旧版 Excel"),
        ("姓名,年龄\n张三,30\n".encode(), "找不到表头"),
    ],
)
def test_file_level_problems_change_nothing(con, write_file, content, message):
    with pytest.raises(IngestError, match=message) as raised:
        load_file(con, "complaints", write_file("bad.csv", content))
    assert "bad.csv" in str(raised.value)
    assert row_count(con, "complaints") == 0 and row_count(con, "load_batches") == 0


def test_reloading_the_same_file_adds_nothing(con, write_file):
    path = write_file("c.csv", GOOD_FILES["complaints"][0])
    first = load_file(con, "complaints", path)
    again = load_file(con, "complaints", path)
    assert (first.rows_new, again.rows_new, again.rows_present) == (2, 0, 2)
    assert row_count(con, "complaints") == 2


def test_overlapping_file_adds_only_new_rows(con, write_file):
    load_file(
        con, "complaints", write_file("a.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,2026-10-09\n")
    )
    result = load_file(
        con, "complaints", write_file("b.csv", "工单编号,留言时间\nT2,2026-10-09\nT3,2026-10-10\n")
    )
    assert (result.rows_new, result.rows_present) == (1, 1)


def test_evaluations_without_ids_are_idempotent_by_content(con, write_file):
    path = write_file("ev.csv", GOOD_FILES["evaluations"][0])
    load_file(con, "evaluations", path)
    again = load_file(con, "evaluations", path)
    assert (again.rows_new, again.rows_present) == (0, 2)


def test_skip_invalid_loads_valid_rows_and_reports_the_rest(con, write_file):
    path = write_file("c.csv", "工单编号,留言时间\nT1,2026-10-08\nT2,不是日期\nT3,2026-10-09\n")
    result = load_file(con, "complaints", path, skip_invalid=True)
    assert result.loaded and (result.rows_new, result.rows_rejected) == (2, 1)
    assert result.errors["row"].tolist() == [3]
    assert con.execute("SELECT mode, rows_rejected FROM load_batches").fetchall() == [
        ("skip-invalid", 1)
    ]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_chinese_csv_encodings_are_detected(con, write_file, encoding):
    path = write_file("c.csv", "工单编号,留言时间,标题\nT1,2026年10月8日,排队时间过长\n", encoding)
    assert load_file(con, "complaints", path).rows_new == 1
    assert con.execute("SELECT title FROM complaints").fetchall() == [("排队时间过长",)]


def test_tab_separated_file_with_title_rows_and_totals_row(con, write_file):
    text = "2026年10月各部门办件汇总\n导出时间：2026-11-01\n月份\t部门\t办件量\n2026-10\t税务局\t100\n2026-10\t人社局\t50\n合计\t\t150\n"
    result = load_file(con, "case-totals", write_file("totals.txt", text))
    assert (result.rows_new, result.rows_skipped) == (2, 1)


def test_user_mapping_of_an_unknown_header(con, write_file):
    path = write_file("c.csv", "业务号,留言时间,备注\nT1,2026-10-08,x\n")
    result = load_file(con, "complaints", path, user_map={"业务号": "ticket_id", "备注": ""})
    assert result.rows_new == 1
    with pytest.raises(IngestError, match="没有字段"):
        load_file(con, "complaints", path, user_map={"业务号": "no_such_column"})


def _xlsx(path, rows, merge=None):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


def test_xlsx_with_title_row_real_dates_and_numbers(con, tmp_path):
    from datetime import datetime

    path = _xlsx(
        tmp_path / "tickets.xlsx",
        [
            ["12345 工单导出"],
            ["工单编号", "来电时间", "点赞数"],
            [1001, datetime(2026, 10, 8, 9, 5), 3.0],
            [1002, "2026/10/9", None],
        ],
    )
    result = load_file(con, "complaints", path)
    assert result.rows_new == 2
    rows = con.execute("SELECT ticket_id, received_at, likes FROM complaints ORDER BY 1").fetchall()
    assert rows[0][0] == "1001" and str(rows[0][1]) == "2026-10-08 09:05:00" and rows[0][2] == 3


def test_xlsx_error_rows_are_the_rows_excel_shows(con, tmp_path):
    path = _xlsx(
        tmp_path / "t.xlsx",
        [["导出"], [], ["工单编号", "留言时间"], ["T1", "2026-10-08"], ["T2", "坏日期"]],
    )
    errors = _strict_rejection(con, path)
    assert errors["row"].tolist() == [5]


def test_xlsx_merged_group_header_reads_the_row_below(con, tmp_path):
    path = _xlsx(
        tmp_path / "totals.xlsx",
        [
            ["月份", "部门", "办件情况", None],
            [None, None, "办件量", "网办量"],
            ["2026-10", "税务局", 100, 60],
        ],
        merge="C1:D1",
    )
    result = load_file(con, "case-totals", path)
    assert result.rows_new == 1
    assert con.execute("SELECT cases, online_cases FROM case_totals").fetchall() == [(100, 60)]


def test_xlsx_sheet_choice(con, tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.create_sheet("数据").append(["工单编号", "留言时间"])
    book["数据"].append(["T1", "2026-10-08"])
    book.save(tmp_path / "b.xlsx")
    assert load_file(con, "complaints", tmp_path / "b.xlsx", sheet="数据").rows_new == 1
    with pytest.raises(IngestError, match="没有工作表「汇总」"):
        load_file(con, "complaints", tmp_path / "b.xlsx", sheet="汇总")


def test_complaint_load_records_workflow_events(con, write_file):
    text = "留言编号,留言时间,答复意见,答复时间\n1,2026-10-08 09:00,已处理,2026-10-10 10:00\n2,2026-10-09 09:00,,\n"
    load_file(con, "complaints", write_file("c.csv", text))
    events = con.execute(
        "SELECT ticket_id, state FROM complaint_events ORDER BY 1, happened_at"
    ).fetchall()
    assert events == [("1", "受理"), ("1", "办结"), ("2", "受理")]


def test_oversized_file_is_refused(con, write_file, monkeypatch):
    monkeypatch.setenv("EFFMON_MAX_UPLOAD_MB", "0.00001")
    with pytest.raises(IngestError, match="超过上限"):
        load_file(con, "complaints", write_file("c.csv", GOOD_FILES["complaints"][0]))


@pytest.mark.parametrize("rows", [300, 100_000])  # GBK inside the head, and far beyond it
def test_mixed_encodings_in_one_file_are_refused_with_the_line(con, write_file, rows):
    content = (
        "工单编号,留言时间\n" + "T0,2026-10-08\n" * rows
    ).encode() + "T2,二零二六年\n".encode("gbk")
    with pytest.raises(IngestError, match=f"第 {rows + 2} 行附近"):
        load_file(con, "complaints", write_file("mixed.csv", content))
    assert row_count(con, "complaints") == 0


@pytest.mark.parametrize(
    ("likes", "value"),
    [("1.5", "1.5"), ("三", "三")],  # read as a number by DuckDB itself / sent to the text path
)
def test_non_integer_count_is_rejected_on_either_path(con, write_file, likes, value):
    errors = _strict_rejection(
        con, write_file("c.csv", f"工单编号,留言时间,点赞数\nT1,2026-10-08,{likes}\n")
    )
    assert errors[["row", "value", "reason"]].values.tolist() == [[2, value, "不是整数"]]


def test_corrupt_xlsx_is_refused_by_name(con, write_file):
    with pytest.raises(IngestError, match=r"「broken\.xlsx」不是有效的 XLSX 文件"):
        load_file(con, "complaints", write_file("broken.xlsx", b"PK\x03\x04 not really a workbook"))
    assert row_count(con, "load_batches") == 0


@pytest.mark.parametrize("kind", list(GOOD_FILES))
def test_a_file_chosen_as_another_kind_points_to_its_own(write_file, kind):
    path = write_file("file.csv", GOOD_FILES[kind][0])
    for other in GOOD_FILES:
        expected = None if other == kind else kind
        assert likelier_kind(path, other, name="file.csv") == expected, other


def test_no_kind_is_offered_for_a_file_no_kind_reads(write_file):
    path = write_file("notes.csv", "甲,乙\n1,2\n")
    assert likelier_kind(path, "sites", name="notes.csv") is None
