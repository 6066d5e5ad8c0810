"""Property-based tests (hypothesis) of the parsers of dates, numbers and headers: any value
written in an accepted form reads back as itself; any header variant, however padded or
full-width, finds its column."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from effmon.domain.kinds import kinds
from effmon.ingest.headers import known_names, map_headers, normalize
from effmon.ingest.pipeline import load_file
from effmon.store.connect import open_store

DATE_FORMS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y/%m/%d %H:%M:%S",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y-%m-%dT%H:%M:%S",
]
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
moments = st.datetimes(min_value=datetime(2001, 1, 1), max_value=datetime(2026, 10, 31)).map(
    lambda d: d.replace(microsecond=0)
)
waits = st.decimals(min_value=0, max_value=100_000, places=2, allow_nan=False)


@SETTINGS
@given(
    rows=st.lists(st.tuples(moments, st.sampled_from(DATE_FORMS), waits), min_size=1, max_size=40)
)
def test_dates_and_numbers_read_back_as_written(tmp_path_factory, rows):
    lines = ["办件编号,办理部门,办理渠道,受理时间,等候时长"]
    for n, (moment, form, wait) in enumerate(rows):
        number = f"{wait:,}" if n % 3 == 0 else f" {wait} "  # thousands separators, padding
        lines.append(f'K{n},税务局,窗口,{moment.strftime(form)},"{number}"')
    path = tmp_path_factory.mktemp("prop") / "cases.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    con = open_store(":memory:")
    result = load_file(con, "cases", path)
    assert result.loaded, result.errors
    stored = con.execute(
        "SELECT received_at, wait_minutes FROM cases ORDER BY CAST(substr(case_id, 2) AS INT)"
    ).df()
    assert list(pd.to_datetime(stored["received_at"])) == [pd.Timestamp(m) for m, _, _ in rows]
    assert [round(w, 2) for w in stored["wait_minutes"]] == [float(w) for _, _, w in rows]
    con.close()


variants = [(v, c.name) for c in kinds()["cases"].columns for v in (c.name, *c.variants)]


@settings(max_examples=200, deadline=None)
@given(
    pick=st.sampled_from(variants),
    left=st.text(alphabet=" \t\u3000\ufeff", max_size=3),
    right=st.text(alphabet=" \t\u3000", max_size=3),
    wide=st.booleans(),
)
def test_any_padded_or_full_width_header_variant_finds_its_column(pick, left, right, wide):
    variant, column = pick
    if wide:  # half-width ASCII to full-width, as some exports write it
        variant = "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in variant)
    header = left + variant + right
    assert normalize(header) == normalize(normalize(header))  # idempotent
    assert known_names(kinds()["cases"])[normalize(header)] == column
    mapping = map_headers(kinds()["cases"], [header], None)
    assert mapping.positions.get(column) == 0


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_normalize_drops_all_whitespace_and_folds_to_a_fixed_point(text):
    folded = normalize(text)
    assert not any(ch.isspace() for ch in folded)
    assert normalize(folded) == folded
