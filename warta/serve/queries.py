"""The read side of the API: filters turned into SQL over the store's columns, one read-only connection per
request. Every query filters on indexed columns (see `ensure_indexes`) and reads the `json` column only for
the rows it returns, so /events costs the same at 100 events or 100,000."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The 16 PLOVER types and their quads: part of the stable event contract (docs/event-json.md), so they are
# fixed here rather than read from the coder's data files, which another stage owns.
TYPES: dict[str, str] = {
    "AGREE": "verbal_cooperation", "CONSULT": "verbal_cooperation", "SUPPORT": "verbal_cooperation",
    "CONCEDE": "verbal_cooperation", "COOPERATE": "material_cooperation", "AID": "material_cooperation",
    "RETREAT": "material_cooperation", "REQUEST": "verbal_conflict", "ACCUSE": "verbal_conflict",
    "REJECT": "verbal_conflict", "THREATEN": "verbal_conflict", "PROTEST": "material_conflict",
    "SANCTION": "material_conflict", "MOBILIZE": "material_conflict", "COERCE": "material_conflict",
    "ASSAULT": "material_conflict",
}
QUADS = ["verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict"]

# Created at start-up on a write connection (CREATE INDEX IF NOT EXISTS: a no-op the second time). The
# store's own schema indexes date, source_key, target_key, type and doc_hash; these serve the API's filters.
# Three are covering indexes, so counts and aggregates read a narrow index instead of the table, whose rows
# carry the whole event JSON (about ten times wider), and group while they scan instead of sorting:
#   serve_events_scan: date first (seeks on since/until), then every filter column, for COUNT(*) and
#     /timeline (grouped by day and quad in index order);
#   serve_events_dyad: (source_key, target_key, type) first, for /network and the sources of /actors;
#   serve_events_target: target_key first, for the targets of /actors.
_FILTER_COLUMNS = "negated, hypothetical, source_key, target_key, source_country, target_country, place_country"
INDEXES = (
    # the store's own two that queries here name (INDEXED BY): made sure of, in case its schema changes
    "CREATE INDEX IF NOT EXISTS events_date ON events(date)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events(doc_hash)",
    f"CREATE INDEX IF NOT EXISTS serve_events_scan ON events(date, quad, type, {_FILTER_COLUMNS}, lat, lon)",
    "CREATE INDEX IF NOT EXISTS serve_events_dyad ON events(source_key, target_key, type, negated, hypothetical,"
    " date, quad, source_country, target_country, place_country, intensity)",
    "CREATE INDEX IF NOT EXISTS serve_events_target ON events(target_key, negated, hypothetical, date, source_key)",
    "CREATE INDEX IF NOT EXISTS serve_events_quad_date ON events(quad, date)",
    "CREATE INDEX IF NOT EXISTS serve_events_latlon ON events(lat, lon)",
    "CREATE INDEX IF NOT EXISTS serve_events_source_country ON events(source_country)",
    "CREATE INDEX IF NOT EXISTS serve_events_target_country ON events(target_country)",
    "CREATE INDEX IF NOT EXISTS serve_events_place_country ON events(place_country)",
    # find superseded document versions without scanning documents (see SUPERSEDED)
    "CREATE INDEX IF NOT EXISTS serve_documents_version ON documents(version, doc_id)",
    "CREATE INDEX IF NOT EXISTS serve_documents_doc_version ON documents(doc_id, version)",
)

# Only the newest version of each document counts (as in Store.events). A superseded version has a newer
# one, whose version is > 1, so this starts from the (usually empty) index range version > 1.
SUPERSEDED = (
    "SELECT d.hash FROM documents n JOIN documents d ON d.doc_id = n.doc_id AND d.version < n.version"
    " WHERE n.version > 1"
)
# For a page of rows: leave the superseded versions' events out (the IN list is evaluated once per query).
LATEST_ONLY = f"doc_hash NOT IN ({SUPERSEDED})"
# For counts and sums, which add up: count everything, then take away what the superseded versions add.
# Testing every row against the list would cost as much as the scan itself; this costs one index lookup
# (events_doc) per superseded document: CROSS JOIN makes SQLite take the (short) list as the outer loop,
# INDEXED BY keeps it from walking another filter's index for each superseded document instead.
FROM = {
    "all": "events",
    "superseded": f"({SUPERSEDED}) AS stale CROSS JOIN events INDEXED BY events_doc ON events.doc_hash = stale.hash",
}


def has_superseded(db: sqlite3.Connection) -> bool:
    return db.execute("SELECT 1 FROM documents WHERE version > 1 LIMIT 1").fetchone() is not None


def ensure_indexes(db: sqlite3.Connection) -> None:
    for sql in INDEXES:
        db.execute(sql)
    # the evidence full-text index: stores written before it existed (or by hand, as the benchmark does) are
    # filled in once here
    db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5(evidence,"
               " tokenize = 'unicode61 remove_diacritics 2')")
    db.execute(
        "INSERT INTO events_fts(rowid, evidence) SELECT id, json_extract(json, '$.evidence.text') FROM events"
        " WHERE id > coalesce((SELECT max(rowid) FROM events_fts), 0)"
    )
    # Row counts per index value, for the planner to choose between the indexes above: without them it
    # guesses, and picks e.g. the type index (a fifth of the rows) over a date range (a fiftieth). A full
    # ANALYZE reads every index once: about 0.1 s per 100,000 events, at start-up only.
    db.execute("ANALYZE")
    # The covering indexes that lead with an actor column are for grouping by it; as skip-scans over a date
    # range (what the planner otherwise picks for a type + dates count) they read ten times more than the
    # date-led index. "noskipscan" in the statistics is SQLite's documented switch for that.
    db.execute(
        "UPDATE sqlite_stat1 SET stat = stat || ' noskipscan' WHERE idx IN ('serve_events_dyad', 'serve_events_target')"
        " AND stat NOT LIKE '%noskipscan%'"
    )


def connect_readonly(path: Path) -> sqlite3.Connection:
    # mode=ro: a request can never write, whatever the SQL; WAL lets it read while the writer commits
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
    db.execute("PRAGMA busy_timeout = 5000")
    return db


@dataclass(slots=True)
class Bbox:
    minlon: float
    minlat: float
    maxlon: float
    maxlat: float


@dataclass(slots=True)
class EventFilter:
    """The shared filters of /events, /network and /timeline (the dashboard applies them to every view)."""

    actors: list[str] = field(default_factory=list)
    dyad: tuple[str, str] | None = None
    types: list[str] = field(default_factory=list)
    quads: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    since: dt.date | None = None
    until: dt.date | None = None
    bbox: Bbox | None = None
    q: str | None = None
    include_all: bool = False

    def where(self, versions: str = "latest") -> tuple[list[str], list[Any]]:
        """SQL conditions and their arguments; `versions="latest"` keeps only the newest document versions,
        anything else leaves that to the caller (see FROM)."""
        where: list[str] = [LATEST_ONLY] if versions == "latest" else []
        args: list[Any] = []
        if self.actors:
            # an actor key (RUS.MIL) or a country (RUS): four indexed columns, OR-ed (SQLite unions the indexes)
            marks = _marks(self.actors)
            where.append(
                f"(source_key IN ({marks}) OR target_key IN ({marks})"
                f" OR source_country IN ({marks}) OR target_country IN ({marks}))"
            )
            args += self.actors * 4
        if self.dyad:
            src, tgt = self.dyad
            where.append("(source_key = ? OR source_country = ?) AND (target_key = ? OR target_country = ?)")
            args += [src, src, tgt, tgt]
        if self.types:
            where.append(f"type IN ({_marks(self.types)})")
            args += self.types
        if self.quads:
            where.append(f"quad IN ({_marks(self.quads)})")
            args += self.quads
        if self.countries:
            where.append(f"place_country IN ({_marks(self.countries)})")
            args += self.countries
        if self.since:
            where.append("date >= ?")
            args.append(self.since.isoformat())
        if self.until:
            where.append("date <= ?")
            args.append(self.until.isoformat())
        if self.bbox:
            b = self.bbox
            where.append("lat BETWEEN ? AND ?")
            args += [b.minlat, b.maxlat]
            if b.minlon <= b.maxlon:
                where.append("lon BETWEEN ? AND ?")
                args += [b.minlon, b.maxlon]
            else:  # a box across the antimeridian (minlon 170, maxlon -170), as GeoJSON allows
                where.append("(lon >= ? OR lon <= ?)")
                args += [b.minlon, b.maxlon]
        if self.q:
            # words of the evidence through the full-text index (case and diacritics folded); the user's text
            # is one quoted phrase, so FTS syntax in it has no effect
            where.append("events.id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)")
            args.append('"' + self.q.replace('"', '""') + '"')
        if not self.include_all:
            where.append("negated = 0 AND hypothetical = 0")
        return where or ["1"], args


def _marks(values: Iterable[object]) -> str:
    return ",".join("?" for _ in values)


# -- cursors -------------------------------------------------------------------------------------------------
def encode_cursor(date: str | None, row_id: int) -> str:
    raw = json.dumps([date, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str) -> tuple[str | None, int]:
    """Raises ValueError on anything that is not a cursor this server made."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        date, row_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError) as err:
        raise ValueError("not a cursor from a previous page") from err
    if not isinstance(row_id, int) or not (date is None or isinstance(date, str)):
        raise ValueError("not a cursor from a previous page")
    return date, row_id


# -- queries ---------------------------------------------------------------------------------------------------
def counts(db: sqlite3.Connection) -> tuple[int, int]:
    docs = db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    events = db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    return int(docs), int(events)


def _count(db: sqlite3.Connection, flt: EventFilter, extra: str = "") -> int:
    """Matching events of the newest document versions: all matching rows minus those of superseded ones."""
    if flt.q and not extra:
        # a text search starts from the full-text index's (short) list of rows; the superseded-versions join
        # would test that list once per superseded document instead
        where, args = flt.where()
        return int(db.execute(f"SELECT COUNT(*) FROM events WHERE {' AND '.join(where)}", args).fetchone()[0])
    n = 0
    for versions, sign in (("all", 1), ("superseded", -1)):
        if sign < 0 and not has_superseded(db):
            break
        where, args = flt.where(versions)
        sql = f"SELECT COUNT(*) FROM {FROM[versions]} WHERE {extra}{' AND '.join(where)}"
        n += sign * int(db.execute(sql, args).fetchone()[0])
    return n


def _grouped(
    db: sqlite3.Connection, flt: EventFilter, keys: str, n_keys: int, aggs: str, extra: str = ""
) -> dict[tuple[Any, ...], list[float]]:
    """SELECT keys, aggs ... GROUP BY keys over the newest document versions, the same subtraction as
    `_count`; `aggs` must add up (COUNT, SUM) and start with COUNT(*), which drops emptied groups."""
    out: dict[tuple[Any, ...], list[float]] = {}
    group = ", ".join(str(i + 1) for i in range(n_keys))
    for versions, sign in (("all", 1), ("superseded", -1)):
        if sign < 0 and not has_superseded(db):
            break
        where, args = flt.where(versions)
        sql = f"SELECT {keys}, {aggs} FROM {FROM[versions]} WHERE {extra}{' AND '.join(where)} GROUP BY {group}"
        for row in db.execute(sql, args):
            acc = out.setdefault(tuple(row[:n_keys]), [0.0] * (len(row) - n_keys))
            for i, v in enumerate(row[n_keys:]):
                acc[i] += sign * (v or 0)
    return {k: v for k, v in out.items() if v[0] > 0}


def event_item(row_id: int, doc_hash: str, js: str) -> dict[str, Any]:
    d: dict[str, Any] = json.loads(js)
    d["id"] = row_id
    d["doc_hash"] = doc_hash
    return d


def event_item_json(row_id: int, doc_hash: str, js: str) -> str:
    """The stored event JSON with `id` and `doc_hash` put in front, as text: a page of events is sent without
    parsing and re-serialising each one (the stored JSON is what Store.ingest wrote, one object each)."""
    rest = js.strip()[1:].lstrip()
    sep = "" if rest.startswith("}") else ","
    return f'{{"id":{int(row_id)},"doc_hash":{json.dumps(doc_hash)}{sep}{rest}'


def events_page(
    db: sqlite3.Connection, flt: EventFilter, limit: int, offset: int, cursor: tuple[str | None, int] | None
) -> tuple[int, list[str], str | None]:
    """A page of events as JSON text, newest first (date, then row id, both descending; undated events last),
    and the total. A cursor (keyset) page costs the same at any depth; `offset` is for simple clients."""
    total = _count(db, flt)
    where, args = flt.where()
    want = limit + 1  # one row more than asked tells whether there is a next page
    # A broad filter finds its page after a short walk down the date index from the newest event; left to
    # itself, SQLite would rather collect every match through the filtered column's index and sort them
    # (tens of milliseconds for a filter matching 10% of 100,000 events). A narrow filter keeps that plan.
    rows_in_store = db.execute("SELECT MAX(id) FROM events").fetchone()[0] or 0
    by_date = total > 0 and (offset + want) * rows_in_store / total <= 5000
    hint = " INDEXED BY events_date" if by_date else ""

    def page(extra: list[str], extra_args: list[Any], n: int, skip: int) -> list[Any]:
        sql = (
            f"SELECT id, doc_hash, json, date FROM events{hint} WHERE {' AND '.join(where + extra)}"
            " ORDER BY date DESC, id DESC LIMIT ? OFFSET ?"
        )
        return db.execute(sql, [*args, *extra_args, n, skip]).fetchall()

    if cursor is None:
        rows = page([], [], want, offset)
    else:
        # after the cursor: first the rest of the dated events (a range on the date index), then the undated
        date, row_id = cursor
        rows = []
        if date is not None:
            rows = page(["date <= ?", "(date < ? OR id < ?)"], [date, date, row_id], want, 0)
        if len(rows) < want:
            undated = ["date IS NULL"] + (["id < ?"] if date is None else [])
            rows += page(undated, [row_id] if date is None else [], want - len(rows), 0)
    nxt = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        nxt = encode_cursor(last[3], last[0])
    return int(total), [event_item_json(r[0], r[1], r[2]) for r in rows], nxt


class Names:
    """Actor key -> (name, country), read from a stored event on first use. A key's name comes from the actor
    dictionary and does not change between ingests, so the cache never goes stale in a way that matters."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[str | None, str | None]] = {}

    def get(self, db: sqlite3.Connection, key: str) -> tuple[str | None, str | None]:
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: tuple[str | None, str | None] = (None, None)
        for side in ("source", "target"):
            row = db.execute(
                f"SELECT json_extract(json, '$.{side}.name'), json_extract(json, '$.{side}.country')"
                f" FROM events WHERE {side}_key = ? LIMIT 1",
                (key,),
            ).fetchone()
            if row is not None:
                found = (row[0], row[1])
                break
        self._cache[key] = found
        return found


def actors(
    db: sqlite3.Connection, names: Names, since: dt.date | None, until: dt.date | None, q: str | None,
    include_all: bool, limit: int,
) -> tuple[int, list[dict[str, Any]]]:
    flt = EventFilter(since=since, until=until, include_all=include_all)
    src = _grouped(db, flt, "source_key", 1, "COUNT(*)", "source_key IS NOT NULL AND ")
    # an event with the same actor on both sides counts once in `events`
    tgt = _grouped(db, flt, "target_key", 1, "COUNT(*), SUM(source_key IS target_key)", "target_key IS NOT NULL AND ")
    rows = []
    for key in set(src) | set(tgt):
        s = int(src.get(key, [0])[0])
        t, same = (int(x) for x in tgt.get(key, [0, 0]))
        rows.append((key[0], s, t, s + t - same))
    rows.sort(key=lambda r: (-r[3], r[0]))
    out: list[dict[str, Any]] = []
    needle = q.casefold() if q else None
    for key, s, t, e in rows:
        name, country = names.get(db, key)
        if needle and needle not in key.casefold() and needle not in (name or "").casefold():
            continue
        out.append({"key": key, "name": name, "country": country, "as_source": s, "as_target": t, "events": e})
    return len(out), out[:limit]


def network(
    db: sqlite3.Connection, names: Names, flt: EventFilter, min_count: int, limit: int
) -> dict[str, Any]:
    rows = _grouped(db, flt, "source_key, target_key, type", 3, "COUNT(*), SUM(intensity)",
                    "source_key IS NOT NULL AND target_key IS NOT NULL AND ")
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    for (src, tgt, typ), (count, total) in rows.items():
        n = int(count)
        e = edges.setdefault((src, tgt), {"source": src, "target": tgt, "count": 0, "types": {}, "_sum": 0.0})
        e["count"] += n
        e["types"][typ] = n
        e["_sum"] += total
    kept = sorted((e for e in edges.values() if e["count"] >= min_count), key=lambda e: (-e["count"], e["source"], e["target"]))
    truncated = len(kept) > limit
    kept = kept[:limit]
    degree: dict[str, int] = {}
    for e in kept:
        e["mean_intensity"] = round(e.pop("_sum") / e["count"], 3)
        degree[e["source"]] = degree.get(e["source"], 0) + e["count"]
        if e["target"] != e["source"]:
            degree[e["target"]] = degree.get(e["target"], 0) + e["count"]
    nodes = []
    for key, n in sorted(degree.items(), key=lambda kv: (-kv[1], kv[0])):
        name, country = names.get(db, key)
        nodes.append({"key": key, "name": name, "country": country, "events": n})
    return {"nodes": nodes, "edges": kept, "events": sum(e["count"] for e in kept), "truncated": truncated}


_BUCKET = {
    "day": "date",
    # Monday of the date's week: back six days, then forward to the next Monday (the day itself if Monday)
    "week": "date(date, '-6 days', 'weekday 1')",
    "month": "substr(date, 1, 7) || '-01'",
}


def timeline(db: sqlite3.Connection, flt: EventFilter, interval: str, by: str) -> dict[str, Any]:
    col = "quad" if by == "quad" else "type"
    rows = _grouped(db, flt, f"{_BUCKET[interval]}, {col}", 2, "COUNT(*)", "date IS NOT NULL AND ")
    buckets: dict[str, dict[str, int]] = {}
    seen: set[str] = set()
    for (period, key), (n,) in sorted(rows.items()):
        buckets.setdefault(period, {})[key] = int(n)
        seen.add(key)
    order = QUADS if by == "quad" else list(TYPES)
    keys = [k for k in order if k in seen] + sorted(seen - set(order))
    return {
        "interval": interval,
        "by": by,
        "keys": keys,
        "buckets": [{"period": p, "counts": c, "total": sum(c.values())} for p, c in buckets.items()],
        "undated": _count(db, flt, "date IS NULL AND "),
    }


def _span(text_len: int, start: Any, end: Any) -> tuple[int, int] | None:
    """A span that fits the text, or None: a stale or implied offset must not break the client."""
    if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= text_len:
        return None
    return start, end


def document(db: sqlite3.Connection, key: str) -> dict[str, Any] | None:
    db.row_factory = sqlite3.Row
    row = db.execute("SELECT * FROM documents WHERE hash = ?", (key,)).fetchone()
    if row is None:
        row = db.execute(
            "SELECT * FROM documents WHERE doc_id = ? ORDER BY version DESC LIMIT 1", (key,)
        ).fetchone()
    if row is None:
        return None
    doc = dict(row)
    text: str = doc["text"]
    versions = [
        dict(r) for r in db.execute(
            "SELECT version, hash, ingested_at FROM documents WHERE doc_id = ? ORDER BY version", (doc["doc_id"],)
        )
    ]
    sentences = {
        r["idx"]: (r["start"], r["end"])
        for r in db.execute('SELECT idx, start, "end" FROM sentences WHERE doc_hash = ? ORDER BY idx', (doc["hash"],))
    }
    events = []
    for r in db.execute("SELECT id, json FROM events WHERE doc_hash = ? ORDER BY sentence, id", (doc["hash"],)):
        ev = event_item(r["id"], doc["hash"], r["json"])
        marks: list[dict[str, Any]] = []
        sent = sentences.get(ev.get("sentence", -1))
        spans = [("sentence", sent), ("evidence", ev.get("evidence"))]
        spans += [("trigger", (ev.get("evidence") or {}).get("trigger"))]
        spans += [("source", ev.get("source")), ("target", ev.get("target"))]
        for kind, span in spans:
            if span is None:
                continue
            start, end = span if isinstance(span, tuple) else (span.get("start"), span.get("end"))
            ok = _span(len(text), start, end)
            if ok:
                marks.append({"kind": kind, "start": ok[0], "end": ok[1]})
        events.append({"event": ev, "highlights": marks})
    try:
        warnings = json.loads(doc["warnings"] or "[]")
    except ValueError:
        warnings = []
    return {
        "hash": doc["hash"], "doc_id": doc["doc_id"], "version": doc["version"], "versions": versions,
        "url": doc["url"], "title": doc["title"], "published": doc["published"],
        "published_source": doc["published_source"], "lang": doc["lang"], "text": text,
        "warnings": [str(w) for w in warnings] if isinstance(warnings, list) else [],
        "ingested_at": doc["ingested_at"],
        "sentences": [{"idx": i, "start": s, "end": e} for i, (s, e) in sentences.items()],
        "events": events,
    }
