"""Place names found in complaint texts."""

import pytest

from effmon.text.places import places


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("位于A市A2区暮云街道丽发新城是2014年首次交房", ["暮云街道", "丽发新城"]),
        ("反映A市金毛湾配套入学的问题", ["金毛湾"]),
        ("关于A6区月亮岛路沿线架设110kv高压线杆的投诉", ["月亮岛路"]),
        ("A4区绿地海外滩小区距长赣高铁最近只有30米不到", ["绿地海外滩小区"]),
        ("今天上午到福田街道综合便民服务中心", ["福田街道", "综合便民服务中心"]),
        ("希望市委市政府关注西湖公园的卫生", ["西湖公园"]),
        ("我家孩子在实验小学读书，学校食堂不卫生", ["实验小学"]),
        ("东山村的道路坑坑洼洼", ["东山村"]),
        ("道路太窄，走路不方便", []),
        ("", []),
    ],
)
def test_places(text, expected):
    assert places(text) == expected
