"""The city's comparisons as a person reads them: districts by name, values by the catalog's
display rule (effmon.semantic.display), intervals and judgements in words."""

from __future__ import annotations

import math

import pandas as pd

from effmon import labels
from effmon.semantic import catalog, display


def league_display(table: pd.DataFrame, key: str, names: dict[str, str]) -> pd.DataFrame:
    """A league table (effmon.city.league.compute_league) for the page and its export:
    名次, 区县, the measure under its header, its 95% interval and the judgement."""
    words = labels.CITY["columns"]
    return pd.DataFrame(
        {
            words["place"]: table["place"].to_numpy(),
            words["name"]: [names.get(code, code) for code in table["district"]],
            display.header(key): display.table_values(key, table["value"]).to_numpy(),
            words["interval"]: [
                _interval_text(key, low, high)
                for low, high in zip(table["low"], table["high"], strict=True)
            ],
            words["versus_city"]: [labels.CITY["versus"][v] for v in table["versus_city"]],
        }
    )


def positions_display(places: pd.DataFrame, key: str) -> pd.DataFrame:
    """A district's places by month (effmon.city.league.compute_positions) for a table."""
    words = labels.CITY["columns"]
    return pd.DataFrame(
        {
            words["month"]: places["month"].to_numpy(),
            words["place"]: places["place"].to_numpy(),
            words["districts"]: places["districts"].to_numpy(),
            display.header(key): display.table_values(key, places["value"]).to_numpy(),
            words["city_value"]: display.table_values(key, places["city_value"]).to_numpy(),
        }
    )


def league_chart_frame(
    table: pd.DataFrame, key: str, names: dict[str, str], city: float
) -> pd.DataFrame:
    """The league table as the league chart draws it (charts.build_league_figure): names,
    values as the table shows them (a share in %), interval ends (the value itself where
    there is none) and the city's value (NaN for a count)."""
    shown = {
        column: display.table_values(key, table[column].fillna(table["value"])).astype(float)
        for column in ("value", "low", "high")
    }
    # a count's city value is the sum of the districts': off their scale, so not drawn
    counted = catalog.measure(key).kind == "count"
    city_shown = (
        float("nan")
        if counted
        else display.table_values(key, pd.Series([city])).astype(float).iloc[0]
    )
    return pd.DataFrame(
        {
            "name": [names.get(code, code) for code in table["district"]],
            **{column: values.to_numpy() for column, values in shown.items()},
            "city": city_shown,
        }
    )


def _interval_text(key: str, low: float, high: float) -> str:
    if low is None or high is None or math.isnan(low) or math.isnan(high):
        return labels.CITY["versus"][""]
    return f"{display.value_text(key, low)} — {display.value_text(key, high)}"
