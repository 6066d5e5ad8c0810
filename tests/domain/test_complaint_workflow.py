"""The complaint workflow's rules without a store: due times, lateness, refused steps."""

from datetime import datetime

import pytest

from effmon.domain import complaint_workflow as rules
from effmon.errors import EffmonError

FRIDAY = datetime(2026, 11, 20, 16, 0)


@pytest.mark.parametrize(
    ("state", "workdays", "expected"),
    [
        ("核查", 1, datetime(2026, 11, 23, 17, 30)),  # the next working day is Monday
        ("处理", 5, datetime(2026, 11, 27, 17, 30)),
        ("核查", None, None),  # no limit set for this source and state
        ("办结", 3, None),  # a closed complaint is due nowhere
    ],
)
def test_a_state_is_due_at_the_end_of_its_last_working_day(state, workdays, expected):
    assert rules.due_at(state, FRIDAY, workdays) == expected


@pytest.mark.parametrize(
    ("current", "state", "extra", "message"),
    [
        ("受理", "办结", {}, "不能转为"),
        ("退回", "核查", {}, "责任单位"),
        ("处理", "回访", {}, "处理结果"),
        ("回访", "办结", {"channel_ok": True, "attitude_ok": True, "solved": True}, "回访"),
        (
            "回访",
            "重办",
            {"channel_ok": True, "attitude_ok": True, "solved": True, "satisfaction": "满意"},
            "不必重办",
        ),
    ],
)
def test_a_step_without_what_it_needs_is_refused(current, state, extra, message):
    with pytest.raises(EffmonError, match=message):
        rules.check_step("TS1", current, state, "经办人", **extra)
