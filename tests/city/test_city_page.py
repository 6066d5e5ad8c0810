"""区县对比 (views/city.py) on the two-district lake: the league table and a district's
places, read by DuckDB, and by Spark in local mode (-m spark)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from effmon import config, labels
from effmon.city.export import export_district
from effmon.store.connect import open_store
from effmon.ui import city_cached
from tests.city.districts import FIRST, SECOND
from tests.conftest import REPO
from tests.logins import log_in

PAGE = "views/city.py"


def _city_page(role: str = "分析员") -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    log_in(at, role)
    at.run()
    at.switch_page(PAGE)
    at.run()
    return at


def _league_names(at: AppTest) -> list[str]:
    return at.dataframe[0].value[labels.CITY["columns"]["name"]].tolist()


def test_the_districts_are_ranked_on_good_share_with_intervals(store, two_districts, monkeypatch):
    monkeypatch.setenv("EFFMON_LAKE", str(two_districts))
    at = _city_page()
    assert not at.exception
    assert labels.PAGES["city"] in [t.value for t in at.title]
    assert "各区县好评率排名（2026年10月）" in [s.value for s in at.subheader]
    assert "2 个区县，DuckDB 引擎" in at.caption[0].value
    assert sorted(_league_names(at)) == sorted([FIRST[1], SECOND[1]])
    intervals = at.dataframe[0].value[labels.CITY["columns"]["interval"]]
    assert all(" — " in text and text.count("%") == 2 for text in intervals)
    places = at.dataframe[1].value  # 2025-11 to 2026-10: the second begins a month later
    ranked = places[labels.CITY["columns"]["districts"]].tolist()
    assert len(places) == 12 and ranked == [1] + [2] * 11


def test_another_measure_and_district(store, two_districts, monkeypatch):
    monkeypatch.setenv("EFFMON_LAKE", str(two_districts))
    at = _city_page()
    at.selectbox(key="city_measure").set_value("complaints")
    at.selectbox(key="city_district").set_value(SECOND[0])
    at.run()
    assert not at.exception
    assert "投诉诉求量(件)" in at.dataframe[0].value.columns
    assert any(SECOND[1] in s.value for s in at.subheader)


def test_without_a_lake_the_page_says_how_to_make_one(store, tmp_path, monkeypatch):
    monkeypatch.setenv("EFFMON_LAKE", str(tmp_path / "no lake"))
    at = _city_page()
    assert not at.exception
    assert "effmon lake export" in at.info[0].value


def test_an_inspector_may_not_compare_districts(store, two_districts, monkeypatch):
    monkeypatch.setenv("EFFMON_LAKE", str(two_districts))
    at = _city_page("巡查员")
    assert labels.LOGIN["forbidden"] in [e.value for e in at.error]


@pytest.mark.spark
def test_spark_serves_the_page_in_local_mode(store, two_districts, monkeypatch):
    pytest.importorskip("pyspark", reason="pyspark is the city's extra: ./run.sh city")
    monkeypatch.setenv("EFFMON_LAKE", str(two_districts))
    monkeypatch.setenv("EFFMON_ENGINE", "spark")
    try:
        at = _city_page()
        assert not at.exception
        assert "Apache Spark 引擎" in at.caption[0].value
        assert sorted(_league_names(at)) == sorted([FIRST[1], SECOND[1]])
    finally:  # one Spark session a process: the next test may want Spark Connect's
        city_cached.current_city().engine.spark.stop()
        city_cached.city.clear()


def test_a_district_s_app_has_no_city_page(store, tmp_path, monkeypatch):
    monkeypatch.delenv("EFFMON_LAKE", raising=False)
    no_lake = config.Setting("lake", str(tmp_path / "data" / "lake"), "")  # the default's
    monkeypatch.setitem(config.SETTINGS, "lake", no_lake)
    at = _city_page()
    assert labels.LOGIN["forbidden"] in [e.value for e in at.error]


def test_the_lake_is_opened_again_when_a_district_exports_again(
    two_districts, second_db, tmp_path, monkeypatch
):
    lake = shutil.copytree(two_districts, tmp_path / "lake")
    monkeypatch.setenv("EFFMON_LAKE", str(lake))
    first = city_cached.current_city()
    assert city_cached.current_city() is first
    con = open_store(second_db)
    export_district(con, str(lake), *SECOND)
    con.close()
    again = city_cached.current_city()
    assert again is not first
    assert all(Path(url).exists() for url in again.lake.urls("cases"))
