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
from effmon.store.filters import Filters


def lake_configured() -> bool:
    """Whether this app is a city's: its lake is set (EFFMON_LAKE) or the default one
    exists. A district's app shows no city page."""
    return "lake" in config.changed() or Path(config.get("lake")).exists()


@st.cache_resource(show_spinner=False)
def city(lake: str, engine: str, remote: str) -> City:
    """The lake of setting ``lake`` read by ``engine`` (the settings are the cache key, so a
    changed setting opens the lake again). Raises LakeError for a lake that is not usable."""
    return open_city(None, engine, remote)


def current_city() -> City:
    """The city's lake of the current settings."""
    return city(config.get("lake"), config.get("engine"), config.get("spark_remote"))


@st.cache_data(show_spinner=False, ttl=600)
def district_league(
    _city: City, lake: str, filters: Filters, start: str, end: str, key: str
) -> tuple[pd.DataFrame, float]:
    """The league table of measure ``key`` (effmon.city.league.district_league); ``lake``
    keys the cache."""
    return league.district_league(_city.engine, filters, start, end, key)


@st.cache_data(show_spinner=False, ttl=600)
def district_positions(
    _city: City, lake: str, filters: Filters, start: str, end: str, key: str, district: str
) -> pd.DataFrame:
    """A district's place month by month (effmon.city.league.district_positions)."""
    return league.district_positions(_city.engine, filters, start, end, key, district)
