"""Every planted event of a two-year demo store raises its alert, attributed to the planted
dimension values (what bench/rootcause.py reports, at the bench's size)."""

from datetime import date

import pytest

from effmon.demo.build import build_demo, planted_alerts, planted_events
from effmon.forecast.explain import explain
from effmon.forecast.scan import scan
from effmon.store.connect import open_store


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    con = open_store(tmp_path_factory.mktemp("planted") / "demo.duckdb")
    build_demo(con, months=24, end=date(2026, 10, 31))
    yield con
    con.close()


@pytest.mark.slow
def test_every_planted_event_is_detected_and_attributed(two_years):
    wanted = planted_alerts(planted_events(two_years))
    assert {w.event for w in wanted} == {
        "complaint_surge",
        "extended_spike",
        "satisfaction_drop",
        "system_launch",
        "repeated_failure",
    }
    for want in wanted:
        alert = want.find(scan(two_years, want.scan_month))
        assert alert is not None, want
        causes = explain(two_years, alert)
        named = {value for _, value in causes[0].where} if causes else set()
        assert set(want.cause) <= named, (want, causes[:2])
