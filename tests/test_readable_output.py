"""Every number and name a person reads, checked from the outside: every page of the app
(as 管理员, run once with AppTest) and every report kind (made once) on the small demo
store, against the rules of tests/readable_rules.py — a share in %, never a fraction nor
above 100%; no more decimals than the catalog's rule; a count without .0; a site by its name;
no English. A failure names the page or report, where the text stood, the text and the
rule."""

from __future__ import annotations

import io
import json
import re
import shutil
from dataclasses import dataclass, field

import duckdb
import pandas as pd
import pypdf
import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Widget

from effmon import labels
from effmon.reports import catalog as reports
from tests import readable_rules as rules
from tests.conftest import REPO
from tests.logins import log_in
from tests.reports.test_all_kinds import _request

PAGES = list(labels.PAGES)  # every view app.py registers for 管理员
KINDS = list(reports.KINDS)
SOURCES = [f"page:{view}" for view in PAGES] + [f"report:{kind}" for kind in KINDS]


@dataclass
class Output:
    """What a person sees on one page or in one report: texts and tables, each with where it
    stood."""

    texts: list[tuple[str, str]] = field(default_factory=list)
    tables: list[tuple[str, pd.DataFrame]] = field(default_factory=list)
    charts: list[dict] = field(default_factory=list)  # plotly figures as dicts


def _walk(node, output: Output) -> None:
    """Collect the texts and tables of an AppTest element tree, in page order."""
    kind = getattr(node, "type", "")
    if hasattr(node, "children"):
        label = getattr(node, "label", None)
        if isinstance(label, str) and label:
            output.texts.append((kind, label))
        for child in node.children.values():
            _walk(child, output)
        return
    if kind in ("dataframe", "arrow_data_frame", "table", "arrow_table"):
        output.tables.append((f"{kind}#{len(output.tables) + 1}", node.value))
        return
    if kind == "plotly_chart":
        output.charts.append(json.loads(node.proto.spec))
        return
    if kind == "metric":
        output.texts.append((f"metric {node.label}", f"{node.label} {node.value}"))
        if node.delta:
            output.texts.append((f"metric {node.label} delta", node.delta))
        return
    if kind == "exception":
        output.texts.append((kind, node.message))
        return
    for name in ("label", "placeholder"):
        text = getattr(node, name, None)
        if isinstance(text, str) and text:
            output.texts.append((f"{kind} {name}", text))
    options = getattr(node, "options", None)
    if options:
        output.texts += [(f"{kind} {getattr(node, 'label', '')} option", str(o)) for o in options]
    if isinstance(node, Widget):  # a person sees its label and options, not its raw value
        return
    try:
        value = node.value
    except Exception:  # an element without a readable value (a chart, an unknown one)
        return
    if isinstance(value, str) and value:
        output.texts.append((kind, rules.as_read(value)))


def _render(view: str) -> Output:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at)
    at.run()
    at.switch_page(f"views/{view}.py")
    at.run()
    output = Output()
    _walk(at._tree, output)
    return output


def pages_text_spaced(pdf: bytes) -> list[str]:
    """Each page's text with runs of whitespace as one space (tests/reports/pdf.pages_text
    removes them, which would glue 102.0 to its neighbours)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def _report(con, kind: str) -> Output:
    request = _request(con, kind)
    pdf = reports.check_request(kind, request).make(con, request)
    return Output(texts=[(f"第 {n} 页", t) for n, t in enumerate(pages_text_spaced(pdf), 1)])


@pytest.fixture(scope="module")
def seen(demo_db, tmp_path_factory) -> dict[str, Output]:
    """Every page and every report kind, each made once."""
    path = tmp_path_factory.mktemp("readable") / "store.duckdb"
    shutil.copy(demo_db, path)
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EFFMON_DB", str(path))
        for view in PAGES:
            found[f"page:{view}"] = _render(view)
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        for kind in KINDS:
            found[f"report:{kind}"] = _report(con, kind)
    finally:
        con.close()
    return found


@pytest.fixture(scope="module")
def places(demo_db) -> tuple[dict[str, str], re.Pattern[str]]:
    """The demo store's sites (id → name) and a pattern for a site or window id."""
    with duckdb.connect(str(demo_db), read_only=True) as con:
        sites = dict(con.execute("SELECT site_id, name FROM sites").fetchall())
        windows = [w for (w,) in con.execute("SELECT window_name FROM windows").fetchall()]
    return sites, rules.id_pattern(sites, windows)


def _failure(source: str, rule: str, problems: list[str]) -> str:
    shown = problems[:15] + ([f"… and {len(problems) - 15} more"] if len(problems) > 15 else [])
    return f"{source} breaks rule '{rule}':\n" + "\n".join(shown)


def _cell_texts(output: Output) -> list[tuple[str, str]]:
    """The text cells of the tables, read like any other text (but for a column of codes,
    点位编号, shown beside the names on purpose)."""
    return [
        (f"{where} {column}", value)
        for where, frame in output.tables
        for column in frame.columns
        if frame[column].dtype != bool
        and not rules.is_p_value_header(column)
        and not str(column).endswith("编号")
        for value in frame[column].drop_duplicates()
        if isinstance(value, str)
    ]


def _text_rules(places) -> dict:
    sites, ids = places
    decimals = {m: d for m, d in rules.measure_decimals().items() if not m.endswith(")")}
    return {
        "share as a fraction": rules.fraction_share_in_text,
        "share above 100%": rules.share_over_100_in_text,
        "share's change in %": rules.share_change_in_percent_in_text,
        "percent of a small base": rules.percent_on_small_base_in_text,
        "3+ decimals": rules.too_many_decimals_in_text,
        "more decimals than the measure's rule": lambda t: rules.decimals_over_rule_in_text(
            t, decimals
        ),
        "count with .0": rules.count_with_point_zero_in_text,
        "English": rules.english_in_text,
        "bare site/window id": lambda t: rules.bare_ids_in_text(t, sites, ids),
        "no thousands separator": rules.thousands_without_separator_in_text,
    }


# Where a rule does not apply, and why.
EXEMPT = {
    # settings are shown as they are typed (flat_change 0.005), their help says what they mean
    ("page:settings", "3+ decimals"),
    ("page:settings", "no thousands separator"),  # a seed (20261128) is typed as it is
}

TEXT_RULES = [
    "share as a fraction",
    "share above 100%",
    "share's change in %",
    "percent of a small base",
    "3+ decimals",
    "more decimals than the measure's rule",
    "count with .0",
    "English",
    "bare site/window id",
    "no thousands separator",
]


def _table_problems(rule: str, frame: pd.DataFrame, places) -> list[str]:
    sites, ids = places
    if rule == "bare site/window id":
        return rules.bare_id_cells(frame, sites, ids)
    if rule == "English":
        return rules.english_cells(frame)
    decimals = rules.measure_decimals()
    found = []
    if rule in ("3+ decimals", "count with .0"):  # a long table: each row names its measure
        whole = rule == "count with .0"
        found += [f"by row: {bad}" for bad in rules.row_measure_cells(frame, whole)]
    for header in frame.columns:
        values = frame[header]
        if isinstance(values, pd.DataFrame):  # a repeated header: check each column
            values = values.iloc[:, 0]
        header = str(header)
        if rule == "share as a fraction":
            bad = rules.fraction_share_column(header, values)
        elif rule == "share above 100%":
            bad = rules.share_over_100_column(header, values)
        elif rule == "3+ decimals":
            bad = rules.too_many_decimals_column(header, values, decimals.get(header))
        elif rule == "count with .0":
            bad = rules.count_as_float_column(header, values)
        else:
            bad = []
        found += [f"{header}: {', '.join(bad)}"] if bad else []
    return found


@pytest.mark.parametrize("rule", TEXT_RULES)
@pytest.mark.parametrize("source", SOURCES)
def test_texts_read_right(seen, places, source, rule):
    if (source, rule) in EXEMPT:
        pytest.skip("exempt: see EXEMPT")
    check = _text_rules(places)[rule]
    problems = [
        f"{where}: 「{bad}」 in 「{text[:100]}」"
        for where, text in seen[source].texts + _cell_texts(seen[source])
        for bad in check(text)
    ]
    assert not problems, _failure(source, rule, problems)


@pytest.mark.parametrize(
    "rule", [r for r in TEXT_RULES if r != "more decimals than the measure's rule"]
)
@pytest.mark.parametrize("source", [s for s in SOURCES if s.startswith("page:")])
def test_tables_read_right(seen, places, source, rule):
    problems = [
        f"{where} {bad}"
        for where, frame in seen[source].tables
        for bad in _table_problems(rule, frame, places)
    ]
    assert not problems, _failure(f"{source} tables", rule, problems)


@pytest.mark.parametrize("source", [s for s in SOURCES if s.startswith("page:")])
def test_charts_read_right(seen, source):
    problems = [bad for figure in seen[source].charts for bad in rules.english_date_axes(figure)]
    assert not problems, _failure(f"{source} charts", "English months on a date axis", problems)


def test_every_page_and_report_was_seen(seen):
    assert all(seen[f"page:{view}"].texts for view in PAGES)
    assert all(seen[f"report:{kind}"].texts for kind in KINDS)
    assert not [t for t in seen.values() for where, t in t.texts if where == "exception"]


@pytest.mark.parametrize("source", [s for s in SOURCES if s.startswith("report:")])
def test_reports_name_units_without_their_ids(seen, places, source):
    """A report is read by people outside the system: a site or window by its name only,
    never with its code (「Q01 高新区政务服务中心（主中心）」 is a table's habit, not a report's)."""
    _, ids = places
    problems = [
        f"{where}: 「{m.group(0)}」 in 「{text[max(0, m.start() - 30) : m.end() + 30]}」"
        for where, text in seen[source].texts
        for m in ids.finditer(text)
    ]
    assert not problems, _failure(source, "site or window id in a report", problems)


# Labels written for a list of alert kinds, which read as jargon in a sentence.
LIST_LABELS = [v for v in labels.ALERT_METRICS.values() if "（月）" in v or v.startswith("某")]
# A finding's catalogue tags in a sentence (「（恶化，严重）」, 「处理状态：新发现」), and a date
# written as in a database where a sentence has one (「自 2026-03 起」, 「10-13至10-30」).
TAGS = re.compile(r"（(?:恶化|向好|持平)，(?:严重|一般|提示)）|处理状态")
CODED_DATES = re.compile(r"(?:自|截至|（)\s?\d{4}-\d{2}|\d{4}-\d{2}(?:-\d{2})?\s?起|\d{2}-\d{2}至")


@pytest.mark.parametrize("source", [s for s in SOURCES if s.startswith("report:")])
def test_reports_speak_without_catalogue_labels_or_keys(seen, source):
    """A report's sentences name things in words: no list label (「某街道投诉（月）」), no
    identifier of the code (good_share, street_complaints), no finding's tags and no date
    written as a database writes it."""
    problems = [
        f"{where}: 「{bad}」"
        for where, text in seen[source].texts
        for bad in [
            *(label for label in LIST_LABELS if label in text),
            *re.findall(r"\b[a-z]+_[a-z_]+\b", text),
            *TAGS.findall(text),
            *CODED_DATES.findall(text),
        ]
    ]
    assert not problems, _failure(source, "catalogue label or key in a report", problems)


# Reports sent beyond the centre (the 月报 and 提示函 have no stamp at all).
OUTGOING = ["monthly", "annual", "letter", "complaint_month", "complaint_ticket", "research"]


@pytest.mark.parametrize("kind", OUTGOING)
def test_reports_that_leave_the_centre_do_not_name_who_made_them(seen, kind):
    problems = [
        f"{where}: 「{bad}」"
        for where, text in seen[f"report:{kind}"].texts
        for bad in rules.maker_named_in_text(text)
    ]
    assert not problems, _failure(f"report:{kind}", "who made it on an outgoing report", problems)
