"""A dashboard page's own view as a PDF: the tables and charts the page showed, in order.

Plotly figures are redrawn as reportlab vector charts (no browser): a trace over categories
(months, names) becomes a line chart, horizontal bars a bar chart, a heatmap a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
import plotly.graph_objects as go
from reportlab.platypus import Flowable

from effmon import labels
from effmon.reports import blocks
from effmon.reports.document import Cover, Section, render

MAX_ROWS = 300  # a longer table is cut, with a note saying so
MAX_CHARTS = 4  # line charts drawn from one figure


@dataclass(frozen=True)
class Part:
    """One thing the page showed: a table, a figure or a line of text, with its caption."""

    caption: str
    item: pd.DataFrame | go.Figure | str


def make_view_report(
    title: str, scope: str, generated_by: str, now: datetime, parts: Sequence[Part]
) -> bytes:
    """The page ``title`` as it was shown for ``scope`` (month and filters in words)."""
    cover = Cover(title, scope, generated_by, now, subtitle=labels.REPORT_VIEW["subtitle"])
    body: list[Flowable] = []
    for number, part in enumerate(parts, start=1):
        caption = part.caption or labels.REPORT_VIEW["part"].format(n=number)
        if isinstance(part.item, str):
            body.append(blocks.text(part.item))
        elif isinstance(part.item, pd.DataFrame):
            body += [blocks.text(caption, "plain"), *_table(part.item)]
        else:
            body += figure_blocks(part.item, caption)
    if not body:
        body.append(blocks.empty_note(labels.REPORT_TEXT["empty"]))
    return render(cover, [Section(title, body)], contents=False)


def _table(frame: pd.DataFrame) -> list[Flowable]:
    shown = frame.head(MAX_ROWS).reset_index(drop=True)
    headers = {column: str(column) for column in shown.columns}
    parts: list[Flowable] = [blocks.table(shown.astype(object), headers)]
    if len(frame) > MAX_ROWS:
        note = labels.REPORT_VIEW["cut"].format(shown=MAX_ROWS, total=len(frame))
        parts.append(blocks.empty_note(note))
    return parts


def figure_blocks(figure: go.Figure, caption: str) -> list[Flowable]:
    """Vector charts (or a table, for a heatmap) with the data of a plotly figure."""
    found: list[Flowable] = []
    lines = []
    for trace in figure.data:
        if trace.type == "heatmap":
            frame = pd.DataFrame(trace.z, index=list(trace.y), columns=[str(x) for x in trace.x])
            found += _table(frame.reset_index(names=""))
        elif trace.type == "bar" and trace.orientation == "h":
            found.append(
                blocks.bar_chart([str(n) for n in trace.y][::-1], list(trace.x)[::-1], caption)
            )
        elif trace.type in ("scatter", "bar") and trace.x is not None and trace.y is not None:
            lines.append(trace)
    for trace in lines[:MAX_CHARTS]:
        name = trace.name or caption
        found.append(
            blocks.line_chart(
                [str(x) for x in trace.x], {name: list(trace.y)}, f"{caption}：{name}"
            )
        )
    return found
