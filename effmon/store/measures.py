"""Read queries generated from the measure catalog (effmon.semantic): any catalog measures
by up to two dimensions over a span of months.

Each source is a relation (alias ``c``) with a timestamp or month column that places its
rows in a month, the dimensions it can be grouped by and the filters that apply to it. A
measure's SQL comes from the catalog and is only ever placed here; dimension and measure
keys are checked against the catalog and SOURCES, never pasted from a user.

The same queries read a city's lake (effmon.city): there every row carries its district
(区县), a site is known by its district and code, and the complaint tickets are read as the
district exported them, judged by its own limits (``Source.lake_relation``). Each query is
written in DuckDB's dialect; effmon.store.spark_sql translates it for Spark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

import duckdb
import numpy as np
import pandas as pd

from effmon import config
from effmon.semantic import catalog
from effmon.store.filters import Filters


@dataclass(frozen=True)
class Source:
    relation: str
    at: str  # the column that places a row in a month
    dimensions: dict[str, str] = field(default_factory=dict)
    site: bool = True  # the site filters apply
    department: bool = True  # the department filter applies
    lake_relation: str = ""  # the relation in a city's lake where it differs from ``relation``

    def over(self, lake: bool) -> str:
        """The relation the source's rows come from, in the store or in a city's lake."""
        return self.lake_relation if lake and self.lake_relation else self.relation


_CUBE_DIMENSIONS = {
    "level": "s.level",
    "street": "s.street",
    "site_id": "c.site_id",
    "department": "c.department",
    "window_name": "c.window_name",
    "channel": "c.channel",
    "item": "c.item",
}
# A complaint with its on-time judgement: closed (its first 办结 event) within the 办结 limit
# of its source in working days; NULL while open or without a limit. The one definition of
# 按时办结 (effmon.store.closure reads it too). repeat_after_days: the days from the latest
# closure that makes the ticket a repeat (重复投诉) to its receipt, NULL when none does: a
# closed ticket of the same complainant, or a closed ticket of the same problem (category) at
# the same place (site, else street) while no report of that problem there was still open —
# many people reporting one outage on the same days are a hot issue, not repeats. The
# catalog's repeat_count compares it with the setting repeat_complaint_days.
COMPLAINT_TICKETS = """(
    WITH flow AS (
        SELECT t.*, k.closed_at AS flow_closed_at, coalesce(t.site_id, t.street) AS place
        FROM complaints t
        LEFT JOIN (SELECT ticket_id, min(happened_at) AS closed_at FROM complaint_events
                   WHERE state = '办结' GROUP BY ticket_id) k USING (ticket_id)
    )
    SELECT t.* EXCLUDE (place), l.limit_workdays,
           CASE WHEN t.flow_closed_at IS NOT NULL
                THEN closed.workday_no - received.workday_no <= l.limit_workdays END AS on_time,
           least(
               (SELECT min(date_diff('second', p.flow_closed_at, t.received_at)) / 86400 FROM flow p
                WHERE p.complainant = t.complainant AND p.ticket_id <> t.ticket_id
                  AND p.flow_closed_at < t.received_at),
               CASE WHEN NOT EXISTS (
                   SELECT 1 FROM flow q
                   WHERE q.category = t.category AND q.place = t.place
                     AND q.ticket_id <> t.ticket_id AND q.received_at < t.received_at
                     AND (q.flow_closed_at IS NULL OR q.flow_closed_at >= t.received_at))
               THEN (SELECT min(date_diff('second', p.flow_closed_at, t.received_at)) / 86400
                     FROM flow p
                     WHERE p.category = t.category AND p.place = t.place
                       AND p.ticket_id <> t.ticket_id AND p.flow_closed_at < t.received_at) END
           ) AS repeat_after_days
    FROM flow t
    LEFT JOIN (SELECT source, arg_max(workdays, changed_at) AS limit_workdays
               FROM complaint_limits WHERE state = '办结' GROUP BY source) l USING (source)
    LEFT JOIN calendar received ON received.day = t.received_at::DATE
    LEFT JOIN calendar closed ON closed.day = t.flow_closed_at::DATE
)"""
SOURCES = {
    "case_cube": Source("case_cube c", "c.month", _CUBE_DIMENSIONS),
    "case_due": Source("case_cube c", "c.due_month", _CUBE_DIMENSIONS),
    "case_waits": Source(
        "(SELECT * FROM cases WHERE wait_minutes IS NOT NULL) c",
        "c.received_at",
        _CUBE_DIMENSIONS,
    ),
    "window_hours": Source(
        "window_hours c",
        "c.month",
        {k: v for k, v in _CUBE_DIMENSIONS.items() if k not in ("channel", "item")},
    ),
    "evaluations": Source(
        "evaluations c",
        "c.evaluated_at",
        {
            **{k: _CUBE_DIMENSIONS[k] for k in ("level", "street", "site_id", "department")},
            "window_name": "c.window_name",
            "evaluation_channel": "c.channel",
        },
    ),
    "complaints": Source(
        f"{COMPLAINT_TICKETS} c",
        "c.received_at",
        {
            "street": "c.street",
            "site_id": "c.site_id",
            "department": "c.department",
            "source": "c.source",
            "category": "c.category",
        },
        lake_relation="complaint_tickets c",
    ),
    "attendance": Source(
        "attendance c",
        "c.check_date",
        {
            **{k: _CUBE_DIMENSIONS[k] for k in ("level", "street", "site_id", "department")},
            "window_name": "c.window_name",
            "staff_name": "c.staff_name",
        },
    ),
    "inspections": Source(
        "inspections c",
        "c.visit_date",
        {
            **{k: _CUBE_DIMENSIONS[k] for k in ("level", "street", "site_id")},
            "indicator_id": "c.indicator_id",
        },
        department=False,
    ),
}


# One query on some engine: DuckDB-dialect SQL and its positional parameters in, a frame out.
Run = Callable[[str, list], pd.DataFrame]
LAKE_DIMENSION = "district"  # the city's dimension (区县): a column of every row of a lake


def measure_frame(
    con: duckdb.DuckDBPyConnection,
    filters: Filters,
    start: str,
    end: str,
    keys: list[str],
    dimensions: list[str],
    as_of: datetime | None = None,
) -> pd.DataFrame:
    """Catalog measures ``keys`` per group of ``dimensions`` (none: one row for the span) in
    months ``start``..``end``: the dimensions (a month as 'YYYY-MM'), one column per key
    (a share as a 0-1 fraction; NaN where a group has none of its denominator or where the
    measure's source cannot be split by a dimension). Stocks are counted as of ``as_of``,
    by default the end of the span or now, whichever is earlier. Computed measures (scores,
    follow-up rates) are left out."""
    return measure_frame_on(
        lambda sql, params: con.execute(sql, params).df(),
        filters, start, end, keys, dimensions, as_of,
    )  # fmt: skip


def measure_frame_on(
    run: Run,
    filters: Filters,
    start: str,
    end: str,
    keys: list[str],
    dimensions: list[str],
    as_of: datetime | None = None,
    *,
    lake: bool = False,
    parts: bool = False,
) -> pd.DataFrame:
    """measure_frame with each query run by ``run``: over the store, or over a city's lake
    (``lake``: the district dimension and filter apply). With ``parts`` the frame also has,
    for each measure with SQL, its numerator ``<key>__n`` and denominator ``<key>__d``."""
    _check(keys, dimensions, lake)
    as_of = as_of or min(datetime.now(), _month_after(end))
    wanted = [catalog.measure(k) for k in keys if not catalog.measure(k).computed]
    base = {m.key: m for m in _base_measures(wanted)}
    frames = []
    for source in dict.fromkeys(m.source for m in base.values()):
        members = [m for m in base.values() if m.source == source]
        if _splits(source, dimensions, lake):
            sql, params = measure_query(filters, start, end, source, members, dimensions,
                                        as_of, lake=lake)  # fmt: skip
            frames.append(run(sql, params))
        else:  # its measures stay unknown (see measure_frame)
            frames.append(pd.DataFrame(columns=[*dimensions, *_part_names(members)]))
    merged = _merged(frames, dimensions)
    result = merged[dimensions].copy()
    for measure in wanted:
        known = splits(measure.key, dimensions, lake=lake)
        result[measure.key] = _value(merged, measure) if known else np.nan
    if parts:
        names = _part_names(base.values())
        result = pd.concat([result, merged[names].astype(float)], axis=1)
    if "month" in dimensions:
        result = result.sort_values("month", ignore_index=True)
    return result


def splits(key: str, dimensions: list[str], *, lake: bool = False) -> bool:
    """Whether catalog measure ``key`` can be split by every one of ``dimensions`` (each of
    its sources has them)."""
    parts = _base_measures([catalog.measure(key)])
    return all(_splits(m.source, dimensions, lake) for m in parts if m.source)


def measure_query(
    filters: Filters,
    start: str,
    end: str,
    source_key: str,
    members: list[catalog.Measure],
    dimensions: list[str],
    as_of: datetime,
    *,
    lake: bool = False,
) -> tuple[str, list]:
    """The one query of catalog measures ``members`` (all of source ``source_key``) by
    ``dimensions`` in months ``start``..``end``, in DuckDB's dialect, and its parameters:
    one column per dimension, then ``<key>__n`` (and ``<key>__d``) per measure."""
    source = SOURCES[source_key]
    groups = [f"{_group_column(source, d)} AS {d}" for d in dimensions]
    columns, params = [], []
    for measure in members:
        for part, sql in (("n", measure.numerator), ("d", measure.denominator)):
            if sql:
                bound, values = _bound(sql, as_of)
                params += values
                columns.append(f"{bound} AS {measure.key}__{part}")
    where, filter_params = filters.where(
        "c", site=source.site, department=source.department, lake=lake
    )
    needs_sites = any(source.dimensions.get(d, "").startswith("s.") for d in dimensions)
    same_district = " AND s.district = c.district" if lake else ""
    sites = f" LEFT JOIN sites s ON s.site_id = c.site_id{same_district}" if needs_sites else ""
    sql = (
        f"SELECT {', '.join([*groups, *columns])} FROM {source.over(lake)}{sites} "
        f"WHERE {source.at} >= strptime(?, '%Y-%m') "
        f"AND {source.at} < strptime(?, '%Y-%m') + INTERVAL 1 MONTH AND {where}"
        + (f" GROUP BY {', '.join(str(n + 1) for n in range(len(groups)))}" if groups else "")
    )
    if "month" in dimensions:  # named after grouping, not on every row
        others = [d for d in dimensions if d != "month"] + _part_names(members)
        sql = f"SELECT strftime(month, '%Y-%m') AS month, {', '.join(others)} FROM ({sql}) g"
    return sql, [*params, start, end, *filter_params]


def _group_column(source: Source, dimension: str) -> str:
    if dimension == "month":
        return f"date_trunc('month', {source.at})"
    if dimension == LAKE_DIMENSION:
        return "c.district"
    return source.dimensions[dimension]


def _part_names(members) -> list[str]:
    return [
        f"{m.key}__{part}"
        for m in members
        for part, sql in (("n", m.numerator), ("d", m.denominator))
        if sql
    ]


def _base_measures(wanted: list[catalog.Measure]) -> list[catalog.Measure]:
    """The measures with SQL that ``wanted`` need: themselves, or a ratio's two parts."""
    found = []
    for measure in wanted:
        refs = measure.references
        found += [catalog.measure(k) for k in refs] if refs else [measure]
    return found


def _bound(sql: str, as_of: datetime) -> tuple[str, list]:
    """``sql`` with each ``{as_of}`` or ``{setting}`` placeholder bound as a parameter: the
    moment a stock is counted at, or the current value of that setting (config.SETTINGS)."""
    values: list = []

    def bind(match: re.Match) -> str:
        name = match.group(1)
        values.append(as_of if name == "as_of" else config.get_float(name))
        return "?"

    return re.sub(r"\{(\w+)\}", bind, sql), values


def _splits(source_key: str, dimensions: list[str], lake: bool) -> bool:
    """Whether a source's rows can be grouped by every one of ``dimensions`` (the district
    only in a city's lake)."""
    return all(
        d == "month" or d in SOURCES[source_key].dimensions or (lake and d == LAKE_DIMENSION)
        for d in dimensions
    )


def _merged(frames: list[pd.DataFrame], dimensions: list[str]) -> pd.DataFrame:
    if not dimensions:
        return pd.concat([f.reset_index(drop=True) for f in frames], axis=1)
    merged = frames[0]
    for frame in frames[1:]:
        for d in dimensions:  # a dimension of no rows comes back as float: align for merge
            frame[d] = frame[d].astype(merged[d].dtype) if frame.empty else frame[d]
        merged = merged.merge(frame, on=dimensions, how="outer")
    return merged


def _value(parts: pd.DataFrame, measure: catalog.Measure) -> pd.Series:
    refs = measure.references
    if refs:
        over = _value(parts, catalog.measure(refs[1]))
        return _value(parts, catalog.measure(refs[0])) / over.where(over > 0)
    numerator = parts[f"{measure.key}__n"].astype(float)
    if not measure.denominator:
        # a count over no rows is nought (and a whole number), a quantile over none unknown
        return numerator.fillna(0).round().astype("int64") if measure.kind == "count" else numerator
    denominator = parts[f"{measure.key}__d"].astype(float)
    return numerator.fillna(0) / denominator.where(denominator > 0)


def _check(keys: list[str], dimensions: list[str], lake: bool) -> None:
    known = catalog.city_dimensions() if lake else catalog.dimensions()
    unknown = [k for k in keys if k not in catalog.measures()]
    unknown += [d for d in dimensions if d not in known]
    if unknown or len(dimensions) > 2 or len(set(dimensions)) != len(dimensions):
        raise ValueError(f"unknown or repeated measures or dimensions: {keys} by {dimensions}")


def _month_after(month: str) -> datetime:
    year, number = (int(part) for part in month.split("-"))
    return datetime(year + number // 12, number % 12 + 1, 1)
