"""The SQLite store. One writer (the caller's thread); each document commits atomically with its sentences,
mentions and events, so a run killed half-way leaves only whole documents and the next run skips them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import E, StoreError
from ..records import Document

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    hash TEXT PRIMARY KEY,            -- content hash of the cleaned text
    doc_id TEXT NOT NULL,             -- the caller's id (file name, JSONL id)
    version INTEGER NOT NULL,         -- 1, 2, ... when the same doc_id comes back changed
    url TEXT, title TEXT,
    published TEXT, published_source TEXT,
    lang TEXT,
    text TEXT NOT NULL,
    report TEXT NOT NULL,             -- cleaning report (JSON)
    warnings TEXT NOT NULL,
    source_path TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_doc_id ON documents(doc_id);
CREATE TABLE IF NOT EXISTS sentences (
    doc_hash TEXT NOT NULL REFERENCES documents(hash), idx INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, lang TEXT, text TEXT NOT NULL,
    PRIMARY KEY (doc_hash, idx)
);
CREATE TABLE IF NOT EXISTS mentions (
    doc_hash TEXT NOT NULL, sentence INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    key TEXT NOT NULL, name TEXT, country TEXT, sector TEXT, text TEXT, kind TEXT, person TEXT
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions(doc_hash);
CREATE TABLE IF NOT EXISTS unknown_names (
    doc_hash TEXT NOT NULL, sentence INTEGER NOT NULL, name TEXT NOT NULL, kind TEXT
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    doc_hash TEXT NOT NULL, doc_id TEXT NOT NULL, sentence INTEGER NOT NULL,
    type TEXT NOT NULL, mode TEXT, quad TEXT NOT NULL, intensity REAL NOT NULL,
    source_key TEXT, source_country TEXT, target_key TEXT, target_country TEXT,
    date TEXT, date_precision TEXT,
    place_name TEXT, place_country TEXT, lat REAL, lon REAL,
    negated INTEGER NOT NULL, hypothetical INTEGER NOT NULL, confidence REAL NOT NULL,
    json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc_hash);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_source ON events(source_key);
CREATE INDEX IF NOT EXISTS events_target ON events(target_key);
CREATE INDEX IF NOT EXISTS events_type ON events(type);
-- full-text index over the evidence (the API's `q`), kept in the same transaction as its events
CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(evidence, tokenize = 'unicode61 remove_diacritics 2');
"""


@dataclass(slots=True)
class IngestResult:
    stored: bool
    version: int
    events: int
    reason: str = ""  # "new" | "new version" | "unchanged"


@dataclass(slots=True)
class StoreStats:
    documents: int
    sentences: int
    mentions: int
    events: int


class Store:
    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = Path(path)
        if not readonly and not self.path.parent.exists():
            raise StoreError(E.E102.fmt(path=self.path.parent))
        if readonly and not self.path.exists():
            raise StoreError(E.E103.fmt(path=self.path, detail="no such database"))
        try:
            uri = f"file:{self.path}?mode=ro" if readonly else str(self.path)
            self.db = sqlite3.connect(uri, uri=readonly, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA busy_timeout = 10000")
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
                self.db.executescript(SCHEMA)
                self.db.execute(
                    "INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
                )
            # fail here, with E103, on a file that is not a warta database, not later on the first query
            if self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() is None:
                raise sqlite3.DatabaseError("not a warta database (no schema version)")
        except sqlite3.DatabaseError as err:
            raise StoreError(E.E103.fmt(path=self.path, detail=str(err))) from err
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------
    def has(self, doc_hash: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE hash = ?", (doc_hash,)).fetchone() is not None

    def ingest(self, doc: Document) -> IngestResult:
        """Store a coded document atomically; the same content twice is stored once."""
        assert doc.hash is not None, "documents are hashed by the clean stage"
        cur = self.db.cursor()
        try:
            cur.execute("BEGIN IMMEDIATE")
            if cur.execute("SELECT 1 FROM documents WHERE hash = ?", (doc.hash,)).fetchone():
                cur.execute("ROLLBACK")
                return IngestResult(False, 0, 0, "unchanged")
            row = cur.execute("SELECT MAX(version) FROM documents WHERE doc_id = ?", (doc.id,)).fetchone()
            version = (row[0] or 0) + 1
            cur.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.hash, doc.id, version, doc.url, doc.title,
                    doc.published.isoformat() if doc.published else None, doc.published_source, doc.lang,
                    doc.text, json.dumps(doc.report.as_dict(), ensure_ascii=False),
                    json.dumps(doc.warnings, ensure_ascii=False), doc.source_path,
                    dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                ),
            )
            cur.executemany(
                "INSERT INTO sentences VALUES (?,?,?,?,?,?)",
                [(doc.hash, s.index, s.start, s.end, s.lang, s.text) for s in doc.sentences],
            )
            cur.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (doc.hash, s.index, s.start + m.start, s.start + m.end, m.actor.key, m.actor.name,
                     m.actor.country, m.actor.sector, m.text, m.kind, m.person)
                    for s in doc.sentences for m in s.mentions
                ],
            )
            cur.executemany(
                "INSERT INTO unknown_names VALUES (?,?,?,?)",
                [(doc.hash, si, name, kind) for si, name, kind in doc.unknown_names],
            )
            rows = []
            for e in doc.events:
                d = e.as_dict()
                d["doc"] = doc.id
                rows.append(
                    (
                        doc.hash, doc.id, e.sentence, e.type, e.mode, e.quad, e.intensity,
                        e.source.actor.key if e.source else None, e.source.actor.country if e.source else None,
                        e.target.actor.key if e.target else None, e.target.actor.country if e.target else None,
                        d["date"], e.date_precision,
                        e.place.name if e.place else None, e.place.country if e.place else None,
                        e.place.lat if e.place else None, e.place.lon if e.place else None,
                        int(e.negated), int(e.hypothetical), e.confidence,
                        json.dumps(d, ensure_ascii=False),
                    )
                )
            cur.executemany(
                "INSERT INTO events(doc_hash, doc_id, sentence, type, mode, quad, intensity, source_key, source_country,"
                " target_key, target_country, date, date_precision, place_name, place_country, lat, lon, negated,"
                " hypothetical, confidence, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                rows,
            )
            cur.execute(
                "INSERT INTO events_fts(rowid, evidence) SELECT id, json_extract(json, '$.evidence.text')"
                " FROM events WHERE doc_hash = ?",
                (doc.hash,),
            )
            cur.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
                cur.execute("ROLLBACK")
            raise
        return IngestResult(True, version, len(rows), "new" if version == 1 else "new version")

    # -- reading -------------------------------------------------------------------------------------
    def stats(self) -> StoreStats:
        q = self.db.execute
        return StoreStats(
            q("SELECT COUNT(*) FROM documents").fetchone()[0],
            q("SELECT COUNT(*) FROM sentences").fetchone()[0],
            q("SELECT COUNT(*) FROM mentions").fetchone()[0],
            q("SELECT COUNT(*) FROM events").fetchone()[0],
        )

    def events(
        self,
        actor: str | None = None,
        type: str | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        include_all: bool = False,
        latest_only: bool = True,
        limit: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        where, args = [], []
        if actor:
            where.append("(source_key = ? OR target_key = ? OR source_country = ? OR target_country = ?)")
            args += [actor] * 4
        if type:
            where.append("type = ?")
            args.append(type.upper())
        if since:
            where.append("date >= ?")
            args.append(since.isoformat())
        if until:
            where.append("date <= ?")
            args.append(until.isoformat())
        if not include_all:
            where.append("negated = 0 AND hypothetical = 0")
        if latest_only:
            # only the newest version of each document counts
            where.append("doc_hash IN (SELECT hash FROM documents d WHERE version = "
                         "(SELECT MAX(version) FROM documents d2 WHERE d2.doc_id = d.doc_id))")
        sql = "SELECT json FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY date, doc_id, sentence, id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        for (js,) in self.db.execute(sql, args):
            yield json.loads(js)

    def document(self, doc_hash_or_id: str) -> dict[str, Any] | None:
        row = self.db.execute(
            "SELECT * FROM documents WHERE hash = ? OR doc_id = ? ORDER BY version DESC LIMIT 1",
            (doc_hash_or_id, doc_hash_or_id),
        ).fetchone()
        return dict(row) if row else None

    def unknown_names(self) -> Iterator[sqlite3.Row]:
        yield from self.db.execute("SELECT * FROM unknown_names")
