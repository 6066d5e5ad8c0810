"""Command line: ``effmon ingest``, ``demo``, ``batches``, ``alerts``, ``backup``,
``restore`` and ``users`` here; the text-model commands (``sentiment``, ``complaints``,
``classify``, ``hotspots``) in effmon.cli_text, ``report`` in effmon.cli_reports and ``lake``
in effmon.cli_lake. Every command gets the open store and its arguments (``args.store`` is
the store's path), but for ``restore`` and those that read no store."""

from __future__ import annotations

import argparse
import os
import re
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from effmon import cli_lake, cli_reports, cli_text, config, labels
from effmon.analytics.satisfaction import learn_from_stars
from effmon.cli_actor import cli_actor
from effmon.demo.build import build_demo
from effmon.domain.kinds import kinds
from effmon.errors import EffmonError
from effmon.findings_text import findings_table
from effmon.forecast.scan import refresh_findings
from effmon.ingest.pipeline import LoadResult, error_report_csv, load_file
from effmon.readable import users_frame
from effmon.security import accounts, sessions
from effmon.security.roles import ROLES
from effmon.store import audit, backup, queries
from effmon.store import findings as store_findings
from effmon.store.connect import open_store
from effmon.store.sharing import connect_waiting
from effmon.text import sentiment

ERRORS_SHOWN = 50


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``effmon`` console script; returns the exit code."""
    os.umask(config.PRIVATE_UMASK)
    args = _parser().parse_args(argv)
    store = args.store = Path(getattr(args, "db", None) or config.db_path())
    try:
        if args.run is _restore:  # the store is replaced, so it must not be open
            return _restore(store, args)
        if getattr(args, "without_store", False):  # reads no store (e.g. a city's lake)
            return args.run(args)
        con = _open(store)
        try:
            return args.run(con, args)
        finally:
            audit.seal(con)  # the command's audit entries join the chain
    except EffmonError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _open(store: Path) -> duckdb.DuckDBPyConnection:
    """The store, once the running app or another command lets go of it."""
    seconds = float(config.get("store_wait_seconds"))
    return open_store(store, wait_seconds=seconds, on_wait=lambda: _say_waiting(store, seconds))


def _say_waiting(store: Path, seconds: float) -> None:
    message = labels.STORE_WAIT_COMMAND.format(path=store, seconds=round(seconds))
    print(message, file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="数据库文件（默认 EFFMON_DB 或 data/effmon.duckdb）"
    )
    parser = argparse.ArgumentParser(prog="effmon", description=labels.APP_TITLE, parents=[common])
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    ingest = sub.add_parser("ingest", parents=[common], help="导入 CSV/XLSX 文件")
    ingest.add_argument(
        "kind", choices=list(kinds()), metavar="KIND", help=f"数据类型：{', '.join(kinds())}"
    )
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--sheet", help="XLSX 工作表名（默认第一个）")
    ingest.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="源列=字段",
        help="指定列对应的字段；字段留空表示忽略该列",
    )
    ingest.add_argument(
        "--skip-invalid", action="store_true", help="导入合格行，不合格行写入错误报告"
    )
    ingest.add_argument("--errors", type=Path, help="错误报告 CSV 的路径（默认写在输入文件旁）")
    ingest.set_defaults(run=_ingest)

    demo = sub.add_parser("demo", parents=[common], help="生成演示数据库")
    demo.add_argument("--months", type=int, default=int(config.get("demo_months")))
    demo.add_argument("--seed", type=int, default=int(config.get("demo_seed")))
    demo.add_argument("--scale", type=float, default=float(config.get("demo_scale")))
    demo.add_argument("--end", type=_month_end, help="最后一个月 YYYY-MM（默认上个月）")
    demo.set_defaults(run=_demo)

    batches = sub.add_parser("batches", parents=[common], help="列出导入批次")
    batches.set_defaults(run=_batches)

    alerts = sub.add_parser("alerts", parents=[common], help="计算并列出某月或某年各月的发现")
    alerts.add_argument(
        "--period", help="月份 YYYY-MM 或年份 YYYY（年份即其有数据的各月；默认最近有数据的月份）"
    )
    alerts.set_defaults(run=_alerts)

    save = sub.add_parser("backup", parents=[common], help="备份数据库（附校验说明）")
    save.add_argument("--to", type=Path, help="备份文件（默认在数据库旁的 .backups 目录）")
    save.set_defaults(run=_backup)
    back = sub.add_parser("restore", parents=[common], help="校验后用备份替换数据库")
    back.add_argument("file", type=Path, metavar="BACKUP")
    back.set_defaults(run=_restore)

    trail = sub.add_parser("audit", parents=[common], help="审计日志")
    checks = trail.add_subparsers(required=True, metavar="ACTION")
    checks.add_parser(
        "verify", parents=[common], help="逐条校验审计日志的链接（删改任何一条都会被发现）"
    ).set_defaults(run=_audit_verify)

    people = sub.add_parser("users", parents=[common], help="管理本地账户")
    actions = people.add_subparsers(required=True, metavar="ACTION")
    add = actions.add_parser("add", parents=[common], help="新建账户")
    add.add_argument("username")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--sso", action="store_true", help="允许以统一身份认证登录此账户")
    add.set_defaults(run=_users_add)
    passwd = actions.add_parser("passwd", parents=[common], help="重设密码并解除锁定")
    passwd.add_argument("username")
    passwd.set_defaults(run=_users_passwd)
    for action in (add, passwd):  # a password never on the command line (ps shows it)
        action.add_argument(
            "--password-stdin", action="store_true",
            help="从标准输入读取密码（一行）；不给则生成一个并显示一次",
        )  # fmt: skip
    for name, disabled, text in (("disable", True, "停用账户"), ("enable", False, "启用账户")):
        switch = actions.add_parser(name, parents=[common], help=text)
        switch.add_argument("username")
        switch.set_defaults(run=_users_switch, disabled=disabled)
    listing = actions.add_parser("list", parents=[common], help="列出账户")
    listing.set_defaults(run=_users_list)
    revoke = actions.add_parser("revoke", parents=[common], help="撤销该账户的全部登录")
    revoke.add_argument("username")
    revoke.set_defaults(run=_users_revoke)

    cli_text.add_parsers(sub, common)
    cli_reports.add_parser(sub, common)
    cli_lake.add_parser(sub, common)
    return parser


def _ingest(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    user_map = dict(_split_map(m) for m in args.map)
    failed = False
    reports: list[pd.DataFrame] = []
    for path in args.files:
        try:
            result = load_file(
                con,
                args.kind,
                path,
                sheet=args.sheet,
                user_map=user_map,
                skip_invalid=args.skip_invalid,
                actor=cli_actor(),
            )
        except EffmonError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            failed = True
            continue
        _print_result(result)
        failed |= not result.loaded
        if len(result.errors):
            reports.append(result.errors)
            if not args.errors:
                _write_report(result.errors, _default_report_path(path))
    if reports and args.errors:
        _write_report(pd.concat(reports), args.errors)
    return 1 if failed else 0


def _print_result(result: LoadResult) -> None:
    if not result.loaded:
        print(
            labels.REJECTED_STRICT.format(name=result.name, rows=result.rows_rejected),
            file=sys.stderr,
        )
    print(result.summary())
    if result.findings_months:
        print(labels.FINDINGS["loaded"].format(months="、".join(result.findings_months)))
    if len(result.errors):
        shown = result.errors.head(ERRORS_SHOWN).rename(columns=labels.ERROR_COLUMNS)
        print(shown.to_string(index=False))
        if len(result.errors) > ERRORS_SHOWN:
            print(labels.MORE_ERRORS.format(shown=ERRORS_SHOWN, total=len(result.errors)))


def _write_report(errors: pd.DataFrame, path: Path) -> None:
    path.write_bytes(error_report_csv(errors))
    print(labels.REPORT_WRITTEN.format(path=path))


def _default_report_path(path: Path) -> Path:
    target = path.with_name(path.name + ".errors.csv")
    return target if os.access(target.parent, os.W_OK) else Path.cwd() / target.name


def _split_map(text: str) -> tuple[str, str]:
    if "=" not in text:
        raise SystemExit(f"--map 需要「源列=字段」的形式：{text}")
    source, target = text.split("=", 1)
    return source.strip(), target.strip()


def _month_end(text: str) -> date:
    year, month = (int(p) for p in text.split("-"))
    following = date(year + month // 12, month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def _demo(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    manifest = build_demo(con, months=args.months, seed=args.seed, scale=args.scale, end=args.end)
    counts = queries.table_counts(con)
    print(labels.DEMO_DONE.format(rows=int(counts["rows"].sum())))
    if trained := learn_from_stars(con, args.store):
        print(sentiment.trained_message(trained))
    counts["table"] = counts["table"].map(labels.TABLES)
    print(counts.rename(columns=labels.COLUMNS).to_string(index=False))
    print(labels.DEMO_EVENTS.format(events=", ".join(manifest)))
    return 0


def _batches(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    history = queries.load_history(con)
    history["kind"] = history["kind"].map(labels.BATCH_KINDS)
    history["mode"] = history["mode"].map(labels.BATCH_MODES)
    print(history.rename(columns=labels.COLUMNS).to_string(index=False))
    return 0


def _alerts(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    months = queries.data_months(con)
    if not months:
        raise EffmonError(labels.NO_DATA)
    period = args.period or months[0]
    if not re.fullmatch(r"\d{4}(-\d{2})?", period):
        raise EffmonError(labels.FINDINGS["bad_period"].format(period=period))
    chosen = sorted(m for m in months if m.startswith(period)) if len(period) == 4 else [period]
    sites = queries.site_names(con)
    for month in chosen:
        before = set(store_findings.findings_between(con, month, month)["finding_id"])
        refresh_findings(con, [month])
        found = store_findings.findings_between(con, month, month)
        added = len(set(found["finding_id"]) - before)
        print(labels.FINDINGS["computed_cli"].format(month=month, count=len(found), added=added))
        if len(found):
            print(findings_table(found, sites).to_string(index=False))
    return 0


def _users_add(con, args) -> int:
    password = _password(args)
    accounts.add_user(con, args.username, args.role, password, cli_actor(), sso=args.sso)
    print(labels.ACCOUNTS["added"].format(user=args.username, role=args.role))
    if not args.password_stdin:
        print(labels.ACCOUNTS["generated"].format(password=password))
    return 0


def _users_passwd(con, args) -> int:
    password = _password(args)
    accounts.set_password(con, args.username, password, cli_actor())
    print(labels.ACCOUNTS["reset"].format(user=args.username))
    if not args.password_stdin:
        print(labels.ACCOUNTS["generated"].format(password=password))
    return 0


def _password(args) -> str:
    """The password read from standard input (--password-stdin), else a generated one."""
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return accounts.new_password()


def _users_switch(con, args) -> int:
    accounts.set_disabled(con, args.username, args.disabled, cli_actor())
    print(
        labels.ACCOUNTS["disabled_now" if args.disabled else "enabled_now"].format(
            user=args.username
        )
    )
    return 0


def _users_revoke(con, args) -> int:
    count = sessions.revoke(con, args.username, cli_actor())
    print(labels.SESSIONS["cli_revoked"].format(user=args.username, count=count))
    return 0


def _users_list(con, args) -> int:
    print(users_frame(accounts.users(con), datetime.now()).to_string(index=False))
    return 0


def _backup(con, args) -> int:
    store = args.store
    target = args.to or store.with_name(store.name + ".backups") / (
        f"{store.stem}-{datetime.now():%Y%m%d%H%M%S}.duckdb"
    )
    manifest = backup.backup(con, store, target, cli_actor())
    print(
        labels.BACKUP["done"].format(
            file=target,
            tables=len(manifest["rows"]),
            rows=sum(manifest["rows"].values()),
            sha=manifest["sha256"][:12],
        )
    )
    return 0


def _restore(store: Path, args) -> int:
    if store.exists():  # wait till the app and other commands let go of it
        seconds = float(config.get("store_wait_seconds"))
        connect_waiting(store, seconds, lambda: _say_waiting(store, seconds)).close()
    kept, later = backup.restore(args.file, store, cli_actor())
    print(labels.BACKUP["restored"].format(file=args.file, kept=kept))
    if later:
        print(labels.BACKUP["kept_entries"].format(count=later))
    return 0


def _audit_verify(con, args) -> int:
    verdict = audit.verify(con)
    if verdict.broken:
        print(labels.AUDIT_CHAIN["broken"].format(**verdict.broken), file=sys.stderr)
        return 1
    print(labels.AUDIT_CHAIN["intact"].format(sealed=verdict.sealed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
