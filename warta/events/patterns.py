"""Event patterns and clause words per language, loaded from `warta/lang/<code>/events.yaml` and
`grammar.yaml`, validated, linted (a pattern in two places is an error, not a silent shadow) and compiled
into a dictionary keyed by the first stem, longest pattern first."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import yamlio
from ..errors import DataFileError, E

# abbreviations with inner periods ("U.N.", "U.S.") stay one token
TOKEN_RE = re.compile(r"(?:[A-Za-z]\.){2,}|\w+(?:[-'’]\w+)*|n't|[^\w\s]", re.UNICODE)


class TypeInfo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    quad: str
    intensity: float
    target: str
    negated: str | None
    symmetric: bool
    modes: list[str]


class PloverFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    types: dict[str, TypeInfo]


@cache
def plover() -> dict[str, TypeInfo]:
    path = resources.files("warta.events").joinpath("data/plover.yaml")
    try:
        return PloverFile.model_validate(yamlio.load(path.read_text(encoding="utf-8"))).types
    except (ValidationError, yaml.YAMLError) as err:
        raise DataFileError(E.E106.fmt(path=path, detail=str(err).splitlines()[0])) from err


class EntryModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    type: str
    mode: str | None = None
    patterns: list[str]
    exclude_next: list[str] = Field(default_factory=list)
    voice: str | None = None
    mutual: bool = False  # both directions: "X bentrok dengan Y", "X and Y clashed"
    direct_target: bool = False  # only an actor right after the trigger is its target ("mendorong Serraj untuk")
    line: int = 0

    @field_validator("type")
    @classmethod
    def _type(cls, v: str) -> str:
        if v not in plover():
            raise ValueError(f"unknown PLOVER type {v!r}")
        return v

    @field_validator("voice")
    @classmethod
    def _voice(cls, v: str | None) -> str | None:
        if v not in (None, "active", "passive", "received", "noun"):
            raise ValueError(f"unknown voice {v!r}")
        return v


class EventsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    events: list[EntryModel]
    modes: dict[str, dict[str, list[str]]] = Field(default_factory=dict)


class GrammarFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    negation: list[str]
    refusal: list[str] = Field(default_factory=list)
    modal: list[str]
    conditional: list[str]
    adverbs: list[str]
    light_verbs: list[str]
    receive_verbs: list[str]
    agent_preps: list[str]
    target_preps: list[str]
    locative_preps: list[str]
    between: list[str]
    coordinators: list[str]
    clause_breaks: list[str]
    speech_verbs: list[str]
    relative: list[str]
    determiners: list[str]
    be_forms: list[str] = Field(default_factory=list)
    passive_prefixes: list[str] = Field(default_factory=list)
    noun_suffixes: list[str] = Field(default_factory=list)
    noun_prefixes: list[str] = Field(default_factory=list)
    parties: list[str] = Field(default_factory=list)
    commitment: list[str] = Field(default_factory=list)
    topic_preps: list[str] = Field(default_factory=list)
    denial: list[str] = Field(default_factory=list)
    obligation: list[str] = Field(default_factory=list)
    complementizers: list[str] = Field(default_factory=list)
    help_preps: list[str] = Field(default_factory=list)
    infinitive: list[str] = Field(default_factory=list)
    attempt: list[str] = Field(default_factory=list)
    decision: list[str] = Field(default_factory=list)
    preparation: list[str] = Field(default_factory=list)
    cessation: list[str] = Field(default_factory=list)


@dataclass(slots=True, frozen=True)
class Pattern:
    type: str
    mode: str | None
    stems: tuple[str, ...]
    words: tuple[frozenset[str], ...]  # the surface forms listed for each position, lower case
    exclude_next: tuple[tuple[str, ...], ...]
    voice: str | None
    mutual: bool
    direct_target: bool
    source: str  # "warta/lang/id/events.yaml:12"
    text: str
    # positions k where up to GAP_MAX other words may stand before stems[k]: "lifted ... blockade" reads
    # "lifted a day-old blockade" and "lifted the blockade"
    gaps: frozenset[int] = frozenset()


GAP = "..."
GAP_MAX = 5


@dataclass(slots=True)
class PatternSet:
    lang: str
    by_first: dict[str, list[Pattern]] = field(default_factory=dict)
    modes: dict[str, list[tuple[str, tuple[str, ...]]]] = field(default_factory=dict)  # type -> (mode, stems)
    grammar: GrammarFile | None = None
    issues: list[str] = field(default_factory=list)

    def candidates(self, stem: str) -> list[Pattern]:
        return self.by_first.get(stem, [])


class _LineLoader(yamlio.SafeLoader):  # type: ignore[misc,valid-type]
    """Records the line of each mapping, so `warta explain` can point at the pattern that fired."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return {str(k): v for k, v in mapping.items()}


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _read(lang: str, name: str, line_numbers: bool = False) -> Any:
    path = resources.files(f"warta.lang.{lang}").joinpath(name)
    try:
        text = path.read_text(encoding="utf-8")
        return yaml.load(text, Loader=_LineLoader) if line_numbers else yamlio.load(text)
    except FileNotFoundError as err:
        raise DataFileError(E.E106.fmt(path=path, detail="missing")) from err
    except yaml.YAMLError as err:
        raise DataFileError(E.E106.fmt(path=path, detail=" ".join(str(err).split())[:200])) from err


def _strip_lines(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _strip_lines(v) for k, v in obj.items() if k != "__line__"}
    if isinstance(obj, list):
        return [_strip_lines(v) for v in obj]
    return obj


def tokenize_words(text: str) -> list[str]:
    return [t.lower() for t in TOKEN_RE.findall(text)]


def load_patterns(lang: str, stem: Callable[[str], str]) -> PatternSet:
    rel = f"warta/lang/{lang}/events.yaml"
    raw = _read(lang, "events.yaml", line_numbers=True)
    entries = []
    for item in (raw or {}).get("events", []):
        line = item.get("__line__", 0) if isinstance(item, dict) else 0
        entries.append({**_strip_lines(item), "line": line})
    try:
        ef = EventsFile.model_validate({"events": entries, "modes": _strip_lines((raw or {}).get("modes", {}))})
        grammar = GrammarFile.model_validate(_strip_lines(_read(lang, "grammar.yaml")))
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        raise DataFileError(E.E106.fmt(path=rel, detail=f"{loc}: {first['msg']}")) from err
    ps = PatternSet(lang=lang, grammar=grammar)
    seen: dict[tuple[tuple[str, ...], frozenset[int]], Pattern] = {}
    for e in ef.events:
        info = plover()[e.type]
        if e.mode and e.mode not in info.modes:
            ps.issues.append(f"{rel}:{e.line}: mode {e.mode!r} is not a mode of {e.type}")
        excl = tuple(tuple(stem(w) for w in tokenize_words(x)) for x in e.exclude_next)
        for text in e.patterns:
            parts = [tuple(tokenize_words(x)) for x in text.split(GAP)]
            if any(not part for part in parts):
                ps.issues.append(f"{rel}:{e.line}: pattern {text!r}: '{GAP}' must stand between words")
                continue
            words = tuple(w for part in parts for w in part)
            gaps = frozenset(sum(len(part) for part in parts[:j]) for j in range(1, len(parts)))
            stems = tuple(stem(w) for w in words)
            if not stems:
                continue
            forms = tuple(frozenset([w]) for w in words)
            p = Pattern(e.type, e.mode, stems, forms, excl, e.voice, e.mutual, e.direct_target, f"{rel}:{e.line}", text,
                        gaps)
            key = (stems, gaps)
            prev = seen.get(key)
            if prev is not None:
                if prev.type != p.type or prev.mode != p.mode:
                    ps.issues.append(
                        f"{rel}:{e.line}: pattern {text!r} ({e.type}) shadows {prev.text!r} ({prev.type}) at {prev.source}"
                    )
                elif any(words[k] in prev.words[k] for k in range(len(words))) and all(
                    words[k] in prev.words[k] for k in range(len(words))
                ):
                    ps.issues.append(f"{rel}:{e.line}: duplicate pattern {text!r}")
                else:  # another form of the same pattern ("support" beside "supported"): one pattern, both forms
                    merged = tuple(prev.words[k] | forms[k] for k in range(len(words)))
                    new = Pattern(prev.type, prev.mode, prev.stems, merged, prev.exclude_next, prev.voice,
                                  prev.mutual, prev.direct_target, prev.source, prev.text, prev.gaps)
                    seen[key] = new
                    lst = ps.by_first[stems[0]]
                    lst[lst.index(prev)] = new
                continue
            seen[key] = p
            ps.by_first.setdefault(stems[0], []).append(p)
    for lst in ps.by_first.values():
        lst.sort(key=lambda p: -len(p.stems))
    for typ, modes in ef.modes.items():
        if typ not in plover():
            ps.issues.append(f"{rel}: modes for unknown type {typ!r}")
            continue
        for mode, cues in modes.items():
            if mode not in plover()[typ].modes:
                ps.issues.append(f"{rel}: mode {mode!r} is not a mode of {typ}")
            for cue in cues:
                ps.modes.setdefault(typ, []).append((mode, tuple(stem(w) for w in tokenize_words(cue))))
    return ps
