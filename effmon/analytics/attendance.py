"""Key-time attendance derived at load time: the punches of a load become attendance
records by the rules of effmon.domain.attendance."""

from __future__ import annotations

import duckdb

from effmon.domain.attendance import derive_records
from effmon.store import attendance as store

# The catalog measures of the attendance checks, in the order pages and reports show them.
MEASURES = [
    "attendance_checks",
    "present_checks",
    "late_checks",
    "early_checks",
    "absent_checks",
    "present_share",
]


def derive(con: duckdb.DuckDBPyConnection, batch_id: int) -> int:
    """Attendance records of the people and days of one load of punches, from all their
    punches stored (a day may span two files); records derived before for them are
    replaced, any other record for the same person, day and slot (a spot check) stays.
    Returns how many records were written."""
    punches, span = store.batch_punches(con, batch_id)
    if span["first"] is None:
        return 0
    records = derive_records(punches, span["first"], span["last"])
    return store.replace_derived(con, records, batch_id=batch_id, **span)
