"""Login sessions in the app (AppTest): a new connection resumes the session its cookie
names, a logout or an account change ends every connection of the session on its next run,
the 大屏 account sees the wall display alone, administrators list and revoke sessions."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from effmon.errors import SessionEnded
from effmon.security import sessions
from effmon.ui import login_cookie
from tests.conftest import REPO
from tests.logins import log_in, refused


def _entries(store, action: str) -> list[tuple]:
    with duckdb.connect(str(store)) as con:
        return con.execute(
            "SELECT username, detail FROM audit_log WHERE action = ? ORDER BY happened_at",
            [action],
        ).fetchall()


def _connection(monkeypatch, cookie: str | None) -> AppTest:
    """A new browser connection (a reload, a new tab) that sends ``cookie``."""
    monkeypatch.setattr(login_cookie, "read", lambda: cookie)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    return at


def _on_login_page(at: AppTest) -> bool:
    return "登录" in [s.value for s in at.subheader] and not at.metric


def _logged_in(at: AppTest) -> bool:
    return not at.exception and not _on_login_page(at)


def test_a_login_hands_the_browser_its_cookie_by_a_one_time_code(store):
    with duckdb.connect(str(store)) as con:
        from effmon.security.accounts import add_user

        add_user(con, "leader", "领导", "Director pw 2026", "test")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.run()
    at.text_input(key="login_name").set_value("leader")
    at.text_input(key="login_password").set_value("Director pw 2026")
    next(b for b in at.button if b.label == "登录").click()
    at.run()
    assert _logged_in(at)
    [script] = [h.proto.body for h in at.get("html") if "fetch(" in h.proto.body]
    code = script.split('body: "', 1)[1].split('"', 1)[0]
    session_id, max_age = login_cookie.take(code)
    assert session_id == at.session_state["session_id"] and max_age == 12 * 3600
    at.run()  # said once: the next run sends nothing
    assert not [h for h in at.get("html") if "fetch(" in h.proto.body]


def test_a_new_connection_resumes_the_session_of_its_cookie_once(store, monkeypatch):
    session_id = log_in(AppTest.from_file(str(REPO / "app.py")), "分析员")
    at = _connection(monkeypatch, session_id)
    assert _logged_in(at) and at.metric  # the overview, without the login form
    at.run()
    at.run()
    assert _entries(store, "session_resume") == [("测试用户", "{}")]  # once, not per rerun


@pytest.mark.parametrize("cookie", ["forged-id", None])
def test_a_tampered_cookie_or_none_gets_the_login_page(store, monkeypatch, cookie):
    session_id = log_in(AppTest.from_file(str(REPO / "app.py")))
    at = _connection(monkeypatch, cookie and session_id[:-2] + "xy")
    assert _on_login_page(at)
    refused = _entries(store, "session_refused")
    assert refused == ([(None, '{"session": "unknown"}')] if cookie else [])
    if cookie:
        assert "登录已失效" in at.info[0].value
        assert [h for h in at.get("html") if 'method: "DELETE"' in h.proto.body]


def test_logout_in_one_tab_ends_the_other_on_its_next_run(store, monkeypatch):
    session_id = log_in(AppTest.from_file(str(REPO / "app.py")))
    first = _connection(monkeypatch, session_id)
    second = _connection(monkeypatch, session_id)
    assert _logged_in(first) and _logged_in(second)
    first.sidebar.button(key="logout").click()
    first.run()
    assert _on_login_page(first) and first.info[0].value == "已退出登录。"
    assert [h for h in first.get("html") if 'method: "DELETE"' in h.proto.body]  # the cookie
    first.run()  # the connection's cookie is not taken up again after the logout
    assert _on_login_page(first) and not _entries(store, "session_refused")
    second.run()
    assert _on_login_page(second) and "登录已失效" in second.info[0].value
    assert not _logged_in(_connection(monkeypatch, session_id))  # nor a reload with it


def test_disabling_an_account_ends_its_open_page_at_once(store, monkeypatch):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at, "分析员")
    at.run()
    assert _logged_in(at)
    from effmon.cli import main

    assert main(["users", "disable", "测试用户", "--db", str(store)]) == 0
    at.run()
    assert _on_login_page(at)


def test_the_display_account_has_the_wall_display_alone(store):
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at, "大屏", "大厅大屏")
    at.run()
    assert not at.exception
    assert at.title[0].value.endswith("政务服务运行情况")  # lands on the wall display
    assert not at.sidebar.children and not at.warning and not at.button
    for page in ("views/overview.py", "views/trends.py", "views/users.py"):
        at.switch_page(page)
        at.run()
        assert refused(at)


def test_an_administrator_lists_the_open_sessions_and_revokes_one(store):
    lobby = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(lobby, "大屏", "大厅大屏")
    lobby.run()
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at)
    at.run()
    at.switch_page("views/users.py")
    at.run()
    listed = next(d.value for d in at.dataframe if "最近操作" in d.value.columns)
    assert set(listed["用户名"]) == {"大厅大屏", "测试用户"}
    at.selectbox(key="sessions_pick").set_value("大厅大屏")
    next(b for b in at.button if b.label == "撤销该用户的全部登录").click()
    at.run()
    assert at.success[0].value.startswith("已撤销 大厅大屏 的 1 个登录")
    listed = next(d.value for d in at.dataframe if "最近操作" in d.value.columns)
    assert set(listed["用户名"]) == {"测试用户"}
    lobby.run()
    assert _on_login_page(lobby)
    assert [u for u, _ in _entries(store, "session_revoke")] == ["测试用户"]


def test_a_password_reset_on_the_users_page_ends_the_account_sessions(store):
    other = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    target = log_in(other, "巡查员", "巡查员甲")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    log_in(at)
    at.run()
    at.switch_page("views/users.py")
    at.run()
    at.selectbox(key="users_pick").set_value("巡查员甲")
    at.radio(key="users_action").set_value("password")
    next(b for b in at.button if b.label == "执行").click()
    at.run()
    with duckdb.connect(str(store)) as con, pytest.raises(SessionEnded, match="登录已失效"):
        sessions.resume(con, target)


def test_a_change_of_ones_own_password_ends_the_other_sessions_and_keeps_this_one(store):
    with duckdb.connect(str(store)) as con:
        from effmon.security.accounts import add_user

        add_user(con, "wangmin", "分析员", "Old password 1", "test")
        elsewhere = sessions.start(con, "wangmin", "分析员")
        here = sessions.start(con, "wangmin", "分析员")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.session_state["session_id"] = here
    at.run()
    boxes = {t.label: t for t in at.sidebar.text_input}
    boxes["当前密码"].set_value("Old password 1")
    boxes["新密码"].set_value("New password 2")
    boxes["再次输入新密码"].set_value("New password 2")
    next(b for b in at.sidebar.button if b.label == "修改").click()
    at.run()
    assert _logged_in(at) and at.sidebar.success[0].value == "密码已修改。"
    assert at.session_state["session_id"] != here  # a new session, its cookie handed over
    assert [h for h in at.get("html") if 'method: "POST"' in h.proto.body]
    at.run()
    assert _logged_in(at)
    with duckdb.connect(str(store)) as con:
        for ended in (here, elsewhere):
            with pytest.raises(SessionEnded):
                sessions.resume(con, ended)
