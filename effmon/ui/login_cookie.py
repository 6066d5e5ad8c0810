"""The browser's half of a login session: a cookie holding nothing but the session's id,
HttpOnly (no script of the page can read it), SameSite=Strict, Path=/, Secure over https.

A page run cannot set a cookie, so the server's own route (``routes``, mounted by serve.py)
sets and clears it. A login hands the id over through a one-time code: the next run's page
posts the code to the route, which answers with the cookie. A new browser connection sends
the cookie with it (``read``); the store decides whether its session still holds.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import timedelta

import streamlit as st
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from effmon.ui import state

COOKIE = "effmon_session"
ROUTE = "_effmon/session"
HEADER = "X-Effmon-Session"  # a cross-site page cannot send it without the route's consent
CODE_SECONDS = 60  # how long a handed-over code waits for the page to post it

_codes: dict[str, tuple[str, int, float]] = {}  # code → (session id, max age s, deadline)
_codes_lock = threading.Lock()


def read() -> str | None:
    """The session id this browser sent with its connection, or None."""
    value = st.context.cookies.get(COOKIE)
    return value if isinstance(value, str) and value else None


def set_after_run(session_id: str, max_age: timedelta) -> None:
    """Have the browser store ``session_id`` for ``max_age`` (sent by the next ``render``)."""
    code = secrets.token_urlsafe(24)
    now = time.monotonic()
    with _codes_lock:
        for stale in [c for c, (_, _, deadline) in _codes.items() if deadline < now]:
            del _codes[stale]
        _codes[code] = (session_id, int(max_age.total_seconds()), now + CODE_SECONDS)
    st.session_state[state.COOKIE_ACTION] = code


def clear_after_run() -> None:
    """Have the browser drop its session cookie (sent by the next ``render``)."""
    st.session_state[state.COOKIE_ACTION] = ""


def render() -> None:
    """Send the browser, once, what the last run decided for its cookie: a script that posts
    the one-time code to the route, or asks it to clear the cookie. Its hidden slot is there
    on every run, so the page's elements after it keep their places when the script goes."""
    action = st.session_state.pop(state.COOKIE_ACTION, None)
    script = ""
    if action is not None:
        method = "POST" if action else "DELETE"
        request = f'{{method: "{method}", body: "{action}", headers: {{"{HEADER}": "1"}}}}'
        script = f'<script>fetch("{_path()}", {request});</script>'
    with st.container(key=state.COOKIE_ACTION):
        st.html(
            f"<style>.st-key-{state.COOKIE_ACTION} {{ display: none; }}</style>{script}",
            unsafe_allow_javascript=True,
        )


def routes() -> list[Route]:
    """The route that sets (POST with a code) and clears (DELETE) the session cookie."""
    return [Route(_path(), _session_cookie, methods=["POST", "DELETE"])]


def take(code: str) -> tuple[str, int] | None:
    """(session id, max age in seconds) handed over under ``code``, once; None when the code
    is unknown, used or older than CODE_SECONDS."""
    with _codes_lock:
        found = _codes.pop(code, None)
    if found is None or found[2] < time.monotonic():
        return None
    return found[0], found[1]


async def _session_cookie(request: Request) -> Response:
    if request.headers.get(HEADER) != "1":
        return Response(status_code=403)
    response = Response(status_code=204)
    cookie = {
        "path": "/",
        "httponly": True,
        "samesite": "strict",
        # Behind the TLS proxy of the README the app itself is reached over http.
        "secure": "https" in (request.url.scheme, request.headers.get("X-Forwarded-Proto")),
    }
    if request.method == "DELETE":
        response.delete_cookie(COOKIE, **cookie)
        return response
    handed = take((await request.body()).decode(errors="replace"))
    if handed is None:
        return Response(status_code=403)
    session_id, max_age = handed
    response.set_cookie(COOKIE, session_id, max_age=max_age, **cookie)
    return response


def _path() -> str:
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}/{ROUTE}" if base else f"/{ROUTE}"
