"""The HTTP API and the dashboard: `create_app(db_path)` returns a FastAPI app over one warta store.

Reads open a read-only SQLite connection per request (sync endpoints run in the thread pool; WAL lets them
read while a write commits). Writes (POST /ingest) go through the one writer thread of `writer.py`.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
import logging
import os
import queue
import secrets
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Settings, load_settings
from ..errors import E, WartaError
from ..pipeline import Pipeline
from ..store import Store
from . import queries
from .models import (
    ActorList,
    DocumentOut,
    ErrorOut,
    EventPage,
    Health,
    IngestOut,
    Meta,
    Network,
    Timeline,
)
from .writer import CONTENT_TYPES, TextMeta, Writer, body_documents

log = logging.getLogger("warta.serve")

STATIC = Path(__file__).resolve().parent / "static"
MAX_BODY = 5_000_000
MAX_LIMIT = 1000


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        parts = urlsplit(tiles.replace("{s}", "a"))
        if parts.scheme in ("http", "https") and parts.hostname:
            # tile servers with {s} subdomains: allow the parent domain's subdomains
            host = parts.hostname if "{s}" not in tiles else "*." + parts.hostname.split(".", 1)[1]
            img += f" {parts.scheme}://{host}"
    # No inline scripts (article text comes from the web and may hold <script>); styles are set from JS
    # through the CSSOM (Leaflet), which style-src does not restrict.
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    )


def _bad(name: str, value: object, detail: str) -> RequestValidationError:
    """A 422 in FastAPI's own shape, so clients see one format for every invalid parameter."""
    msg = E.E112.fmt(name=name, value=value, detail=detail)
    return RequestValidationError([{"type": "value_error", "loc": ("query", name), "msg": msg, "input": value}])


def _date(name: str, value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _bad(name, value, "expected a date YYYY-MM-DD") from None


MAX_VALUES = 50


def _split(name: str, values: list[str] | None) -> list[str]:
    """Repeatable or comma-separated: ?type=AGREE&type=AID and ?type=AGREE,AID mean the same. Bounded: each
    value is an SQL parameter, and SQLite has a limit on those."""
    out: list[str] = []
    for v in values or []:
        out.extend(p.strip() for p in v.split(",") if p.strip())
    if len(out) > MAX_VALUES:
        raise _bad(name, ",".join(out)[:60] + "...", f"at most {MAX_VALUES} values")
    return out


def _period(since: str | None, until: str | None) -> tuple[dt.date | None, dt.date | None]:
    s, u = _date("since", since), _date("until", until)
    if s and u and s > u:
        raise _bad("until", until, f"before since {since}")
    return s, u


def _bbox(value: str | None) -> queries.Bbox | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        nums = []
    if len(nums) != 4 or any(n != n for n in nums):  # n != n: NaN
        raise _bad("bbox", value, "expected four numbers minlon,minlat,maxlon,maxlat")
    minlon, minlat, maxlon, maxlat = nums
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= 90 and -90 <= maxlat <= 90):
        raise _bad("bbox", value, "longitudes must be within -180..180 and latitudes within -90..90")
    if minlat > maxlat:
        raise _bad("bbox", value, "minlat is greater than maxlat")
    return queries.Bbox(minlon, minlat, maxlon, maxlat)


def event_filter(
    actor: Annotated[list[str] | None, Query(description="actor key or country (source or target); repeatable or comma list")] = None,
    dyad: Annotated[str | None, Query(description="SRC,TGT: events from SRC to TGT (keys or countries)")] = None,
    type: Annotated[list[str] | None, Query(description="PLOVER type; repeatable or comma list")] = None,
    quad: Annotated[list[str] | None, Query(description="quad class; repeatable or comma list")] = None,
    country: Annotated[list[str] | None, Query(description="ISO3 country where the event took place (its place)")] = None,
    since: Annotated[str | None, Query(description="first date, YYYY-MM-DD", json_schema_extra={"format": "date"})] = None,
    until: Annotated[str | None, Query(description="last date, YYYY-MM-DD", json_schema_extra={"format": "date"})] = None,
    bbox: Annotated[str | None, Query(description="minlon,minlat,maxlon,maxlat (events with a place inside)")] = None,
    q: Annotated[str | None, Query(description="text in the evidence (case-insensitive)", max_length=200)] = None,
    include_all: Annotated[bool, Query(description="include hypothetical and negated events")] = False,
) -> queries.EventFilter:
    types = [t.upper() for t in _split("type", type)]
    for t in types:
        if t not in queries.TYPES:
            raise _bad("type", t, "not a PLOVER type (" + " ".join(queries.TYPES) + ")")
    quads = [x.lower() for x in _split("quad", quad)]
    for x in quads:
        if x not in queries.QUADS:
            raise _bad("quad", x, "not a quad (" + ", ".join(queries.QUADS) + ")")
    pair = None
    if dyad is not None:
        sides = [p.strip() for p in dyad.split(",")]
        if len(sides) != 2 or not all(sides):
            raise _bad("dyad", dyad, "expected SRC,TGT")
        pair = (sides[0], sides[1])
    s, u = _period(since, until)
    return queries.EventFilter(
        actors=_split("actor", actor), dyad=pair, types=types, quads=quads,
        countries=[c.upper() for c in _split("country", country)],
        since=s, until=u, bbox=_bbox(bbox), q=q or None, include_all=include_all,
    )


Filters = Annotated[queries.EventFilter, Depends(event_filter)]


def read_db(request: Request) -> Iterator[sqlite3.Connection]:
    """A read-only connection for one request, closed after it."""
    db = queries.connect_readonly(request.app.state.db_path)
    try:
        yield db
    finally:
        db.close()


DB = Annotated[sqlite3.Connection, Depends(read_db)]


def create_app(
    db_path: str | Path,
    token: str | None = None,
    pipeline_factory: Callable[[], Pipeline] | None = None,
    *,
    settings: Settings | None = None,
    tiles: str | None = None,
    max_body: int = MAX_BODY,
    warm: bool = False,
) -> FastAPI:
    """The app over the store at `db_path` (created when missing, like `warta ingest`).

    `token` enables POST /ingest (Bearer); without it ingest answers 403. `pipeline_factory` builds the
    pipeline the writer thread codes with (default: `Pipeline.build(settings)`, with places). `warm` starts
    the writer and builds its pipeline at start-up so the first ingest does not wait for it.
    Raises StoreError (E102, E103) when the store cannot be opened.
    """
    path = Path(db_path)
    settings = settings or load_settings()
    # Opening it writable creates the schema on a new file and checks that an existing file is a warta store;
    # our read indexes are made here too, on this short-lived write connection.
    with Store(path) as st:
        try:
            queries.ensure_indexes(st.db)
        except sqlite3.OperationalError as err:  # e.g. another process holds the write lock for long
            log.warning("could not create the read indexes on %s: %s", path, err)
    factory = pipeline_factory or (lambda: Pipeline.build(settings))
    writer = Writer(path, factory)
    names = queries.Names()
    csp = _csp(tiles)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm and token:
            writer.start(warm=True)
        yield
        writer.close()

    app = FastAPI(
        title="warta",
        version=__version__,
        description="Political event data from raw news: events, actors, networks, timelines and their evidence.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; the schema is at /openapi.json
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.writer = writer
    app.state.db_path = path

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response: Response = await call_next(request)
        response.headers["Content-Security-Policy"] = csp
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Frame-Options"] = "DENY"
        return response

    @app.get("/health", response_model=Health, tags=["read"])
    def health(db: DB) -> dict[str, Any]:
        docs, events = queries.counts(db)
        return {"status": "ok", "documents": docs, "events": events}

    @app.get("/meta", response_model=Meta, tags=["read"], summary="What the dashboard needs to set itself up")
    def meta() -> dict[str, Any]:
        return {
            "version": __version__, "types": queries.TYPES, "quads": queries.QUADS, "countries": _countries(),
            "tiles": tiles, "ingest": bool(token),
        }

    @app.get("/events", response_model=EventPage, tags=["read"], responses={422: {"description": "bad parameter"}})
    def events(
        db: DB,
        flt: Filters,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
        cursor: Annotated[str | None, Query(description="`next` of the previous page")] = None,
    ) -> Response:
        """Events, newest first (undated last), filtered; page with `next` (cursor) or `offset`."""
        cur = None
        if cursor:
            if offset:
                raise _bad("offset", offset, "use offset or cursor, not both")
            try:
                cur = queries.decode_cursor(cursor)
            except ValueError as err:
                raise _bad("cursor", cursor, str(err)) from None
        total, items, nxt = queries.events_page(db, flt, limit, offset, cur)
        # assembled as text: validating and re-serialising up to 1000 events through the model costs more
        # than the query (the model still documents the response in the schema; the tests check it)
        body = f'{{"total":{total},"items":[{",".join(items)}],"next":{json.dumps(nxt)}}}'
        return Response(body, media_type="application/json")

    @app.get("/actors", response_model=ActorList, tags=["read"])
    def actors(
        db: DB,
        since: Annotated[str | None, Query(json_schema_extra={"format": "date"})] = None,
        until: Annotated[str | None, Query(json_schema_extra={"format": "date"})] = None,
        q: Annotated[str | None, Query(description="text in the actor's key or name", max_length=200)] = None,
        include_all: bool = False,
        limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    ) -> dict[str, Any]:
        """Actors with their event counts as source and as target, most active first."""
        s, u = _period(since, until)
        total, items = queries.actors(db, names, s, u, q, include_all, limit)
        return {"total": total, "items": items}

    @app.get("/network", response_model=Network, tags=["read"])
    def network(
        db: DB,
        flt: Filters,
        min_count: Annotated[int, Query(ge=1, description="leave out edges with fewer events")] = 1,
        limit: Annotated[int, Query(ge=1, le=5000, description="most edges returned (the heaviest)")] = 500,
    ) -> dict[str, Any]:
        """Weighted directed actor graph: an edge per source -> target with its counts per type and mean
        intensity (events without a target are not on it)."""
        return queries.network(db, names, flt, min_count, limit)

    @app.get("/timeline", response_model=Timeline, tags=["read"])
    def timeline(
        db: DB,
        flt: Filters,
        interval: Annotated[str, Query(pattern="^(day|week|month)$")] = "day",
        by: Annotated[str, Query(pattern="^(quad|type)$")] = "quad",
    ) -> dict[str, Any]:
        """Event counts per day, week (from Monday) or month, per quad or per type (`dyad` for one pair)."""
        return queries.timeline(db, flt, interval, by)

    @app.get(
        "/documents/{key:path}", response_model=DocumentOut, tags=["read"],
        responses={404: {"model": ErrorOut, "description": "no such document"}},
    )
    def document(key: str, db: DB) -> dict[str, Any]:
        """A stored document by content hash (that version) or by id (its newest version): its cleaned text
        and its events with the spans to highlight."""
        doc = queries.document(db, key)
        if doc is None:
            raise HTTPException(404, E.E114.fmt(id=key))
        return doc

    @app.post(
        "/ingest", response_model=IngestOut, tags=["write"],
        responses={
            401: {"model": ErrorOut, "description": "missing or wrong bearer token"},
            403: {"model": ErrorOut, "description": "ingest disabled (the server has no token)"},
            413: {"model": ErrorOut, "description": "body too large"},
            415: {"model": ErrorOut, "description": "unsupported content type"},
            503: {"model": ErrorOut, "description": "the writer's queue is full"},
        },
        openapi_extra={"requestBody": {"required": True, "content": {
            "text/plain": {"schema": {"type": "string"}},
            "text/html": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines: id, text, published, url, title, lang"}},
        }}},
    )
    async def ingest(
        request: Request,
        published: Annotated[str | None, Query(description="publication date of a text/plain article", json_schema_extra={"format": "date"})] = None,
        lang: Annotated[str | None, Query(description="language of the article (id, en); detected when left out")] = None,
        id: Annotated[str | None, Query(description="document id (default: from the body's hash)", max_length=500)] = None,
        url: Annotated[str | None, Query(max_length=2000)] = None,
        title: Annotated[str | None, Query(max_length=1000)] = None,
    ) -> dict[str, Any]:
        """Code and store one article (text/plain, text/html) or many (application/x-ndjson, as `warta code`
        reads them). Needs `Authorization: Bearer TOKEN`. Stored once per content, like `warta ingest`."""
        if not token:
            raise HTTPException(403, E.E111.fmt(detail="ingest is disabled; start the server with --token or WARTA_TOKEN"))
        auth = request.headers.get("authorization", "")
        scheme, _, given = auth.partition(" ")
        if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), token.encode()):
            raise HTTPException(401, E.E111.fmt(detail="missing or wrong bearer token"),
                                headers={"WWW-Authenticate": "Bearer"})
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype not in CONTENT_TYPES:
            raise HTTPException(415, E.E115.fmt(ctype=ctype, choices=", ".join(CONTENT_TYPES)))
        pub = _date("published", published)
        if lang is not None and lang not in ("auto", *settings.get("languages", ["id", "en"])):
            raise _bad("lang", lang, "warta codes " + ", ".join(settings.get("languages", ["id", "en"])))
        body = await _read_body(request, max_body)
        meta = TextMeta(id=id or None, url=url or None, title=title or None,
                        lang=None if lang in (None, "auto") else lang, published=pub)
        docs, warnings = body_documents(body, ctype, meta, settings)
        try:
            fut = writer.submit(docs, warnings)
        except queue.Full:
            raise HTTPException(503, E.E116.fmt(size=writer.max_queue), headers={"Retry-After": "5"}) from None
        try:
            out = await asyncio.wrap_future(fut)
        except WartaError as err:  # the store or the pipeline failed: its one-line message, not a traceback
            raise HTTPException(500, str(err)) from None
        return {"stored": out.stored, "unchanged": out.unchanged, "events": out.events,
                "warnings": out.warnings, "documents": out.documents}

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


@functools.cache
def _countries() -> dict[str, str]:
    import pycountry

    return {c.alpha_3: c.numeric for c in pycountry.countries}


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 as soon as it is over `limit` bytes (the declared length first, then the
    bytes actually received: a client may lie or stream without a length)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise HTTPException(413, E.E113.fmt(limit=limit))
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, E.E113.fmt(limit=limit))
        chunks.append(chunk)
    return b"".join(chunks)


def token_from_env(token: str | None) -> str | None:
    """The --token flag, else WARTA_TOKEN; an empty value means no token."""
    value = token if token is not None else os.environ.get("WARTA_TOKEN")
    return value or None
