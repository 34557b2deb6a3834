"""Store stage: one embedded SQLite database file.

Why SQLite and not DuckDB: ingest writes one small document at a time, each in its own transaction, and must
survive kill -9 (SQLite's WAL journal rolls back the half-written document on the next open); the dashboard
reads while an ingest writes (WAL allows concurrent readers, DuckDB locks the file to one process); and it is
in the standard library. Analytics-sized exports go through pyarrow (Parquet) instead.
"""

from .db import IngestResult, Store, StoreStats

__all__ = ["IngestResult", "Store", "StoreStats"]
