"""Sentiment model: training, scoring, versions and the command line's bad input."""

from __future__ import annotations

import getpass
import shutil

import duckdb
import pandas as pd
import pytest

from effmon.cli import main
from effmon.text import models, sentiment

PRAISE = [
    "网上办理很方便，一次都不用跑",
    "工作人员态度很好，讲解耐心",
    "办事效率高，很满意",
    "窗口服务热情周到，点赞",
    "流程清楚，很快就办完了",
    "预约之后到了就办，不用排队",
]
BLAME = [
    "排队太久，等了两个小时",
    "态度差，爱答不理",
    "来回跑了好几趟还没办成",
    "材料要求说不清楚，白跑一趟",
    "系统老是出错，办不了",
    "窗口人少，等太久了",
]
LABELLED = (
    "评价内容,标签\n"
    + "".join(f"{t},正面\n" for t in PRAISE)
    + "".join(f"{t},负面\n" for t in BLAME)
)


@pytest.fixture
def store(tmp_path):
    return tmp_path / "s.duckdb"


def test_train_from_a_file_then_score_a_file(store, write_file, tmp_path, capsys):
    labelled = write_file("l.csv", LABELLED)
    assert (
        main(
            [
                "sentiment",
                "train",
                str(labelled),
                "--text-col",
                "评价内容",
                "--label-col",
                "标签",
                "--db",
                str(store),
            ]
        )
        == 0
    )
    assert "模型 v1" in capsys.readouterr().out
    comments = write_file("c.csv", "编号,评价内容\nA,办理很方便\nB,等太久了态度差\nC,\n")
    out = tmp_path / "scored.csv"
    assert (
        main(
            [
                "sentiment",
                "score",
                str(comments),
                "--text-col",
                "评价内容",
                "--out",
                str(out),
                "--db",
                str(store),
            ]
        )
        == 0
    )
    assert "本地训练模型 v1" in capsys.readouterr().out
    scored = pd.read_csv(out, encoding="utf-8-sig", dtype={"评价内容": str})
    assert list(scored.columns) == ["编号", "评价内容", "情感分", "情感倾向", "复核"]
    assert scored["编号"].tolist() == ["A", "B", "C"]
    assert scored["情感分"][0] > 0.5 > scored["情感分"][1]
    assert scored["情感分"][2] == 0.5  # nothing to judge
    assert scored["情感倾向"].tolist()[:2] == ["正面", "负面"]
    assert scored["复核"].tolist() == ["自动采纳", "自动采纳", "待复核"]  # the least certain


ONE_COLUMN = (
    "text\n"
    "办理很方便，工作人员态度好，点赞\n"
    "等了两个小时，窗口只开了一个；太慢了\n"
    '"排队太久,\n下次不来了"\n'
    "材料一次说清楚了, 很满意\n"
)


@pytest.mark.parametrize("name", ["one.csv", "one.txt"])
def test_a_file_of_one_text_column_is_scored_line_by_line(store, write_file, tmp_path, name):
    """The plainest file: one column of texts, their commas and semicolons their own (the
    delimiter is read off the header line, never sniffed from the texts)."""
    comments = write_file(name, ONE_COLUMN)
    out = tmp_path / "scored.csv"
    args = ["sentiment", "score", str(comments), "--text-col", "text", "--out", str(out)]
    assert main([*args, "--db", str(store)]) == 0
    scored = pd.read_csv(out, encoding="utf-8-sig")
    assert scored["text"].tolist() == [
        "办理很方便，工作人员态度好，点赞",
        "等了两个小时，窗口只开了一个；太慢了",
        "排队太久,\n下次不来了",  # a quoted cell over two lines
        "材料一次说清楚了, 很满意",
    ]
    con = duckdb.connect(str(store), read_only=True)
    logged = con.execute(
        "SELECT username, target, detail FROM audit_log WHERE action = 'texts_scored'"
    ).fetchall()
    con.close()
    assert len(logged) == 1 and logged[0][0] == f"命令行（{getpass.getuser()}）"
    assert logged[0][1] == str(out) and '"rows": 4' in logged[0][2]  # who scored what


def test_each_training_is_a_new_version_and_an_unfinished_one_is_ignored(store):
    texts, targets = PRAISE + BLAME, [1] * len(PRAISE) + [0] * len(BLAME)
    for _ in range(2):
        models.save(
            store, "sentiment", sentiment.train(texts, targets), {"source": "t", "rows": 12}
        )
    assert sentiment.load_scorer(store).saved.version == 2
    (models.models_dir(store) / "sentiment" / "v0003.joblib").write_bytes(b"half written")
    assert sentiment.load_scorer(store).saved.version == 2


def test_without_a_model_snownlp_scores_and_says_so(store):
    scorer = sentiment.load_scorer(store)
    assert "snownlp" in scorer.describe()
    assert 0 <= scorer.scores(["服务很好"])[0] <= 1


def test_training_from_the_stores_own_evaluations(demo_db, tmp_path, capsys):
    copy = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, copy)
    assert main(["sentiment", "train", "--from-evaluations", "--db", str(copy)]) == 0
    assert "模型 v1" in capsys.readouterr().out
    scorer = sentiment.load_scorer(copy)
    assert scorer.saved.meta["source"] == "本库评价"
    assert scorer.scores(["排队太久，等了两个小时，态度还很差"])[0] < 0.5


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (LABELLED, ["--text-col", "内容", "--label-col", "标签"], "没有列：内容"),
        ("", ["--text-col", "评价内容", "--label-col", "标签"], "是空文件"),
        ("评价内容,标签\n", ["--text-col", "评价内容", "--label-col", "标签"], "没有数据行"),
        (
            LABELLED.replace("正面", "一般", 1),
            ["--text-col", "评价内容", "--label-col", "标签"],
            "第 2 行的值不是：一般",
        ),
        (
            "评价内容,标签\n很好,1\n很差,0\n",
            ["--text-col", "评价内容", "--label-col", "标签"],
            "各至少需要 5 条",
        ),
        (LABELLED, [], "请指定训练文件"),
    ],
)
def test_bad_training_input_is_explained(store, write_file, capsys, content, args, message):
    path = write_file("l.csv", content)
    assert main(["sentiment", "train", str(path), *args, "--db", str(store)]) == 1
    err = capsys.readouterr().err
    assert message in err and ("l.csv" in err or "请指定" in message or "至少" in message)
    assert not models.models_dir(store).exists()
