"""The app in a real browser: Debian's chromium driven by Playwright against `streamlit run`.

Skips where chromium or Playwright is absent (`.ci/run` installs chromium). Screenshots go
to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from effmon import labels
from effmon.analytics.workload import MEASURES
from effmon.city.export import export_district
from effmon.demo.build import planted_events
from effmon.semantic import catalog
from effmon.store.filters import Filters
from effmon.store.sharing import connect_waiting
from effmon.store.workload import workload_by
from effmon.ui.tables import workload_display
from tests.conftest import REPO
from tests.reports.pdf import pages_text

ALONE_VIEWS = {"wall"}
CHROMIUM = Path("/usr/bin/chromium")
PASSWORD = "Browser test password 1"
ARTIFACTS = REPO / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served_store(demo_db, tmp_path_factory):
    """The copy of the demo store the server uses."""
    store = tmp_path_factory.mktemp("browser") / "store.duckdb"
    shutil.copy(demo_db, store)
    return store


@pytest.fixture(scope="module")
def city_lake(served_store, tmp_path_factory):
    """A city's lake holding the served store as one district, so 区县对比 is offered too
    (exported before the server opens the store)."""
    lake = tmp_path_factory.mktemp("city") / "lake"
    con = duckdb.connect(str(served_store))
    export_district(con, str(lake), "510104", "锦江区")
    con.close()
    return lake


@pytest.fixture(scope="module")
def server(served_store, city_lake):
    """`streamlit run serve.py` (app.py with the login cookie's route) on a loopback port
    over a copy of the demo store, with a city's lake."""
    store = served_store
    port = _free_port()
    env = {
        **os.environ, "EFFMON_DB": str(store), "EFFMON_ADMIN_PASSWORD": PASSWORD,
        "EFFMON_LAKE": str(city_lake),
    }  # fmt: skip
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "serve.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start within 60 s")
    yield url
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def page(browser):
    return browser.new_page(viewport={"width": 1500, "height": 1300})


def _visit(page, url: str, ready: str = "退出登录") -> None:
    """Open ``url`` as the administrator, logging in afresh (without the last login's
    cookie); logged in once ``ready`` shows."""
    page.context.clear_cookies()
    page.goto(url)
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.get_by_text(ready).first.wait_for(timeout=60_000)


def _shot(page, name: str) -> None:
    (ARTIFACTS / name).parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_overview_renders_cards_and_chart(server, page):
    _visit(page, server)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    page.wait_for_selector(".js-plotly-plot", timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == len(catalog.headline())
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "演示数据" in page.locator('[data-testid="stAlert"]').first.inner_text()
    _shot(page, "overview.png")


def test_bad_upload_in_the_browser_shows_the_report(server, page, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("工单编号,留言时间\nN1,2026-10-08\nN2,2026-13-45\n", encoding="utf-8")
    _visit(page, f"{server}/data_admin")
    page.wait_for_selector(
        '[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=60_000
    )
    # The drop zone speaks Chinese: its button reads 选择文件, the English limit is hidden
    # and said below in Chinese.
    zone = page.locator('[data-testid="stFileUploaderDropzone"]')
    button = zone.get_by_role("button").locator("p")
    assert button.evaluate("p => getComputedStyle(p, '::after').content") == '"选择文件"'
    assert button.evaluate("p => getComputedStyle(p).fontSize") == "0px"
    assert zone.locator('[data-testid="stFileUploaderDropzoneInstructions"]').is_hidden()
    assert "每个文件不超过 200 MB" in page.get_by_text("可拖入文件").inner_text()
    # Uploaded under the default kind (点位), the file is recognised as complaints and the
    # page offers to switch: the button shows once that run has finished, so the click
    # is not lost to a page still being redrawn (as a pick in the kind box could be).
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(bad))
    page.get_by_role("button", name="改按「投诉诉求工单」导入").click(timeout=60_000)
    page.get_by_role("button", name="确认导入").click(timeout=60_000)
    error = page.wait_for_selector('[data-testid="stAlertContentError"]', timeout=30_000)
    assert "全部未导入" in error.inner_text()
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "data_admin_rejected.png")


def test_workload_csv_download_is_the_table_on_screen(server, served_store, page, demo_db):
    _visit(page, f"{server}/workload")
    # The sidebar's PDF button comes last: once it shows, the page run has finished and a
    # click is not lost to elements still being replaced.
    page.get_by_role("button", name="导出本页 PDF").wait_for(timeout=60_000)
    # The table by department's own button (its key's class): the drill-down table by street
    # below has one of the same name, and a rerun may draw that one first.
    with page.expect_download() as download:
        page.locator(".st-key-by_dimension_csv").get_by_role("button", name="下载 CSV").click()
    downloaded = pd.read_csv(download.value.path(), encoding="utf-8-sig")
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2")
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "workload.png")
    # Tables leave only through effmon's buttons: the table's own toolbar (search, full
    # screen) has no download, and the download above is in the audit trail.
    page.locator('[data-testid="stDataFrame"]').first.hover()
    toolbar = page.locator('[data-testid="stElementToolbar"]').first
    toolbar.wait_for(timeout=10_000)
    assert toolbar.get_by_role("button").count() >= 1
    assert toolbar.get_by_role("button", name=re.compile("Download|下载")).count() == 0
    with connect_waiting(served_store, 60) as con:  # as a command would, app running
        audited = con.execute(
            "SELECT target FROM audit_log WHERE action = 'export' AND username = 'admin'"
        ).fetchall()
    assert audited == [("窗口办件_部门_2026-10_2026-10",)]
    with duckdb.connect(str(demo_db), read_only=True) as con:
        measures = workload_by(con, Filters(), "2026-10", "2026-10", "department", MEASURES)
    expected = workload_display(measures, "department", {})
    assert list(downloaded.columns) == list(expected.columns)
    assert downloaded["部门"].tolist() == expected["部门"].tolist()
    assert downloaded["办件量(件)"].tolist() == expected["办件量(件)"].tolist()
    pd.testing.assert_series_equal(
        downloaded["平均等候时长(分钟)"], expected["平均等候时长(分钟)"].astype(float)
    )


def test_a_click_on_a_row_drills_down_to_it(server, page, demo_db):
    """窗口办件's drill-down follows a click on a table row (its selection box at the left
    of the row), as well as the picker, and the way back forgets the click."""
    _visit(page, f"{server}/workload")
    page.get_by_role("button", name="导出本页 PDF").wait_for(timeout=60_000)
    grid = page.locator(".st-key-drill_0_table")
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    # The second row's selection box (the first is the online cases, which have no street).
    page.mouse.click(box["x"] + 16, box["y"] + 2 * 35 + 17)
    trail = page.get_by_text(re.compile("^全区 › "))
    trail.wait_for(timeout=60_000)
    with duckdb.connect(str(demo_db), read_only=True) as con:
        streets = workload_by(con, Filters(), "2026-10", "2026-10", "street", MEASURES)["key"]
    assert pd.isna(streets.iloc[0])  # the online cases, first, have no street
    assert trail.inner_text() == f"全区 › {streets.iloc[1]}"  # the street of the row clicked
    page.locator(".st-key-drill_1_table").wait_for(timeout=60_000)
    page.get_by_role("button", name="返回上一级").click()
    page.get_by_text("全区", exact=True).wait_for(timeout=60_000)
    page.wait_for_timeout(1500)  # no second drill from the forgotten click
    assert page.get_by_text(re.compile("^全区 › ")).count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0


def test_every_page_at_1440_by_900_as_its_menu_leads_there(server, browser):
    """Each page of the administrator's menu, reached by its link, finishes without an error
    or English dialog; its screenshot at 1440×900 goes to test-artifacts/pages/."""
    with browser.new_context(viewport={"width": 1440, "height": 900}) as context:
        screen = context.new_page()
        _visit(screen, server)
        for view, title in labels.PAGES.items():
            screen.get_by_role("link", name=title, exact=True).click()
            # The wall display's title is the centre's; its last part is the hot issues.
            shown = "本月投诉热点" if view in ALONE_VIEWS else title
            screen.wait_for_function(
                """shown => document.querySelector('[data-testid=stApp]')
                    .getAttribute('data-test-script-state') === 'notRunning'
                    && [...document.querySelectorAll('h1, h2, h3')]
                        .some(h => h.innerText.includes(shown))
                    && document.querySelectorAll('[data-stale=true]').length === 0""",
                arg=shown,
                timeout=60_000,
            )
            screen.wait_for_timeout(500)  # charts drawn
            assert screen.locator('[data-testid="stException"]').count() == 0, title
            assert screen.get_by_text("Page not found").count() == 0, title
            _shot(screen, f"pages/{view}.png")
            if view in ALONE_VIEWS:  # the wall display has no menu: back to the start
                screen.goto(server)


@pytest.mark.parametrize("scale", [1, 2])
def test_the_wall_display_fits_the_screen(server, browser, scale):
    """大屏 on a 1920×1080 screen and on a 3840×2160 one (at its usual 200% scale): everything
    on one screen, no sidebar, no scrolling."""
    with browser.new_context(
        viewport={"width": 1920, "height": 1080}, device_scale_factor=scale
    ) as context:
        screen = context.new_page()
        _visit(screen, f"{server}/wall", ready="本月投诉热点")
        screen.wait_for_selector(".js-plotly-plot", timeout=60_000)
        screen.wait_for_timeout(1000)
        assert not screen.locator('[data-testid="stSidebar"]').is_visible()
        overflow = screen.evaluate(
            "() => [...document.querySelectorAll('*')].some(e => e.clientHeight > 300"
            " && e.scrollHeight > e.clientHeight + 2"
            " && !['visible', 'hidden'].includes(getComputedStyle(e).overflowY))"
        )
        _shot(screen, f"wall_{1920 * scale}x{1080 * scale}.png")
        assert not overflow, "the wall display scrolls"
        assert screen.locator('[data-testid="stException"]').count() == 0


def test_a_complaint_text_cut_short_in_its_table_is_read_whole_below(server, page):
    """投诉热点: long texts sit in narrow columns (the counts after them stay on screen); a
    click on a complaint's row shows its title and text whole."""
    _visit(page, f"{server}/hotspots")
    page.get_by_role("button", name="导出本页 PDF").wait_for(timeout=60_000)
    grid = page.locator(".st-key-hot_tickets_table")
    grid.scroll_into_view_if_needed(timeout=60_000)
    box = grid.bounding_box()
    assert box["width"] <= page.viewport_size["width"]
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 17)  # the first complaint's row
    whole = page.locator('[data-testid="stText"]')
    whole.first.wait_for(timeout=60_000)
    texts = [t for t in whole.all_inner_texts() if len(t) > 30]
    assert texts, "no complaint text shown whole"
    _shot(page, "hotspots_whole_text.png")
    assert page.locator('[data-testid="stException"]').count() == 0


def test_the_sidebar_filters_offer_no_english_bulk_choice(server, page):
    _visit(page, server)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    streets = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(1)
    assert streets.locator("input").get_attribute("placeholder") == "全部"
    streets.locator("input").click()
    page.keyboard.press("ArrowDown")
    options = page.get_by_role("option")
    options.first.wait_for(timeout=10_000)
    assert "Select all" not in options.all_inner_texts()
    assert options.first.inner_text().endswith("街道")
    page.keyboard.press("Escape")


def test_a_bookmarked_url_restores_the_filters(server, page):
    _visit(page, f"{server}/workload?dept=税务局&month=2026-09")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    # The page may still be running with the restored filters: wait for its caption.
    page.get_by_text("2026-09 — 2026-09").wait_for(timeout=30_000)
    assert "税务局" in page.locator('[data-testid="stSidebar"]').inner_text()
    assert "dept=" in page.url and "month=2026-09" in page.url


def test_satisfaction_renders_the_index_heatmap_and_tables(server, page):
    _visit(page, f"{server}/satisfaction")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == 5
    assert page.locator(".js-plotly-plot").count() == 2  # index heatmap, 差评 bars
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "satisfaction.png")


def test_hotspots_renders_the_hot_issues_and_the_category_charts(server, page):
    _visit(page, f"{server}/hotspots")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    page.get_by_text("热度怎么算").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stMetric"]').count() == 4
    page.get_by_role("tab", name="类别趋势").click()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot').length >= 2")
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "hotspots.png")


def test_the_hot_issue_drill_names_the_new_top_issue_after_the_period_changes(
    server, page, demo_db
):
    # Streamlit kept showing a selectbox's old text when only the text of the selected value
    # changed: after 近 12 个月 the drill still named this month's first issue while listing
    # the tickets of the year's first.
    with duckdb.connect(str(demo_db), read_only=True) as con:
        surge = planted_events(con)["complaint_surge"]
    _visit(page, f"{server}/hotspots")
    page.get_by_role("button", name="导出本页 PDF").wait_for(timeout=60_000)
    drill = page.locator(".st-key-hotspot_drill input")
    this_month = drill.input_value()
    page.get_by_text("近 12 个月", exact=True).click()
    page.wait_for_function(
        "([input, old]) => input.value !== old",
        arg=[drill.element_handle(), this_month],
        timeout=60_000,
    )
    assert drill.input_value().startswith(f"1. {surge['street']}综合便民服务中心")


def test_trends_renders_the_forecast_chart_and_the_alerts(server, page):
    _visit(page, f"{server}/trends")
    page.wait_for_selector(".js-plotly-plot", timeout=60_000)
    page.get_by_text("预警规则").wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "trends.png")


def test_inspection_entry_lists_the_due_indicators_in_rows(server, page):
    _visit(page, f"{server}/inspections")
    page.get_by_text("保存本次巡查").wait_for(timeout=60_000)
    page.wait_for_function("document.querySelectorAll('[role=radiogroup]').length >= 20")
    _shot(page, "inspections.png")
    assert page.locator("[role=radiogroup]").count() >= 20  # one per due indicator
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "inspections.png")


def test_complaint_queue_and_attendance_render(server, page):
    _visit(page, f"{server}/complaints")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "complaints.png")
    _visit(page, f"{server}/attendance")
    page.wait_for_selector('[data-testid="stDataFrame"]', timeout=60_000)
    assert page.locator('[data-testid="stMetric"]').count() == 5
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "attendance.png")


def test_a_page_exports_its_view_and_the_report_centre_makes_a_report(server, page):
    _visit(page, f"{server}/workload")
    page.get_by_role("button", name="导出本页 PDF").wait_for(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="导出本页 PDF").click()
    exported = Path(download.value.path()).read_bytes()
    assert exported.startswith(b"%PDF")
    text = "".join(pages_text(exported))
    assert "窗口办件" in text and "办件量" in text and "内部资料注意保密" in text
    _visit(page, f"{server}/reports")
    page.get_by_role("button", name="生成报告").click()
    page.wait_for_selector('[data-testid="stImage"]', timeout=120_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="下载 PDF").click()
    report = pages_text(Path(download.value.path()).read_bytes())
    assert "政务服务月报" in report[0] and "一、总体情况" in "".join(report)
    assert page.locator('[data-testid="stException"]').count() == 0
    _shot(page, "report_centre.png")


def test_the_pages_fetch_nothing_from_outside_the_machine(server, page):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    _visit(page, server)  # then through the menu, as a person would, in one session
    for title in (
        "窗口办件",
        "趋势预测与预警",
        "满意度",
        "报告中心",
        "专项调研",
        "日常巡查",
        "考勤",
    ):
        page.get_by_role("link", name=title, exact=True).click()
        page.get_by_role("heading", name=title, exact=True, level=1).wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
    outside = [u for u in requested if not u.startswith((server, "data:", "blob:"))]
    assert requested and not outside, outside[:5]


def _cases_card(page) -> int:
    card = page.locator('[data-testid="stMetric"]').filter(has_text="办件量").first
    value = card.locator('[data-testid="stMetricValue"]').inner_text()
    return int(re.sub(r"\D", "", value))


def test_a_command_line_load_while_the_app_serves_shows_up(server, served_store, page, tmp_path):
    """`effmon ingest` in another process while a user works: it succeeds, and the app's
    next run forgets its cached figures and counts the new case."""
    _visit(page, server)
    page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
    before = _cases_card(page)
    cases = tmp_path / "cli_load.csv"
    cases.write_text(
        "办件编号,办理部门,办理渠道,受理时间\nCLI1,税务局,窗口,2026-10-30 10:00:00\n",
        encoding="utf-8",
    )
    command = subprocess.run(
        [
            sys.executable,
            "-m",
            "effmon.cli",
            "ingest",
            "cases",
            str(cases),
            "--db",
            str(served_store),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert command.returncode == 0, command.stderr
    page.get_by_role("link", name="数据管理").click()
    page.get_by_text("导入历史").wait_for(timeout=60_000)
    page.get_by_role("link", name="总览").click()
    deadline = time.monotonic() + 60  # the page may still show the last run for a moment
    while _cases_card(page) != before + 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _cases_card(page) == before + 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_a_markdown_image_in_a_site_name_is_shown_as_text(server, served_store, page):
    """A name is data, not Markdown: a site named as an image shows its name and makes no
    browser fetch the address (the research page's headline and comparison name the site)."""
    address = "http://127.0.0.1:9/tracker.png"
    hostile = f"![t]({address})"
    # Written as a command would: waiting while the app's page runs hold the store.
    with connect_waiting(served_store, 60) as con:
        before = con.execute("SELECT name FROM sites WHERE site_id = 'Q02'").fetchall()[0][0]
        con.execute("UPDATE sites SET name = ? WHERE site_id = 'Q02'", [hostile])
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        _visit(page, f"{server}/research?site=Q02")
        page.get_by_text(hostile).first.wait_for(timeout=60_000)
        page.wait_for_timeout(1000)
        assert page.locator(f'img[src="{address}"]').count() == 0
        assert not [u for u in requested if u.startswith("http://127.0.0.1:9/")]
    finally:
        with connect_waiting(served_store, 60) as con:
            con.execute("UPDATE sites SET name = ? WHERE site_id = 'Q02'", [before])
