"""Login sessions in the store: opened at login, resumed and renewed by each run, ended by
logout, idleness, their lifetime, an administrator, a disabled account or a new password."""

import threading
from datetime import datetime, timedelta

import pytest

from effmon.cli import main
from effmon.errors import EffmonError, SessionEnded
from effmon.readable import audit_detail
from effmon.security import accounts, sessions
from effmon.security.roles import ANALYST, DISPLAY, LEADER
from effmon.store import audit

NOW = datetime(2026, 11, 28, 9, 0)
MINUTE = timedelta(minutes=1)


@pytest.fixture
def wang(con) -> str:
    """An analyst's account."""
    accounts.add_user(con, "wangmin", ANALYST, "Long enough pw", "admin")
    return "wangmin"


def _reason(con, session_id: str, now: datetime) -> str:
    with pytest.raises(SessionEnded) as ended:
        sessions.resume(con, session_id, now)
    return ended.value.reason


def test_the_store_keeps_only_a_hash_of_the_id_and_each_run_renews_it(con, wang):
    session_id = sessions.start(con, wang, ANALYST, "10.0.0.7", "Chromium", now=NOW)
    assert len(session_id) >= 43  # 256 random bits
    stored = con.execute("SELECT * FROM sessions").df()
    assert session_id not in stored.astype(str).to_numpy().ravel().tolist()
    assert stored.at[0, "id_hash"] == sessions.digest(session_id)
    assert (stored.at[0, "client"], stored.at[0, "user_agent"]) == ("10.0.0.7", "Chromium")
    # A run every 20 minutes keeps a 30-minute session going past its first half hour.
    for minutes in (20, 40, 60):
        assert sessions.resume(con, session_id, NOW + minutes * MINUTE) == (wang, ANALYST)
    last_seen, expires_at = con.execute("SELECT last_seen, expires_at FROM sessions").fetchall()[0]
    assert (last_seen, expires_at) == (NOW + 60 * MINUTE, NOW + 90 * MINUTE)


def test_an_idle_session_ends_and_stays_ended(con, wang):
    session_id = sessions.start(con, wang, ANALYST, now=NOW)
    assert _reason(con, session_id, NOW + 31 * MINUTE) == "idle"
    assert _reason(con, session_id, NOW + 32 * MINUTE) == "revoked"
    [expired] = audit.search(con, action="session_expired")[["username", "detail"]].values
    assert expired[0] == wang and audit_detail(expired[1]) == "登录状态：超时"


def test_a_busy_session_ends_at_its_lifetime(con, wang, monkeypatch):
    monkeypatch.setenv("EFFMON_SESSION_HOURS", "2")
    session_id = sessions.start(con, wang, ANALYST, now=NOW)
    for minutes in range(20, 120, 20):
        sessions.resume(con, session_id, NOW + minutes * MINUTE)
    assert _reason(con, session_id, NOW + 121 * MINUTE) == "expired"


def test_a_wall_display_session_outlives_a_night_off_until_its_days_are_up(con):
    accounts.add_user(con, "lobby", DISPLAY, "Long enough pw", "admin")
    session_id = sessions.start(con, "lobby", DISPLAY, now=NOW)
    assert sessions.resume(con, session_id, NOW + timedelta(hours=14)) == ("lobby", DISPLAY)
    assert sessions.resume(con, session_id, NOW + timedelta(days=29)) == ("lobby", DISPLAY)
    assert _reason(con, session_id, NOW + timedelta(days=30, minutes=1)) == "expired"


@pytest.mark.parametrize(
    "change",
    [
        lambda con: accounts.set_disabled(con, "wangmin", True, "admin"),
        lambda con: accounts.set_password(con, "wangmin", "A new password 2", "admin"),
        lambda con: sessions.revoke(con, "wangmin", "admin"),
    ],
    ids=["disabled", "password reset", "revoked by an administrator"],
)
def test_an_account_change_ends_its_open_sessions_at_once(con, wang, change):
    first = sessions.start(con, wang, ANALYST, now=NOW)
    second = sessions.start(con, wang, ANALYST, now=NOW)
    accounts.add_user(con, "li", LEADER, "Long enough pw", "admin")
    other = sessions.start(con, "li", LEADER, now=NOW)
    change(con)
    assert _reason(con, first, NOW + MINUTE) == _reason(con, second, NOW + MINUTE) == "revoked"
    assert sessions.resume(con, other, NOW + MINUTE) == ("li", LEADER)
    [revoked] = audit.search(con, action="session_revoke")[["target", "detail"]].values
    assert revoked[0] == wang and audit_detail(revoked[1]).endswith("；数量：2")
    accounts.set_disabled(con, wang, False, "admin")  # enabled again: no session comes back
    assert _reason(con, first, NOW + 2 * MINUTE) == "revoked"


def test_an_account_disabled_behind_the_apps_back_is_refused_on_the_next_run(con, wang):
    session_id = sessions.start(con, wang, ANALYST, now=NOW)
    con.execute("UPDATE users SET disabled = true")  # as another process could
    assert _reason(con, session_id, NOW + MINUTE) == "disabled"
    con.execute("UPDATE users SET disabled = false")
    assert _reason(con, session_id, NOW + 2 * MINUTE) == "revoked"


def test_the_role_is_read_again_on_each_run(con, wang):
    session_id = sessions.start(con, wang, ANALYST, now=NOW)
    con.execute("UPDATE users SET role = ?", [LEADER])
    assert sessions.resume(con, session_id, NOW + MINUTE) == (wang, LEADER)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda s: s[:-1] + ("A" if s[-1] != "A" else "B"),
        lambda s: s.upper(),
        lambda s: s + "x",
        lambda s: sessions.digest(s),  # the stored hash is no key either
        lambda s: "",
    ],
)
def test_a_tampered_or_unknown_id_is_refused(con, wang, tamper):
    session_id = sessions.start(con, wang, ANALYST, now=NOW)
    assert _reason(con, tamper(session_id), NOW + MINUTE) == "unknown"
    assert sessions.resume(con, session_id, NOW + MINUTE) == (wang, ANALYST)


def test_logout_ends_one_session_and_the_listing_shows_the_open_ones(con, wang):
    now = datetime.now()
    left = sessions.start(con, wang, ANALYST, "10.0.0.1", now=now)
    sessions.start(con, wang, ANALYST, "10.0.0.2", now=now)
    sessions.start(con, wang, ANALYST, "10.0.0.3", now=now - timedelta(hours=1))  # idle
    sessions.end(con, left, "logout")
    assert _reason(con, left, now) == "revoked"
    listed = sessions.open_sessions(con)
    assert listed["client"].tolist() == ["10.0.0.2"]
    assert list(listed.columns) == [
        "username", "created_at", "last_seen", "expires_at", "client", "user_agent"
    ]  # fmt: skip
    with pytest.raises(EffmonError, match="没有用户「nobody」"):
        sessions.revoke(con, "nobody", "admin")


def test_rows_of_sessions_ended_a_month_ago_go_at_the_next_login(con, wang):
    old = sessions.start(con, wang, ANALYST, now=NOW - timedelta(days=40))
    sessions.end(con, old, "logout", now=NOW - timedelta(days=40))
    forgotten = sessions.start(con, wang, ANALYST, now=NOW - timedelta(days=35))  # never resumed
    recent = sessions.start(con, wang, ANALYST, now=NOW - timedelta(days=3))
    sessions.end(con, recent, "logout", now=NOW - timedelta(days=3))
    sessions.start(con, wang, ANALYST, now=NOW)
    kept = {row[0] for row in con.execute("SELECT id_hash FROM sessions").fetchall()}
    assert sessions.digest(recent) in kept and len(kept) == 2
    assert not {sessions.digest(old), sessions.digest(forgotten)} & kept


def test_the_users_revoke_command(tmp_path, capsys):
    db = str(tmp_path / "s.duckdb")
    assert main(["users", "add", "lobby", "--role", "大屏", "--db", db]) == 0
    from effmon.store.connect import open_store

    with open_store(db) as con:
        session_id = sessions.start(con, "lobby", DISPLAY)
    capsys.readouterr()
    assert main(["users", "revoke", "lobby", "--db", db]) == 0
    assert capsys.readouterr().out.strip() == "已撤销 lobby 的 1 个登录。"
    with open_store(db) as con:
        assert _reason(con, session_id, datetime.now()) == "revoked"
        [actor] = audit.search(con, action="session_revoke")["username"].tolist()
    assert actor.startswith("命令行")
    assert main(["users", "revoke", "nobody", "--db", db]) == 1


def test_a_download_built_while_the_page_reruns_resumes_the_same_session(con, wang):
    """A download is built on its own thread while the click's rerun resumes the same
    session: both renew its row at once, and neither fails on DuckDB's write conflict."""
    session_id = sessions.start(con, wang, ANALYST, None, None, now=NOW)
    failures = []

    def runs() -> None:
        cursor = con.cursor()
        for _ in range(150):
            try:
                sessions.resume(cursor, session_id, NOW + MINUTE)
            except Exception as exc:  # any failure is the finding
                failures.append(exc)

    threads = [threading.Thread(target=runs) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
