"""Stored comment sentiment: written when evaluations are loaded or a model is trained
(effmon.analytics.satisfaction_index), read by reports and pages, which never score."""

from __future__ import annotations

from datetime import datetime

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.frames import registered

_COMMENTED = "trim(coalesce(comment, '')) <> ''"


def comments_to_score(con: duckdb.DuckDBPyConnection, everything: bool = False) -> list[str]:
    """The different non-empty comments not scored yet (all of them when ``everything``)."""
    unscored = "" if everything else " AND comment_sentiment IS NULL"
    rows = con.execute(
        f"SELECT DISTINCT comment FROM evaluations WHERE {_COMMENTED}{unscored} ORDER BY comment"
    ).fetchall()
    return [r[0] for r in rows]


def save_scores(
    con: duckdb.DuckDBPyConnection,
    scores: pd.DataFrame,
    mentions: pd.DataFrame,
    scored_at: datetime,
) -> None:
    """Write each comment's scores (comment, sentiment, aspects) onto its evaluations and
    replace its aspect mentions (comment, aspect, clause, sentiment). The caller holds the
    transaction."""
    if scores.empty:
        return
    frame = scores[["comment", "sentiment", "aspects"]]
    with registered(con, "_scored", frame):
        con.execute(
            """UPDATE evaluations e SET comment_sentiment = s.sentiment,
                   aspect_sentiment = s.aspects
               FROM _scored s WHERE e.comment = s.comment"""
        )
        con.execute("DELETE FROM comment_aspects WHERE comment IN (SELECT comment FROM _scored)")
    found = mentions[["comment", "aspect", "clause", "sentiment"]]
    with registered(con, "_mentions", found):
        con.execute(
            "INSERT INTO comment_aspects SELECT comment, aspect, clause, sentiment, ? "
            "FROM _mentions",
            [scored_at],
        )
    versions.changed(con, "evaluations")


def stored_scores(con: duckdb.DuckDBPyConnection, comments: list[str]) -> pd.DataFrame:
    """The stored scores of ``comments`` in their order: comment, sentiment (0-1) and
    aspects (mean sentiment of its aspect mentions; NaN when it mentions none); NaN for a
    comment not scored."""
    frame = pd.DataFrame({"comment": pd.Series(comments, dtype=object)})
    with registered(con, "_wanted", frame):
        found = con.execute(
            """SELECT comment, any_value(comment_sentiment) AS sentiment,
                      any_value(aspect_sentiment) AS aspects
               FROM evaluations WHERE comment IN (SELECT comment FROM _wanted)
                   AND comment_sentiment IS NOT NULL
               GROUP BY comment"""
        ).df()
    return frame.merge(found, on="comment", how="left").astype(
        {"sentiment": float, "aspects": float}
    )


def stored_mentions(con: duckdb.DuckDBPyConnection, comments: list[str]) -> pd.DataFrame:
    """The stored aspect mentions of ``comments``: comment, aspect, clause, sentiment."""
    frame = pd.DataFrame({"comment": pd.Series(comments, dtype=object)})
    with registered(con, "_wanted", frame):
        return con.execute(
            """SELECT comment, aspect, clause, sentiment FROM comment_aspects
               WHERE comment IN (SELECT comment FROM _wanted) ORDER BY comment, aspect"""
        ).df()


def unscored_count(con: duckdb.DuckDBPyConnection) -> int:
    """Evaluations with a comment whose sentiment is not stored."""
    return con.execute(
        f"SELECT count(*) FROM evaluations WHERE {_COMMENTED} AND comment_sentiment IS NULL"
    ).fetchall()[0][0]
