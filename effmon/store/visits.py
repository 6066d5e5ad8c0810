"""Inspection visits in the store (巡查录入): the checks of each indicator at each site, one
visit saved, a saved visit's checks changed and a rectification closed, every change keeping
the values it replaced in ``inspection_changes``. The rules are effmon.domain
(inspection_calendar, inspection_visits)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.frames import registered
from effmon.store.transaction import transaction


def last_checks(
    con: duckdb.DuckDBPyConnection, day: date, site_id: str | None = None
) -> pd.DataFrame:
    """Per site (or one site) and applicable indicator: site_id, level, indicator_id, name,
    method, frequency, last (the last check on or before ``day``)."""
    return con.execute(
        """
        SELECT s.site_id, s.level, i.indicator_id, i.name, i.method, i.frequency,
               max(x.visit_date) AS last
        FROM sites s
        JOIN indicators i ON list_contains(string_split(i.site_levels, '|'), s.level)
        LEFT JOIN inspections x
            ON x.site_id = s.site_id AND x.indicator_id = i.indicator_id AND x.visit_date <= ?
        WHERE ? IS NULL OR s.site_id = ?
        GROUP BY ALL ORDER BY s.site_id, i.indicator_id
        """,
        [day, site_id, site_id],
    ).df()


def insert_visit(
    con: duckdb.DuckDBPyConnection,
    head: dict,
    rows: pd.DataFrame,
    now: datetime,
) -> None:
    """Store one visit, all or nothing: ``head`` (visit_id, site_id, visit_date, inspector,
    person_days) and its ``rows`` (columns of inspections)."""
    with transaction(con):
        con.execute(
            "INSERT INTO visits VALUES (?, ?, ?, ?, ?, ?, 'app', NULL, ?)",
            [
                head["visit_id"],
                head["site_id"],
                head["visit_date"],
                head["inspector"],
                head["person_days"],
                now,
                now,
            ],
        )
        with registered(con, "_visit_rows", rows):
            con.execute(
                "INSERT INTO inspections BY NAME SELECT *, 'app' AS source_file, "
                "? AS loaded_at FROM _visit_rows",
                [now],
            )
        versions.changed(con, "fieldwork")


def visit(con: duckdb.DuckDBPyConnection, visit_id: str) -> tuple[dict | None, pd.DataFrame]:
    """One visit (site_id, visit_date, inspector, person_days, saved_at; None when there is
    no such visit) and its rows (indicator_id, name, result, finding, rectify_by,
    rectify_state)."""
    head = con.execute("SELECT * FROM visits WHERE visit_id = ?", [visit_id]).df()
    rows = con.execute(
        """
        SELECT x.indicator_id, i.name, x.result, x.finding, x.rectify_by, x.rectify_state
        FROM inspections x LEFT JOIN indicators i USING (indicator_id)
        WHERE x.visit_id = ? ORDER BY x.indicator_id
        """,
        [visit_id],
    ).df()
    return (None if head.empty else head.iloc[0].to_dict()), rows


def update_checks(
    con: duckdb.DuckDBPyConnection,
    visit_id: str,
    changed: pd.DataFrame,
    actor: str,
    reason: str,
    now: datetime,
    pending: str,
) -> None:
    """Write the ``changed`` checks of a visit (indicator_id, result_new, finding_new,
    rectify_by_new), all or nothing, keeping the rows they replace; a check newly failed
    starts in the rectification state ``pending``."""
    with transaction(con):
        for row in changed.itertuples():
            _keep_before(con, _OF_VISIT, [visit_id, row.indicator_id], actor, reason, now)
            con.execute(
                """
                UPDATE inspections SET result = ?, finding = ?, rectify_by = ?,
                    rectify_state = CASE WHEN ? = '不合格' THEN coalesce(rectify_state, ?) END
                WHERE visit_id = ? AND indicator_id = ?
                """,
                [
                    row.result_new,
                    row.finding_new,
                    row.rectify_by_new,
                    row.result_new,
                    pending,
                    visit_id,
                    row.indicator_id,
                ],
            )
        versions.changed(con, "fieldwork")


def rectify_states(
    con: duckdb.DuckDBPyConnection, site_id: str, indicator_id: str, visit_date: date
) -> list[str | None]:
    """The rectification state of the failed check(s) of an indicator on a visit day."""
    found = con.execute(
        f"SELECT rectify_state FROM inspections WHERE {_OF_CHECK}",
        [site_id, indicator_id, visit_date],
    )
    return [state for (state,) in found.fetchall()]


def set_rectify_state(
    con: duckdb.DuckDBPyConnection,
    site_id: str,
    indicator_id: str,
    visit_date: date,
    state: str,
    actor: str,
    note: str,
    now: datetime,
) -> None:
    """Set the rectification state of a failed check, keeping the state it had."""
    check = [site_id, indicator_id, visit_date]
    with transaction(con):
        _keep_before(con, _OF_CHECK, check, actor, note, now)
        con.execute(f"UPDATE inspections SET rectify_state = ? WHERE {_OF_CHECK}", [state, *check])
        versions.changed(con, "fieldwork")


def recent(con: duckdb.DuckDBPyConnection, site_id: str, limit: int = 10) -> pd.DataFrame:
    """The site's latest visits recorded in the app, newest first."""
    return con.execute(
        "SELECT * FROM visits WHERE site_id = ? ORDER BY visit_date DESC, saved_at DESC LIMIT ?",
        [site_id, limit],
    ).df()


def changes(con: duckdb.DuckDBPyConnection, site_id: str) -> pd.DataFrame:
    """Every change to the site's inspection records, newest first."""
    return con.execute(
        "SELECT * FROM inspection_changes WHERE site_id = ? ORDER BY changed_at DESC", [site_id]
    ).df()


# The rows one change touches: a saved visit's indicator, or a failed check of any source.
_OF_VISIT = "visit_id = ? AND indicator_id = ?"
_OF_CHECK = "site_id = ? AND indicator_id = ? AND visit_date = ? AND result = '不合格'"


def _keep_before(
    con: duckdb.DuckDBPyConnection,
    where: str,
    params: list,
    actor: str,
    reason: str | None,
    now: datetime,
) -> None:
    """Copy the rows about to change (``where``: _OF_VISIT or _OF_CHECK) into the history."""
    con.execute(
        f"""
        INSERT INTO inspection_changes
        SELECT visit_id, site_id, indicator_id, visit_date, ?, ?, ?, result, finding,
               rectify_by, rectify_state
        FROM inspections WHERE {where}
        """,
        [now, actor, reason or None, *params],
    )
