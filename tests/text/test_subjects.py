"""A hot issue's title: the representative subject, cleaned of how it was asked."""

import pytest

from effmon.text.subjects import cleaned, representative


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("请问A市为什么要把和包支付作为任务？", "为什么要把和包支付作为任务"),
        ("关于A市伊景园滨河苑捆绑销售车位的投诉", "伊景园滨河苑捆绑销售车位"),
        ("再次请求过问A市58车贷案件进展情况", "58车贷案件进展情况"),
        ("强烈建议将地铁7号线南延至生态动物园", "将地铁7号线南延至生态动物园"),
        ("西地省A市58车贷恶性退出，A4区立案已近半年毫无进展", "58车贷恶性退出，A4区立案已近半年毫无进展"),
        ("长沙市雨花区某小区油烟扰民", "雨花区某小区油烟扰民"),  # the centre's own city
        ("伊景园滨河苑车位捆绑销售！广铁集团做个人吧！", "伊景园滨河苑车位捆绑销售"),
        # a framing word only where it is a word of its own there
        ("请假制度不合理", "请假制度不合理"),
        ("对面工地夜间施工噪音大", "对面工地夜间施工噪音大"),
        ("市政道路积水严重", "市政道路积水严重"),
        ("中和街道综合便民服务中心社保卡补换卡系统故障", "中和街道综合便民服务中心社保卡补换卡系统故障"),
        ("咨询", "咨询"),  # nothing left: as it was
    ],
)  # fmt: skip
def test_cleaned(subject, expected):
    assert cleaned(subject) == expected


def test_the_representative_subject_carries_most_of_what_they_share():
    subjects = ["搅拌站噪音扰民", "丽发新城小区旁边新建的搅拌站噪音扰民", "丽发新城搅拌站扰民",
                "丽发新城搅拌站噪音扰民"]  # fmt: skip
    assert representative(subjects, "丽发新城") == 3  # as much as 1, and shorter


def test_the_representative_subject_names_the_place_when_a_third_do():
    subjects = ["附近搅拌站噪音扰民", "丽发新城搅拌站扰民", "搅拌站噪音扰民"]
    assert representative(subjects, "丽发新城") == 1
    assert representative(subjects, "汇金路") == 2  # named by none: the one that says most
