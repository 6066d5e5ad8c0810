"""The demo store: deterministic, realistic in shape, and its planted events are in the data."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from effmon.demo.build import build_demo, planted_events
from effmon.errors import EffmonError
from effmon.store.connect import open_store
from effmon.store.writes import DATA_TABLES
from tests.conftest import DEMO_ARGS


@pytest.fixture(scope="module")
def demo(demo_db):
    connection = duckdb.connect(str(demo_db), read_only=True)
    yield connection
    connection.close()


def _fingerprint(connection) -> dict[str, tuple]:
    return {
        t: connection.execute(
            f"SELECT count(*), bit_xor(hash(t)) FROM (SELECT * EXCLUDE (loaded_at) FROM {t}) t"
        ).fetchall()[0]
        for t in DATA_TABLES
    }


def test_same_seed_gives_the_same_store(demo):
    again = open_store(":memory:")
    build_demo(again, **DEMO_ARGS)
    assert _fingerprint(again) == _fingerprint(demo)
    other = open_store(":memory:")
    build_demo(other, **{**DEMO_ARGS, "seed": DEMO_ARGS["seed"] + 1})
    assert _fingerprint(other)["cases"] != _fingerprint(demo)["cases"]


def test_sites_in_four_levels(demo):
    levels = dict(demo.execute("SELECT level, count(*) FROM sites GROUP BY 1").fetchall())
    assert levels == {
        "区级大厅": 3,
        "街道综合便民服务中心": 15,
        "社区便民服务室": 66,
        "智能自助政务服务点位": 44,
    }
    assert 30 <= demo.execute("SELECT count(*) FROM departments").fetchall()[0][0] <= 40


def test_cases_follow_the_working_calendar(demo):
    # National Day week 2026-10-01..07 is a holiday; Saturday 2026-10-10 is a make-up workday.
    per_day = dict(
        demo.execute(
            "SELECT received_at::DATE, count(*) FROM cases "
            "WHERE received_at::DATE BETWEEN DATE '2026-10-01' AND DATE '2026-10-11' GROUP BY 1"
        ).fetchall()
    )
    holiday = per_day.get(date(2026, 10, 3), 0)
    assert per_day[date(2026, 10, 10)] > 3 * max(holiday, 1)
    channels = dict(demo.execute("SELECT channel, count(*) FROM cases GROUP BY 1").fetchall())
    assert set(channels) == {"窗口", "网办", "自助终端", "延时服务"}


def test_evaluations_use_the_five_levels_and_bad_ones_are_followed_up(demo):
    levels = dict(demo.execute("SELECT level, count(*) FROM evaluations GROUP BY 1").fetchall())
    assert set(levels) == {1, 2, 3, 4, 5} and levels[5] > 0.8 * sum(levels.values())
    states = demo.execute(
        "SELECT DISTINCT followup_state FROM evaluations WHERE level <= 2 ORDER BY 1"
    ).fetchall()
    assert {s[0] for s in states} <= {"待回访", "已回访", "已整改"}
    comments = demo.execute("SELECT count(DISTINCT comment) FROM evaluations").fetchall()[0][0]
    assert comments > 50


def test_manifest_lists_the_planted_events(demo):
    events = planted_events(demo)
    assert set(events) == {
        "complaint_surge",
        "satisfaction_drop",
        "system_launch",
        "repeated_failure",
        "extended_spike",
    }


def test_complaint_surge_is_in_its_street_and_weeks(demo):
    surge = planted_events(demo)["complaint_surge"]
    inside, outside = demo.execute(
        """SELECT count(*) FILTER (WHERE received_at::DATE BETWEEN ? AND ?) / (date_diff('day', ?::DATE, ?::DATE) + 1),
                  count(*) FILTER (WHERE received_at::DATE NOT BETWEEN ? AND ?) / 330
           FROM complaints WHERE street = ? AND category = ?""",
        [
            surge["start"],
            surge["end"],
            surge["start"],
            surge["end"],
            surge["start"],
            surge["end"],
            surge["street"],
            surge["category"],
        ],
    ).fetchall()[0]
    assert inside > 10 * max(outside, 0.01)
    titles = demo.execute(
        "SELECT count(*) FROM complaints WHERE title LIKE ?", [f"%{surge['keyword']}%"]
    ).fetchall()
    assert titles[0][0] > 50


def test_department_satisfaction_falls_over_two_months(demo):
    drop = planted_events(demo)["satisfaction_drop"]
    mean_level = dict(
        demo.execute(
            "SELECT strftime(evaluated_at, '%Y-%m'), avg(level) FROM evaluations "
            "WHERE department = ? GROUP BY 1",
            [drop["department"]],
        ).fetchall()
    )
    others = [v for m, v in mean_level.items() if m not in drop["months"]]
    first, second = (mean_level[m] for m in drop["months"])
    assert second < first < min(others)


def test_waiting_time_drops_after_the_launch(demo):
    launch = planted_events(demo)["system_launch"]
    before, after = demo.execute(
        "SELECT avg(wait_minutes) FILTER (WHERE received_at < ?::DATE), "
        "avg(wait_minutes) FILTER (WHERE received_at >= ?::DATE) FROM cases WHERE site_id = ?",
        [launch["date"], launch["date"], launch["site_id"]],
    ).fetchall()[0]
    assert after < 0.7 * before


def test_site_fails_the_same_indicator_month_after_month(demo):
    rep = planted_events(demo)["repeated_failure"]
    failed = demo.execute(
        "SELECT DISTINCT strftime(visit_date, '%Y-%m') FROM inspections "
        "WHERE site_id = ? AND indicator_id = ? AND result = '不合格' ORDER BY 1",
        [rep["site_id"], rep["indicator_id"]],
    ).fetchall()
    assert set(rep["months"]) <= {m[0] for m in failed}
    assert len(rep["months"]) >= 6


def test_inspections_cover_every_site_every_month(demo):
    per_month = demo.execute(
        "SELECT count(DISTINCT site_id) FROM inspections GROUP BY date_trunc('month', visit_date)"
    ).fetchall()
    assert {r[0] for r in per_month} == {128}


def test_delayed_service_spike_in_one_department(demo):
    spike = planted_events(demo)["extended_spike"]
    share = dict(
        demo.execute(
            "SELECT received_at::DATE BETWEEN ? AND ?, avg((channel = '延时服务')::INT) FROM cases "
            "WHERE department = ? AND channel IN ('窗口', '延时服务') GROUP BY 1",
            [spike["start"], spike["end"], spike["department"]],
        ).fetchall()
    )
    assert share[True] > 3 * share[False]


def test_demo_refuses_a_store_with_data(con):
    con.execute(
        "INSERT INTO benchmarks (region, indicator, period, value) VALUES ('深圳', 'x', '2025', 1)"
    )
    with pytest.raises(EffmonError, match="已有数据"):
        build_demo(con, **DEMO_ARGS)
