"""Typed response models of the API; they make the OpenAPI schema (`/openapi.json`) say what each endpoint
returns. The event model follows the stable contract in docs/event-json.md and lets fields added later pass
through (`extra="allow"`), so the API never drops what a newer coder writes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    documents: int
    events: int


class EventActor(BaseModel):
    model_config = ConfigDict(extra="allow")

    key: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    text: str | None = None
    start: int | None = Field(None, description="offset in the document's cleaned text; null for an implied actor")
    end: int | None = None


class EventPlace(BaseModel):
    model_config = ConfigDict(extra="allow")

    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None
    feature: str | None = None


class EventTrigger(BaseModel):
    text: str
    start: int
    end: int


class EventEvidence(BaseModel):
    model_config = ConfigDict(extra="allow")

    text: str
    start: int
    end: int
    trigger: EventTrigger | None = None


class Event(BaseModel):
    """One event as in docs/event-json.md, plus `id` (its row in the store) and `doc_hash` (the stored
    document version it came from, for `GET /documents/{doc_hash}`)."""

    model_config = ConfigDict(extra="allow")

    id: int
    doc_hash: str
    doc: str
    doc_url: str | None = None
    sentence: int
    lang: str | None = None
    type: str
    mode: str | None = None
    context: list[str] = []
    quad: str
    intensity: float
    source: EventActor | None = None
    target: EventActor | None = None
    date: str | None = None
    date_precision: str | None = None
    place: EventPlace | None = None
    evidence: EventEvidence
    negated: bool = False
    hypothetical: bool = False
    confidence: float | None = None
    coder: str | None = None


class EventPage(BaseModel):
    total: int = Field(description="events matching the filters, over all pages")
    items: list[Event]
    next: str | None = Field(None, description="cursor for the next page (pass as `cursor`); null on the last page")


class ActorCount(BaseModel):
    key: str
    name: str | None = None
    country: str | None = None
    as_source: int
    as_target: int
    events: int = Field(description="events with the actor as source or target (one event counts once)")


class ActorList(BaseModel):
    total: int
    items: list[ActorCount]


class NetworkNode(BaseModel):
    key: str
    name: str | None = None
    country: str | None = None
    events: int = Field(description="events on the edges returned that the actor takes part in")


class NetworkEdge(BaseModel):
    source: str
    target: str
    count: int
    types: dict[str, int] = Field(description="event count per PLOVER type")
    mean_intensity: float


class Network(BaseModel):
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    events: int = Field(description="events on the edges returned")
    truncated: bool = Field(description="true when more edges matched than `limit`")


class TimelineBucket(BaseModel):
    period: str = Field(description="first day of the bucket, YYYY-MM-DD (weeks start on Monday)")
    counts: dict[str, int]
    total: int


class Timeline(BaseModel):
    interval: Literal["day", "week", "month"]
    by: Literal["quad", "type"]
    keys: list[str] = Field(description="the quads or types that occur, in a fixed order")
    buckets: list[TimelineBucket]
    undated: int = Field(description="matching events without a date (not in any bucket)")


class Highlight(BaseModel):
    kind: Literal["sentence", "evidence", "trigger", "source", "target"]
    start: int
    end: int


class DocumentEvent(BaseModel):
    event: Event
    highlights: list[Highlight] = Field(description="spans to mark in `text`, all offsets in the cleaned text")


class DocumentSentence(BaseModel):
    idx: int
    start: int
    end: int


class DocumentVersion(BaseModel):
    version: int
    hash: str
    ingested_at: str


class DocumentOut(BaseModel):
    hash: str
    doc_id: str
    version: int
    versions: list[DocumentVersion]
    url: str | None = None
    title: str | None = None
    published: str | None = None
    published_source: str | None = None
    lang: str | None = None
    text: str = Field(description="the cleaned text, as plain text: clients must insert it as text, not HTML")
    warnings: list[str]
    ingested_at: str
    sentences: list[DocumentSentence]
    events: list[DocumentEvent]


class IngestedDocument(BaseModel):
    id: str
    hash: str | None = None
    status: Literal["new", "new version", "unchanged", "skipped"]
    version: int | None = None
    events: int = 0


class IngestOut(BaseModel):
    stored: int
    unchanged: int
    events: int
    warnings: list[str]
    documents: list[IngestedDocument]


class Meta(BaseModel):
    version: str
    types: dict[str, str] = Field(description="PLOVER type -> quad")
    quads: list[str]
    countries: dict[str, str] = Field(description="ISO 3166-1 alpha-3 -> numeric (the map outlines' ids)")
    tiles: str | None = Field(None, description="tile URL template for the map, when the server was given one")
    ingest: bool = Field(description="whether POST /ingest is enabled (a token is set)")


class ErrorOut(BaseModel):
    detail: str
