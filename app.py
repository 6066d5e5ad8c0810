"""effmon entrypoint: page config, login, shared sidebar, navigation over the views/ with a
menu of those the user's role may see (a page not granted is refused in words before it
runs, its URL leading to the refusal rather than to Streamlit's English "Page not found")."""

import os
from itertools import groupby

import streamlit as st

from effmon import config, labels
from effmon.errors import StoreError
from effmon.ui import cached, city_cached, failure, login_cookie, page_pdf, session, state
from effmon.ui.filters import render_filters
from effmon.ui.warm_up import warm_up

# (section, view) in menu order; the view's name is also its permission page:<name>.
# No Material icons: Streamlit fetches their images from Google's servers.
VIEWS = [
    ("dashboards", "overview"),
    ("dashboards", "workload"),
    ("dashboards", "explore"),
    ("dashboards", "trends"),
    ("dashboards", "satisfaction"),
    ("dashboards", "hotspots"),
    ("dashboards", "wall"),
    ("city", "city"),
    ("reports", "reports"),
    ("reports", "research"),
    ("fieldwork", "inspections"),
    ("fieldwork", "complaints"),
    ("fieldwork", "attendance"),
    ("admin", "data_admin"),
    ("admin", "audit"),
    ("admin", "users"),
    ("admin", "settings"),
]

# Views that read nothing of the sidebar filters: there the filters are not shown.
UNFILTERED = {"city", "reports", "complaints", "data_admin", "audit", "users", "settings", "wall"}
# Views shown alone, without the sidebar, the demo banner or the PDF button (the wall display).
ALONE = {"wall"}

st.set_page_config(page_title=labels.APP_TITLE, layout="wide")
os.umask(config.PRIVATE_UMASK)  # the store, backups and reports it writes: 0600


def _pages(landing: str) -> dict:
    """Every view's page by view, ``landing`` the one the root URL opens."""
    return {
        view: st.Page(f"views/{view}.py", title=labels.PAGES[view], default=view == landing)
        for _, view in VIEWS
    }


def _menu(pages: dict, granted: list[str]) -> None:
    """The sidebar's menu: the granted pages by section."""
    with st.sidebar:
        for section, views in groupby(VIEWS, key=lambda pair: pair[0]):
            shown = [pages[view] for _, view in views if view in granted]
            if shown:
                st.caption(labels.SECTIONS[section])
                for page in shown:
                    st.page_link(page)


def _refuse(pages: dict, landing: str) -> None:
    """A page the role may not open: why, and the way to the role's own first page."""
    st.error(labels.LOGIN["forbidden"])
    st.page_link(pages[landing], label=labels.LOGIN["back_to"].format(page=labels.PAGES[landing]))
    st.stop()


def _run(path: str) -> None:
    if not cached.months(path):
        with st.spinner(labels.DEMO_BUILDING):
            if cached.ensure_data(path):
                cached.data_changed()
    cached.findings_schedule(path)  # started once per process, if one is set
    warm_up(path)  # once per process, in the background
    session.first_admin(path)
    user = session.current_user()
    granted = [
        view
        for _, view in VIEWS
        if user
        and session.can(f"page:{view}")
        and (view != "city" or city_cached.lake_configured())  # a city's app only
    ]
    landing = granted[0] if granted else VIEWS[0][1]  # the 大屏 account lands on 大屏
    pages = _pages(landing)
    # Every page known, so a bookmarked URL survives the login step and a page not granted
    # is refused in words; the menu is effmon's own.
    navigation = st.navigation(list(pages.values()), position="hidden")
    view = next(v for v, page in pages.items() if page.title == navigation.title)
    just_logged_in = st.session_state.pop(state.JUST_LOGGED_IN, False)
    if user and view not in granted and just_logged_in:  # logged in on another role's page
        st.switch_page(pages[landing])  # (the login's cookie is handed over there)
    login_cookie.render()  # the cookie a login or logout of the last run decided
    if user is None:
        session.render_login()
        st.stop()
    if view not in granted:
        _refuse(pages, landing)
    if view in ALONE:
        navigation.run()
        return
    st.sidebar.title(labels.APP_TITLE)
    _menu(pages, granted)
    session.render_logout()
    filtered = view not in UNFILTERED
    if filtered:  # a page without them keeps their choice for the next page that shows them
        render_filters(path)
    if cached.is_demo(path):
        st.warning(labels.DEMO_BANNER.format(can=labels.ROLE_CAN[user["role"]]))
    page_pdf.start()
    navigation.run()
    page_pdf.render_export_button(navigation.title, filtered)


# The store is open only while this run lasts, so command-line loads can write in between.
try:
    with cached.store_session(cached.db()):
        _run(cached.db())
except StoreError as exc:  # the store stayed busy longer than store_wait_seconds
    st.error(str(exc))
except Exception as exc:  # st.stop and st.rerun are not Exceptions: they pass
    failure.page_failed(exc)
