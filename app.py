"""effmon entrypoint: page config, login, shared sidebar, navigation over the views/ the
user's role may see (a page not granted is not registered, so its URL leads nowhere)."""

import os

import streamlit as st

from effmon import config, labels
from effmon.errors import StoreError
from effmon.ui import cached, failure, login_cookie, page_pdf, session
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
UNFILTERED = {"reports", "complaints", "data_admin", "audit", "users", "settings", "wall"}
# Views shown alone, without the sidebar, the demo banner or the PDF button (the wall display).
ALONE = {"wall"}

st.set_page_config(page_title=labels.APP_TITLE, layout="wide")
os.umask(config.PRIVATE_UMASK)  # the store, backups and reports it writes: 0600


def _pages(granted) -> dict[str, list]:
    found: dict[str, list] = {}
    for section, view in VIEWS:
        if granted(view):
            page = st.Page(f"views/{view}.py", title=labels.PAGES[view])
            found.setdefault(labels.SECTIONS[section], []).append(page)
    return found


def _run(path: str) -> None:
    if not cached.months(path):
        with st.spinner(labels.DEMO_BUILDING):
            if cached.ensure_data(path):
                cached.data_changed()
    cached.findings_schedule(path)  # started once per process, if one is set
    warm_up(path)  # once per process, in the background
    session.first_admin(path)
    user = session.current_user()
    login_cookie.render()  # the cookie a login or logout of the last run decided
    if user is None:
        # Every page known but none run: a bookmarked URL survives the login step.
        st.navigation(_pages(lambda view: True), position="hidden")
        session.render_login()
        st.stop()
    # Fully expanded: past twelve pages Streamlit would hide the rest behind "View more".
    navigation = st.navigation(_pages(lambda view: session.can(f"page:{view}")), expanded=True)
    # By title: the page a role lands on has the path "" (the 大屏 account lands on 大屏).
    view = next(v for _, v in VIEWS if labels.PAGES[v] == navigation.title)
    if view in ALONE:
        navigation.run()
        return
    st.sidebar.title(labels.APP_TITLE)
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
