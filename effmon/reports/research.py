"""专项调研报告: what an event (a new system's launch, a new hall) changed at a unit, against
comparison units over the same days, how the district compares with peer regions, and what
follows.

The period is the event day ('YYYY-MM-DD'), the request's ``event`` its name (上线智能叫号系统);
the scope is the request's filters, or its unit (a site id or a department). Estimates are
those of effmon.analytics.research (a difference in differences), as on the 专项调研 page.
"""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd

from effmon import config, labels
from effmon.analytics.overview import period_name
from effmon.analytics.research import (
    Comparison,
    Window,
    before_after,
    benchmark_indicators,
    gaps_in,
    peer_gaps,
)
from effmon.reports import blocks, narrative
from effmon.reports.document import Cover, Section, render
from effmon.reports.request import Request
from effmon.semantic import catalog, display
from effmon.store import queries, research
from effmon.store.filters import Filters

TEXT = labels.RESEARCH_REPORT
SECTIONS = TEXT["sections"]
MEASURES = labels.RESEARCH["measures"]
CATALOG_KEYS = {"cases": "cases", "wait_minutes_mean": "wait_minutes_mean", "windows": "windows"}


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


def day_text(day: date) -> str:
    """2026年2月2日."""
    return f"{day.year}年{day.month}月{day.day}日"


def headline(scope: str, event: date, name: str) -> str:
    """The report's subject in one line: 「XX 2026年2月2日 上线智能叫号系统」."""
    return TEXT["headline"].format(scope=scope, event=day_text(event), name=name or "").strip()


def comparison_text(comparison: Comparison, scope: str) -> str:
    """What the unit was compared with, in words."""
    return labels.RESEARCH["comparisons"][comparison.kind].format(
        names="、".join(comparison.names), scope=scope
    )


def comparison_units(con: duckdb.DuckDBPyConnection, comparison: Comparison) -> list[str]:
    """The units the comparison is made of, by name (sites by their names, departments,
    streets or levels as they are); none for a comparison with the year before."""
    if comparison.kind in ("year", "none"):
        return []
    names = queries.site_names(con)
    chosen = comparison.filters
    return [
        *(names.get(s, s) for s in chosen.site_ids), *chosen.departments, *chosen.streets,
        *chosen.levels,
    ]  # fmt: skip


def units_sentence(con: duckdb.DuckDBPyConnection, comparison: Comparison) -> str:
    """对比单位共 3 个：…; the first few of a long list."""
    units = comparison_units(con, comparison)
    if not units:
        return ""
    few = config.get_int("research_units_named")
    key = "units" if len(units) <= few else "units_some"
    return TEXT[key].format(count=f"{len(units):,}", names="、".join(units[:few]))


def make_research_report(con: duckdb.DuckDBPyConnection, request: Request) -> bytes:
    """The research report on the event of ``request.period`` as PDF bytes."""
    event = date.fromisoformat(request.period)
    filters = request.filters if request.filters != Filters() else scope_filters(con, request.unit)
    scope = scope_name(con, filters)
    window = Window(event, request.weeks)
    daily, effects, comparison = before_after(con, filters, window)
    cover = Cover(
        labels.REPORT_KINDS["research"], TEXT["period"].format(event=day_text(event)),
        request.generated_by, request.now, subtitle=headline(scope, event, request.event),
        outgoing=True,
    )  # fmt: skip
    peers, gaps_year = peers_latest(con)
    subject = TEXT["subject"].format(
        event=day_text(event), scope=scope, weeks=request.weeks,
        name=request.event or TEXT["unnamed"],
        first=day_text(window.first), last=day_text(window.last),
    )  # fmt: skip
    method = TEXT["method"].format(comparison=comparison_text(comparison, scope))
    units = units_sentence(con, comparison)
    sections = [
        Section(
            SECTIONS["method"],
            [blocks.text(subject), blocks.text(method + units)],
        ),
        Section(SECTIONS["effects"], _effects(daily, effects, event, request.event)),
        Section(SECTIONS["peers"], _peer_blocks(peers, gaps_year)),
        Section(SECTIONS["conclusions"], _conclusions(effects, peers)),
    ]
    return render(cover, sections)


def event_position(weeks: pd.Series, event: date) -> float:
    """Where ``event`` falls on an axis of weeks (their first days, one category each): the
    weeks before it, and the part of its own week gone by."""
    before = int((weeks <= pd.Timestamp(event)).sum()) - 1
    if before < 0:
        return 0.0
    return before + (pd.Timestamp(event) - weeks.iloc[before]).days / 7


def _effects(daily: pd.DataFrame, effects: pd.DataFrame, event: date, name: str) -> list:
    records = effects.to_dict("records")
    table = effects.assign(
        name=[_named_with_unit(r["measure"]) for r in records],
        raw=[
            f"{number(r['measure'], r['before'])} → {number(r['measure'], r['after'])}"
            for r in records
        ],
        comparison=[_raw_change(r, "comparison_") for r in records],
        effect=[number(r["measure"], r["effect"], signed=True) for r in records],
        interval=[
            f"{number(r['measure'], r['effect_low'], signed=True)} 至 "
            f"{number(r['measure'], r['effect_high'], signed=True)}"
            for r in records
        ],
        verdict=effects["verdict"].map(labels.RESEARCH["verdicts"]),
    )
    weekly = daily.assign(week=pd.to_datetime(daily["day"]).dt.to_period("W").dt.start_time)
    columns = ["wait_minutes_mean", "wait_minutes_mean_comparison"]
    weekly = weekly.groupby("week", as_index=False)[columns].mean()
    return [
        *blocks.bullets([effect_sentence(r) for r in records]),
        blocks.table(
            table, TEXT["effect_columns"], formats={"p_value": narrative.p_value},
            widths=[0.2, 0.17, 0.14, 0.1, 0.17, 0.1, 0.12],
        ),
        blocks.text(TEXT["effect_note"], "note"),
        blocks.line_chart(
            weekly["week"].dt.strftime("%Y-%m-%d").tolist(),
            {
                TEXT["chart_unit"]: weekly["wait_minutes_mean"].tolist(),
                **(
                    {TEXT["chart_comparison"]: weekly["wait_minutes_mean_comparison"].tolist()}
                    if weekly["wait_minutes_mean_comparison"].notna().sum() >= 2
                    else {}
                ),
            },
            TEXT["chart"].format(event=day_text(event)),
            mark=(event_position(weekly["week"], event), TEXT["chart_mark"].format(
                event=f"{event:%Y-%m-%d}", name=name or TEXT["chart_unnamed"]
            )),
        ),
    ]  # fmt: skip


def number(measure: str, value: float, signed: bool = False) -> str:
    """A daily mean of ``measure`` (or a change of one) by the catalog's rule for means:
    80.6, -8.1, +1.0."""
    return display.mean_number_text(CATALOG_KEYS[measure], value, signed)


def amount(measure: str, value: float, signed: bool = False) -> str:
    """A daily mean (or a change of one) with its unit: 80.6 件, -8.1 分钟, -1.0 个."""
    return display.mean_text(CATALOG_KEYS[measure], value, signed)


def _named_with_unit(measure: str) -> str:
    return TEXT["measure_unit"].format(
        name=MEASURES[measure], unit=catalog.measure(CATALOG_KEYS[measure]).unit
    )


def _raw_change(row: dict, prefix: str = "") -> str:
    """The change of the means in the measure's terms (下降 8.1%); a daily mean of cases is
    no small count (its base is weeks of cases), so it changes in % however small."""
    key = CATALOG_KEYS[row["measure"]]
    after, before = row[f"{prefix}after"], row[f"{prefix}before"]
    if catalog.measure(key).kind != "count":
        return display.change_text(key, after, before)
    moved = display.change(key, after, before)
    words = labels.CHANGE_TEXT
    if math.isnan(moved):
        return words["none"]
    if abs(moved) < config.get_float("flat_change"):
        return words["flat"]
    return words["up" if moved > 0 else "down"].format(change=display.percent_text(abs(moved)))


def effect_sentence(row: dict) -> str:
    """One measure's change in words: the unit's raw means, the comparison's change over the
    same days and the estimate with its interval; when the estimate's direction differs from
    the raw means', why."""
    measure = row["measure"]
    raw = _raw_change(row)
    against = row["verdict"] != "none" and (row["effect"] > 0) != (row["difference"] > 0)
    if row["verdict"] == "none":
        tail = TEXT["tail_none"]
    elif against:
        expected = TEXT["expected_up" if row["expected"] > 0 else "expected_down"].format(
            amount=amount(measure, abs(row["expected"]))
        )
        tail = TEXT["tail_against"].format(
            raw=raw, comparison=_raw_change(row, "comparison_"), expected=expected
        )
    else:
        relative = display.percent_text(row["relative"], signed=True)
        tail = TEXT["tail_significant"].format(relative=relative)
    alone = math.isnan(row["comparison_before"])
    return TEXT["effect_alone" if alone else "effect"].format(
        measure=MEASURES[measure],
        verdict=labels.RESEARCH["verdicts"][row["verdict"]],
        before=amount(measure, row["before"]),
        after=amount(measure, row["after"]),
        raw=raw,
        comparison=_raw_change(row, "comparison_"),
        effect=amount(measure, row["effect"], signed=True),
        low=number(measure, row["effect_low"], signed=True),
        high=amount(measure, row["effect_high"], signed=True),
        tail=tail,
    )


def peers_latest(con: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, str]:
    """The district's gaps to the peers in the newest benchmark period it has data for, and
    that period."""
    held = queries.data_months(con)
    for period in research.benchmark_periods(con):
        if any(m.startswith(period) for m in held):
            return gaps_in(con, period), period
    return peer_gaps(pd.DataFrame(columns=["region", "indicator", "value", "unit"]), {}), ""


def peer_value_text(indicator: str, value: float, unit: str | None) -> str:
    """A benchmark value (in the benchmark's unit) as the catalog shows its measure: 91.4%,
    5.5 分钟; as entered, with its unit, for an indicator the catalog does not know."""
    spec = _spec(indicator)
    if spec is None:
        return f"{narrative.decimal(value)}{unit or ''}"
    return display.value_text(spec["metric"], value / spec["scale"])


def gap_text(indicator: str, ours: float, peer: float) -> str:
    """The district's value against a peer's in the measure's own terms: a share in 个百分点
    (高 2.3 个百分点), a mean in its unit (低 1.2 分钟)."""
    spec = _spec(indicator)
    if spec is None or math.isnan(ours) or math.isnan(peer):
        return labels.MISSING
    key = spec["metric"]
    difference = (ours - peer) / spec["scale"]
    measure = catalog.measure(key)
    size = abs(difference) * (100 if measure.share else 1)
    if round(size, measure.decimals) == 0:
        return TEXT["gap_level"]
    unit = labels.CHANGE_TEXT["point_unit"] if measure.share else measure.unit
    shown = f"{size:,.{measure.decimals}f} {unit}"
    return TEXT["gap_more" if difference > 0 else "gap_less"].format(amount=shown)


def _spec(indicator: str) -> dict | None:
    known = benchmark_indicators().set_index("indicator")
    return known.loc[indicator].to_dict() if indicator in known.index else None


def peer_rows(gaps: pd.DataFrame) -> pd.DataFrame:
    """The gaps (peer_gaps) the district has a value for, as text: indicator, region, peer,
    ours, gap (高 2.3 个百分点), standing (领先/落后/持平)."""
    known = gaps[gaps["standing"] != "unknown"]
    rows = known.to_dict("records")
    return known.assign(
        peer=[peer_value_text(r["indicator"], r["peer"], r["unit"]) for r in rows],
        ours=[peer_value_text(r["indicator"], r["ours"], r["unit"]) for r in rows],
        gap=[gap_text(r["indicator"], r["ours"], r["peer"]) for r in rows],
        standing=known["standing"].map(labels.RESEARCH["standings"]),
    )[list(TEXT["peer_columns"])]


def unknown_sentence(gaps: pd.DataFrame) -> str:
    """One sentence for the indicators the district has no value of, with the peers' values
    (「本区无此数据」 said once); empty when there are none."""
    unknown = gaps[gaps["standing"] == "unknown"]
    items = [
        TEXT["peer_item"].format(
            indicator=indicator,
            values="、".join(
                TEXT["peer_value"].format(
                    region=r["region"], value=peer_value_text(indicator, r["peer"], r["unit"])
                )
                for r in rows.to_dict("records")
            ),
        )
        for indicator, rows in unknown.groupby("indicator", sort=False)
    ]
    return TEXT["peers_unknown"].format(items="；".join(items)) if items else ""


def sourced(gaps: pd.DataFrame) -> pd.DataFrame:
    """The benchmarks with a recorded source: one without cannot be cited."""
    return gaps[gaps["source"].fillna("").str.strip() != ""]


def sources_text(gaps: pd.DataFrame) -> str:
    """Where the benchmarks come from: 演示数据, or each source with its regions."""
    by_source = gaps.groupby("source", sort=False)["region"].unique()
    if len(by_source) == 1:
        return str(by_source.index[0])
    return "；".join(
        TEXT["peer_source"].format(source=source, regions="、".join(regions))
        for source, regions in by_source.items()
    )


def _peer_blocks(gaps: pd.DataFrame, period: str) -> list:
    if gaps.empty:
        return [blocks.text(TEXT["no_peers"])]
    cited = sourced(gaps)
    unsourced = len(gaps) - len(cited)
    if cited.empty:
        return [blocks.text(TEXT["no_sourced_peers"].format(count=f"{unsourced:,}"))]
    intro = TEXT["peers"].format(
        period=period_name(period),
        regions="、".join(cited["region"].unique()),
        sources=sources_text(cited),
    )
    if unsourced:
        intro += TEXT["peers_unsourced"].format(count=f"{unsourced:,}")
    out = [blocks.text(intro)]
    shown = peer_rows(cited)
    if not shown.empty:
        widths = [0.2, 0.16, 0.14, 0.14, 0.24, 0.12]
        out.append(blocks.table(shown, TEXT["peer_columns"], widths=widths))
    if said := unknown_sentence(cited):
        out.append(blocks.text(said))
    return out


def peer_advice(gaps: pd.DataFrame) -> list[str]:
    """What the gaps to the peers call for, said once and in proportion: the indicators far
    behind (peer_gap_large of the peer's value) get an improvement plan, those a little
    behind a note; each named with its largest gap."""
    behind = sourced(gaps)
    behind = behind[behind["standing"] == "behind"]
    large, small = [], []
    for indicator, rows in behind.groupby("indicator", sort=False):
        worst = rows.loc[rows["gap"].abs().idxmax()]
        item = TEXT["advice"]["behind_item"].format(
            indicator=indicator,
            region=worst["region"],
            gap=gap_text(indicator, worst["ours"], worst["peer"]),
        )
        relative = abs(worst["gap"]) / abs(worst["peer"]) if worst["peer"] else math.inf
        (large if relative >= config.get_float("peer_gap_large") else small).append(item)
    advice = TEXT["advice"]
    return [
        advice[key].format(items=narrative.listing(items))
        for key, items in (("behind_large", large), ("behind_small", small))
        if items
    ]


def _conclusions(effects: pd.DataFrame, gaps: pd.DataFrame) -> list:
    advice = TEXT["advice"]
    found = [
        advice[f"{row['measure']}_{row['verdict']}"].format(
            relative=display.percent_text(abs(row["relative"]))
        )
        for row in effects.to_dict("records")
        if f"{row['measure']}_{row['verdict']}" in advice
    ]
    found += peer_advice(gaps)
    if not found:
        return [blocks.text(TEXT["no_findings"])]
    return [blocks.text(labels.REPORT_TEXT["suggestions"]), *blocks.bullets(found)]
