"""The login cookie's route: set once from a one-time code, HttpOnly, SameSite=Strict,
Path=/, Secure over https; cleared on request; nothing for a request without its header."""

import asyncio
from datetime import timedelta

import pytest
from starlette.applications import Starlette

from effmon.ui import login_cookie


def _handed(session_id: str, monkeypatch, max_age=timedelta(hours=12)) -> str:
    """The one-time code a login hands to the page (kept out of any session state)."""
    kept = {}
    monkeypatch.setattr(login_cookie.st, "session_state", kept)
    login_cookie.set_after_run(session_id, max_age)
    return kept["login_cookie"]


def _call(method: str, body: str = "", headers: dict | None = None) -> tuple[int, list[str]]:
    """(status, Set-Cookie headers) of one request to the route."""
    app = Starlette(routes=login_cookie.routes())
    scope = {
        "type": "http",
        "method": method,
        "path": "/_effmon/session",
        "headers": [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()],
        "scheme": "http",
        "server": ("127.0.0.1", 8501),
        "query_string": b"",
    }
    sent = []

    async def receive():
        return {"type": "http.request", "body": body.encode(), "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(app(scope, receive, send))
    start = sent[0]
    cookies = [v.decode() for k, v in start["headers"] if k == b"set-cookie"]
    return start["status"], cookies


SIGNED = {"X-Effmon-Session": "1"}


def test_a_code_sets_the_cookie_once(monkeypatch):
    code = _handed("the-session-id", monkeypatch)
    status, [cookie] = _call("POST", code, SIGNED)
    assert status == 204
    parts = {p.strip().lower() for p in cookie.split(";")}
    assert "effmon_session=the-session-id" in parts
    assert {"httponly", "samesite=strict", "path=/", f"max-age={12 * 3600}"} <= parts
    assert "secure" not in parts
    assert _call("POST", code, SIGNED) == (403, [])  # spent


@pytest.mark.parametrize(
    ("body", "headers"),
    [("unknown-code", SIGNED), (None, {}), (None, {"X-Effmon-Session": "0"})],
)
def test_no_cookie_without_a_live_code_and_the_header(monkeypatch, body, headers):
    code = _handed("the-session-id", monkeypatch)
    assert _call("POST", body or code, headers) == (403, [])


def test_an_old_code_is_refused(monkeypatch):
    code = _handed("the-session-id", monkeypatch)
    later = login_cookie.time.monotonic() + login_cookie.CODE_SECONDS + 1
    monkeypatch.setattr(login_cookie.time, "monotonic", lambda: later)
    assert _call("POST", code, SIGNED) == (403, [])


def test_behind_a_tls_proxy_the_cookie_is_secure(monkeypatch):
    code = _handed("the-session-id", monkeypatch)
    status, [cookie] = _call("POST", code, {**SIGNED, "X-Forwarded-Proto": "https"})
    assert status == 204
    assert "secure" in {p.strip().lower() for p in cookie.split(";")}


def test_logout_clears_the_cookie():
    status, [cookie] = _call("DELETE", "", SIGNED)
    parts = {p.strip().lower() for p in cookie.split(";")}
    assert status == 204 and 'effmon_session=""' in parts and "max-age=0" in parts
    assert {"httponly", "samesite=strict", "path=/"} <= parts
