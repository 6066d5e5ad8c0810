"""Data shown on a page is not read as Markdown (effmon.ui.plain)."""

import re

import pytest

from effmon.ui.plain import plain


@pytest.mark.parametrize(
    "name",
    ["![t](http://host/x.png)", "[点此](http://host/)", ":red[红色]", "$x^2$", "<img src=x>",
     "# 标题", "**税务局**", "1. 第一", "a|b", "税务局\\"],
)  # fmt: skip
def test_every_markdown_character_is_escaped_and_nothing_else_changes(name):
    escaped = plain(name)
    assert re.sub(r"\\(.)", r"\1", escaped) == name  # unescaping gives the name back
    assert not re.search(r"(?<!\\)[\[\]()!:$<>#*|]", escaped.replace("\\\\", ""))


def test_chinese_text_reads_as_it_is():
    assert plain("高新区政务服务中心（主中心）税务局") == "高新区政务服务中心（主中心）税务局"
