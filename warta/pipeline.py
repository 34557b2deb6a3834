"""The pipeline: stages that each declare what they need and what they add, checked when it is built.

    read -> clean -> language -> glue -> published -> sentences -> actors -> events -> when -> where

Every stage takes and returns one Document, so the pipeline streams: memory is flat in the number of
documents. Heavy resources (actor automaton, patterns, gazetteer) are built once per Pipeline.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Protocol, cast

from .config import Settings, load_settings
from .errors import E, PipelineError
from .records import Actor, Document, Event, Mention

BASE_FIELDS = frozenset({"raw_text", "id"})


class Stage(Protocol):
    name: str
    needs: frozenset[str]
    adds: frozenset[str]

    def __call__(self, doc: Document) -> Document: ...


def check_stages(stages: Sequence[Stage]) -> None:
    have = set(BASE_FIELDS)
    for st in stages:
        missing = st.needs - have
        if missing:
            raise PipelineError(E.E107.fmt(stage=st.name, need=", ".join(sorted(missing))))
        have |= st.adds


@dataclass
class Resources:
    """Everything built once and shared by the stages."""

    settings: Settings
    actor_files: tuple[str, ...] = ()
    with_places: bool = True

    @cached_property
    def kb(self):  # type: ignore[no-untyped-def]
        from .actors.kb import load_kb

        return load_kb(self.actor_files)

    @cached_property
    def names(self) -> frozenset[str]:
        names = set(self.kb.surface_names())
        if self.gazetteer is not None:
            names |= self.gazetteer.major_names()
        return frozenset(names)

    def is_place(self, name: str) -> bool:
        gaz = self.gazetteer
        return bool(gaz is not None and gaz.lookup(name))

    @cached_property
    def actor_names(self) -> frozenset[str]:
        return frozenset(self.kb.actor_names())

    def is_actor(self, word: str) -> bool:
        """The name of a state, organisation or group in the dictionary (not a place, not a person's surname)."""
        from .actors.kb import fold_name

        return fold_name(word) in self.actor_names

    def is_name(self, word: str) -> bool:
        from .actors.kb import fold_name

        return fold_name(word) in self.names

    @cached_property
    def gazetteer(self):  # type: ignore[no-untyped-def]
        if not self.with_places:
            return None
        from .where import Gazetteer

        return Gazetteer.load()

    def resolver(self, lang: str):  # type: ignore[no-untyped-def]
        return self._resolvers[lang]

    @cached_property
    def _resolvers(self) -> dict[str, object]:
        from .actors.resolve import Resolver

        place_country = self.place_country if self.gazetteer is not None else None
        return {lang: Resolver(self.kb, lang, place_country) for lang in self.settings.get("languages", ["id", "en"])}

    def place_country(self, name: str, lang: str) -> str | None:
        """The country of a place name the gazetteer knows ("Darfur" -> SDN), for organs linked to places."""
        hits = self.gazetteer.lookup(name, [], lang) if self.gazetteer is not None else []
        return hits[0].country if hits else None

    def actor_of(self, key: str) -> Actor | None:
        r = next(iter(self._resolvers.values()))
        return r.actor(key)  # type: ignore[attr-defined,no-any-return]

    @cached_property
    def coders(self) -> dict[str, object]:
        from .events.coder import Coder
        from .lang import get_language

        locate = self.locate if self.gazetteer is not None else None
        return {
            lang: Coder(lang, get_language(lang).stem, self.actor_of, locate, self._organ_words(lang))
            for lang in self.settings.get("languages", ["id", "en"])
        }

    def _organ_words(self, lang: str) -> frozenset[str]:
        roles = self.kb.roles.get(lang)
        return frozenset(t.text for t in roles.titles if t.kind == "organ" and " " not in t.text) if roles else frozenset()

    def locate(self, text: str, lang: str) -> list[tuple[int, int, str, str]]:
        """Places named in a sentence with their country and feature code, for the coder (no countries or
        regions: those are actors or too broad)."""
        return self._locate(text, lang)

    @cached_property
    def _locate(self):  # type: ignore[no-untyped-def]
        from functools import lru_cache

        @lru_cache(maxsize=256)  # the coder asks once per trigger; sentences repeat within a document
        def locate(text: str, lang: str) -> list[tuple[int, int, str, str]]:
            return self._locate_uncached(text, lang)

        return locate

    def _locate_uncached(self, text: str, lang: str) -> list[tuple[int, int, str, str]]:
        out = []
        for p in self.gazetteer.find(text, lang):
            if p.country and p.start is not None and p.end is not None and p.feature not in _BROAD:
                out.append((p.start, p.end, p.country, p.feature or ""))
        return out


# -- stages ------------------------------------------------------------------------------------------------
@dataclass
class CleanStage:
    res: Resources
    name: str = "clean"
    needs: frozenset[str] = frozenset({"raw_text"})
    adds: frozenset[str] = frozenset({"text", "paragraphs", "report"})

    @cached_property
    def cleaner(self):  # type: ignore[no-untyped-def]
        from .clean import Cleaner

        return Cleaner(self.res.settings, self.res.is_name, self.res.is_actor)

    def __call__(self, doc: Document) -> Document:
        return self.cleaner(doc)  # type: ignore[no-any-return]


@dataclass
class LanguageStage:
    res: Resources
    force: str | None = None
    name: str = "language"
    needs: frozenset[str] = frozenset({"text", "paragraphs"})
    adds: frozenset[str] = frozenset({"lang"})

    @cached_property
    def detector(self):  # type: ignore[no-untyped-def]
        from .language import LanguageDetector

        return LanguageDetector(int(self.res.settings.get("lang_min_paragraph_chars", 60)))

    def __call__(self, doc: Document) -> Document:
        if self.force:
            doc.lang_hint = self.force
        return self.detector(doc)  # type: ignore[no-any-return]


@dataclass
class GlueStage:
    res: Resources
    clean: CleanStage
    name: str = "glue"
    needs: frozenset[str] = frozenset({"text", "lang"})
    adds: frozenset[str] = frozenset({"hash"})

    def __call__(self, doc: Document) -> Document:
        return self.clean.cleaner.repair_glue(doc)  # type: ignore[no-any-return]


def _most_specific(events: list[Event], kb: Any) -> list[Event]:
    """One event told twice in a document, once with an organisation and once with its organ or mission ("seruan
    PBB" in the headline, "resolusi Dewan Keamanan PBB" in the body), keeps the specific actor: an event whose
    source (or target) is the parent of another event's source (or target), all else equal, is dropped."""

    def parents(key: str | None) -> set[str]:
        out: set[str] = set()
        entry = kb.actors.get(key) if key else None
        while entry is not None and entry.parent and entry.parent not in out:
            out.add(entry.parent)
            entry = kb.actors.get(entry.parent)
        return out

    def key(m: Mention | None) -> str | None:
        return m.actor.key if m is not None else None

    told = {(key(e.source), e.type, key(e.target), e.negated, e.hypothetical) for e in events}
    narrower: dict[str, set[str]] = {}  # actor key -> the keys of its organs and missions named in the document
    for k in {k for t in told for k in (t[0], t[2]) if k}:
        for p in parents(k):
            narrower.setdefault(p, set()).add(k)
    if not narrower:
        return events
    keep = []
    for e in events:
        src, tgt, rest = key(e.source), key(e.target), (e.negated, e.hypothetical)
        wider = any((s2, e.type, tgt, *rest) in told for s2 in narrower.get(src or "", ())) or any(
            (src, e.type, t2, *rest) in told for t2 in narrower.get(tgt or "", ()))
        if not wider:
            keep.append(e)
    return keep


def plover_types() -> Any:
    from .events.patterns import plover

    return plover()


def _protesters(e: Event) -> None:
    """A country's people protesting are its protesters, not its government: "Thousands of Turks marched",
    "Serbian students marched" -> TUR.PROTESTERS, SRB.PROTESTERS (ANNOTATION.md)."""
    if e.type != "PROTEST" or e.source is None:
        return
    m, a = e.source, e.source.actor
    if not (m.kind in ("name", "adjective") or a.sector in ("CVL", "EDU", "REL", "MED", "PRO")):
        return
    if a.country is None and a.key in ("CIVILIANS", "STUDENTS"):  # "ribuan orang berunjuk rasa": the place says whose
        e.source = Mention(Actor("PROTESTERS", "protesters", None, "PRO"), m.text, m.start, m.end, "group", m.person,
                           m.tok_start, m.tok_end)
    elif a.country and (a.key == a.country or a.key in (f"{a.country}.CIVILIANS", f"{a.country}.STUDENTS")):
        state = a.name.removesuffix(" civilians").removesuffix(" students")
        e.source = Mention(Actor(f"{a.country}.PROTESTERS", f"{state} protesters", a.country, "PRO"), m.text,
                           m.start, m.end, "group", m.person, m.tok_start, m.tok_end)


def _first_full_date(doc: Document, langs: tuple[str, ...], sentences: int = 12) -> dt.date | None:
    """The first date with day, month and year among the document's first sentences, for an undated document."""
    from .language import coding_language
    from .when.dates import find_date_expressions

    for s in doc.sentences[:sentences]:
        lang = coding_language(s.lang or doc.lang, langs)
        if lang is None or not any(c.isdigit() for c in s.text):
            continue  # every full date has its year in digits
        for m in find_date_expressions(s.text, lang, None):
            if m.date is not None and m.kind == "explicit" and m.precision == "day":
                return m.date
    return None


@dataclass
class PublishedStage:
    default: dt.date | None = None
    name: str = "published"
    needs: frozenset[str] = frozenset({"text"})
    adds: frozenset[str] = frozenset({"published"})

    def __call__(self, doc: Document) -> Document:
        if doc.published is None:
            from .when import find_publication_date

            found = find_publication_date(doc.text[:600], doc.url, doc.lang)
            if found is not None:
                doc.published, doc.published_source, doc.published_precision = found.date, found.source, found.precision
                doc.dateline = found.text if found.source == "dateline" else None
            elif self.default is not None:
                doc.published, doc.published_source, doc.published_precision = self.default, "cli", "day"
        return doc


@dataclass
class SentenceStage:
    res: Resources
    name: str = "sentences"
    needs: frozenset[str] = frozenset({"text", "lang"})
    adds: frozenset[str] = frozenset({"sentences"})

    @cached_property
    def abbreviations(self) -> dict[str, frozenset[str]]:
        from .lang import get_language

        return {lang: get_language(lang).abbreviations for lang in self.res.settings.get("languages", ["id", "en"])}

    def __call__(self, doc: Document) -> Document:
        from .language import coding_language
        from .sentences import split_sentences

        langs = tuple(self.res.settings.get("languages", ["id", "en"]))
        if coding_language(doc.lang, langs) is None:
            doc.warnings.append(E.W008.fmt(path=doc.source_path or doc.id, lang=doc.lang))
            doc.sentences = []
            return doc
        abbr = {k: v for k, v in self.abbreviations.items()}
        abbr.update({"ms": abbr.get("id", frozenset())})
        doc.sentences = split_sentences(doc, abbr)
        return doc


@dataclass
class ActorStage:
    res: Resources
    discover: bool = True  # collect unresolved names for `warta actors unknown` (a store feature)
    name: str = "actors"
    needs: frozenset[str] = frozenset({"sentences", "published"})
    adds: frozenset[str] = frozenset({"mentions"})

    def __call__(self, doc: Document) -> Document:
        from .actors.resolve import DocState
        from .language import coding_language

        langs = tuple(self.res.settings.get("languages", ["id", "en"]))
        from .actors.discover import find_unknown

        doc.reference_day = doc.published or _first_full_date(doc, langs)
        state = DocState(day=doc.reference_day)
        for s in doc.sentences:
            lang = coding_language(s.lang, langs)
            if lang is None:
                continue
            s.mentions = self.res.resolver(lang).resolve(s.text, state)
            if self.discover:
                doc.unknown_names.extend((s.index, n, k) for n, k in find_unknown(s.text, s.mentions, self.res.is_place))
        return doc


@dataclass
class EventStage:
    res: Resources
    name: str = "events"
    needs: frozenset[str] = frozenset({"mentions"})
    adds: frozenset[str] = frozenset({"events"})
    traces: dict[int, list[str]] | None = None

    def __call__(self, doc: Document) -> Document:
        from .language import coding_language

        langs = tuple(self.res.settings.get("languages", ["id", "en"]))
        events: list[Event] = []
        recent: dict[str, list[Mention]] = {}  # event type -> sources of the latest such event (for "the attack")
        for s in doc.sentences:
            lang = coding_language(s.lang, langs)
            if lang is None:
                continue
            trace = None
            if self.traces is not None:
                trace = self.traces.setdefault(s.index, [])
            elif not s.mentions:
                continue  # every event needs a source actor: a sentence without one cannot hold any
            coder = self.res.coders[lang]
            evs = coder.code(s.text, s.mentions, doc.reference_day or doc.published, doc.id, s.index, s.start, trace, recent)  # type: ignore[attr-defined]
            for e in evs:
                # "the attack" points at the story's lead event of the type: the first one told
                if e.source is not None and not e.hypothetical and not e.negated and e.type not in recent:
                    # "the attack" later points at the sentence's first event of the type (its main clause), not at
                    # one told in passing ("... sebagai balasan atas serangan kelompok itu")
                    first = next(x for x in evs if x.type == e.type and x.source is not None and not x.hypothetical
                                 and not x.negated)
                    told = [x for x in evs if x.type == e.type and x.source is not None
                            and x.evidence.trigger_start == first.evidence.trigger_start]
                    same = [x.source for x in told if x.source is not None]
                    if plover_types()[e.type].symmetric:  # "the agreement": all who agreed, on both sides
                        same += [x.target for x in told if x.target is not None]
                    recent[e.type] = list({m.actor.key: m for m in same}.values())
            for e in evs:
                e.doc_url = doc.url
                _protesters(e)
            events.extend(evs)
        doc.events = _most_specific(events, self.res.kb)
        return doc


@dataclass
class WhenStage:
    name: str = "when"
    needs: frozenset[str] = frozenset({"events", "published"})
    adds: frozenset[str] = frozenset({"event_dates"})

    def __call__(self, doc: Document) -> Document:
        from .when import event_date

        own: dict[int, object] = {}  # sentence -> its first explicit date expression (or the fallback)

        def text_of(i: int) -> str:
            s = doc.sentences[i].text
            # the dateline ("KYIV, March 8 (Wire) -") dates the article, not the first sentence's event
            if i == 0 and doc.dateline and doc.dateline in s[: len(doc.dateline) + 40]:
                k = s.find(doc.dateline)
                s = s[:k] + " " * len(doc.dateline) + s[k + len(doc.dateline) :]
            return s

        def explicit(i: int):  # type: ignore[no-untyped-def]
            if i not in own:
                own[i] = event_date(text_of(i), doc.sentences[i].lang or "id", doc.published, None)
            return own[i]

        for e in doc.events:
            s = doc.sentences[e.sentence]
            trig = None
            if e.evidence.trigger_start is not None and e.evidence.trigger_end is not None:
                trig = (e.evidence.trigger_start - s.start, e.evidence.trigger_end - s.start)
            m = event_date(text_of(e.sentence), e.lang, doc.published, trig)
            if m.precision == "publication":
                # no date in the sentence: the last explicit date of the same paragraph carries on
                # ("... bertemu pada hari Selasa, dan dalam pertemuan itu mendesak ..."); across paragraphs
                # it does not (measured: worse on our own gold)
                for j in range(e.sentence - 1, -1, -1):
                    if doc.sentences[j].paragraph != s.paragraph:
                        break
                    prev = explicit(j)
                    if prev.precision == "day":  # type: ignore[attr-defined]
                        m = prev  # type: ignore[assignment]
                        break
            e.date, e.date_precision, e.date_text = m.date, m.precision, m.text or None
        return doc


@dataclass
class WhereStage:
    res: Resources
    name: str = "where"
    needs: frozenset[str] = frozenset({"events"})
    adds: frozenset[str] = frozenset({"places"})

    def __call__(self, doc: Document) -> Document:
        gaz = self.res.gazetteer
        if gaz is None or not doc.events:
            return doc
        from .where import event_place

        gaz = cast(Any, _FindCache(gaz))  # several events share a sentence: look its places up once
        memo: dict[tuple[int, tuple[int, int] | None, str], Any] = {}
        countries: list[str] = []
        for s in doc.sentences:
            for m in s.mentions:
                if m.actor.country and m.actor.country not in countries:
                    countries.append(m.actor.country)
        for e in doc.events:
            s = doc.sentences[e.sentence]
            trig = None
            if e.evidence.trigger_start is not None and e.evidence.trigger_end is not None:
                trig = (e.evidence.trigger_start - s.start, e.evidence.trigger_end - s.start)
            exclude = [(m.start, m.end) for m in s.mentions]
            key = (e.sentence, trig, e.type)
            if key in memo:  # one trigger with several sources or targets: one look-up
                e.place = memo[key]
                self._people_of_place(e)
                continue
            place = event_place(s.text, e.lang, trig, gaz, countries, exclude)
            if place is None or place.feature in _BROAD:
                # the most specific place the sentence names for a physical event or a meeting, as ACLED
                # codes location: "... at southern Ukraine overnight, killing two civilians in Odesa"
                found = [p for p in self._found(gaz, s.text, e.lang, countries)
                         if p.feature not in _BROAD and not any(a <= (p.start or 0) < b for a, b in exclude)]
                if place is not None:
                    found = [p for p in found if p.country == place.country]
                if found and e.type in _LOCATED:
                    place = found[0]
            if place is None and e.type in ("ASSAULT", "COERCE") and e.target is not None and e.target.text[:1].isupper() and (
                    e.target.kind in ("name", "place")):
                # "Rusia menyerang Kyiv": a capital named as the target is also where it happened
                hits = [p for p in gaz.lookup(e.target.text, countries, e.lang) if p.feature not in _BROAD]
                if hits:
                    place = hits[0]
            memo[key] = place
            e.place = place
            self._people_of_place(e)
        # unnamed people in an event with no place of its own are of the country where the story happens:
        # the country most of the document's events took place in ("RSF menembaki warga sipil" in an El Fasher story)
        where = Counter(e.place.country for e in doc.events if e.place is not None and e.place.country)
        top = where.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            home = top[0][0]
            for e in doc.events:
                if e.place is None:
                    self._people_of_place(e, home)
        return doc

    @staticmethod
    def _found(gaz, text: str, lang: str, countries: list[str]) -> list:  # type: ignore[no-untyped-def,type-arg]
        return list(gaz.find(text, lang, countries))

    @staticmethod
    def _people_of_place(e: Event, country: str | None = None) -> None:
        """Unnamed people get the country where the event happened: CIVILIANS in Kharkiv -> UKR.CIVILIANS."""
        from .records import Actor, Mention

        country = e.place.country if e.place else country
        for attr in ("source", "target"):
            m = getattr(e, attr)
            if m is None:
                continue
            key = m.actor.key
            if key in ("CIVILIANS", "PROTESTERS", "REFUGEES", "STUDENTS") and country:
                setattr(e, attr, Mention(Actor(f"{country}.{key}", f"{country} {key.lower()}", country, m.actor.sector),
                                         m.text, m.start, m.end, m.kind, m.person, m.tok_start, m.tok_end))


class _FindCache:
    """A gazetteer whose `find` remembers its answers for one document."""

    def __init__(self, gaz) -> None:  # type: ignore[no-untyped-def]
        self._gaz = gaz
        self._memo: dict[tuple[str, str, tuple[str, ...]], list] = {}  # type: ignore[type-arg]

    def find(self, text: str, lang: str, countries=()):  # type: ignore[no-untyped-def]
        key = (text, lang, tuple(countries))
        if key not in self._memo:
            self._memo[key] = self._gaz.find(text, lang, countries)
        return self._memo[key]

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._gaz, name)


# places that say little about where an event happened; a city in the same sentence is better
_BROAD = frozenset({"PCLI", "PCL", "PCLD", "PCLS", "ADM1", "RGN", "CONT", "SEA", "OCN", "AREA"})
# physical events and meetings happen somewhere; statements are made anywhere
_LOCATED = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT", "AID", "CONSULT", "COOPERATE", "AGREE"})


@dataclass
class Pipeline:
    stages: list[Stage]
    res: Resources
    include_hypothetical: bool = False
    include_negated: bool = False
    traces: dict[int, list[str]] | None = field(default=None)

    def __post_init__(self) -> None:
        check_stages(self.stages)

    @classmethod
    def build(
        cls,
        settings: Settings | None = None,
        lang: str | None = None,
        published: dt.date | None = None,
        actor_files: Iterable[str] = (),
        places: bool = True,
        trace: bool = False,
        discover: bool = True,
    ) -> Pipeline:
        settings = settings or load_settings()
        # user dictionaries: bundled < $WARTA_ACTORS < the config file's `actors:` < the ones given here (--actors)
        configured = settings.get("actors") or []
        res = Resources(settings, (*(str(p) for p in configured), *actor_files), places)
        clean = CleanStage(res)
        traces: dict[int, list[str]] | None = {} if trace else None
        stages: list[Stage] = [
            clean,
            LanguageStage(res, lang if lang not in (None, "auto") else None),
            GlueStage(res, clean),
            PublishedStage(published),
            SentenceStage(res),
            ActorStage(res, discover),
            EventStage(res, traces=traces),
            WhenStage(),
        ]
        if places:
            stages.append(WhereStage(res))
        return cls(
            stages,
            res,
            bool(settings.get("events.include_hypothetical", False)),
            bool(settings.get("events.include_negated", False)),
            traces,
        )

    def __call__(self, doc: Document) -> Document:
        for st in self.stages:
            doc = st(doc)
        return doc

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for d in docs:
            yield self(d)

    def visible(self, events: Iterable[Event], all_events: bool = False) -> list[Event]:
        """The default output leaves hypothetical and negated events out (they are stored)."""
        if all_events:
            return list(events)
        return [
            e for e in events
            if (self.include_hypothetical or not e.hypothetical) and (self.include_negated or not e.negated)
        ]


def code_text(text: str, lang: str | None = None, published: dt.date | None = None, doc_id: str = "text",
              pipeline: Pipeline | None = None) -> list[Event]:
    """Code one text and return its visible events (the library's simplest entry point)."""
    pipe = pipeline or Pipeline.build(lang=lang, published=published)
    doc = Document(id=doc_id, text="", raw_text=text, published=published, lang_hint=lang if lang != "auto" else None)
    doc = pipe(doc)
    return pipe.visible(doc.events)
