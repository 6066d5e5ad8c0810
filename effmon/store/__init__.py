"""The only package that holds SQL and opens DuckDB."""
