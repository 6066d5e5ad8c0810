"""Command line of the PDF reports: ``effmon report KIND --period … --out …``, one report or
a batch (registered by effmon.cli, which opens the store and catches errors)."""

from __future__ import annotations

import argparse
import getpass
from pathlib import Path

import duckdb

from effmon import labels
from effmon.errors import EffmonError
from effmon.reports import catalog as report_catalog
from effmon.reports.letter import units_due
from effmon.reports.request import Request
from effmon.store import queries
from effmon.text import sentiment


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    """The report command, on the sub-parsers of effmon.cli."""
    report = sub.add_parser("report", parents=[common], help="生成 PDF 报告（可用于定时任务）")
    report.add_argument("kind", choices=list(report_catalog.KINDS), help="报告类型")
    report.add_argument(
        "--period", default="", help="年月 YYYY-MM 或年份 YYYY；月报给年份时批量生成该年各月"
    )
    report.add_argument("--unit", default="", help="提示函的点位编号（不给则为当月所有应发单位）")
    report.add_argument("--complaint", default="", help="单件投诉报告的工单编号")
    report.add_argument(
        "--event", default="", help="专项调研的事件（如 上线智能叫号系统）；日期用 --period"
    )
    report.add_argument("--weeks", type=int, default=8, help="专项调研：事件前后各对比几周")
    report.add_argument("--out", type=Path, required=True, help="输出 PDF（批量时为目录）")
    report.set_defaults(run=_report)


def _report(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    score = sentiment.load_scorer(args.store).scores
    by = labels.REPORT_CLI["by"].format(user=getpass.getuser())
    name = labels.REPORT_KINDS.get(args.kind, args.kind)
    for period, unit, path in _report_runs(con, args):
        request = Request(
            period, by, score, unit=unit, complaint=args.complaint, event=args.event,
            weeks=args.weeks,
        )  # fmt: skip
        made = report_catalog.generate(con, args.kind, request)
        path.write_bytes(made.pdf)
        print(labels.REPORT_CLI["written"].format(
            name=name, period=" ".join(filter(None, [period, unit, args.complaint])), path=path,
            pages=made.pages, seconds=made.seconds,
        ))  # fmt: skip
    return 0


def _report_runs(
    con: duckdb.DuckDBPyConnection, args: argparse.Namespace
) -> list[tuple[str, str, Path]]:
    """(period, unit, output file) of each report to make: one, or a batch into the --out
    folder — every month of a year for ``monthly --period YYYY``, every unit a letter is due
    for in the month for ``letter`` without --unit."""
    if args.kind == "monthly" and len(args.period) == 4:
        months = sorted(m for m in queries.data_months(con) if m.startswith(args.period))
        if not months:
            raise EffmonError(labels.REPORT_CLI["no_months"].format(year=args.period))
        runs = [(m, "", args.out / f"monthly_{m}.pdf") for m in months]
    elif args.kind == "letter" and not args.unit:
        report_catalog.check_period(args.kind, args.period)
        units = units_due(con, args.period)
        if not units:
            raise EffmonError(labels.LETTER["none_due"].format(period=args.period))
        runs = [(args.period, u, args.out / f"letter_{args.period}_{u}.pdf") for u in units]
    else:
        return [(args.period, args.unit, args.out)]
    args.out.mkdir(parents=True, exist_ok=True)
    return runs
