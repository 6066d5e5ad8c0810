"""The report engine: cover, contents, headers and footers, embedded font, split tables."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pandas as pd
import pytest

from effmon.errors import EffmonError
from effmon.reports import blocks, fonts
from effmon.reports.document import Cover, Section, render
from tests.reports.pdf import fonts as pdf_fonts
from tests.reports.pdf import pages_text

COVER = Cover("政务服务月报", "2026年10月", "分析员甲", datetime(2026, 11, 2, 9, 30))


def _long_table(rows: int) -> Section:
    frame = pd.DataFrame({"unit": [f"单位{i:03d}" for i in range(rows)], "cases": range(rows)})
    return Section("二、明细", [blocks.table(frame, {"unit": "单位名称", "cases": "办件量"})])


def test_every_page_has_header_mark_stamp_and_page_of_pages():
    pdf = render(
        COVER, [Section("一、概况", [blocks.text("本月全区办件平稳。")]), _long_table(150)]
    )
    pages = pages_text(pdf)
    assert pdf.startswith(b"%PDF")
    assert len(pages) >= 4  # cover, contents, at least two pages of table
    for number, text in enumerate(pages, start=1):
        assert "内部资料注意保密" in text
        assert "由分析员甲于2026-11-0209:30生成" in text
        assert f"第{number}页共{len(pages)}页" in text


def test_cover_and_contents_name_the_sections_with_their_pages():
    pdf = render(COVER, [Section("一、概况", [blocks.text("正文")]), _long_table(150)])
    cover, contents = pages_text(pdf)[:2]
    assert "政务服务月报" in cover and "2026年10月" in cover
    assert "目录" in contents
    assert "一、概况" in contents and "二、明细" in contents


def test_the_font_is_embedded_and_no_other_font_is_used():
    pdf = render(COVER, [Section("一、概况", [blocks.text("政务服务")]), _long_table(5)])
    used = pdf_fonts(pdf)
    assert used, "no font found"
    assert all(used.values()), used
    assert all("WenQuanYi" in name or "Hei" in name or "Song" in name for name in used)


def test_a_long_table_splits_across_pages_with_its_header_repeated():
    pdf = render(COVER, [_long_table(150)], contents=False)
    body = pages_text(pdf)[1:]
    assert len(body) >= 3
    assert all("单位名称办件量" in page for page in body)
    assert "单位000" in body[0] and "单位149" in body[-1]


def test_a_chart_with_negative_and_missing_values_draws():
    chart = blocks.line_chart(["1月", "2月", "3月"], {"变化": [-3.0, 2.5, float("nan")]}, "图 1")
    assert "图1" in pages_text(render(COVER, [Section("一、变化", [chart])], contents=False))[1]


def test_charts_draw_with_the_embedded_font():
    chart = blocks.line_chart(["2026-09", "2026-10"], {"办件量": [10, 12]}, "图 1　趋势")
    bars = blocks.bar_chart(["甲街道", "乙街道"], [5, 3], "图 2　街道")
    pdf = render(COVER, [Section("一、图表", [chart, bars])], contents=False)
    assert "图1趋势" in pages_text(pdf)[1] and "甲街道" in pages_text(pdf)[1]
    assert all(pdf_fonts(pdf).values())


@pytest.fixture
def fresh_font():
    fonts.cjk_font.cache_clear()
    yield
    fonts.cjk_font.cache_clear()


def test_a_configured_font_that_does_not_exist_is_named(fresh_font, monkeypatch, tmp_path):
    monkeypatch.setenv("EFFMON_REPORT_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(EffmonError, match=r"missing\.ttf.*不存在"):
        fonts.cjk_font()


def test_a_file_that_is_no_truetype_font_is_refused(fresh_font, monkeypatch, tmp_path):
    fake = tmp_path / "fake.ttf"
    fake.write_bytes(b"not a font at all")
    monkeypatch.setenv("EFFMON_REPORT_FONT", str(fake))
    with pytest.raises(EffmonError, match="无法嵌入"):
        fonts.cjk_font()


def test_no_installed_font_says_how_to_install_one(fresh_font, monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "FONT_DIRS", (tmp_path,))
    with pytest.raises(EffmonError, match="fonts-wqy-microhei"):
        fonts.cjk_font()


MARKUP = (
    '<a href="http://127.0.0.1:9/">单位</a><img src="/usr/share/pixmaps/debian-logo.png"/>'
    '<img src="http://127.0.0.1:9/x.png"/>'
)


def test_names_with_markup_are_printed_as_text_not_links_or_images():
    """A site or a user named with reportlab markup (a link, a local or remote image) reads
    as its characters on the cover, in a section title and in the masthead."""
    from effmon.reports.masthead import masthead

    cover = Cover(MARKUP, MARKUP, MARKUP, datetime(2026, 11, 2, 9, 30), subtitle=MARKUP)
    front = masthead(MARKUP, MARKUP, MARKUP, datetime(2026, 11, 2).date())
    for pdf in (
        render(cover, [Section(MARKUP, [blocks.text(MARKUP)])]),
        render(cover, [Section(MARKUP, [])], cover_page=False, contents=False, front=front),
    ):
        assert b"/URI" not in pdf and b"/Subtype /Image" not in pdf
        assert '<ahref="http://127.0.0.1:9/">单位</a>' in "".join(pages_text(pdf))


def _line_texts(paragraph) -> list[str]:
    """The lines a wrapped paragraph is set in."""
    para = paragraph.blPara
    if para.kind == 0:
        return ["".join(words) for _, words in para.lines]
    return ["".join(word.text for word in line.words) for line in para.lines]


@pytest.mark.parametrize("markup", ["", "<br/>"])  # one fragment, or several
def test_no_line_starts_with_closing_punctuation_even_after_a_closing_bracket(markup):
    """reportlab hangs one closing mark in the margin; 「）。」 at the end of a line used to
    leave 「。」 to start the next one."""
    from reportlab.platypus import Paragraph

    from effmon.reports.styles import style

    starts = []
    for n in range(20, 80):
        text = f"开头{markup}" + "字" * n + "（恶化，严重）。建议相关单位核实原因。"
        paragraph = Paragraph(text, style("bullet"), bulletText="•")
        paragraph.wrap(blocks.WIDTH, 1000)
        lines = _line_texts(paragraph)
        assert "".join(lines) == text.replace(markup, "")  # nothing lost or doubled
        starts += [line for line in lines[1:] if line[:1] in "。，；）、"]
    assert not starts


@pytest.mark.parametrize("markup", ["", "<br/>"])  # one fragment, or several
def test_no_line_ends_with_an_opening_mark(markup):
    """「网办率（」 at a line's end and 「比深圳低 36.9 个百分点）」 on the next read broken: the
    opening mark goes down with what it opens."""
    from reportlab.platypus import Paragraph

    from effmon.reports.styles import style

    ends = []
    for n in range(20, 80):
        text = f"开头{markup}" + "字" * n + "网办率（比深圳低三十六个百分点）和「好评率」落后。"
        paragraph = Paragraph(text, style("bullet"), bulletText="•")
        paragraph.wrap(blocks.WIDTH, 1000)
        lines = _line_texts(paragraph)
        assert "".join(lines) == text.replace(markup, "")  # nothing lost or doubled
        ends += [line for line in lines[:-1] if line[-1:] in "（「"]
    assert not ends


@pytest.mark.parametrize("markup", ["", "<br/>"])  # one fragment, or several
def test_a_number_stays_on_the_line_of_its_measure_word(markup):
    """「逾期未整改 8」 at a line's end and 「项」 on the next: the number goes down."""
    from reportlab.platypus import Paragraph

    from effmon.reports.styles import style

    split = []
    for n in range(20, 80):
        text = f"开头{markup}" + "字" * n + "逾期未整改 8 项、1,234 件，自2026年5月起连续 6 个月。"
        paragraph = Paragraph(text, style("body"))
        paragraph.wrap(blocks.WIDTH, 1000)
        lines = _line_texts(paragraph)
        shown = "".join(lines).replace(" ", "")  # a space at a line's end is not set
        assert shown == text.replace(markup, "").replace(" ", "")  # nothing lost or doubled
        split += [a + "|" + b for a, b in pairwise(lines) if a.rstrip()[-1:].isdigit()]
    assert not split


def test_numbers_and_short_names_never_wrap_while_a_long_text_takes_the_rest():
    frame = pd.DataFrame(
        {
            "text": ["办事指南与实际要求不符，群众多次往返仍未办成，" * 4],
            "n": [12345],
            "wait": [13.2],
        }
    )
    grid = blocks.table(frame, {"text": "问题", "n": "件数", "wait": "平均等候时长(分钟)"})
    head, row = grid._cellvalues
    for cell, width in zip(row[1:], grid._colWidths[1:], strict=True):
        cell.wrap(width - blocks.CELL_PADDING, 1000)
        assert len(cell.blPara.lines) == 1, cell.text  # 12,345 and 13.2 on one line each
    assert head[2].text == "平均等候时长<br/>(分钟)"  # the unit below, not 「(分」「钟)」
    assert grid._colWidths[0] > sum(grid._colWidths[1:])
