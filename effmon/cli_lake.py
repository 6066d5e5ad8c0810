"""Command line of a city's lake: ``effmon lake export --out LAKE`` writes this district's
store to the lake (effmon.city.export), ``effmon lake check [LAKE ...]`` reads every
district's export there and checks it, ``effmon lake report --period YYYY-MM --out PDF``
makes the 区县对比月报 from it (registered by effmon.cli)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb
import pypdfium2

from effmon import config, labels
from effmon.city.engines import open_city
from effmon.city.export import export_district
from effmon.city.lake import lake_roots, open_lake
from effmon.cli_actor import cli_actor
from effmon.reports.city import make_city_report
from effmon.store import audit


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """The lake command, on the sub-parsers of effmon.cli."""
    lake = sub.add_parser("lake", parents=[common], help="市级数据湖：导出本区县数据、检查数据湖")
    actions = lake.add_subparsers(required=True, metavar="ACTION")
    export = actions.add_parser("export", parents=[common], help="将本区县数据导出到数据湖")
    export.add_argument("--out", required=True, help="数据湖的文件夹或 URL（如 s3://bucket/lake）")
    export.add_argument("--code", default="", help="区县代码（默认 EFFMON_DISTRICT_CODE）")
    export.add_argument("--name", default="", help="区县名称（默认 EFFMON_DISTRICT_NAME）")
    export.set_defaults(run=_export)
    check = actions.add_parser(
        "check", parents=[common], help="检查数据湖中各区县的清单、结构版本和校验值"
    )
    check.add_argument("lake", nargs="*", help="数据湖的文件夹或 URL（默认 EFFMON_LAKE）")
    check.set_defaults(run=_check, without_store=True)
    report = actions.add_parser("report", parents=[common], help="生成区县对比月报（PDF）")
    report.add_argument("--period", required=True, help="截至年月 YYYY-MM")
    report.add_argument("--months", type=int, default=1, help="统计期的月数（默认 1，即当月）")
    report.add_argument("--lake", nargs="*", default=[], help="数据湖（默认 EFFMON_LAKE）")
    report.add_argument("--out", type=Path, required=True, help="输出 PDF")
    report.set_defaults(run=_report, without_store=True)


def _export(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    started = time.perf_counter()
    manifest = export_district(con, args.out, args.code, args.name)
    name, code = manifest.district_name, manifest.district_code
    audit.record(con, cli_actor(), "lake_export", name, {"code": code, "lake": args.out})
    months = f"{manifest.first_month} — {manifest.last_month}"
    rows = sum(manifest.rows(table) for table in manifest.tables)
    print(labels.LAKE["exported"].format(
        name=name, code=code, path=args.out, months=months, tables=len(manifest.tables),
        rows=rows, seconds=time.perf_counter() - started,
    ))  # fmt: skip
    return 0


def _report(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    city = open_city(args.lake or None)
    pdf = make_city_report(city, args.period, args.months, cli_actor())
    args.out.write_bytes(pdf)
    print(labels.CITY_REPORT["written"].format(
        period=args.period, count=len(city.lake.districts), path=args.out,
        pages=len(pypdfium2.PdfDocument(pdf)), seconds=time.perf_counter() - started,
    ))  # fmt: skip
    return 0


def _check(args: argparse.Namespace) -> int:
    roots = args.lake or lake_roots(config.get("lake"))
    lake = open_lake(roots)
    print(labels.LAKE["checked"].format(lake="，".join(roots), count=len(lake.districts)))
    for district in sorted(lake.districts, key=lambda d: d.code):
        m = district.manifest
        print(labels.LAKE["district_line"].format(
            code=m.district_code, name=m.district_name, first=m.first_month, last=m.last_month,
            cases=m.rows("case_cube"), evaluations=m.rows("evaluations"),
            complaints=m.rows("complaint_tickets"),
        ))  # fmt: skip
    return 0
