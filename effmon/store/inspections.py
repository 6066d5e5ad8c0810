"""Inspection queries (日常巡查): the monthly coverage board, person-days against the plan,
pass rates, rectification tracking and the focus problems a prompt letter (提示函) is due
for. One set shared by the page and, later, the reports."""

from __future__ import annotations

from datetime import date

import duckdb
import numpy as np
import pandas as pd

from effmon import config
from effmon.store import queries, visits
from effmon.store.filters import Filters, in_months

DIMENSIONS = {
    "indicator": "x.indicator_id || ' ' || coalesce(i.name, '')",
    "site_id": "x.site_id || ' ' || coalesce(s.name, '')",
    "level": "s.level",
    "street": "s.street",
}
OPEN, OVERDUE, CLOSED = "待整改", "逾期未整改", "已整改"


def board_day(month: str, today: date | None = None) -> date:
    """The day a month's board is counted on: its last day, or today while it runs."""
    return min(pd.Period(month, "M").end_time.date(), today or date.today())


def coverage(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """Every site in ``month`` up to ``as_of``: site_id, name, level, street, visits,
    last_visit, inspected, and the indicators due and overdue there on ``as_of``
    (effmon.store.visits)."""
    board = con.execute(
        f"""
        SELECT s.site_id, s.name, s.level, s.street,
               count(DISTINCT x.visit_date) AS visits, max(x.visit_date) AS last_visit
        FROM sites s LEFT JOIN inspections x
            ON x.site_id = s.site_id AND {in_months("x.visit_date")} AND x.visit_date <= ?
        GROUP BY ALL ORDER BY s.site_id
        """,
        [month, month, as_of],
    ).df()
    due = visits.due_indicators(con, as_of).groupby("site_id")[["due", "overdue"]].sum()
    board = board.merge(due, left_on="site_id", right_index=True, how="left")
    board[["due", "overdue"]] = board[["due", "overdue"]].fillna(0).astype(int)
    return board.assign(inspected=board["visits"] > 0)


def person_days(con: duckdb.DuckDBPyConnection, month: str) -> pd.DataFrame:
    """Per site level: sites, indicators, plan (person-days a month), spent (on the visits
    of ``month``), share (spent / plan)."""
    frame = con.execute(
        f"""
        SELECT p.level, p.sites, p.indicators, p.person_days AS plan,
               coalesce(sum(v.person_days), 0) AS spent
        FROM inspection_plan p
        LEFT JOIN sites s ON s.level = p.level
        LEFT JOIN visits v ON v.site_id = s.site_id AND {in_months("v.visit_date")}
        GROUP BY ALL ORDER BY p.person_days DESC
        """,
        [month, month],
    ).df()
    return frame.assign(share=frame["spent"] / frame["plan"])


def pass_rates(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, dimension: str
) -> pd.DataFrame:
    """Checks (合格 or 不合格; 不适用 left out) per value of ``dimension``, months
    start..end: key, checked, passed, failed, pass_rate; lowest pass rate first."""
    where, params = filters.where("x", department=False)
    frame = con.execute(
        f"""
        SELECT {DIMENSIONS[dimension]} AS key,
               count(*) FILTER (WHERE x.result IN ('合格', '不合格')) AS checked,
               count(*) FILTER (WHERE x.result = '合格') AS passed,
               count(*) FILTER (WHERE x.result = '不合格') AS failed
        FROM inspections x
        LEFT JOIN sites s ON s.site_id = x.site_id
        LEFT JOIN indicators i ON i.indicator_id = x.indicator_id
        WHERE {in_months("x.visit_date")} AND {where}
        GROUP BY ALL
        """,
        [start, end, *params],
    ).df()
    frame["pass_rate"] = frame["passed"] / frame["checked"].where(frame["checked"] > 0)
    return frame.sort_values(["pass_rate", "key"], ignore_index=True)


def rectifications(con: duckdb.DuckDBPyConnection, as_of: date) -> pd.DataFrame:
    """Every failed check up to ``as_of``: site_id, name (the site's), indicator_id,
    indicator, visit_date, finding, rectify_by, state (待整改, 逾期未整改 or 已整改)."""
    frame = con.execute(
        """
        SELECT x.site_id, s.name, x.indicator_id, i.name AS indicator, x.visit_date,
               x.finding, x.rectify_by, x.rectify_state
        FROM inspections x
        LEFT JOIN sites s ON s.site_id = x.site_id
        LEFT JOIN indicators i ON i.indicator_id = x.indicator_id
        WHERE x.result = '不合格' AND x.visit_date <= ?
        ORDER BY x.visit_date DESC, x.site_id, x.indicator_id
        """,
        [as_of],
    ).df()
    late = pd.to_datetime(frame["rectify_by"]) < pd.Timestamp(as_of)
    closed = frame.pop("rectify_state") == visits.RECTIFIED
    frame["state"] = np.select([closed, late], [CLOSED, OVERDUE], OPEN)
    return frame


def prompt_letters(con: duckdb.DuckDBPyConnection, month: str, as_of: date) -> pd.DataFrame:
    """The focus problems a prompt letter is due for, per unit (site): indicators failing
    there ``failure_streak_months`` or more months in a row up to ``month``, and rectifications
    overdue on ``as_of``: site_id, name, indicator_id, indicator, problem, since."""
    streaks = queries.failure_streaks(con, month)
    streaks = streaks[streaks["months"] >= config.get_int("failure_streak_months")]
    repeated = pd.DataFrame(
        {
            "site_id": streaks["site_id"],
            "indicator_id": streaks["indicator_id"],
            "indicator": streaks["name"],
            "problem": "连续" + streaks["months"].astype(str) + "个月不合格",
            "since": streaks["first"],
        }
    )
    late = rectifications(con, as_of)
    late = late[late["state"] == OVERDUE]
    overdue = pd.DataFrame(
        {
            "site_id": late["site_id"],
            "indicator_id": late["indicator_id"],
            "indicator": late["indicator"],
            "problem": "整改逾期（期限 " + late["rectify_by"].astype(str) + "）",
            "since": pd.to_datetime(late["visit_date"]).dt.strftime("%Y-%m-%d"),
        }
    )
    names = con.execute("SELECT site_id, name FROM sites").df()
    found = pd.concat([repeated, overdue], ignore_index=True).merge(names, on="site_id")
    columns = ["site_id", "name", "indicator_id", "indicator", "problem", "since"]
    return found[columns].sort_values(["site_id", "indicator_id"], ignore_index=True)
