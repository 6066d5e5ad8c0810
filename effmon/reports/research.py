"""专项调研报告: what changed around an event (a new system's launch, a new hall), with
uncertainty, how the district compares with peer regions, and what follows.

The period is the event day ('YYYY-MM-DD'); the scope is the request's filters, or its unit
(a site id or a department). Estimates are those of effmon.analytics.research, as on the
专项调研 page.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from effmon import labels
from effmon.analytics.research import Window, before_after, gaps_in, peer_gaps
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.store import queries, research
from effmon.store.filters import Filters

TEXT = labels.RESEARCH_REPORT
SECTIONS = TEXT["sections"]
MEASURES = labels.RESEARCH["measures"]


def scope_filters(con: duckdb.DuckDBPyConnection, unit: str) -> Filters:
    """A unit named on the command line as filters: a site id, else a department."""
    if not unit:
        return Filters()
    if unit in queries.site_names(con):
        return Filters(site_ids=(unit,))
    return Filters(departments=(unit,))


def scope_name(con: duckdb.DuckDBPyConnection, filters: Filters) -> str:
    """The filters in words: site names, departments, streets, levels; 全区 when none."""
    names = queries.site_names(con)
    parts = [
        *filters.levels, *filters.streets, *(names.get(s, s) for s in filters.site_ids),
        *filters.departments,
    ]  # fmt: skip
    return "、".join(parts) or TEXT["district"]


def make_research_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The research report on the event of ``request.period`` as PDF bytes."""
    event = date.fromisoformat(request.period)
    filters = request.filters if request.filters != Filters() else scope_filters(con, request.unit)
    scope = scope_name(con, filters)
    window = Window(event, request.weeks)
    daily, effects = before_after(con, filters, window)
    cover = Cover(
        labels.REPORT_KINDS["research"], TEXT["period"].format(event=f"{event:%Y年%m月%d日}"),
        request.generated_by, request.now, subtitle=scope,
    )  # fmt: skip
    peers, gaps_year = peers_latest(con)
    method = TEXT["method"].format(
        event=f"{event:%Y-%m-%d}", scope=scope, weeks=request.weeks,
        first=f"{window.first:%Y-%m-%d}", last=f"{window.last:%Y-%m-%d}",
    )  # fmt: skip
    sections = [
        Section(SECTIONS["method"], [blocks.text(method), blocks.text(TEXT["method_detail"])]),
        Section(SECTIONS["effects"], _effects(daily, effects, event)),
        Section(SECTIONS["peers"], _peer_blocks(peers, gaps_year)),
        Section(SECTIONS["conclusions"], _conclusions(effects, peers)),
    ]
    return render(cover, sections)


def _effects(daily: pd.DataFrame, effects: pd.DataFrame, event: date) -> list:
    said = [effect_sentence(row) for row in effects.to_dict("records")]
    table = effects.assign(
        name=effects["measure"].map(MEASURES),
        shift=[_interval(r, "difference") for r in effects.to_dict("records")],
        its=[_interval(r, "level") for r in effects.to_dict("records")],
        verdict=effects["verdict"].map(labels.RESEARCH["verdicts"]),
    )
    weekly = daily.assign(week=pd.to_datetime(daily["day"]).dt.to_period("W").dt.start_time)
    weekly = weekly.groupby("week", as_index=False)[["cases", "wait_minutes_mean"]].mean()
    return [
        *blocks.bullets(said),
        blocks.table(
            table, TEXT["effect_columns"],
            formats={
                "before": narrative.decimal,
                "after": narrative.decimal,
                "p_value": narrative.p_value,
            },
            widths=[0.16, 0.12, 0.12, 0.22, 0.22, 0.08, 0.08],
        ),
        blocks.text(TEXT["effect_note"], "note"),
        blocks.line_chart(
            weekly["week"].dt.strftime("%m-%d").tolist(),
            {MEASURES["wait_minutes_mean"]: weekly["wait_minutes_mean"].tolist()},
            TEXT["chart"].format(event=f"{event:%m-%d}"),
        ),
    ]  # fmt: skip


def effect_sentence(row: dict) -> str:
    """One measure's change in words, with the interrupted-time-series interval."""
    return TEXT["effect"].format(
        measure=MEASURES[row["measure"]],
        verdict=labels.RESEARCH["verdicts"][row["verdict"]],
        before=narrative.decimal(row["before"]),
        after=narrative.decimal(row["after"]),
        level=_signed(row["level"]),
        low=_signed(row["level_low"]),
        high=_signed(row["level_high"]),
        relative=f"{row['relative'] * 100:+.1f}%",
    )


def _interval(row: dict, key: str) -> str:
    return f"{_signed(row[key])}（{_signed(row[key + '_low'])}～{_signed(row[key + '_high'])}）"


def _signed(value: float) -> str:
    return f"{value:+,.1f}"


def peers_latest(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, str]:
    """The district's gaps to the peers in the newest benchmark period it has data for, and
    that period."""
    held = queries.data_months(con)
    for period in research.benchmark_periods(con):
        if any(m.startswith(period) for m in held):
            return gaps_in(con, period), period
    return peer_gaps(pd.DataFrame(columns=["region", "indicator", "value", "unit"]), {}), ""


def _peer_blocks(gaps: pd.DataFrame, period: str) -> list:
    if gaps.empty:
        return [blocks.text(TEXT["no_peers"])]
    shown = gaps.assign(standing=gaps["standing"].map(labels.RESEARCH["standings"]))
    regions = "、".join(gaps["region"].unique())
    return [
        blocks.text(TEXT["peers"].format(period=period, regions=regions)),
        blocks.table(
            shown, TEXT["peer_columns"],
            formats={k: narrative.decimal for k in ("peer", "ours")} | {"gap": _signed},
        ),
    ]  # fmt: skip


def _conclusions(effects: pd.DataFrame, gaps: pd.DataFrame) -> list:
    advice = TEXT["advice"]
    found = [
        advice[f"{row['measure']}_{row['verdict']}"].format(relative=abs(row["relative"]) * 100)
        for row in effects.to_dict("records")
        if f"{row['measure']}_{row['verdict']}" in advice
    ]
    behind = gaps[gaps["standing"] == "behind"]
    for indicator, rows in behind.groupby("indicator", sort=False):
        best = rows.loc[rows["gap"].abs().idxmax()]
        found.append(
            advice["behind"].format(
                indicator=indicator,
                region=best["region"],
                gap=abs(best["gap"]),
                unit=best["unit"] or "",
            )
        )
    if not found:
        return [blocks.text(TEXT["no_findings"])]
    return [blocks.text(labels.REPORT_TEXT["suggestions"]), *blocks.bullets(found)]
