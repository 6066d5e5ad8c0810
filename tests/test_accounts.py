"""Local accounts: hashing, lock-out, no default password, the users CLI, roles."""

import io
import json
import time
from datetime import datetime, timedelta

import pytest

from effmon.cli import main
from effmon.errors import EffmonError
from effmon.readable import audit_detail
from effmon.security import accounts
from effmon.security.roles import ADMIN, ANALYST, DISPLAY, INSPECTOR, LEADER, allowed
from effmon.store import audit

NOW = datetime(2026, 11, 28, 9, 0)


def test_a_password_is_stored_only_as_a_hash_and_checked(con):
    accounts.add_user(con, "wangmin", ANALYST, "Correct horse 1", "admin")
    stored = con.execute("SELECT password_hash FROM users").fetchall()[0][0]
    assert "correct horse" not in stored and stored.startswith("$argon2")
    assert accounts.authenticate(con, "wangmin", "Correct horse 1", NOW) == ANALYST
    with pytest.raises(EffmonError, match="用户名或密码错误"):
        accounts.authenticate(con, "wangmin", "wrong password", NOW)
    with pytest.raises(EffmonError, match="用户名或密码错误"):  # same message: no hint
        accounts.authenticate(con, "nobody", "wrong password", NOW)
    with pytest.raises(EffmonError, match="至少 10 个字符"):
        accounts.add_user(con, "li", LEADER, "short", "admin")


def test_repeated_failures_lock_the_account_for_a_while(con):
    accounts.add_user(con, "li", INSPECTOR, "Long enough pw", "admin")
    for _ in range(5):
        with pytest.raises(EffmonError, match="用户名或密码错误"):
            accounts.authenticate(con, "li", "bad", NOW)
    with pytest.raises(EffmonError, match="用户名或密码错误"):  # locked: said like a wrong one
        accounts.authenticate(con, "li", "Long enough pw", NOW + timedelta(minutes=1))
    assert accounts.authenticate(con, "li", "Long enough pw", NOW + timedelta(minutes=16))
    accounts.set_disabled(con, "li", True, "admin")
    with pytest.raises(EffmonError, match="用户名或密码错误"):  # disabled: the same answer
        accounts.authenticate(con, "li", "Long enough pw", NOW + timedelta(minutes=17))
    actions = audit.search(con, username="li")["action"].tolist()
    assert actions.count("login_failed") == 7 and actions.count("login") == 1
    shown = set(audit.search(con, username="li")["detail"].map(audit_detail))
    assert {"原因：密码错误", "原因：账户已锁定", "原因：账户已停用", ""} <= shown


def test_the_first_administrator_has_no_default_password(con):
    generated = accounts.ensure_admin(con)
    assert generated and len(generated) >= 12
    assert accounts.authenticate(con, "admin", generated, NOW) == ADMIN
    assert accounts.ensure_admin(con) is None  # only once
    other = accounts.ensure_admin  # a given password is used as it is
    con.execute("DELETE FROM users")
    assert other(con, "Given password 1") is None
    assert accounts.authenticate(con, "admin", "Given password 1", NOW) == ADMIN


def test_the_users_command(tmp_path, capsys, monkeypatch):
    db = str(tmp_path / "s.duckdb")
    assert main(["users", "add", "zhao", "--role", "巡查员", "--db", db]) == 0
    printed = capsys.readouterr().out
    assert "已新建账户 zhao（巡查员）" in printed and "只显示这一次" in printed
    monkeypatch.setattr("sys.stdin", io.StringIO("Another pass 2\n"))  # never in argv
    assert main(["users", "passwd", "zhao", "--password-stdin", "--db", db]) == 0
    assert "只显示这一次" not in capsys.readouterr().out
    with pytest.raises(SystemExit):  # the old way, which put it in the process list
        main(["users", "passwd", "zhao", "--password", "Another pass 3", "--db", db])
    assert main(["users", "disable", "zhao", "--db", db]) == 0
    assert main(["users", "list", "--db", db]) == 0
    listing = capsys.readouterr().out
    assert "zhao" in listing and "已停用" in listing and "argon2" not in listing
    assert "NaT" not in listing and "True" not in listing and "用户名" in listing
    assert main(["users", "add", "zhao", "--role", "巡查员", "--db", db]) == 1  # exists


@pytest.mark.parametrize(
    ("role", "can", "cannot"),
    [
        (LEADER, ["page:overview", "report"], ["export", "page:explore", "load", "fieldwork"]),
        (ANALYST, ["page:explore", "export", "report"], ["load", "fieldwork", "page:audit"]),
        (INSPECTOR, ["page:inspections", "fieldwork"], ["page:overview", "export", "load"]),
        (ADMIN, ["load", "admin", "page:audit", "export", "fieldwork"], []),
        (DISPLAY, ["page:wall"], ["page:overview", "page:trends", "report", "export"]),
    ],
)
def test_what_each_role_may_do(role, can, cannot):
    assert all(allowed(role, p) for p in can)
    assert not any(allowed(role, p) for p in cannot)
    assert not allowed(None, "page:overview")


def test_a_load_is_audited_with_its_hash_and_a_refused_one_is_not(con, write_file):
    from effmon.ingest.pipeline import load_file

    good = write_file("节假日.csv", "日期,类型\n2027-05-04,放假\n")
    load_file(con, "holidays", good, actor="wangmin")
    bad = write_file("坏.csv", "日期,类型\n2027-05-04,也许\n")
    load_file(con, "holidays", bad, actor="wangmin")
    loads = audit.search(con, action="load")
    assert loads["target"].tolist() == ["节假日.csv"] and loads["username"].tolist() == ["wangmin"]
    assert '"sha256": "' in loads.at[0, "detail"] and '"rows_new": 1' in loads.at[0, "detail"]
    shown = audit_detail(loads.at[0, "detail"])  # as the audit page shows it
    assert shown.startswith("类型：节假日安排（官方）；文件校验值：")
    assert "新增行数：1；拒绝行数：0；批次：" in shown


def test_single_sign_on_maps_the_identity_to_a_local_account(con):
    accounts.add_user(con, "wang@district.gov.cn", ANALYST, "Long enough pw", "admin", sso=True)
    accounts.add_user(con, "li@district.gov.cn", LEADER, "Long enough pw", "admin", sso=True)
    accounts.set_disabled(con, "li@district.gov.cn", True, "admin")
    assert accounts.authenticate_identity(con, "wang@district.gov.cn") == ANALYST
    with pytest.raises(EffmonError, match="没有以该身份"):
        accounts.authenticate_identity(con, "stranger@example.com")
    with pytest.raises(EffmonError, match="已停用"):
        accounts.authenticate_identity(con, "li@district.gov.cn")
    logged = con.execute(
        "SELECT action, target, detail FROM audit_log WHERE action LIKE 'login%' "
        "ORDER BY happened_at"
    ).fetchall()
    assert [(a, t) for a, t, _ in logged] == [
        ("login", "wang@district.gov.cn"),
        ("login_failed", "stranger@example.com"),
        ("login_failed", "li@district.gov.cn"),
    ]


def test_parallel_wrong_passwords_lock_the_account_at_its_limit_all_audited(tmp_path):
    """12 attempts at once from 12 threads: each counted, none failing on a write
    conflict, every one audited, the account locked at the fifth."""
    import threading

    from effmon.store.connect import open_store

    con = open_store(tmp_path / "s.duckdb")
    accounts.add_user(con, "li", INSPECTOR, "Long enough pw", "admin")
    answers: list[str] = []

    def attempt() -> None:
        try:
            accounts.authenticate(con.cursor(), "li", "bad guess", NOW)
        except Exception as exc:  # any other answer than the one refusal is a failure here
            answers.append(str(exc))

    threads = [threading.Thread(target=attempt) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == ["用户名或密码错误。"] * 12
    reasons = [
        json.loads(d)["reason"]
        for d in audit.search(con, username="li", action="login_failed")["detail"]
    ]
    assert sorted(reasons) == ["locked"] * 7 + ["password"] * 5
    locked_until = con.execute("SELECT locked_until FROM users").fetchall()[0][0]
    assert locked_until == NOW + timedelta(minutes=15)


def test_an_unknown_name_is_answered_in_the_time_of_a_known_one(con):
    accounts.add_user(con, "wangmin", ANALYST, "Correct horse 1", "admin")

    def seconds(name: str) -> float:
        started = time.perf_counter()
        with pytest.raises(EffmonError):
            accounts.authenticate(con, name, "wrong password", NOW)
        return time.perf_counter() - started

    known = min(seconds("wangmin") for _ in range(3))
    unknown = min(seconds("nobody") for _ in range(3))
    assert unknown > known / 3  # both check a hash: no 4 ms against 244 ms


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("1111111111", "至少三类"),
        ("longenoughpassword", "至少三类"),
        ("Short1!", "至少 10 个字符"),
        ("Wangmin-2026-pw", "不能包含用户名"),
    ],
)
def test_weak_passwords_are_refused(con, password, why):
    with pytest.raises(EffmonError, match=why):
        accounts.add_user(con, "wangmin", ANALYST, password, "admin")


def test_a_user_changes_their_own_password_but_not_back_to_a_recent_one(con):
    accounts.add_user(con, "wangmin", ANALYST, "Correct horse 1", "admin")
    with pytest.raises(EffmonError, match="当前密码不正确"):
        accounts.change_own_password(con, "wangmin", "guessed Wrong 1", "Brand new pw 2")
    accounts.change_own_password(con, "wangmin", "Correct horse 1", "Brand new pw 2")
    assert accounts.authenticate(con, "wangmin", "Brand new pw 2", NOW) == ANALYST
    with pytest.raises(EffmonError, match="最近 5 次"):
        accounts.change_own_password(con, "wangmin", "Brand new pw 2", "Correct horse 1")
    actions = audit.search(con, username="wangmin")["action"].tolist()
    assert "password_change_failed" in actions and "user_password" in actions


def test_single_sign_on_reaches_only_accounts_opened_for_it(con):
    accounts.add_user(con, "admin", ADMIN, "Chief of office 1", "系统")  # no --sso
    accounts.add_user(con, "wang@district.gov.cn", ANALYST, "Long enough pw", "admin", sso=True)
    assert accounts.authenticate_identity(con, "wang@district.gov.cn") == ANALYST
    with pytest.raises(EffmonError, match="开通统一身份认证登录"):
        accounts.authenticate_identity(con, "admin")  # an IdP user named admin
