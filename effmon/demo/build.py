"""Build the demo store: ``effmon demo`` and the app's first start call this."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import numpy as np
import pandas as pd

from effmon import labels
from effmon.analytics.satisfaction_index import score_loaded
from effmon.demo import feedback, fieldwork
from effmon.demo.cases import CasePlan, month_cases
from effmon.demo.places import Places, make_places, vocab
from effmon.errors import EffmonError
from effmon.forecast.scan import refresh_findings
from effmon.store import queries, writes
from effmon.store.transaction import transaction
from effmon.workdays import workdays_between

MIN_MONTHS = 12
SOURCE_FILE = labels.DEMO_SOURCE  # what the load history names as its file


def build_demo(
    con: duckdb.DuckDBPyConnection,
    *,
    months: int = 24,
    seed: int = 20261128,
    scale: float = 1.0,
    end: date | None = None,
) -> dict:
    """Fill an empty store with ``months`` of demo data up to ``end`` and compute the
    findings of every month; returns the manifest."""
    if months < MIN_MONTHS:
        raise EffmonError(labels.DEMO_TOO_SHORT.format(months=MIN_MONTHS))
    if not writes.is_empty(con):
        raise EffmonError(labels.DEMO_NOT_EMPTY)
    end = end or date.today().replace(day=1) - timedelta(days=1)
    month_starts = [_add_months(end.replace(day=1), k - months + 1) for k in range(months)]
    rng = np.random.default_rng(seed)
    places = make_places(rng)
    manifest = _plan(month_starts, end)
    loaded_at = datetime.now()
    batch_id = writes.next_batch_id(con)

    def put(table: str, frame: pd.DataFrame) -> int:
        return writes.insert_frame(
            con, table, frame, source_file=SOURCE_FILE, batch_id=batch_id, loaded_at=loaded_at
        )

    with transaction(con):
        rows = put("sites", places.sites.drop(columns="level_no"))
        rows += put("departments", places.departments[["department", "code"]])
        rows += put("windows", places.windows[["window_name", "site_id", "department"]])
        items = places.items.assign(is_instant=places.items["promised_days"] == 0)
        rows += put("service_items", items[["item", "department", "promised_days", "is_instant"]])
        opinions = _feedback_plan(manifest, end)
        rows += _put_cases(put, manifest, opinions, places, month_starts, scale, rng)
        writes.refresh_case_aggregates(con, batch_id)
        tickets, events = feedback.complaints(opinions, places, month_starts[0], rng)
        rows += put("complaints", tickets) + put("complaint_events", events)
        field = _field_plan(manifest, end)
        checks = fieldwork.inspections(
            field, places, queries.indicator_catalog(con), month_starts, rng
        )
        plan = queries.inspection_plan(con)
        rows += put("inspections", checks)
        rows += put("visits", fieldwork.visits(checks, places.sites, plan))
        rows += put("attendance", fieldwork.attendance(field, places, month_starts, rng))
        rows += put("benchmarks", fieldwork.benchmarks(rng, sorted({m.year for m in month_starts})))
        writes.record_batch(
            con,
            batch_id,
            "demo",
            SOURCE_FILE,
            loaded_at,
            mode="generated",
            rows_read=rows,
            rows_new=rows,
        )
        writes.set_meta(
            con, "demo", {"seed": seed, "months": months, "scale": scale, "end": end.isoformat()}
        )
        writes.set_meta(con, "demo_manifest", manifest)
        score_loaded(con)  # comment sentiment, as a load of evaluations stores it
    refresh_findings(con, [m.isoformat()[:7] for m in month_starts])
    return manifest


def _put_cases(
    put: Callable[[str, pd.DataFrame], int],
    manifest: dict,
    opinions: feedback.FeedbackPlan,
    places: Places,
    month_starts: list[date],
    scale: float,
    rng: np.random.Generator,
) -> int:
    """Cases and their evaluations, a month at a time (bounded memory at any scale)."""
    end = opinions.end
    plan = CasePlan(
        start=month_starts[0],
        end=end,
        scale=scale,
        launch_site=int(
            places.sites.index[places.sites["site_id"] == manifest["system_launch"]["site_id"]][0]
        ),
        launch_date=date.fromisoformat(manifest["system_launch"]["date"]),
        spike_dept=int(
            places.departments.index[
                places.departments["department"] == manifest["extended_spike"]["department"]
            ][0]
        ),
        spike_start=date.fromisoformat(manifest["extended_spike"]["start"]),
        spike_end=date.fromisoformat(manifest["extended_spike"]["end"]),
    )
    workdays = np.array(
        workdays_between(month_starts[0], end + timedelta(days=120)), dtype="datetime64[D]"
    )
    rows, case_seq, eval_seq = 0, 1, 1
    for first in month_starts:
        last = min(_add_months(first, 1) - timedelta(days=1), end)
        cases = month_cases(plan, places, first, last, rng, workdays, case_seq)
        evaluations = feedback.evaluations(opinions, cases, rng, eval_seq)
        rows += put("cases", cases) + put("evaluations", evaluations)
        case_seq += len(cases)
        eval_seq += len(evaluations)
    return rows


def _plan(month_starts: list[date], end: date) -> dict:
    """Where and when each planted event happens, relative to the last month."""
    p = vocab()["planted"]
    last = len(month_starts) - 1
    surge_start = month_starts[last - 3] + timedelta(days=5)
    spike_start = month_starts[last - 4]
    launch = next(d for d in workdays_between(month_starts[last - 9], end) if d.weekday() == 0)
    return {
        "complaint_surge": {
            "street": p["surge_street"],
            "department": p["surge_department"],
            "category": vocab()["complaint_texts"]["surge_problem"][0],
            "keyword": vocab()["complaint_texts"]["surge_problem"][1],
            "start": surge_start.isoformat(),
            "end": (surge_start + timedelta(days=27)).isoformat(),
        },
        "satisfaction_drop": {
            "department": p["drop_department"],
            "months": [
                month_starts[last - 6].isoformat()[:7],
                month_starts[last - 5].isoformat()[:7],
            ],
        },
        "system_launch": {
            "site_id": p["launch_site"],
            "date": launch.isoformat(),
            "wait_factor": 0.55,
        },
        "repeated_failure": {
            "site_id": p["repeat_site"],
            "indicator_id": p["repeat_indicator"],
            "months": [m.isoformat()[:7] for m in month_starts[last - 6 : last]],
        },
        "extended_spike": {
            "department": p["spike_department"],
            "start": spike_start.isoformat(),
            "end": (spike_start + timedelta(days=27)).isoformat(),
        },
    }


def _feedback_plan(manifest: dict, end: date) -> feedback.FeedbackPlan:
    drop, surge = manifest["satisfaction_drop"], manifest["complaint_surge"]
    return feedback.FeedbackPlan(
        end=end,
        drop_department=drop["department"],
        drop_months=tuple(date.fromisoformat(m + "-01") for m in drop["months"]),
        surge_street=surge["street"],
        surge_start=date.fromisoformat(surge["start"]),
        surge_end=date.fromisoformat(surge["end"]),
    )


def _field_plan(manifest: dict, end: date) -> fieldwork.FieldPlan:
    rep = manifest["repeated_failure"]
    return fieldwork.FieldPlan(
        end=end,
        repeat_site=rep["site_id"],
        repeat_indicator=rep["indicator_id"],
        repeat_months=tuple(date.fromisoformat(m + "-01") for m in rep["months"]),
    )


def planted_events(con: duckdb.DuckDBPyConnection) -> dict | None:
    """The manifest of planted events of a demo store (None for a real store)."""
    return writes.get_meta(con, "demo_manifest")


@dataclass(frozen=True)
class PlantedAlert:
    """The alert a planted event must raise when its month is scanned: its metric, period,
    key (or None) and the dimension values its main cause must name."""

    event: str
    scan_month: str
    metric: str
    period: str
    key: str | None
    cause: tuple[str, ...]

    def find(self, findings: pd.DataFrame) -> pd.Series | None:
        """The finding among ``findings`` (a month's) that this is, or None."""
        keys = findings["key"].fillna("")
        hit = findings[
            (findings["metric"] == self.metric)
            & (findings["happened"] == self.period)
            & ((keys == (self.key or "")) | keys.str.startswith(f"{self.key} "))
        ]
        return None if hit.empty else hit.iloc[0]


def planted_alerts(manifest: dict) -> list[PlantedAlert]:
    """What the anomaly scan must find for each planted event of ``manifest``."""
    surge, spike = manifest["complaint_surge"], manifest["extended_spike"]
    drop, launch = manifest["satisfaction_drop"], manifest["system_launch"]
    repeat = manifest["repeated_failure"]
    return [
        PlantedAlert(
            "complaint_surge",
            surge["start"][:7],
            "complaints",
            surge["start"][:7],
            None,
            (surge["street"], surge["category"]),
        ),
        PlantedAlert(
            "extended_spike",
            spike["start"][:7],
            "department_extended_cases",
            spike["start"][:7],
            spike["department"],
            (),
        ),
        *(
            PlantedAlert(
                "satisfaction_drop", month, "bad_reviews", month, None, (drop["department"],)
            )
            for month in drop["months"]
        ),
        PlantedAlert(
            "system_launch",
            launch["date"][:7],
            "site_wait_minutes",
            launch["date"][:7],
            launch["site_id"],
            (),
        ),
        PlantedAlert(
            "repeated_failure",
            repeat["months"][-1],
            "repeated_failure",
            repeat["months"][0],
            f"{repeat['site_id']} {repeat['indicator_id']}",
            (),
        ),
    ]


def _add_months(day: date, k: int) -> date:
    index = day.year * 12 + day.month - 1 + k
    return date(index // 12, index % 12 + 1, 1)
