"""Building blocks of report sections: paragraphs, tables that split across pages with their
header repeated, and vector charts drawn by reportlab (no browser involved)."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

import pandas as pd
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, TableStyle

from effmon import labels
from effmon.reports.styles import ACCENT, RED, style
from effmon.semantic import display

WIDTH = A4[0] - 40 * mm  # the text frame's width (see document.MARGIN)
CELL_PADDING = 12  # a cell's left and right padding, in points (reportlab's default is 6 each)
PALETTE = [ACCENT, colors.HexColor("#c55a11"), colors.HexColor("#548235"), colors.grey]
# How a column's values read: a catalog measure's key (its display rule, the unit in the
# header: effmon.semantic.display.header) or a function.
Format = str | Callable[[object], str]


def text(content: str, kind: str = "body") -> Paragraph:
    """One paragraph of plain text (markup characters are escaped)."""
    return Paragraph(escape(content), style(kind))


def introduced(intro: str, grid: Flowable, kind: str = "body") -> Flowable:
    """A paragraph and the table it introduces, on one page where they fit together (the
    sentence is never left at a page's foot with its table overleaf)."""
    return KeepTogether([text(intro, kind), grid])


def bullets(items: Sequence[str]) -> list[Flowable]:
    """A bulleted list."""
    return [Paragraph(escape(item), style("bullet"), bulletText="•") for item in items]


def table(
    frame: pd.DataFrame,
    headers: dict[str, str],
    formats: dict[str, Format] | None = None,
    widths: Sequence[float] | None = None,
) -> LongTable:
    """``frame``'s columns named in ``headers`` (in that order, shown by their header) as a
    grid whose header row repeats on every page the table runs onto. ``widths`` are shares of
    the text width (equal by default); ``formats`` turn a column's values into text."""
    formats = formats or {}
    columns = list(headers)
    cells = [
        [_cell(row[c], formats.get(c)) for c in columns]
        for row in frame[columns].to_dict("records")
    ]
    shares = widths or _shares([headers[c] for c in columns], cells)
    head = [
        Paragraph(_header(headers[c], WIDTH * share), style("head_cell"))
        for c, share in zip(columns, shares, strict=True)
    ]
    rows = [[Paragraph(escape(value), style("cell")) for value in row] for row in cells]
    grid = LongTable(
        [head, *rows],
        colWidths=[WIDTH * s for s in shares],
        repeatRows=1,
        spaceBefore=2,
        spaceAfter=8,  # the next paragraph does not touch the table
    )
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), style("cell").fontName),
                ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
                ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#8c8c8c")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f2f5f9")]),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return grid


def _shares(headers: list[str], cells: list[list[str]]) -> list[float]:
    """Column widths as shares of the text width, by what each column holds: its longest
    value or the longer part of its header (a header may set its unit on a second line).
    When all fit they share the spare room; when not, the columns that fit in an equal share
    get what they need and the long ones share the rest, so that a number or a short name
    never wraps while a long text does."""
    needs = [
        max([_points(part, "head_cell") for part in _header_parts(h)]
            + [_points(row[i], "cell") for row in cells])
        for i, h in enumerate(headers)
    ]  # fmt: skip
    if sum(needs) <= WIDTH:
        return [n / sum(needs) for n in needs]
    fitted: dict[int, float] = {}
    while True:
        left = [i for i in range(len(needs)) if i not in fitted]
        equal = (WIDTH - sum(fitted.values())) / len(left)
        small = {i: needs[i] for i in left if needs[i] <= equal}
        if not small:
            break
        fitted |= small
    return [fitted.get(i, equal) / WIDTH for i in range(len(needs))]


def _header(header: str, width: float) -> str:
    """A header as markup: its unit on a line of its own when the header does not fit."""
    if _points(header, "head_cell") <= width:
        return escape(header)
    return "<br/>".join(escape(part) for part in _header_parts(header))


def _header_parts(header: str) -> list[str]:
    """「平均等候时长(分钟)」 → 「平均等候时长」, 「(分钟)」."""
    name, bracket, unit = header.partition("(")
    return [name, bracket + unit] if bracket and name else [header]


def _points(text: str, kind: str) -> float:
    """The width a cell needs to set ``text`` on one line in the paragraph style ``kind``."""
    font = style(kind)
    return stringWidth(text, font.fontName, font.fontSize) + CELL_PADDING + 2


def _cell(value: object, form: Format | None) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return labels.MISSING
    if isinstance(form, str):
        return display.number_text(form, value)
    return form(value) if form else str(value)


def line_chart(
    x_labels: Sequence[str],
    series: dict[str, Sequence[float]],
    caption: str,
    mark: tuple[float, str] | None = None,
) -> Flowable:
    """Lines over ``x_labels`` (months), one per entry of ``series``, with a legend; ``mark``
    (position, label) draws a labelled vertical line at a position counted in categories
    from the axis' start (2.0: between the second and the third), such as an event's day."""
    # slanted labels hang below the axis by about their length: room for them (2026-02-02)
    slanted = len(x_labels) > 13
    below = 28 + (max(0, max(map(len, x_labels), default=0) - 5) * 3.2 if slanted else 0)
    drawing = Drawing(WIDTH, 62 * mm + below - 28, initialFontName=style("cell").fontName)
    chart = HorizontalLineChart()
    chart.x, chart.y, chart.width, chart.height = 32, below, WIDTH - 50, 50 * mm - 10
    chart.data = [[_number(v) for v in values] for values in series.values()]
    chart.categoryAxis.categoryNames = list(x_labels)
    _font_axes(chart, len(x_labels))
    known = [v for values in chart.data for v in values if v is not None]
    chart.valueAxis.valueMin = min(0, *known) if known else 0
    chart.valueAxis.valueMax = max(max(known, default=0) * 1.15, 1)  # a flat line stays inside
    for i, _ in enumerate(series):
        chart.lines[i].strokeColor = PALETTE[i % len(PALETTE)]
        chart.lines[i].strokeWidth = 1.6
    drawing.add(chart)
    if mark is not None:
        position, label = mark
        x = chart.x + chart.width * position / max(len(x_labels), 1)
        top = chart.y + chart.height
        drawing.add(
            Line(x, chart.y, x, top, strokeColor=RED, strokeWidth=1, strokeDashArray=[3, 2])
        )
        drawing.add(
            String(x + 3, top - 9, label, fontName=style("cell").fontName, fontSize=7.5,
                   fillColor=RED)
        )  # fmt: skip
    drawing.add(_legend(list(series), WIDTH - 10, drawing.height - 4))
    return _captioned(drawing, caption)


def bar_chart(names: Sequence[str], values: Sequence[float], caption: str) -> Flowable:
    """Horizontal bars, one per name, largest at the top."""
    height = max(35, 9 * len(names) + 18) * mm / 2.2
    drawing = Drawing(WIDTH, height, initialFontName=style("cell").fontName)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 120, 10, WIDTH - 140, height - 18
    chart.data = [[_number(v) for v in reversed(list(values))]]
    chart.categoryAxis.categoryNames = [str(n)[:14] for n in reversed(list(names))]
    _font_axes(chart, len(names))
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = ACCENT
    chart.barLabelFormat = _thousands
    chart.barLabels.fontName = style("cell").fontName
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return _captioned(drawing, caption)


def _thousands(value: float) -> str:
    """A chart's figure as the tables write it: 2,071, never 2071."""
    return f"{value:,.0f}"


def _font_axes(chart, categories: int) -> None:
    chart.valueAxis.labelTextFormat = _thousands
    font = style("cell").fontName
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = font
        axis.labels.fontSize = 7
    if isinstance(chart, HorizontalLineChart) and categories > 13:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"


def _legend(names: list[str], right: float, top: float) -> Legend:
    legend = Legend()
    legend.fontName = style("cell").fontName
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.x, legend.y = right - 90 * len(names), top
    legend.colorNamePairs = [(PALETTE[i % len(PALETTE)], n) for i, n in enumerate(names)]
    return legend


def _number(value: float) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _captioned(drawing: Drawing, caption: str) -> Flowable:
    return KeepTogether([drawing, Paragraph(escape(caption), style("caption"))])


def empty_note(message: str) -> Paragraph:
    """The line that stands where a table or chart has no data."""
    return text(message, "note")


class Figures:
    """Numbers the figures in order (图 1, 图 2, …)."""

    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count
