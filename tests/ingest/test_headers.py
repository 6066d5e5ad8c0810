import pytest

from effmon.domain.kinds import kinds
from effmon.ingest.headers import map_headers, normalize


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("留言编号", "留言编号"),
        (" 留言 编号 ", "留言编号"),
        ("\ufeff编号", "编号"),
        ("承诺时限（工作日）", "承诺时限(工作日)"),
        ("Case_ID", "case_id"),
    ],
)
def test_normalize_folds_width_space_bom_and_case(raw, expected):
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    ("kind", "header", "column"),
    [
        ("complaints", "留言编号", "ticket_id"),
        ("complaints", "工单编号", "ticket_id"),
        ("complaints", "来电时间", "received_at"),
        ("complaints", "留言时间", "received_at"),
        ("complaints", "点赞数", "likes"),
        ("cases", "受理时间", "received_at"),
        ("cases", "办理渠道", "channel"),
        ("evaluations", "评价结果", "level"),
        ("attendance", "打卡结果", "status"),
        ("case-totals", "网办量", "online_cases"),
    ],
)
def test_known_variants_map_to_canonical_columns(kind, header, column):
    assert map_headers(kinds()[kind], [header]).positions == {column: 0}


def test_user_map_names_unknown_headers_and_can_ignore_them():
    kind = kinds()["complaints"]
    headers = ["业务号", "留言时间", "备注"]
    plain = map_headers(kind, headers)
    assert plain.unknown == ["业务号", "备注"]
    assert plain.missing == ["ticket_id"]
    mapped = map_headers(kind, headers, {"业务号": "ticket_id", "备注": ""})
    assert mapped.positions == {"ticket_id": 0, "received_at": 1}
    assert mapped.unknown == [] and mapped.missing == []


def test_two_sources_for_one_column_are_reported():
    result = map_headers(kinds()["complaints"], ["留言编号", "工单编号", "留言时间"])
    assert result.doubled == [("ticket_id", ["留言编号", "工单编号"])]
