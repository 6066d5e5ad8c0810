"""Logins in a real browser (Debian's chromium, `streamlit run serve.py`): a login survives a
reload, a second tab and a copy of its cookie in another browser; a logout ends the other
tabs; a tampered cookie, a revoked and an expired session are refused; the 大屏 account has the
wall display alone, stays on it across a reload and its own refreshes, and leaves it for the
login page by itself when an administrator revokes its login."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from effmon.store.sharing import connect_waiting
from tests.test_browser import _shot, _visit, browser, city_lake, served_store, server

__all__ = [
    "browser",
    "city_lake",
    "served_store",
    "server",
]  # the fixtures, shared with test_browser

COOKIE = "effmon_session"
LOBBY_PASSWORD = "Wall screen 2026"


@pytest.fixture(scope="module", autouse=True)
def quick_wall_refresh():
    """The wall display refreshes itself every 6 s on this module's server."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EFFMON_WALL_REFRESH_MINUTES", "0.1")
        yield


@pytest.fixture
def context(browser):
    """A browser profile of its own (cookies included), closed after the test."""
    with browser.new_context(viewport={"width": 1440, "height": 900}) as made:
        yield made


def _session_cookie(context) -> dict:
    """The login cookie, once the page has been handed it (shortly after the login)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        found = [c for c in context.cookies() if c["name"] == COOKIE]
        if found:
            return found[0]
        time.sleep(0.2)
    pytest.fail("no session cookie was set")


def _heading(page, title: str) -> None:
    page.get_by_role("heading", name=title, exact=True, level=1).wait_for(timeout=60_000)


def _login_page_notice(page) -> str:
    """What the login page says (fails when the page does not come to the login form)."""
    page.get_by_label("用户名").wait_for(timeout=60_000)
    # The last page's elements may linger a moment while the login page is drawn.
    page.get_by_role("button", name="退出登录").wait_for(state="detached", timeout=30_000)
    notices = page.locator('[data-testid="stAlert"]')
    return notices.first.inner_text() if notices.count() else ""


def _last_seen(store, session_id: str):
    with connect_waiting(store, 60) as con:
        return con.execute(
            "SELECT last_seen FROM sessions WHERE id_hash = sha256(?)", [session_id]
        ).fetchall()[0][0]


def _cli(*args: str, given: str = "") -> None:
    done = subprocess.run(
        [sys.executable, "-m", "effmon.cli", *args],
        input=given,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr


def test_a_login_survives_a_reload_a_second_tab_and_a_copied_cookie(server, browser, context):
    page = context.new_page()
    _visit(page, f"{server}/satisfaction")
    cookie = _session_cookie(context)
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert cookie["expires"] > time.time() + 11 * 3600  # lasts session_hours (12)
    assert page.evaluate("document.cookie").find(COOKIE) == -1  # no script of the page sees it
    page.reload()
    _heading(page, "满意度")
    assert page.get_by_label("用户名").count() == 0
    second = context.new_page()
    second.goto(f"{server}/workload")
    _heading(second, "窗口办件")
    second.get_by_role("button", name="退出登录").wait_for()
    with browser.new_context() as elsewhere:  # a browser restarted, or another machine
        elsewhere.add_cookies([cookie])
        third = elsewhere.new_page()
        third.goto(f"{server}/hotspots")
        _heading(third, "投诉热点")
        assert third.get_by_label("用户名").count() == 0


def test_logout_in_one_tab_ends_the_other_on_its_next_action(server, context):
    first = context.new_page()
    _visit(first, server)
    _session_cookie(context)
    second = context.new_page()
    second.goto(f"{server}/workload")
    _heading(second, "窗口办件")
    first.get_by_role("button", name="退出登录").click()
    first.get_by_text("已退出登录。").wait_for(timeout=60_000)
    deadline = time.monotonic() + 30  # the logout's page clears the cookie
    while [c for c in context.cookies() if c["name"] == COOKIE] and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [c for c in context.cookies() if c["name"] == COOKIE]
    second.get_by_role("link", name="满意度", exact=True).click()  # its next action
    assert "登录已失效" in _login_page_notice(second)
    _shot(second, "session_ended_in_another_tab.png")
    second.reload()
    _login_page_notice(second)


def test_a_tampered_cookie_a_revoked_and_an_expired_session_are_refused(
    server, served_store, browser, context
):
    page = context.new_page()
    _visit(page, server)
    cookie = _session_cookie(context)

    def opened_with(value: str):
        with browser.new_context() as other:
            other.add_cookies([{**cookie, "value": value}])
            tab = other.new_page()
            tab.goto(f"{server}/trends")
            return _login_page_notice(tab)

    forged = cookie["value"][:-2] + ("AA" if not cookie["value"].endswith("AA") else "BB")
    assert "登录已失效" in opened_with(forged)
    assert opened_with("x") == "登录已失效（已退出、被管理员撤销或账户已停用），请重新登录。"
    with connect_waiting(served_store, 60) as con:  # idle past session_minutes (30)
        con.execute(
            "UPDATE sessions SET last_seen = last_seen - INTERVAL 31 MINUTE "
            "WHERE id_hash = sha256(?)",
            [cookie["value"]],
        )
    assert "长时间未操作" in opened_with(cookie["value"])
    _visit(page, server)
    fresh = _session_cookie(context)
    _cli("users", "revoke", "admin", "--db", str(served_store))
    assert "登录已失效" in opened_with(fresh["value"])
    page.get_by_role("link", name="窗口办件", exact=True).click()  # the open tab too
    assert "登录已失效" in _login_page_notice(page)


def test_the_display_account_sees_only_the_wall_and_stays_on_it_across_a_reload(
    server, served_store, browser
):
    _cli("users", "add", "lobby", "--role", "大屏", "--password-stdin", "--db", str(served_store),
         given=LOBBY_PASSWORD + "\n")  # fmt: skip
    with browser.new_context(viewport={"width": 1920, "height": 1080}) as screen_profile:
        screen = screen_profile.new_page()
        screen.goto(server)
        screen.get_by_label("用户名").fill("lobby")
        screen.get_by_label("密码", exact=True).fill(LOBBY_PASSWORD)
        screen.get_by_role("button", name="登录").click()
        screen.get_by_text("本月投诉热点").wait_for(timeout=60_000)
        cookie = _session_cookie(screen_profile)
        assert cookie["expires"] > time.time() + 29 * 86400  # wall_session_days (30)
        assert not screen.locator('[data-testid="stSidebar"]').is_visible()
        assert screen.locator('[data-testid="stSidebarNavLink"]').count() == 0  # no menu
        screen.reload()
        screen.get_by_text("本月投诉热点").wait_for(timeout=60_000)
        assert screen.get_by_label("用户名").count() == 0
        screen.wait_for_selector(".js-plotly-plot", timeout=60_000)
        _shot(screen, "wall_display_account.png")
        screen.goto(f"{server}/overview")  # not granted to this account: refused in words
        screen.get_by_text("无权访问此页面").wait_for(timeout=60_000)
        assert screen.get_by_role("heading", name="总览", exact=True).count() == 0
        assert screen.get_by_text("Page not found").count() == 0
        screen.get_by_role("link", name="前往「大屏」").click()
        screen.get_by_text("本月投诉热点").wait_for(timeout=60_000)
        assert screen.locator('[data-testid="stException"]').count() == 0
        # Left alone, the display refreshes itself within its session (each refresh a run).
        seen = _last_seen(served_store, cookie["value"])
        deadline = time.monotonic() + 60
        while _last_seen(served_store, cookie["value"]) == seen and time.monotonic() < deadline:
            time.sleep(0.5)
        assert _last_seen(served_store, cookie["value"]) > seen
        assert screen.get_by_label("用户名").count() == 0
        _cli("users", "revoke", "lobby", "--db", str(served_store))
        _login_page_notice(screen)  # its next refresh, with no one touching it
