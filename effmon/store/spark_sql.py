"""The store's queries (DuckDB's dialect, positional parameters) as Spark SQL: translated by
SQLGlot, each parameter put in as a literal SQLGlot builds from its value (quoted and
escaped by SQLGlot, never pasted as text), and the translations Spark does not accept made
good here. Every query the catalog generates is checked against DuckDB's answer in
tests/city/test_spark.py."""

from __future__ import annotations

import sqlglot
from sqlglot import exp


def spark_sql(sql: str, params: list) -> str:
    """``sql`` of DuckDB's dialect with its ``?`` parameters ``params``, as Spark SQL."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    tree = exp.replace_placeholders(tree, *params)
    return tree.transform(_spark_percentile).sql(dialect="spark")


def _spark_percentile(node: exp.Expression) -> exp.Expression:
    """DuckDB's quantile_cont(x, q) is Spark's exact percentile(x, q) (both interpolate
    linearly between the two nearest values); SQLGlot writes PERCENTILE_CONT(x, q), which
    Spark 4 refuses (it wants WITHIN GROUP)."""
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        return exp.Anonymous(this="percentile", expressions=[node.this, node.expression])
    return node
