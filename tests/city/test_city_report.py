"""区县对比月报 (effmon.reports.city) from the two-district lake, and its command."""

from __future__ import annotations

import io
import re

import pypdf
import pytest

from effmon import cli
from effmon.city.engines import open_city
from effmon.reports.city import make_city_report
from tests.city.districts import FIRST, SECOND
from tests.reports.pdf import pages_text


@pytest.fixture(scope="module")
def city(two_districts):
    return open_city([str(two_districts)], "duckdb")


def test_the_report_ranks_the_districts_on_each_headline_measure(city):
    pdf = make_city_report(city, "2026-10", 3, "测试")
    assert pdf[:4] == b"%PDF"
    text = "".join(pages_text(pdf))
    assert "区县对比月报" in text and "2026年8月—2026年10月" in text
    for name in ("办件量", "好评率", "投诉诉求量", "按时办结率"):
        assert name in text
    assert FIRST[1] in text and SECOND[1] in text
    assert "全市好评率为" in text and "95%区间" in text
    # the table's counts read as the text's, with thousands separators: 1,195 not 1195
    cells = pypdf.PdfReader(io.BytesIO(pdf)).pages[2].extract_text().split("\n")
    first_row = cells.index("办件量(件)") + 3  # 名次, 区县, 办件量, 95% 区间, 与全市相比; 1, name
    assert re.fullmatch(r"\d{1,3}(,\d{3})+", cells[first_row + 2]), cells[first_row : first_row + 3]


def test_the_command_writes_the_report(two_districts, tmp_path, capsys):
    out = tmp_path / "city.pdf"
    argv = ["lake", "report", "--period", "2026-10", "--lake", str(two_districts)]
    assert cli.main([*argv, "--out", str(out)]) == 0
    assert out.read_bytes()[:4] == b"%PDF"
    assert "已生成区县对比月报（2026-10，2 个区县）" in capsys.readouterr().out
