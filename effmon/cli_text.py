"""Command line of the text models: ``effmon sentiment``, ``complaints``, ``classify`` and
``hotspots`` (registered by effmon.cli, which opens the store and catches errors)."""

from __future__ import annotations

import argparse
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from effmon import config, labels
from effmon.analytics.complaint_categories import train_from_complaints
from effmon.analytics.hot_issues import hot_issues
from effmon.analytics.satisfaction import rescore_comments, train_from_evaluations
from effmon.cli_actor import cli_actor
from effmon.errors import EffmonError
from effmon.exports import write_csv
from effmon.ingest.complaint_files import read_complaints
from effmon.ingest.readers import read_text_table
from effmon.semantic import display
from effmon.store import audit
from effmon.store import complaints as store_complaints
from effmon.store.filters import Filters
from effmon.text import categories, models, review, sentiment


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    """The text-model commands, on the sub-parsers of effmon.cli."""
    sentiment = sub.add_parser("sentiment", parents=[common], help="评价内容情感模型")
    steps = sentiment.add_subparsers(required=True, metavar="STEP")
    train = steps.add_parser("train", parents=[common], help="训练情感模型并保存到数据库旁")
    train.add_argument("file", nargs="?", type=Path, metavar="FILE", help="带标签的 CSV/TSV/XLSX")
    train.add_argument("--text-col", help="文本列名")
    train.add_argument("--label-col", help="标签列名（正面/负面、1/0、positive/negative）")
    train.add_argument(
        "--from-evaluations", action="store_true", help="用本库的好差评（4-5★ 正面，1-2★ 负面）"
    )
    train.set_defaults(run=_sentiment_train)
    score = steps.add_parser("score", parents=[common], help="给文件中的每条文本打情感分")
    score.add_argument("file", type=Path, metavar="FILE")
    score.add_argument("--text-col", required=True, help="文本列名")
    score.add_argument("--out", type=Path, required=True, help="输出 CSV")
    score.set_defaults(run=_sentiment_score)
    rescore = steps.add_parser(
        "rescore", parents=[common], help="用当前模型重新评分本库全部评价内容（训练后自动进行）"
    )
    rescore.set_defaults(run=_sentiment_rescore)
    steps.add_parser(
        "rollback", parents=[common], help="撤下正在使用的情感模型，改用上一版本并重新评分"
    ).set_defaults(run=_sentiment_rollback)

    complaints = sub.add_parser("complaints", parents=[common], help="投诉分类模型")
    complaint_steps = complaints.add_subparsers(required=True, metavar="STEP")
    learn = complaint_steps.add_parser(
        "train", parents=[common], help="训练投诉分类模型（不给 FILE 时用本库已分类的投诉）"
    )
    learn.add_argument("file", nargs="?", type=Path, metavar="FILE", help="带类别的 CSV/XLSX")
    learn.add_argument(
        "--text-col", action="append", default=[], help="文本列名；可给多次，按顺序拼接"
    )
    learn.add_argument("--label-col", help="类别列名")
    learn.set_defaults(run=_complaints_train)
    complaint_steps.add_parser(
        "rollback", parents=[common], help="撤下正在使用的投诉分类模型，改用上一版本"
    ).set_defaults(run=_complaints_rollback)
    classify = sub.add_parser("classify", parents=[common], help="为文件中的每条投诉分类")
    classify.add_argument("file", type=Path, metavar="FILE")
    classify.add_argument("--text-col", required=True, help="正文列名")
    classify.add_argument("--title-col", help="标题列名（可选，与正文拼接）")
    classify.add_argument("--out", type=Path, required=True, help="输出 CSV")
    classify.set_defaults(run=_classify)

    hot = sub.add_parser("hotspots", parents=[common], help="热点问题排行（文件或本库）")
    hot.add_argument("source", metavar="FILE|store", help="投诉导出文件，或 store 表示本库投诉")
    hot.add_argument("--top", type=int, default=20, help="列出前几个（默认 20）")
    hot.add_argument("--months", type=int, default=3, help="本库：最近几个月（默认 3）")
    hot.add_argument("--out", type=Path, help="输出 CSV（全部热点问题及其工单编号）")
    hot.set_defaults(run=_hotspots)


def _sentiment_train(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    if args.from_evaluations:
        saved = train_from_evaluations(con, args.store)
    elif args.file and args.text_col and args.label_col:
        table = read_text_table(args.file, args.file.name, [args.text_col, args.label_col])
        targets = sentiment.binary_targets(table[args.label_col], args.file.name, args.label_col)
        saved = sentiment.train_and_save(
            args.store, table[args.text_col], targets, args.file.name, _review_share()
        )
        rescore_comments(con, args.store)  # from_evaluations does it itself
    else:
        raise EffmonError(labels.SENTIMENT["no_source"])
    _audited(con, "model_train", sentiment.MODEL_NAME, source=str(args.file or "evaluations"))
    print(sentiment.trained_message(saved))
    return 0


def _sentiment_rescore(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    print(sentiment.load_scorer(args.store).describe())
    comments = rescore_comments(con, args.store)
    print(labels.SENTIMENT["rescored"].format(comments=comments))
    return 0


def _sentiment_rollback(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    _roll_back(con, args.store, sentiment.MODEL_NAME)
    comments = rescore_comments(con, args.store)
    print(labels.SENTIMENT["rescored"].format(comments=comments))
    return 0


def _complaints_rollback(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    _roll_back(con, args.store, categories.MODEL_NAME)
    return 0


def _roll_back(con: duckdb.DuckDBPyConnection, store: Path, name: str) -> None:
    withdrawn = models.newest_version(store, name)
    now_used = models.roll_back(store, name)
    _audited(con, "model_rollback", name, withdrawn=withdrawn, version=now_used.version)
    print(
        labels.MODELS["rolled_back"].format(
            withdrawn=withdrawn, version=now_used.version,
            trained_at=now_used.meta["trained_at"].replace("T", " "),
        )
    )  # fmt: skip


def _sentiment_score(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    table = read_text_table(args.file, args.file.name, [args.text_col])
    scorer = sentiment.load_scorer(args.store)
    print(scorer.describe())
    scores = scorer.scores(table[args.text_col].tolist())
    words = labels.SENTIMENT
    table[words["score_column"]] = scores.round(4)
    table[words["label_column"]] = np.where(scores >= 0.5, words["positive"], words["negative"])
    _write_marked(con, args, table, np.maximum(scores, 1 - scores), "texts_scored", words["scored"])
    return 0


def _complaints_train(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    if args.file is None:
        saved = train_from_complaints(con, args.store)
    elif args.text_col and args.label_col:
        table = read_text_table(args.file, args.file.name, [*args.text_col, args.label_col])
        texts = categories.joined_text(table, args.text_col)
        labelled = table[args.label_col].str.strip() != ""
        saved = categories.train_and_save(
            args.store, texts[labelled], table.loc[labelled, args.label_col].str.strip(),
            args.file.name, _review_share(),
        )  # fmt: skip
    else:
        raise EffmonError(labels.CATEGORIES["no_source"])
    _audited(con, "model_train", categories.MODEL_NAME, source=str(args.file or "complaints"))
    print(categories.trained_message(saved))
    return 0


def _classify(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    classifier = categories.load_classifier(args.store)
    if classifier is None:
        raise EffmonError(labels.CATEGORIES["no_model"])
    columns = [c for c in (args.title_col, args.text_col) if c]
    table = read_text_table(args.file, args.file.name, columns)
    print(classifier.describe())
    predicted = classifier.classify(categories.joined_text(table, columns).tolist())
    confidence = predicted["category_confidence"].to_numpy()
    columns = labels.CATEGORIES["output_columns"]
    table[columns["category"]] = predicted["category"].to_numpy()
    table[columns["confidence"]] = confidence
    _write_marked(con, args, table, confidence, "texts_classified", labels.CATEGORIES["classified"])
    return 0


def _write_marked(
    con: duckdb.DuckDBPyConnection,
    args: argparse.Namespace,
    table: pd.DataFrame,
    confidence: np.ndarray,
    action: str,
    said: str,
) -> None:
    """Mark the least confident review_share of ``table``'s rows 待复核 and the rest 自动采纳,
    write it to args.out, audit ``action`` and say so (``said``)."""
    share = _review_share()
    queued = review.queued(confidence, share)
    mark = labels.REVIEW_MARK
    table[mark["column"]] = [mark["values"][q] for q in queued]
    write_csv(table, args.out)
    _audited(con, action, str(args.out), source=str(args.file), rows=len(table))
    print(
        said.format(
            rows=len(table), review=int(queued.sum()),
            share=display.percent_text(share, decimals=0), accepted=int((~queued).sum()),
            path=args.out,
        )
    )  # fmt: skip


def _hotspots(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    if args.source == "store":
        months = store_complaints.complaint_months(con)
        if not months:
            raise EffmonError(labels.NO_DATA)
        start = months[min(args.months, len(months)) - 1]
        complaints = store_complaints.complaints_between(con, Filters(), start, months[0])
    else:
        complaints = read_complaints(Path(args.source), Path(args.source).name)
    issues = hot_issues(complaints)
    shown = labels.HOTSPOTS["columns_shown"]
    table = issues.assign(ticket_ids=issues["ticket_ids"].map("、".join)).rename(columns=shown)
    print(table.drop(columns=shown["ticket_ids"]).head(args.top).to_string())
    if args.out:
        write_csv(table, args.out)
        print(labels.HOTSPOTS["written"].format(rows=len(table), path=args.out))
    _audited(con, "hotspots", str(args.out or "-"), source=args.source, issues=len(table))
    return 0


def _review_share() -> float:
    return config.get_float("review_share")


def _audited(con: duckdb.DuckDBPyConnection, action: str, target: str, **detail) -> None:
    """Record the command in the audit trail, by the operating-system user who ran it."""
    audit.record(con, cli_actor(), action, target, detail)
