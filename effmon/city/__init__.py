"""A city's view of many districts: each district's effmon exports its store to a lake of
Parquet files (export), the city reads the union of the districts' exports (lake) with DuckDB
or Apache Spark (engines), through the same measure catalog (effmon.store.measures), and
compares the districts (league)."""
