"""Who is using the app: the login form, the login session each run resumes (its id in
this connection's state, or in the browser's cookie), logout, and the server-side check of a
role before every page and action."""

from __future__ import annotations

import streamlit as st

from effmon import config, labels
from effmon.errors import EffmonError, SessionEnded
from effmon.security import accounts, sessions
from effmon.security.roles import allowed
from effmon.ui import cached, login_cookie, state


def current_user() -> dict | None:
    """The logged-in user (username, role), or None. Every run resumes the session from the
    store — the account re-read, the run recorded — so a session revoked, idle too long or of
    a disabled account ends here. A new browser connection (a reload, a new tab) resumes the
    session its cookie names, once."""
    session_id = st.session_state.get(state.SESSION_ID)
    from_cookie = session_id is None and not st.session_state.get(state.COOKIE_READ)
    if from_cookie:
        st.session_state[state.COOKIE_READ] = True  # the connection's cookie stays as it was
        session_id = login_cookie.read()
    if session_id is None:
        st.session_state.pop(state.USER, None)
        return None
    con = cached.cursor(cached.db())
    try:
        name, role = sessions.resume(con, session_id)
    except SessionEnded as ended:
        if from_cookie and ended.reason not in ("idle", "expired"):  # those resume records
            cached.record_audit(
                cached.db(), None, "session_refused", login_cookie.COOKIE,
                {"session": ended.reason}, client_address(),
            )  # fmt: skip
        _end(str(ended))
        return None
    user = {"username": name, "role": role}
    st.session_state[state.USER] = user
    if from_cookie:
        st.session_state[state.SESSION_ID] = session_id
        audited("session_resume", name)
    return user


def check_session() -> None:
    """In a run without app.py (a fragment refreshing itself): back to the login page when
    the session has ended."""
    if current_user() is None:
        st.rerun()


def username() -> str | None:
    user = st.session_state.get(state.USER)
    return user["username"] if user else None


def can(permission: str) -> bool:
    """True when the logged-in user's role grants ``permission``."""
    user = st.session_state.get(state.USER)
    return allowed(user["role"] if user else None, permission)


def require(permission: str) -> None:
    """Stop the page unless the logged-in user's role grants ``permission``."""
    if not can(permission):
        st.error(labels.LOGIN["forbidden"])
        st.stop()


def audited(action: str, target: str, **detail) -> None:
    """Record an action of the logged-in user, and the address it came from, in the audit
    trail."""
    cached.record_audit(cached.db(), username(), action, target, detail, client_address())


def client_address() -> str | None:
    """The address of this session's browser: the one the reverse proxy saw (the app
    listens on 127.0.0.1 only, so only a proxy on this machine reaches it), else the
    connection's own (None from this machine)."""
    forwarded = st.context.headers.get("X-Forwarded-For")
    address = forwarded.split(",")[0].strip() if isinstance(forwarded, str) else None
    address = address or st.context.ip_address
    return address if isinstance(address, str) else None  # no connection: no address


def render_login() -> None:
    """The login page."""
    path = cached.db()
    st.title(labels.APP_TITLE)  # the product's name, then what to do
    st.subheader(labels.LOGIN["title"])
    if notice := st.session_state.pop(state.LOGIN_NOTICE, None):
        st.info(notice)
    provider = config.get("sso_provider")
    if provider:
        _render_sso(path, provider)
        st.caption(labels.LOGIN["sso_or"])
    with st.form("login"):
        name = st.text_input(labels.LOGIN["username"], key=state.LOGIN_NAME)
        password = st.text_input(
            labels.LOGIN["password"], type="password", key=state.LOGIN_PASSWORD
        )
        submitted = st.form_submit_button(labels.LOGIN["submit"], type="primary")
    st.caption(labels.LOGIN["first_start"])
    if submitted:
        try:
            role = accounts.authenticate(cached.cursor(path), name.strip(), password)
        except EffmonError as exc:
            st.error(str(exc))
        else:
            _start(name.strip(), role)


def _render_sso(path: str, provider: str) -> None:
    """Single sign-on through the site's OIDC provider (Streamlit's st.login): the provider
    vouches for the identity, the local account of that name gives the role."""
    if not _sso_logged_in():
        if st.button(labels.LOGIN["sso"], type="primary", key=state.SSO):
            st.login(None if provider == "default" else provider)
        return
    if refused := st.session_state.get(state.SSO_REFUSED):  # said once, not on every rerun
        st.error(refused)
        if st.button(labels.LOGIN["logout"], key=state.SSO_LOGOUT):
            st.logout()
        return
    identity = st.user.get("email") or st.user.get("preferred_username")
    try:
        if not identity:
            raise EffmonError(labels.LOGIN["sso_identity_missing"])
        if st.user.get("email") and st.user.get("email_verified") is False:
            raise EffmonError(labels.LOGIN["sso_unverified"])
        role = accounts.authenticate_identity(cached.cursor(path), identity)
    except EffmonError as exc:
        st.session_state[state.SSO_REFUSED] = str(exc)
        st.rerun()
    _start(identity, role)


def _sso_logged_in() -> bool:
    # st.user is empty (no is_logged_in) where no provider is configured.
    return bool(st.user.get("is_logged_in"))


def _start(username: str, role: str) -> None:
    con = cached.cursor(cached.db())
    agent = st.context.headers.get("User-Agent")
    session_id = sessions.start(con, username, role, client_address(), agent)
    st.session_state[state.SESSION_ID] = session_id
    st.session_state[state.USER] = {"username": username, "role": role}
    login_cookie.set_after_run(session_id, sessions.lifetime(role))
    st.session_state[state.JUST_LOGGED_IN] = True
    st.rerun()


def render_logout() -> None:
    """The user and role in the sidebar, with the logout button."""
    user = st.session_state[state.USER]
    st.sidebar.caption(labels.LOGIN["who"].format(**user))
    if changed := st.session_state.pop(state.PASSWORD_CHANGED, None):
        st.sidebar.success(changed)
    if st.sidebar.button(labels.LOGIN["logout"], key=state.LOGOUT):
        cached.record_audit(
            cached.db(), user["username"], "logout", user["username"], {}, client_address()
        )
        sessions.end(cached.cursor(cached.db()), st.session_state[state.SESSION_ID], "logout")
        _end(labels.LOGIN["logged_out"])
        st.rerun()
    _render_password_change(user["username"])


def _render_password_change(username: str) -> None:
    """修改密码: the user's own change, with the current password."""
    words = labels.PASSWORD_FORM
    with st.sidebar.expander(words["title"]), st.form(state.PASSWORD_FORM, clear_on_submit=True):
        current = st.text_input(words["current"], type="password")
        new = st.text_input(words["new"], type="password")
        again = st.text_input(words["again"], type="password")
        if not st.form_submit_button(words["submit"]):
            return
        if new != again:
            st.error(words["mismatch"])
            return
        try:
            accounts.change_own_password(cached.cursor(cached.db()), username, current, new)
        except EffmonError as exc:
            st.error(str(exc))
        else:
            # The change ended every session of the account, this one too: a new one here.
            st.session_state[state.PASSWORD_CHANGED] = labels.ACCOUNTS["changed"]
            _start(username, st.session_state[state.USER]["role"])


@st.cache_resource(show_spinner=False)
def first_admin(path: str) -> None:
    """Create the first administrator when the store has no account; a generated password
    is printed once to the console that started the app. Once per store and process, not on
    every rerun."""
    generated = accounts.ensure_admin(cached.cursor(path), config.get("admin_password") or None)
    if generated:
        # On the server's console, once, as Jupyter shows its token; never on a page.
        print(labels.ACCOUNTS["first_admin"].format(password=generated), flush=True)  # noqa: T201


def _end(notice: str) -> None:
    for key in (state.USER, state.SESSION_ID):
        st.session_state.pop(key, None)
    st.session_state[state.LOGIN_NOTICE] = notice
    login_cookie.clear_after_run()
    if _sso_logged_in():  # else the provider's cookie would log the user straight back in
        st.logout()
