"""大屏: the wall display — the latest month's headline figures, its open findings, the
24-month trend and the complaint hot issues, large enough to read across a room, with no
sidebar, banner or widget, refreshing itself every wall_refresh_minutes."""

from datetime import datetime

import streamlit as st

from effmon import charts, config, labels
from effmon.analytics.overview import compute_kpis, month_window, period_name, stock_date
from effmon.findings_text import sentence
from effmon.ui import cached, cached_complaints, cached_trends, session
from effmon.ui.filters import WHOLE_DISTRICT
from effmon.ui.kpi import render_kpi_cards
from effmon.ui.plain import plain

# Sized for 1920×1080 CSS pixels: a 3840×2160 screen (at its usual 200% scale) shows the
# same picture, twice as sharp.
WALL_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"] { display: none; }
.block-container { padding: 20px 40px; max-width: 100%; }
[data-testid="stHeading"] h1 { font-size: 42px; padding: 0; }
[data-testid="stHeading"] h3 { font-size: 26px; padding: 6px 0; }
[data-testid="stMetricValue"] p { font-size: 46px; }
[data-testid="stMetricLabel"] p { font-size: 19px; }
[data-testid="stMetricDelta"] div, [data-testid="stCaptionContainer"] p { font-size: 15px; }
[data-testid="stMarkdownContainer"] li { font-size: 19px; }
</style>"""
SHOWN = 4  # findings and hot issues listed
TREND_HEIGHT = 420  # pixels: the trend and the cards fill a 1080-line screen


session.require("page:wall")
st.markdown(WALL_CSS, unsafe_allow_html=True)


@st.fragment(run_every=60 * config.get_float("wall_refresh_minutes"))
def _wall() -> None:
    path = cached.db()
    with cached.store_session(path):  # a refresh runs this alone, without app.py's session
        session.check_session()  # so it checks the login itself: revoked, back to the login
        _show(path)


def _show(path: str) -> None:
    months = cached.months(path)
    if not months:
        st.info(labels.NO_DATA)
        return
    month = months[0]  # newest first
    words = labels.WALL
    st.title(words["title"].format(month=period_name(month)))
    st.caption(
        words["as_of"].format(
            day=period_name(stock_date(month).isoformat()), now=f"{datetime.now():%H:%M}"
        )
    )
    start, end = month_window(month, 24)
    monthly = cached.monthly_overview(path, WHOLE_DISTRICT, start, end)
    render_kpi_cards(compute_kpis(monthly, month), month, per_row=6)
    trend, lists = st.columns([3, 2])
    with trend:
        st.subheader(labels.OVERVIEW_TREND)
        st.plotly_chart(charts.build_trend_figure(monthly, TREND_HEIGHT), key="wall_trend")
    with lists:
        st.subheader(words["findings"])
        open_ones = cached_trends.open_findings(path, month)
        sites = cached.site_names(path)
        said = [sentence(f, sites) for f in open_ones.head(SHOWN).to_dict("records")]
        st.markdown("\n".join(f"- {plain(s)}" for s in said) or words["no_findings"])
        st.subheader(words["hot"])
        hot = cached_complaints.hot_issues(path, WHOLE_DISTRICT, month, month).head(SHOWN)
        items = [
            words["hot_item"].format(title=plain(t), count=c)
            for t, c in zip(hot["title"], hot["complaints"], strict=True)
        ]
        st.markdown("\n".join(items) or words["no_hot"])


_wall()
