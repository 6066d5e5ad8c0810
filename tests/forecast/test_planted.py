"""Every planted event of a two-year demo store is a finding of its month, attributed to the
planted dimension values (what bench/rootcause.py reports, at the bench's size)."""

from datetime import date

import pytest

from effmon.analytics.findings import main_cause
from effmon.demo.build import build_demo, planted_alerts, planted_events
from effmon.forecast.scan import month_findings
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
        finding = want.find(month_findings(two_years, want.scan_month))
        assert finding is not None, want
        assert set(want.cause) <= main_cause(finding["evidence"]), (want, finding["evidence"])
