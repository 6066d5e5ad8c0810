"""专项调研报告 on the small demo store: the planted system launch comes out clearly."""

from __future__ import annotations

from datetime import datetime

import pytest

from effmon.demo.build import planted_events
from effmon.errors import EffmonError
from effmon.reports.request import Request
from effmon.reports.research import make_research_report
from tests.reports.conftest import neutral
from tests.reports.pdf import pages_text


def test_the_planted_launch_lowers_the_wait_clearly(demo):
    launch = planted_events(demo)["system_launch"]
    request = Request(
        launch["date"], "分析员", neutral, unit=launch["site_id"],
        now=datetime(2026, 11, 5),
    )  # fmt: skip
    text = "".join(pages_text(make_research_report(demo, request)))
    assert "专项调研报告" in text and "事件日期：2026年01月05日" in text
    assert "平均等候(分钟)显著下降" in text
    effects = text[text.rindex("二、事件前后对比") : text.rindex("三、与先进地区对标")]
    assert "95%置信区间" in effects
    peers = text[text.rindex("三、与先进地区对标") : text.rindex("四、结论与建议")]
    assert all(region in peers for region in ("上海浦东", "深圳", "苏州", "北京"))
    advice = text[text.rindex("四、结论与建议") :]
    assert "平均等候时长显著下降" in advice and "推广" in advice


def test_an_event_too_close_to_the_data_end_is_a_clear_error(demo):
    request = Request("2026-10-28", "分析员", neutral)  # data end 10-31
    with pytest.raises(EffmonError, match="事件前后各需至少"):
        make_research_report(demo, request)
