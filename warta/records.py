"""Typed records that flow through the pipeline.

Plain dataclasses with slots: they are created by the thousand per second on the hot path, so they stay
light (no validation here; data files are validated by pydantic schemas on load instead).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(slots=True)
class CleaningReport:
    """What the cleaning stage did to one document; every step is counted."""

    chars_in: int = 0
    chars_out: int = 0
    normalised_chars: int = 0
    spam_lines: list[str] = field(default_factory=list)
    boilerplate_lines: list[str] = field(default_factory=list)
    glued_fixed: list[tuple[str, str]] = field(default_factory=list)
    duplicate_paragraphs: int = 0

    def as_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["glued_fixed"] = [list(p) for p in self.glued_fixed]
        return d


@dataclass(slots=True)
class Document:
    """One article. `id` is the caller's id (or the file name); `hash` identifies the cleaned content."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    published: dt.date | None = None
    published_source: str | None = None  # metadata | html | dateline | url | cli | None
    published_precision: str | None = None  # day | month | year
    dateline: str | None = None  # the dateline text the publication date came from, if any
    # the day whose office-holders the actors stand for: the publication date, else the first full date the
    # text gives (an undated page saying "Selasa (9/4/2024)" is about April 2024, not today)
    reference_day: dt.date | None = None
    lang: str | None = None
    lang_hint: str | None = None  # the language the input declared
    raw_text: str | None = None
    source_path: str | None = None
    hash: str | None = None
    report: CleaningReport = field(default_factory=CleaningReport)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)  # spans in `text`
    paragraph_langs: list[str] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unknown_names: list[tuple[int, str, str]] = field(default_factory=list)  # (sentence, name, kind)


@dataclass(slots=True)
class Sentence:
    index: int
    text: str
    start: int  # offset in the document's cleaned text
    end: int
    paragraph: int = 0
    lang: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Actor:
    """A resolved actor: a state, organisation, faction or group, at a sector."""

    key: str  # e.g. USA, LBY.LNA, UN
    name: str
    country: str | None = None
    sector: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "country": self.country, "sector": self.sector}


@dataclass(slots=True)
class Mention:
    """An actor found in a sentence. Offsets are relative to the sentence text."""

    actor: Actor
    text: str
    start: int
    end: int
    kind: str = "name"  # name | person | title | pronoun | adjective | group
    person: str | None = None  # person key when the mention is a person
    tok_start: int = -1
    tok_end: int = -1


@dataclass(slots=True)
class Place:
    name: str
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    id: str | None = None
    feature: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
            "id": self.id,
            "feature": self.feature,
        }


@dataclass(slots=True)
class Evidence:
    text: str
    start: int  # offsets in the document's cleaned text
    end: int
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None


@dataclass(slots=True)
class Event:
    doc: str
    sentence: int
    lang: str
    type: str
    source: Mention | None
    target: Mention | None
    evidence: Evidence
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    quad: str = ""
    intensity: float = 0.0
    date: dt.date | None = None
    date_precision: str | None = None
    date_text: str | None = None
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float = 0.5
    coder: str = ""
    pattern: str | None = None  # file:line of the pattern that fired
    doc_url: str | None = None
    sentence_start: int = 0  # offset of the sentence in the cleaned text, to report document offsets

    def as_dict(self) -> dict[str, Any]:
        """The stable output contract (docs/event-json.md)."""
        return {
            "doc": self.doc,
            "doc_url": self.doc_url,
            "sentence": self.sentence,
            "lang": self.lang,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "quad": self.quad,
            "intensity": self.intensity,
            "source": _mention_dict(self.source, self.sentence_start),
            "target": _mention_dict(self.target, self.sentence_start),
            "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision,
            "place": self.place.as_dict() if self.place else None,
            "evidence": {
                "text": self.evidence.text,
                "start": self.evidence.start,
                "end": self.evidence.end,
                "trigger": (
                    {"text": self.evidence.trigger, "start": self.evidence.trigger_start, "end": self.evidence.trigger_end}
                    if self.evidence.trigger is not None
                    else None
                ),
            },
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "confidence": round(self.confidence, 3),
            "coder": self.coder,
        }


def _mention_dict(m: Mention | None, offset: int) -> dict[str, Any] | None:
    if m is None:
        return None
    known = m.start >= 0  # an implied target has no text of its own
    return {
        "key": m.actor.key,
        "name": m.actor.name,
        "country": m.actor.country,
        "sector": m.actor.sector,
        "text": m.text,
        "start": m.start + offset if known else None,
        "end": m.end + offset if known else None,
    }
