"""Command line of the PDF reports: ``effmon report KIND --period … --out …``, one report or
a batch (registered by effmon.cli, which opens the store and catches errors)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from effmon import labels
from effmon.cli_actor import cli_actor
from effmon.store import audit


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """The report command, on the sub-parsers of effmon.cli."""
    report = sub.add_parser("report", parents=[common], help="生成 PDF 报告（可用于定时任务）")
    report.add_argument("kind", choices=list(labels.REPORT_KINDS), help="报告类型")
    report.add_argument(
        "--period",
        default="",
        help="年月 YYYY-MM 或年份 YYYY；按月的报告给年份时批量生成该年各月（输出到 --out 目录）",
    )
    report.add_argument("--unit", default="", help="提示函的点位编号（不给则为当月所有应发单位）")
    report.add_argument(
        "--complaint",
        default="",
        help="单件投诉报告的工单编号（不给时为 --period 内受理的全部工单）",
    )
    report.add_argument(
        "--event", default="", help="专项调研的事件（如 上线智能叫号系统）；日期用 --period"
    )
    report.add_argument("--weeks", type=int, default=8, help="专项调研：事件前后各对比几周")
    report.add_argument("--out", type=Path, required=True, help="输出 PDF（批量时为目录）")
    report.set_defaults(run=_report)


def _report(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    # Imported here: the reports' libraries (reportlab, statsmodels …) would add half a
    # second to the start of every other command.
    from effmon.reports import catalog as report_catalog
    from effmon.reports.request import Request

    by = cli_actor()
    name = labels.REPORT_KINDS.get(args.kind, args.kind)
    runs = report_catalog.runs(con, args.kind, args.period, args.unit, args.complaint)
    batch = len(runs) > 1 or runs[0] != report_catalog.Run(args.period, args.unit, args.complaint)
    if batch:
        args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for run in runs:
        # Comment sentiment is read from the store (scored when loaded), never scored here.
        request = Request(
            run.period, by, unit=run.unit, complaint=run.complaint, event=args.event,
            weeks=args.weeks,
        )  # fmt: skip
        made = report_catalog.generate(con, args.kind, request)
        # who made it is kept here, not printed on a report that leaves the centre
        audit.record(
            con, by, "report", name, {"period": run.period, "subject": run.unit or run.complaint
            or args.event, "pages": made.pages},
        )  # fmt: skip
        path = args.out / run.file_name(args.kind) if batch else args.out
        path.write_bytes(made.pdf)
        print(labels.REPORT_CLI["written"].format(
            name=name, period=" ".join(filter(None, [run.period, run.unit, run.complaint])),
            path=path, pages=made.pages, seconds=made.seconds,
        ))  # fmt: skip
    if batch:
        print(labels.REPORT_CLI["batch"].format(
            count=len(runs), name=name, seconds=time.perf_counter() - started, path=args.out
        ))  # fmt: skip
    return 0
