"""Where complaint categories come from: the file, the classifier, or a reviewer.

A reviewer's correction is appended to category_reviews (the latest per ticket holds) and
written onto the complaint; trainings take the file's and the reviewers' categories, never
the classifier's own.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from effmon.store import versions
from effmon.store.transaction import transaction


def store_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file of the store behind ``con`` (None for an in-memory store)."""
    path = con.execute(
        "SELECT path FROM duckdb_databases() WHERE database_name = current_database()"
    ).fetchall()[0][0]
    return Path(path) if path else None


def to_classify(con: duckdb.DuckDBPyConnection, batch_id: int, known: list[str]) -> pd.DataFrame:
    """Complaints of a batch without a category, or with one outside ``known`` (another
    system's scheme): ticket_id, title, body, category."""
    return con.execute(
        "SELECT ticket_id, title, body, category FROM complaints WHERE batch_id = ? "
        "AND (category IS NULL OR trim(category) = '' OR NOT list_contains(?, category)) "
        "ORDER BY ticket_id",
        [batch_id, known],
    ).df()


def save_predictions(con: duckdb.DuckDBPyConnection, predictions: pd.DataFrame) -> None:
    """Write the classifier's category and confidence (columns ticket_id, category,
    category_confidence) onto the complaints; a file's own category is kept aside."""
    con.register("_predicted", predictions[["ticket_id", "category", "category_confidence"]])
    try:
        con.execute(
            """UPDATE complaints c SET file_category = nullif(trim(c.category), ''),
                   category = p.category, category_confidence = p.category_confidence,
                   category_source = 'model'
               FROM _predicted p WHERE c.ticket_id = p.ticket_id"""
        )
        versions.changed(con, "complaints")
    finally:
        con.unregister("_predicted")


def training_rows(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Categorised complaints to learn from (from files and reviewers, not predicted):
    ticket_id, title, body, category, reviewed (a reviewer's category)."""
    return con.execute(
        "SELECT ticket_id, title, body, category, category_source = 'review' AS reviewed "
        "FROM complaints "
        "WHERE category IS NOT NULL AND coalesce(category_source, 'file') <> 'model' "
        "ORDER BY ticket_id"
    ).df()


def model_categorised(con: duckdb.DuckDBPyConnection) -> int:
    """How many complaints hold the classifier's category (not a file's or a reviewer's)."""
    return con.execute(
        "SELECT count(*) FROM complaints WHERE category_source = 'model'"
    ).fetchall()[0][0]


def least_confident(con: duckdb.DuckDBPyConnection, count: int) -> pd.DataFrame:
    """The ``count`` model categories of least confidence, least first: ticket_id,
    received_at, title, body, file_category, category, category_confidence."""
    return con.execute(
        "SELECT ticket_id, received_at, title, body, file_category, category, "
        "category_confidence FROM complaints WHERE category_source = 'model' "
        "ORDER BY category_confidence, received_at DESC, ticket_id LIMIT ?",
        [count],
    ).df()


def record_review(
    con: duckdb.DuckDBPyConnection, ticket_id: str, category: str, reviewer: str, when: datetime
) -> None:
    """A reviewer's category for one complaint: kept in the review log and on the complaint."""
    with transaction(con):
        review = [ticket_id, category, reviewer, when]
        con.execute("INSERT INTO category_reviews VALUES (?, ?, ?, ?)", review)
        con.execute(
            "UPDATE complaints SET category = ?, category_source = 'review', "
            "category_confidence = NULL WHERE ticket_id = ?",
            [category, ticket_id],
        )
        versions.changed(con, "complaints")
