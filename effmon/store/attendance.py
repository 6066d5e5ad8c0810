"""Key-time attendance (重点时段考勤) in the store: the punches of a load, the records derived
from them (effmon.domain.attendance) written back, summaries by person, window, department
and site, and the staff's violations of the service rules found by inspections (the seed's
大厅人员管理 item)."""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from effmon.domain.attendance import STAFF_RULES
from effmon.store.filters import Filters, in_months
from effmon.store.frames import registered
from effmon.store.measures import measure_frame

DIMENSIONS = {
    "staff_name": "a.staff_name",
    "window_name": "a.window_name",
    "department": "a.department",
    "site_id": "a.site_id",
}


def batch_punches(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[pd.DataFrame, dict]:
    """Every stored punch (a day may span two files) of the people in one load of punches
    on the days it covers, and the load's span: first, last (dates; None for an empty
    load), names, source_file, loaded_at."""
    first, last, names, source_file, loaded_at = con.execute(
        "SELECT min(punched_at)::DATE, max(punched_at)::DATE, list(DISTINCT staff_name), "
        "any_value(source_file), any_value(loaded_at) FROM punches WHERE batch_id = ?",
        [batch_id],
    ).fetchall()[0]
    span = {
        "first": first,
        "last": last,
        "names": names,
        "source_file": source_file,
        "loaded_at": loaded_at,
    }
    if first is None:
        return pd.DataFrame(), span
    punches = con.execute(
        "SELECT * FROM punches WHERE list_contains(?, staff_name) "
        "AND punched_at::DATE BETWEEN ? AND ?",
        [names, first, last],
    ).df()
    return punches, span


def replace_derived(
    con: duckdb.DuckDBPyConnection,
    records: pd.DataFrame,
    *,
    names: list[str],
    first: date,
    last: date,
    source_file: str,
    batch_id: int,
    loaded_at: datetime,
) -> int:
    """Replace the records derived before from punches for ``names`` between ``first`` and
    ``last`` with ``records``; any other record for the same person, day and slot (a spot
    check) stays. Returns how many records were written."""
    con.execute(
        """
        DELETE FROM attendance WHERE list_contains(?, staff_name)
            AND check_date BETWEEN ? AND ?
            AND batch_id IN (SELECT batch_id FROM load_batches WHERE kind = 'punches')
        """,
        [names, first, last],
    )
    with registered(con, "_derived", records):
        return con.execute(
            """
            INSERT INTO attendance BY NAME
            SELECT d.*, ? AS source_file, ? AS batch_id, ? AS loaded_at FROM _derived d
            WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.staff_name = d.staff_name
                              AND a.check_date = d.check_date AND a.slot = d.slot)
            """,
            [source_file, batch_id, loaded_at],
        ).fetchall()[0][0]


def summary(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    dimension: str,
    keys: list[str],
) -> pd.DataFrame:
    """Catalog measures ``keys`` of the checks (among them absent_checks, late_checks and
    early_checks) per value of ``dimension`` in months start..end: key and one column per
    measure; the most absences and late arrivals first."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension: {dimension}")
    frame = measure_frame(con, filters, start, end, keys, [dimension])
    return frame.rename(columns={dimension: "key"}).sort_values(
        ["absent_checks", "late_checks", "early_checks", "key"],
        ascending=[False, False, False, True],
        ignore_index=True,
    )


def records(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str, **match: str
) -> pd.DataFrame:
    """The attendance records in months start..end that are not 在岗, for the values in
    ``match`` (a dimension of DIMENSIONS → its value), newest first."""
    where, params = filters.where("a")
    for dimension, value in match.items():
        where += f" AND {DIMENSIONS[dimension]} = ?"
        params.append(value)
    return con.execute(
        f"""
        SELECT strftime(a.check_date, '%Y-%m-%d') AS check_date, a.slot, a.staff_name,
               a.department, a.site_id, a.window_name, a.checked_at, a.status, a.source_file
        FROM attendance a
        WHERE {in_months("a.check_date")} AND {where} AND a.status <> '在岗'
        ORDER BY a.check_date DESC, a.slot, a.staff_name
        """,
        [start, end, *params],
    ).df()


def staff_rule_violations(
    con: duckdb.DuckDBPyConnection, filters: Filters, start: str, end: str
) -> pd.DataFrame:
    """Per month and site, the failed inspections of the staff-conduct indicators
    (STAFF_RULES): month, site_id, name, indicator, failures, findings."""
    where, params = filters.where("x", department=False)
    return con.execute(
        f"""
        SELECT strftime(x.visit_date, '%Y-%m') AS month, x.site_id, s.name,
               i.name AS indicator, count(*) AS failures,
               string_agg(DISTINCT x.finding, '；') AS findings
        FROM inspections x
        JOIN indicators i USING (indicator_id)
        LEFT JOIN sites s ON s.site_id = x.site_id
        WHERE x.result = '不合格' AND list_contains(?, i.name)
          AND {in_months("x.visit_date")} AND {where}
        GROUP BY ALL ORDER BY month DESC, failures DESC, x.site_id
        """,
        [list(STAFF_RULES), start, end, *params],
    ).df()
