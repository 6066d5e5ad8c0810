"""Place names found in complaint texts."""

import pytest

from effmon.text.places import is_wide, places, same_place


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("位于A市A2区暮云街道丽发新城是2014年首次交房", ["暮云街道", "丽发新城"]),
        ("反映A市金毛湾配套入学的问题", ["金毛湾"]),
        ("关于A6区月亮岛路沿线架设110kv高压线杆的投诉", ["月亮岛路"]),
        ("A4区绿地海外滩小区距长赣高铁最近只有30米不到", ["绿地海外滩小区"]),
        # a service site is named by its street and its branch; a road's alias is not kept
        ("今天上午到福田街道综合便民服务中心", ["福田街道综合便民服务中心"]),
        ("到中和街道综合便民服务中心办社保卡", ["中和街道综合便民服务中心"]),
        (
            "石羊街道的东园小区，石羊街道综合便民服务中心",
            ["石羊街道", "东园小区", "石羊街道综合便民服务中心"],
        ),
        ("高新区政务服务中心（东区分中心）停车难", ["高新区政务服务中心（东区分中心）"]),
        ("祥和社区便民服务室没人", ["祥和社区便民服务室"]),
        # ... and by all the names right before it
        ("三岔兴隆花园社区便民服务室没人", ["三岔兴隆花园社区便民服务室"]),
        ("芳草街东苑社区便民服务室自助机坏了", ["芳草街东苑社区便民服务室"]),
        ("芳草街街道综合便民服务中心停车难", ["芳草街街道综合便民服务中心"]),
        ("月亮岛街道社区卫生服务中心", ["月亮岛街道社区卫生服务中心"]),
        ("穿城而过的京港澳高速（长楚高速）", ["京港澳高速", "长楚高速"]),
        # 和 ends a name as a conjunction only; a bare suffix is no name
        ("和平路与东方小区之间", ["和平路", "东方小区"]),
        ("小区和学校之间的汇金路", ["汇金路"]),
        ("东七路与麓松路交叉口", ["东七路", "麓松路"]),
        ("漓楚路和东七路交汇处", ["漓楚路", "东七路"]),
        ("我住在兴和社区", ["兴和社区"]),
        ("税务局以及家属小区都没有", ["家属小区"]),
        ("根据中华人民共和国村民委员会组织法", []),
        ("A市新城片区规划", []),
        # a word segmentation glued to a break (在丽发, 进武广) does not cut the name
        ("在丽发新城小区侧面建搅拌站", ["丽发新城"]),
        ("还没住进武广新城片区", ["武广新城"]),
        ("希望市委市政府关注西湖公园的卫生", ["西湖公园"]),
        ("我家孩子在实验小学读书，学校食堂不卫生", ["实验小学"]),
        ("东山村的道路坑坑洼洼", ["东山村"]),
        # a verb before a name is no part of it; a verb on a suffix makes no place
        ("强制购买伊景园滨河苑的车位", ["伊景园滨河苑"]),
        ("58车贷老板跑路美国", []),
        ("学生必须去学校", []),
        ("造成本小区停电", []),
        ("解放西路与蔡锷路交汇处", ["解放西路", "蔡锷路"]),
        ("黑石铺街道办事处", ["黑石铺街道"]),
        ("到天府街道综合便民服务中心", ["天府街道综合便民服务中心"]),
        ("道路太窄，走路不方便", []),
        # a common word the dictionary takes for a place name, or a school of the city's
        ("关于开展城镇小区配套幼儿园治理工作的通知", []),
        ("下区中学退休教师待遇与市属中学相同", []),
        # a school named only by how it is run is a kind of school; a preposition no name
        ("根据普惠性民办幼儿园和营利性幼儿园的规定", []),
        ("恒大幼儿园转成普惠制幼儿园", ["恒大幼儿园"]),
        ("", []),
    ],
)
def test_places(text, expected):
    assert places(text) == expected


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("丽发新城", "丽发新城", True),
        ("丽发新城", "丽发新城小区", True),  # the kind added
        ("伊景园滨河苑", "房伊景园滨河苑", True),  # a word before it taken in
        ("汇金路", "汇金路五矿万境小区", False),
        ("街道综合便民服务中心", "石羊街道综合便民服务中心", False),  # a site is named whole
        ("新村社区便民服务室", "天府南桥新村社区便民服务室", False),
        ("高新区政务服务中心", "高新区政务服务中心（东区分中心）", False),
        ("政务服务中心（东区分中心）", "高新区政务服务中心（东区分中心）", False),
        ("东园小区", "西园小区", False),
    ],
)
def test_same_place(name, other, same):
    assert same_place(name, other) is same
    assert same_place(other, name) is same


@pytest.mark.parametrize(
    ("name", "wide"),
    [
        ("汇金路", True),  # a road: many problems meet on it
        ("石羊街道", True),
        ("星沙204路", False),  # a bus route: one line
        ("丽发新城", False),
    ],
)
def test_wide_places(name, wide):
    assert is_wide(name) is wide
