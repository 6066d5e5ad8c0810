"""Real public 12345-style exports (Teddy Cup 2020 C) loaded in place, without hand editing."""

import pytest

from effmon.ingest.pipeline import load_file

pytestmark = pytest.mark.slow
TEDDY = "teddycup2020c"


@pytest.mark.parametrize(
    ("file", "rows", "with_replies"),
    [
        ("raw/附件3.xlsx", 4326, False),
        ("raw/附件4.xlsx", 2816, True),
        ("attachment3_messages_likes.csv", 4326, False),
        ("attachment4_messages_replies.csv", 2816, True),
    ],
)
def test_teddy_cup_export_loads_as_complaints(con, external, file, rows, with_replies):
    result = load_file(con, "complaints", external / TEDDY / file)
    assert result.loaded and result.errors.empty
    assert result.rows_new == rows
    counts = con.execute(
        "SELECT count(*), count(title), count(body), count(likes), count(reply_text), "
        "count(replied_at), min(received_at) FROM complaints"
    ).fetchall()[0]
    assert counts[:3] == (rows, rows, rows)
    assert counts[3] == (0 if with_replies else rows)
    assert counts[4] == counts[5] == (rows if with_replies else 0)
    assert counts[6].year >= 2011
    body = con.execute("SELECT body FROM complaints LIMIT 1").fetchall()[0][0]
    assert not body.startswith(("\n", "\t", " "))  # export padding trimmed


def test_xlsx_and_csv_of_the_same_export_are_one_set_of_tickets(con, external):
    load_file(con, "complaints", external / TEDDY / "raw/附件3.xlsx")
    again = load_file(con, "complaints", external / TEDDY / "attachment3_messages_likes.csv")
    assert (again.rows_new, again.rows_present) == (0, 4326)
    likes = con.execute("SELECT max(likes), sum(likes) FROM complaints").fetchall()[0]
    assert likes[0] == 2097
