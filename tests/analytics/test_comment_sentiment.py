"""Comment sentiment is scored when evaluations are loaded and stored with them, read (never
computed) by reports and pages, and scored again when a sentiment model is trained."""

from __future__ import annotations

import duckdb
import numpy as np
import pytest

from effmon.analytics import satisfaction_index as index
from effmon.analytics.satisfaction import train_from_evaluations
from effmon.cli import main
from effmon.ingest.pipeline import load_file
from effmon.reports import catalog
from effmon.reports.request import Request
from effmon.store import sentiment as stored
from effmon.store.connect import open_store
from effmon.text import aspects, sentiment
from effmon.text.sentiment import Scorer
from tests.conftest import row_count

EVALUATIONS = (
    "评价时间,部门,评价结果,评价内容,评价渠道\n"
    "2026-10-08 10:01,税务局,非常满意,态度很好，但是排队太久,评价器\n"
    "2026-10-08 11:00,税务局,2,排队太久,短信\n"
    "2026-10-09 11:00,税务局,满意,态度很好，但是排队太久,短信\n"
    "2026-10-09 12:00,税务局,满意,,短信\n"
)


def _fake(texts):
    """A stand-in scorer: texts with 好 are positive, others negative."""
    return np.array([0.9 if "好" in str(t) else 0.1 for t in texts])


def _refuse(*args, **kwargs):
    raise AssertionError("comments were scored at report time")


@pytest.fixture
def fake_scorer(monkeypatch):
    """Every scorer of the store scores with _fake (snownlp takes ~30 ms a comment)."""
    monkeypatch.setattr(Scorer, "scores", lambda self, texts: _fake(texts))


@pytest.fixture
def file_store(tmp_path):
    path = tmp_path / "store.duckdb"
    connection = open_store(path)
    yield connection
    connection.close()


def _stored(con) -> list[tuple]:
    return con.execute(
        "SELECT comment, comment_sentiment, aspect_sentiment FROM evaluations ORDER BY evaluated_at"
    ).fetchall()


def test_a_load_stores_each_comments_sentiment_and_aspects(file_store, write_file, fake_scorer):
    load_file(file_store, "evaluations", write_file("ev.csv", EVALUATIONS))
    assert _stored(file_store) == [
        # aspects: attitude 0.9 (态度很好), efficiency 0.1 (排队太久) → 0.5
        ("态度很好，但是排队太久", 0.9, pytest.approx(0.5)),
        ("排队太久", 0.1, 0.1),
        ("态度很好，但是排队太久", 0.9, pytest.approx(0.5)),
        (None, None, None),
    ]
    mentions = stored.stored_mentions(file_store, ["态度很好，但是排队太久", "排队太久"])
    found = mentions[["comment", "aspect", "sentiment"]].itertuples(index=False, name=None)
    assert sorted(found) == [
        ("态度很好，但是排队太久", "attitude", 0.9),
        ("态度很好，但是排队太久", "efficiency", 0.1),
        ("排队太久", "efficiency", 0.1),
    ]


def test_reloading_scores_nothing_again_and_keeps_one_set_of_mentions(
    file_store, write_file, fake_scorer, monkeypatch
):
    path = write_file("ev.csv", EVALUATIONS)
    load_file(file_store, "evaluations", path)
    before = _stored(file_store), row_count(file_store, "comment_aspects")
    monkeypatch.setattr(Scorer, "scores", _refuse)
    again = load_file(file_store, "evaluations", path)
    assert again.rows_new == 0
    assert (_stored(file_store), row_count(file_store, "comment_aspects")) == before


def test_a_load_whose_scoring_fails_loads_nothing(file_store, write_file, monkeypatch):
    def broken(self, texts):
        raise RuntimeError("scorer broke")

    monkeypatch.setattr(Scorer, "scores", broken)
    with pytest.raises(RuntimeError, match="scorer broke"):
        load_file(file_store, "evaluations", write_file("ev.csv", EVALUATIONS))
    assert row_count(file_store, "evaluations") == 0
    assert row_count(file_store, "comment_aspects") == 0
    assert row_count(file_store, "load_batches") == 0


def test_the_demo_store_has_every_comment_scored(demo_db):
    with duckdb.connect(str(demo_db), read_only=True) as demo:
        assert stored.unscored_count(demo) == 0
        assert demo.execute("SELECT count(*) FROM comment_aspects").fetchall()[0][0] > 0


def test_reports_read_the_stored_scores_and_never_score(store, monkeypatch):
    """Scoring raises during generation: every report kind still comes out, and the index
    is the one the stored scores give."""
    monkeypatch.setattr(Scorer, "scores", _refuse)
    monkeypatch.setattr(sentiment, "snownlp_score", _refuse)
    monkeypatch.setattr(index, "compute_comment_scores", _refuse)
    monkeypatch.setattr(aspects, "aspect_sentiments", _refuse)
    with open_store(store) as con:
        made = catalog.generate(con, "monthly", Request("2026-10", "测试员"))
        assert made.pages > 1
        catalog.generate(con, "annual", Request("2026", "测试员"))
        comments = con.execute(
            "SELECT DISTINCT comment FROM evaluations WHERE comment IS NOT NULL LIMIT 50"
        ).fetchall()
        scores, _ = index.comment_scores(con, [c[0] for c in comments])
    assert scores["sentiment"].notna().all()


def test_training_a_model_scores_every_comment_again(file_store, write_file, tmp_path, monkeypatch):
    rows = ["评价时间,部门,评价结果,评价内容,评价渠道"]
    for i in range(8):
        rows.append(f"2026-10-0{i + 1} 10:00,税务局,非常满意,服务很好很满意{i},评价器")
        rows.append(f"2026-10-0{i + 1} 11:00,税务局,非常不满意,排队太久太差{i},评价器")
    monkeypatch.setattr(Scorer, "scores", lambda self, texts: _fake(texts))
    load_file(file_store, "evaluations", write_file("ev.csv", "\n".join(rows) + "\n"))
    assert {s for _, s, _ in _stored(file_store)} == {0.9, 0.1}  # the stand-in's scores
    monkeypatch.undo()  # from here the trained model scores
    store_path = tmp_path / "store.duckdb"
    train_from_evaluations(file_store, store_path)
    model = sentiment.load_scorer(store_path)
    assert model.model is not None
    found = _stored(file_store)
    assert [s for _, s, _ in found] == pytest.approx(list(model.scores([c for c, _, _ in found])))
    assert {s for _, s, _ in found} != {0.9, 0.1}


def test_rescore_command_fills_a_store_from_before_scores_were_stored(
    file_store, write_file, fake_scorer, tmp_path, capsys
):
    load_file(file_store, "evaluations", write_file("ev.csv", EVALUATIONS))
    file_store.execute("UPDATE evaluations SET comment_sentiment = NULL, aspect_sentiment = NULL")
    file_store.execute("DELETE FROM comment_aspects")
    file_store.close()
    assert main(["sentiment", "rescore", "--db", str(tmp_path / "store.duckdb")]) == 0
    assert "已重新评分本库评价内容 2 条" in capsys.readouterr().out
    with open_store(tmp_path / "store.duckdb") as con:
        assert stored.unscored_count(con) == 0
        assert row_count(con, "comment_aspects") == 3
