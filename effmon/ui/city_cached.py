"""Cached access to a city's lake for the city pages: the lake and its engine opened once
per process (a Spark session is costly to start), league tables and places cached by plain
arguments."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from effmon import config
from effmon.city import league
from effmon.city.engines import City, open_city
from effmon.city.lake import export_ids, lake_roots
from effmon.store.filters import Filters


def lake_configured() -> bool:
    """Whether this app is a city's: its lake is set (EFFMON_LAKE) or the default one
    exists. A district's app shows no city page."""
    return "lake" in config.changed() or Path(config.get("lake")).exists()


@st.cache_resource(show_spinner=False, max_entries=2)
def city(lake: str, engine: str, remote: str, exports: tuple[str, ...]) -> City:
    """The lake of setting ``lake`` read by ``engine``: opened again when a setting changes
    or a district exports again (``exports``, its export ids). Raises LakeError for a lake
    that is not usable."""
    return open_city(lake_roots(lake), engine, remote)


def current_city() -> City:
    """The city's lake of the current settings, as the districts last exported it."""
    lake = config.get("lake")
    exports = export_ids(lake_roots(lake))
    return city(lake, config.get("engine"), config.get("spark_remote"), exports)


@st.cache_data(show_spinner=False, ttl=600)
def district_league(
    _city: City, lake: str, filters: Filters, start: str, end: str, key: str
) -> tuple[pd.DataFrame, float]:
    """The league table of measure ``key`` (effmon.city.league.district_league); ``lake``
    (the districts' export ids) keys the cache."""
    return league.district_league(_city.engine, filters, start, end, key)


@st.cache_data(show_spinner=False, ttl=600)
def district_positions(
    _city: City, lake: str, filters: Filters, start: str, end: str, key: str, district: str
) -> pd.DataFrame:
    """A district's place month by month (effmon.city.league.district_positions)."""
    return league.district_positions(_city.engine, filters, start, end, key, district)
