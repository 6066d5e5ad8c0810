"""区县对比月报: the city's districts on each headline measure of the catalog, for a month
(or the months up to it), from the city's lake: the league table with 95% intervals, a
chart of the values, and which districts stand above or below the city as a whole.

Every figure comes from effmon.city.league with the same arguments as 区县对比 uses, so the
report and the page agree.
"""

from __future__ import annotations

from datetime import datetime

from effmon import labels
from effmon.analytics.overview import month_window, months_name
from effmon.city.display import league_display
from effmon.city.engines import City
from effmon.city.league import district_league
from effmon.reports import blocks
from effmon.reports.document import Cover, Section, render
from effmon.semantic import catalog, display
from effmon.store.filters import Filters

TEXT = labels.CITY_REPORT


def make_city_report(city: City, month: str, months: int = 1, generated_by: str = "") -> bytes:
    """区县对比月报 of the ``months`` months ending with ``month`` ('YYYY-MM') as PDF bytes."""
    start, end = month_window(month, months)
    names = city.lake.names()
    span = months_name(start, end)
    cover = Cover(
        title=TEXT["title"],
        period=span,
        generated_by=generated_by,
        generated_at=datetime.now(),
        subtitle=TEXT["subtitle"].format(
            count=len(names), engine=labels.CITY["engines"][city.engine.name]
        ),
    )
    sections = [Section(TEXT["about"], [blocks.text(TEXT["about_text"])])]
    for key in catalog.headline():
        if catalog.measure(key).computed:
            continue
        sections.append(_measure_section(city, names, start, end, key))
    return render(cover, sections)


def _measure_section(city: City, names: dict[str, str], start: str, end: str, key: str) -> Section:
    measure = catalog.measure(key)
    table, city_value = district_league(city.engine, Filters(), start, end, key)
    if table.empty:
        return Section(measure.name, [blocks.empty_note(TEXT["no_data"])])
    shown = league_display(table, key, names)
    # numbers as the catalog writes them in text: 12,151 (a table on screen formats its own)
    shown[display.header(key)] = [display.number_text(key, v) for v in table["value"]]
    above = [names.get(d, d) for d in table.loc[table["versus_city"] == "above", "district"]]
    below = [names.get(d, d) for d in table.loc[table["versus_city"] == "below", "district"]]
    best = names.get(table["district"].iloc[0], table["district"].iloc[0])
    summary = TEXT["summary"].format(
        measure=measure.name,
        city=display.value_text(key, city_value),
        best=best,
        value=display.value_text(key, table["value"].iloc[0]),
    )
    if above or below:
        summary += TEXT["apart"].format(
            above="、".join(above) or TEXT["none"], below="、".join(below) or TEXT["none"]
        )
    chart = blocks.bar_chart(
        shown[labels.CITY["columns"]["name"]].tolist(),
        display.table_values(key, table["value"]).astype(float).tolist(),
        display.header(key),
    )
    body = [
        blocks.text(f"{measure.definition}"),
        blocks.text(summary),
        blocks.table(shown, {column: column for column in shown.columns}),
        chart,
    ]
    return Section(measure.name, body)
