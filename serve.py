"""How effmon is served: `streamlit run serve.py` runs app.py on Streamlit's own server with
one route of effmon's added, the one that sets the HttpOnly login cookie
(effmon.ui.login_cookie) — a page run cannot set a cookie itself."""

import streamlit as st

from effmon.ui.login_cookie import routes

app = st.App("app.py", routes=routes())
