"""Scale: per-article work on every core or a Dask cluster, an incremental store, corpus readers.

``codec`` turns per-article results into JSON and back; ``store`` keeps them in SQLite keyed by
content hash and pipeline version; ``work`` is the per-article function and the runners (serial,
fork pool, Dask) that map articles to results in input order; ``corpus`` streams JSONL, CSV and
Parquet corpora; ``columnar`` writes GeoParquet.
"""
