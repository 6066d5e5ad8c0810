"""Objects of complaints besides places: companies, platforms, cases, institutions."""

import pytest

from effmon.text.objects import objects, same_object


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a lending platform's case, however it is written
        ("A市58车贷老板跑路美国，经侦拖延办案", ["58车贷"]),
        ("再次请求过问A市58车贷案件进展情况", ["58车贷"]),
        # a company without its province
        ("西地省聚利人普惠投资有限公司涉嫌诈骗巨额资金", ["聚利人普惠投资有限公司"]),
        ("A市聚利网诈骗，派出所立案已超3个月", ["聚利网"]),
        ("广铁集团强制职工购房时捆绑购买车位", ["广铁集团"]),
        ("A市富绿物业丽发新城强行断业主家水", ["富绿物业"]),
        ("请A2区青园派出所尽快处理", ["青园派出所"]),
        # an institution named by its function only is no particular one
        ("A市公安局不作为", []),
        ("向A4区人民法院起诉", []),
        ("物业公司乱收费", []),
        # a suffix inside a word is none: 方案, 立案, 案情, 网站, 房贷
        ("公交线路调整方案不合理", []),
        ("立案五个月未公布任何案情", []),
        ("学校网站上公开", []),
        ("办理房贷时被要求买保险", []),
        ("", []),
    ],
)
def test_objects(text, expected):
    assert objects(text) == expected


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("58车贷", "58车贷", True),
        ("58车贷", "公正办理58车贷", True),  # a word before it taken in
        ("聚利网", "聚利人普惠投资有限公司", True),  # one core starts the other
        ("长沙市某某有限公司", "某某公司", True),
        ("广铁集团", "富绿物业", False),
        ("展星投资有限公司", "聚利人普惠投资有限公司", False),
    ],
)
def test_same_object(name, other, same):
    assert same_object(name, other) is same
    assert same_object(other, name) is same
