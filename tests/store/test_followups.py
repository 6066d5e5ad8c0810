"""差评 follow-up items: working-day deadlines, overdue flags (the store) and the order of steps
(effmon.analytics.satisfaction.record_followup)."""

from datetime import datetime

import pytest

from effmon.analytics.satisfaction import record_followup
from effmon.errors import EffmonError
from effmon.store import satisfaction
from effmon.store.filters import Filters

EVALUATIONS = [
    # id, evaluated_at, department, level, followup_state, rectified_at
    ("E1", datetime(2026, 2, 13, 10), "税务局", 1, None, None),  # Friday before Spring Festival
    ("E2", datetime(2026, 2, 13, 11), "税务局", 2, "已整改", datetime(2026, 2, 26, 9)),
    ("E3", datetime(2026, 2, 13, 12), "人社局", 2, "已回访", None),
    ("E4", datetime(2026, 2, 13, 12), "人社局", 5, None, None),  # not a 差评
]


@pytest.fixture
def store(con):
    con.executemany(
        "INSERT INTO evaluations (evaluation_id, evaluated_at, department, level, "
        "followup_state, rectified_at) VALUES (?, ?, ?, ?, ?, ?)",
        EVALUATIONS,
    )
    return con


def _items(con, workdays=2, as_of=datetime(2026, 2, 24, 12)):
    frame = satisfaction.followups(con, Filters(), "2026-02", "2026-02", workdays, as_of)
    return frame.set_index("evaluation_id")


def test_deadline_counts_working_days_across_the_holiday_and_the_make_up_saturday(store):
    # Two working days after Friday 02-13: make-up Saturday 02-14, then Tuesday 02-24.
    assert str(_items(store).loc["E1", "due_at"]) == "2026-02-25 00:00:00"
    # Fifteen: 02-14, 02-24..27, make-up Saturday 02-28, then 03-02 .. 03-12.
    assert str(_items(store, workdays=15).loc["E1", "due_at"]) == "2026-03-13 00:00:00"


def test_only_bad_evaluations_are_items_with_their_imported_state(store):
    items = _items(store)
    assert sorted(items.index) == ["E1", "E2", "E3"]
    assert items["state"].to_dict() == {"E1": "待回访", "E2": "已整改", "E3": "已回访"}


def test_overdue_when_open_past_the_deadline_or_rectified_late(store):
    assert not _items(store).loc["E1", "overdue"]  # due at the end of 02-24
    late = _items(store, as_of=datetime(2026, 2, 25, 9))
    assert late["overdue"].to_dict() == {"E1": True, "E2": True, "E3": True}  # E2 fixed 02-26
    assert not _items(store, workdays=15, as_of=datetime(2026, 3, 1))["overdue"].any()


def test_steps_go_in_order_and_are_only_added(store):
    when = datetime(2026, 2, 24, 9)
    record_followup(store, "E1", "已回访", when, "王敏", "电话回访")
    record_followup(store, "E1", "已整改", datetime(2026, 2, 26, 9), "王敏")
    item = _items(store).loc["E1"]
    assert (item["state"], str(item["revisited_at"]), str(item["rectified_at"])) == (
        "已整改",
        "2026-02-24 09:00:00",
        "2026-02-26 09:00:00",
    )
    assert store.execute("SELECT count(*) FROM evaluation_followups").fetchall()[0][0] == 2


@pytest.mark.parametrize(
    ("evaluation_id", "state", "when", "message"),
    [
        ("E1", "已整改", datetime(2026, 2, 24), "不能直接登记为「已整改」"),
        ("E2", "已回访", datetime(2026, 2, 24), "当前为「已整改」"),
        ("E3", "已回访", datetime(2026, 2, 24), "当前为「已回访」"),
        ("E1", "已回访", datetime(2026, 2, 1), "不能早于评价时间"),
        ("E4", "已回访", datetime(2026, 2, 24), "找不到差评事项"),
    ],
)
def test_wrong_steps_are_refused_and_change_nothing(store, evaluation_id, state, when, message):
    with pytest.raises(EffmonError, match=message):
        record_followup(store, evaluation_id, state, when, "王敏")
    assert store.execute("SELECT count(*) FROM evaluation_followups").fetchall()[0][0] == 0
