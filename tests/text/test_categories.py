"""Complaint category classifier: the CLI round trip, its bad input, the classifier applied
at load time, and reviewers' corrections used by the next training."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd
import pytest

from effmon.analytics.complaint_categories import review_queue
from effmon.cli import main
from effmon.store import complaint_categories as store_categories
from effmon.store.connect import open_store
from effmon.text import categories

TOPICS = {
    "交通运输": ["公交车站", "红绿灯路口", "道路拥堵", "出租车拒载", "地铁站口"],
    "教育文体": ["学校食堂", "小学招生", "老师补课", "幼儿园收费", "学生校车"],
    "环境保护": ["工地噪音", "河道污染", "垃圾焚烧", "工厂废气", "夜间施工扰民"],
}
PLACES = ["西园路", "北城小区", "南湖街道", "东山村", "人民路", "新华小区"]


def _labelled_rows() -> list[tuple[str, str, str]]:
    """(title, body, category): each topic's phrases at several places."""
    return [
        (f"{place}{phrase}问题", f"我住在{place}附近，{phrase}的问题一直没有解决，请处理。", topic)
        for topic, phrases in TOPICS.items()
        for phrase in phrases
        for place in PLACES[:3]
    ]


@pytest.fixture
def labelled(write_file):
    rows = "".join(f"{t},{b},{c}\n" for t, b, c in _labelled_rows())
    return write_file("labelled.csv", "标题,内容,类别\n" + rows)


@pytest.fixture
def store(tmp_path):
    return tmp_path / "store.duckdb"


def _train(labelled, store, *extra) -> int:
    return main(
        ["complaints", "train", str(labelled), "--text-col", "标题", "--text-col", "内容",
         "--label-col", "类别", "--db", str(store), *extra]
    )  # fmt: skip


def test_train_from_a_file_then_classify_a_file(labelled, store, write_file, tmp_path, capsys):
    assert _train(labelled, store) == 0
    assert "模型 v1" in capsys.readouterr().out
    new = write_file(
        "new.csv",
        "编号,标题,正文\nN1,公交车站太远,人民路公交车站撤了以后很不方便\n"
        "N2,工地噪音,新华小区旁工地夜间施工噪音太大\nN3,,小学招生政策不清楚\n",
    )
    out = tmp_path / "out.csv"
    code = main(
        ["classify", str(new), "--text-col", "正文", "--title-col", "标题", "--out", str(out),
         "--db", str(store)]
    )  # fmt: skip
    assert code == 0
    result = pd.read_csv(out, encoding="utf-8-sig", dtype={"编号": str})
    assert result["编号"].tolist() == ["N1", "N2", "N3"]  # every input row, in order
    assert result["类别"].tolist() == ["交通运输", "环境保护", "教育文体"]
    assert result["类别置信度"].between(0, 1).all()
    # The least certain 15% of three, rounded up, go to review; the rest are accepted.
    least = result["类别置信度"].idxmin()
    assert result["复核"].tolist() == ["待复核" if i == least else "自动采纳" for i in range(3)]
    said = capsys.readouterr().out
    assert "已分类 3 条" in said and "1 条（15%）建议复核，其余 2 条自动采纳" in said


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("标题,类别\n公交,交通\n", ["--text-col", "内容", "--label-col", "类别"], "内容"),
        ("", ["--text-col", "内容", "--label-col", "类别"], "空文件"),
        (
            "内容,类别\n" + "公交车站太远,交通运输\n" * 6,
            ["--text-col", "内容", "--label-col", "类别"],
            "只有一个类别（交通运输）",
        ),
        (
            "内容,类别\n" + "公交车站太远,交通运输\n" * 4 + "工地噪音,环境保护\n",
            ["--text-col", "内容", "--label-col", "类别"],
            "环境保护（1 条）",
        ),
        ("内容,类别\n公交,交通\n", ["--text-col", "内容"], "请指定训练文件"),
    ],
    ids=["no such column", "empty file", "one category", "too few of one", "no label column"],
)
def test_bad_training_input_is_named(write_file, store, capsys, content, args, message):
    bad = write_file("bad.csv", content)
    assert main(["complaints", "train", str(bad), *args, "--db", str(store)]) == 1
    error = capsys.readouterr().err
    assert message in error
    assert not categories.models.models_dir(store).exists()  # nothing saved


def test_classify_without_a_model_or_with_a_missing_column(labelled, store, write_file, capsys):
    new = write_file("new.csv", "编号,正文\nN1,公交车站太远\n")
    args = ["classify", str(new), "--out", "o.csv", "--db", str(store)]
    assert main([*args, "--text-col", "正文"]) == 1
    assert "effmon complaints train" in capsys.readouterr().err
    assert _train(labelled, store) == 0
    assert main([*args, "--text-col", "内容"]) == 1
    assert "「new.csv」" in capsys.readouterr().err


COMPLAINTS = "工单编号,留言时间,留言主题,留言详情,问题类别\n"


def test_the_classifier_fills_in_categories_at_load_time_and_reviews_feed_training(
    labelled, store, write_file
):
    assert _train(labelled, store) == 0
    loaded = write_file(
        "complaints.csv",
        COMPLAINTS
        + "T1,2026-10-08 09:00,红绿灯路口,人民路红绿灯路口太乱,\n"
        + "T2,2026-10-08 10:00,学校食堂,北城小区旁学校食堂不卫生,教育\n"  # another scheme
        + "T3,2026-10-08 11:00,河道污染,东山村河道污染,环境保护\n",  # our scheme: kept
    )
    assert main(["ingest", "complaints", str(loaded), "--db", str(store)]) == 0
    with duckdb.connect(str(store)) as con:
        rows = con.execute(
            "SELECT ticket_id, category, category_source, file_category, category_confidence "
            "FROM complaints ORDER BY ticket_id"
        ).fetchall()
        assert [r[:4] for r in rows] == [
            ("T1", "交通运输", "model", None),
            ("T2", "教育文体", "model", "教育"),
            ("T3", "环境保护", "file", None),
        ]
        assert rows[0][4] > 0 and rows[2][4] is None
        everything = review_queue(con, share=1.0)
        assert set(everything["ticket_id"]) == {"T1", "T2"}  # the model's, not the file's
        least = review_queue(con, share=0.3)  # one of two, rounded up: the less confident
        assert least["ticket_id"].tolist() == [
            everything.sort_values("category_confidence")["ticket_id"].iloc[0]
        ]
        store_categories.record_review(con, "T1", "环境保护", "审核员", datetime(2026, 10, 9))
        training = store_categories.training_rows(con)
    assert dict(zip(training["ticket_id"], training["category"], strict=True)) == {
        "T1": "环境保护",  # the reviewer's, used at the next training
        "T3": "环境保护",
    }
    assert "T2" not in set(training["ticket_id"])  # the model's own guess is not learnt from


def test_without_a_model_a_load_keeps_categories_as_they_are(write_file, store):
    loaded = write_file(
        "complaints.csv", COMPLAINTS + "T1,2026-10-08 09:00,红绿灯,人民路红绿灯太乱,\n"
    )
    assert main(["ingest", "complaints", str(loaded), "--db", str(store)]) == 0
    con = open_store(store)
    try:
        assert con.execute("SELECT category, category_source FROM complaints").fetchall() == [
            (None, None)
        ]
    finally:
        con.close()


def test_a_model_is_rolled_back_to_the_version_before(labelled, store, capsys):
    assert _train(labelled, store) == 0
    assert main(["complaints", "rollback", "--db", str(store)]) == 1  # nothing earlier
    assert "没有更早的模型版本" in capsys.readouterr().err
    assert _train(labelled, store) == 0
    assert categories.load_classifier(store).saved.version == 2
    assert main(["complaints", "rollback", "--db", str(store)]) == 0
    assert "已撤下 v2，改用 v1" in capsys.readouterr().out
    assert categories.load_classifier(store).saved.version == 1
    with duckdb.connect(str(store)) as con:
        actions = con.execute("SELECT action FROM audit_log").fetchall()
    assert ("model_rollback",) in actions


def test_each_category_says_where_it_came_from():
    from effmon.analytics.complaint_categories import category_origin

    complaints = pd.DataFrame(
        {
            "ticket_id": ["F", "R", "Q", "A", "N"],
            "category": ["环境保护", "交通运输", "城乡建设", "教育文体", None],
            "category_source": [None, "review", "model", "model", None],
        }
    )
    origin = category_origin(complaints, pd.Series(["Q"]))
    assert origin.tolist()[:4] == ["导入文件", "人工复核", "模型·待复核", "模型·自动采纳"]
    assert pd.isna(origin.iloc[4])  # no category, no origin
