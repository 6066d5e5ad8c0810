"""An alert's decomposition on the demo store: the planted complaint surge is explained."""

import duckdb
import pandas as pd

from effmon.demo.build import planted_events
from effmon.forecast.explain import explain


def test_the_planted_surge_is_put_down_to_its_street_and_category(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    surge = planted_events(con)["complaint_surge"]
    alert = pd.Series(
        {"metric": "complaints", "key": None, "period": surge["start"][:7], "direction": "up"}
    )
    causes = explain(con, alert)
    con.close()
    assert dict(causes[0].where) == {"street": surge["street"], "category": surge["category"]}


def test_a_rule_is_not_decomposed(demo_db):
    con = duckdb.connect(str(demo_db), read_only=True)
    alert = pd.Series(
        {"metric": "rule", "key": "差评率 > 1%", "period": "2026-07", "direction": "up"}
    )
    assert explain(con, alert) == []
    con.close()
