"""Benchmarks entered in the form: checked, kept as a batch, the latest entry wins."""

from __future__ import annotations

import pytest

from effmon.errors import EffmonError
from effmon.store import research
from tests.conftest import row_count


def test_an_entry_is_its_own_batch_and_a_later_one_supersedes_it(con):
    research.add_benchmark(con, "深圳", "网办率", "2025", 88.0, "%", "年报", "分析员甲")
    research.add_benchmark(con, "深圳", "网办率", "2025", 89.5, "%", "更正", "分析员甲")
    found = research.benchmarks(con, "2025")
    assert found[["region", "indicator", "value", "note"]].values.tolist() == [
        ["深圳", "网办率", 89.5, "更正"]
    ]
    assert row_count(con, "load_batches") == 2
    source, mode = con.execute("SELECT source_file, mode FROM load_batches LIMIT 1").fetchone()
    assert (source, mode) == ("手工录入（分析员甲）", "form")
    assert research.benchmark_periods(con) == ["2025"]


@pytest.mark.parametrize(
    ("region", "indicator", "period", "message"),
    [
        ("", "网办率", "2025", "请填写地区和指标"),
        ("深圳", " ", "2025", "请填写地区和指标"),
        ("深圳", "网办率", "去年", "期间「去年」应为年份"),
        ("深圳", "网办率", "2025-13", "期间「2025-13」"),
    ],
)
def test_a_bad_entry_is_refused_and_stores_nothing(con, region, indicator, period, message):
    with pytest.raises(EffmonError, match=message):
        research.add_benchmark(con, region, indicator, period, 1.0, "", "", "甲")
    assert row_count(con, "benchmarks") == 0 and row_count(con, "load_batches") == 0
