"""The rule-based event coder: PLOVER events from one sentence with its resolved actor mentions.

How a sentence is read (TABARI/PETRARCH-style, made multilingual and data-driven):
1. tokens, with the language's stem for each; tokens inside actor mentions never trigger events;
2. actor mentions joined into groups by coordination ("Turki dan Rusia", "France, Egypt, Greece and Cyprus");
3. triggers found by matching pattern stems, longest first;
4. for each trigger: its clause, its voice (active, passive, noun, received), negation and modality, then
   the source and target groups by position and the prepositions around them;
5. one event per source x target pair.
Every decision is written to an optional trace, which `warta explain` prints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from pydantic import BaseModel, ConfigDict

from .. import __version__, yamlio
from ..records import Actor, Event, Evidence, Mention
from .patterns import (
    GAP_MAX,
    TOKEN_RE,
    GrammarFile,
    Pattern,
    PatternSet,
    load_patterns,
    plover,
    tokenize_words,
)

CODER_NAME = "warta-rules"
# words of an amount between a receiver and what is given ("25,000 tons of", "US$ 5 juta dalam bentuk")
_QUANTITY = frozenset(
    "of worth nearly about some more than million billion trillion thousand hundred dollars dollar euros euro tons"
    " tonnes us$ $ juta miliar triliun ribu ratus dolar euro ton senilai sebesar sekitar lebih dari hampir".split()
)

# "serangan tersebut", "the attack": demonstratives that make an event noun point back
_DEMONSTRATIVES_AFTER = frozenset({"tersebut", "itu", "ini"})
_DEMONSTRATIVES_BEFORE = frozenset({"the", "this", "that", "these", "those"})

# a COERCE whose target is a diplomat ("expelled the ambassador") is a SANCTION
_DIPLOMATS = ("duta besar", "dubes", "diplomat", "ambassador", "envoy", "utusan", "konsul", "consul", "atase",
              "attaché", "attache", "the ambassador", "the envoy")

# nouns between a locative preposition and a place: "di wilayah Libya", "in the city of"
# who blocks a road as a protest rather than as coercion, and the blocking words (stems)
_CIVIL_SECTORS = frozenset({"CVL", "PRO", "REB", "OPP", "EDU", "REL", "PTY", "UAF", "REF", "MED", "BUS"})
_BLOCK_STEMS = frozenset({"block", "blocked", "blockade", "blockaded", "blokade", "blokir", "hadang", "barricade"})
# two words before a place
_LOCATIVE_PAIRS = frozenset({"di dekat", "di sekitar"})
# what a strike on places where people live hits: its people ("serangan udara ke sejumlah desa")
_DWELLINGS = frozenset(
    "desa desa-desa kampung permukiman pemukiman rumah rumah-rumah village villages homes houses neighbourhoods"
    " neighborhoods neighbourhood neighborhood residential".split()
)
_PLACE_NOUNS = frozenset(
    "wilayah kota daerah provinsi kawasan negara ibu region city province area town capital the northern southern"
    " eastern western central northeastern northwestern southeastern southwestern north-eastern north-western"
    " south-eastern south-western".split()
)


class Conflict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    country: str
    sides: list[str]
    start: dt.date
    end: dt.date | None = None
    government: str | None = None
    army: str | None = None  # the side that is the state's armed forces: "Sudan's army" in war years is SDN.SAF
    name: str = ""


@cache
def conflicts() -> tuple[Conflict, ...]:
    path = resources.files("warta.events").joinpath("data/conflicts.yaml")
    data = yamlio.load(path.read_text(encoding="utf-8")) or {}
    return tuple(Conflict.model_validate(c) for c in data.get("conflicts", []))


def government_of(country: str, day: dt.date | None) -> str | None:
    for c in conflicts():
        if c.country == country and c.government and (day is None or (c.start <= day and (c.end is None or day <= c.end))):
            return c.government
    return None


def army_of(country: str, day: dt.date | None) -> str | None:
    for c in conflicts():
        if c.country == country and c.army and (day is None or (c.start <= day and (c.end is None or day <= c.end))):
            return c.army
    return None


def sides_of(country: str, day: dt.date | None) -> list[str]:
    for c in conflicts():
        if c.country == country and (day is None or (c.start <= day and (c.end is None or day <= c.end))):
            return list(c.sides)
    return []


@dataclass(slots=True)
class Tok:
    text: str
    low: str
    stem: str
    start: int
    end: int
    group: int = -1  # index of the mention group covering the token
    trig: bool = False  # part of an event trigger


@dataclass(slots=True)
class Group:
    mentions: list[Mention]
    t0: int  # first token
    t1: int  # last token (inclusive)
    possessor: bool = False  # follows a plain noun: "resolusi [Dewan Keamanan]"
    locative: bool = False  # follows a locative preposition: "di [Libya]"


@dataclass(slots=True)
class Trigger:
    pattern: Pattern
    t0: int
    t1: int  # inclusive
    voice: str = "active"
    negated: bool = False
    refused: bool = False
    hypothetical: bool = False
    anaphor: bool = False  # "serangan tersebut", "the attack": an event already told, not a new one
    merged: bool = False  # "will provide ... food aid": the noun is the verb's own event, told once
    denial: bool = False  # "membantah (telah menyerang)": a denial of the next event, not an event itself
    committed: bool = False  # "will", "promised to": the commitment is the event
    conditional_threat: bool = False  # "will withdraw unless ...": a threat
    prepared: bool = False  # "prepared to resume shelling": readying force, not a threat
    unless: bool = False  # the condition is "unless": a threat even when the act is cooperation withheld
    mode: str | None = None
    source: Group | None = None
    target: Group | None = None
    notes: list[str] = field(default_factory=list)


class _Words:
    """Closed-class word lists as sets of token tuples, for quick look-ups."""

    def __init__(self, g: GrammarFile) -> None:
        def one(xs: list[str]) -> frozenset[str]:
            return frozenset(x.lower() for x in xs if len(tokenize_words(x)) == 1)

        def multi(xs: list[str]) -> tuple[tuple[str, ...], ...]:
            return tuple(sorted({tuple(tokenize_words(x)) for x in xs}, key=len, reverse=True))

        self.negation = one(g.negation)
        self.negation_multi = multi(g.negation)
        self.refusal = multi(g.refusal)
        self.modal = one(g.modal)
        self.modal_multi = multi(g.modal)
        self.conditional = one(g.conditional)
        self.adverbs = one(g.adverbs)
        self.light = one(g.light_verbs)
        self.receive = one(g.receive_verbs)
        self.agent = one(g.agent_preps)
        self.target_preps = one(g.target_preps)
        self.locative = one(g.locative_preps)
        self.between = one(g.between)
        self.coord = one(g.coordinators)
        self.breaks = one(g.clause_breaks)
        self.speech = one(g.speech_verbs)
        self.relative = one(g.relative)
        self.determiners = one(g.determiners)
        self.be = one(g.be_forms)
        self.passive_prefixes = tuple(g.passive_prefixes)
        self.parties = multi(g.parties)
        self.commitment = multi(g.commitment)
        self.commitment_set = frozenset(self.commitment)
        self.commitment_lens = tuple(sorted({len(c) for c in self.commitment}))
        self.commitment_first = frozenset(c[0] for c in self.commitment)
        # multi-word negations and modals as text, joined once ("did not", "is expected to")
        self.negation_text = tuple(" ".join(x) for x in self.negation_multi if len(x) > 1)
        self.modal_text = tuple(" ".join(x) for x in self.modal_multi if len(x) > 1)
        self.topic = one(g.topic_preps)
        self.denial = one(g.denial)
        self.obligation = multi(g.obligation)
        self.obligation_first = frozenset(seq[0] for seq in self.obligation)
        self.complementizers = one(g.complementizers)
        self.help = one(g.help_preps)
        self.infinitive = one(g.infinitive)
        self.attempt = multi(g.attempt)
        self.decision = multi(g.decision)
        self.preparation = multi(g.preparation)
        self.cessation = one(g.cessation)
        self.gap_stops = (self.breaks | self.target_preps | self.agent | self.locative | self.coord | self.speech
                          | self.relative | self.infinitive | self.between)
        self.closed = (
            self.negation | self.modal | self.conditional | self.adverbs | self.light | self.receive | self.agent
            | self.target_preps | self.locative | self.between | self.coord | self.breaks | self.speech
            | self.relative | self.determiners | self.be | self.infinitive
        )


class Coder:
    """Codes sentences of one language."""

    def __init__(
        self,
        lang: str,
        stem: Callable[[str], str],
        actor_of: Callable[[str], Actor | None],
        locate: Callable[[str, str], list[tuple[int, int, str, str]]] | None = None,
        organ_words: frozenset[str] = frozenset(),
    ) -> None:
        self.organ_words = organ_words  # one-word organ nouns ("junta", "militer"): an unresolved one is still an actor
        self.locate = locate  # (text, lang) -> [(start, end, ISO3)] of places named in a sentence
        self.lang = lang
        self.stem = stem
        self.patterns: PatternSet = load_patterns(lang, stem)
        assert self.patterns.grammar is not None
        self.w = _Words(self.patterns.grammar)
        self.actor_of = actor_of
        self.name = f"{CODER_NAME} {__version__}"

    # -- tokens and groups -----------------------------------------------------------------------
    def tokens(self, text: str) -> list[Tok]:
        stem = self.stem
        out = []
        for m in TOKEN_RE.finditer(text):
            t = m.group(0)
            low = t.lower()
            s, e = m.span()
            out.append(Tok(t, low, stem(low) if t[0].isalnum() else low, s, e))
        return out

    def groups(self, toks: list[Tok], mentions: list[Mention]) -> list[Group]:
        spans: list[tuple[int, int, list[Mention]]] = []
        for m in sorted(mentions, key=lambda m: (m.start, m.end)):
            t0 = next((i for i, t in enumerate(toks) if t.end > m.start), None)
            t1 = next((i for i in range(len(toks) - 1, -1, -1) if toks[i].start < m.end), None)
            if t0 is None or t1 is None or t1 < t0:
                continue
            if spans and spans[-1][0] == t0 and spans[-1][1] == t1:
                spans[-1][2].append(m)  # a plural pronoun standing for several actors
            else:
                spans.append((t0, t1, [m]))
        groups: list[Group] = []
        for t0, t1, ms in spans:
            if groups:
                g = groups[-1]
                between = toks[g.t1 + 1 : t0]
                # coordination: only commas and "dan"/"and"/"serta" between two mentions
                pron = all(m.kind == "pronoun" for m in g.mentions) != all(m.kind == "pronoun" for m in ms)
                # two state names side by side inside a list, a comma lost ("Turki dan Suriah Rusia")
                lost_comma = not between and len(g.mentions) >= 2 and all(
                    m.kind == "name" and m.actor.key == m.actor.country for m in (g.mentions[-1], *ms))
                if (between and all(t.low in self.w.coord for t in between) and len(between) <= 2 and not pron) or lost_comma:
                    g.mentions.extend(ms)
                    g.t1 = t1
                    continue
            groups.append(Group(list(ms), t0, t1))
        for gi, g in enumerate(groups):
            for k in range(g.t0, g.t1 + 1):
                toks[k].group = gi
            prev = toks[g.t0 - 1] if g.t0 > 0 else None
            prev2 = toks[g.t0 - 2] if g.t0 > 1 else None
            if prev is not None:
                g.locative = prev.low in self.w.locative or (
                    prev2 is not None and (f"{prev2.low} {prev.low}" in _LOCATIVE_PAIRS
                                           or (prev2.low in self.w.locative and prev.low in _PLACE_NOUNS))
                )
                g.possessor = self._plain_noun(prev)
        return groups

    def _plain_noun(self, t: Tok) -> bool:
        """A lower-case content word that is not a verb form: the head an actor right after it modifies."""
        if not t.text.isalpha() or not t.text.islower() or t.low in self.w.closed:
            return False
        if self.lang == "id":
            return not t.low.startswith(("me", "di", "ber", "ter", "mem", "men")) or t.low == t.stem
        return t.low.endswith(("tion", "ment", "ance", "ence", "ity", "ism", "ship"))

    # -- triggers ----------------------------------------------------------------------------------
    def triggers(self, toks: list[Tok]) -> list[Trigger]:
        out: list[Trigger] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            hit = None
            end = -1
            if t.group < 0:
                for p in self.patterns.candidates(t.stem):
                    end = self._matches(toks, i, p)
                    if end >= 0:
                        hit = p
                        break
            if hit is None:
                i += 1
                continue
            for k in range(i, end + 1):
                toks[k].trig = True
            out.append(Trigger(hit, i, end))
            i = end + 1
        return out

    def _matches(self, toks: list[Tok], i: int, p: Pattern) -> int:
        """The index of the pattern's last token when it matches at i, else -1."""
        n = len(p.stems)
        if i + n > len(toks):
            return -1
        j = i
        for k in range(n):
            if k in p.gaps:  # the nearest next word that fits, across a few words that are not actors or breaks
                limit = min(len(toks), j + GAP_MAX + 1)
                while j < limit and toks[j].stem != p.stems[k] and toks[j].group < 0 and toks[j].low not in self.w.gap_stops:
                    j += 1  # not across a preposition: "terhenti di pinggiran ... dengan bantuan" is no halted aid
            if j >= len(toks):
                return -1
            t = toks[j]
            if t.group >= 0 or t.stem != p.stems[k]:
                return -1
            # a bare root matches only when the pattern is written bare: "tentang" (about) is not "menentang"
            if t.low == t.stem and t.low not in p.words[k] and p.stems[k] not in p.words[k]:
                return -1
            j += 1
        nxt = [x.stem for x in toks[j : j + 4]]
        for ex in p.exclude_next:
            if tuple(nxt[: len(ex)]) == ex:
                return -1
        return j - 1

    # -- reading one trigger -------------------------------------------------------------------------
    def _clause(self, toks: list[Tok], tr: Trigger) -> tuple[int, int]:
        lo = tr.t0
        while lo > 0:
            t = toks[lo - 1]
            if t.group < 0 and (t.low in self.w.breaks or (t.low in self.w.speech and lo - 2 >= 0 and toks[lo - 2].low == ",")):
                break
            lo -= 1
        hi = tr.t1
        while hi + 1 < len(toks):
            t = toks[hi + 1]
            if t.group < 0 and (t.low in self.w.breaks or (t.low == "," and hi + 2 < len(toks) and toks[hi + 2].low in self.w.speech)):
                break
            if t.group < 0 and t.low in self.w.speech and self.lang == "id" and t.low in {"kata", "ujar", "menurut"}:
                break
            hi += 1
        return lo, hi

    def _voice(self, toks: list[Tok], tr: Trigger) -> str:
        if tr.pattern.voice:
            return tr.pattern.voice
        t = toks[tr.t0]
        prev = self._prev_content(toks, tr.t0)
        if prev is not None and toks[prev].low in self.w.receive:
            return "received"
        if tr.t0 > 0 and toks[tr.t0 - 1].low in self.w.help and tr.pattern.type in ("AID", "SUPPORT", "COOPERATE"):
            return "received"  # "dengan bantuan kelompok bersenjata", "with the help of Turkey"
        if self.lang == "id":
            if t.low != t.stem and t.low.startswith(self.w.passive_prefixes) and not t.stem.startswith(("di", "ter")):
                return "passive"
            if t.low != t.stem and (t.low.endswith(("an", "annya")) and not t.low.startswith(("me", "di", "ber"))):
                return "noun"
            if t.low.startswith(("pe", "ke")) and (t.low != t.stem or t.low.endswith(("an", "annya"))):
                return "noun"  # pengarahan, pertemuan, kesepakatan
            if prev is not None and (toks[prev].low in self.w.light or toks[prev].low in self.w.determiners):
                return "noun"
            # a bare root after a verb or preposition is its object: "melanggar embargo senjata PBB"
            if t.low == t.stem and prev is not None and toks[prev].group < 0 and (
                toks[prev].low.startswith(("me", "ber", "di")) and toks[prev].low != toks[prev].stem
                or toks[prev].low in self.w.target_preps or toks[prev].low in self.w.topic
            ):
                return "noun"
            return "active"
        # English: a participle after a form of "be" ("was attacked by", "has been criticised by")
        back = [x.low for x in toks[max(0, tr.t0 - 3) : tr.t0]]
        if any(b in self.w.be for b in back) and t.low != t.stem and t.low.endswith(("ed", "en", "t")):
            return "passive"
        before = toks[tr.t0 - 1] if tr.t0 > 0 else None
        if before is not None and (
            before.low in self.w.determiners or before.low in self.w.light or before.low in ("'s", "’s", "of")
            or (before.group >= 0 and not t.low.endswith("ed"))
        ):
            return "noun"
        if t.low.endswith(("tion", "ment", "ism", "ance", "ence", "ure")) or t.low in ("talks", "strikes", "attacks", "clashes", "sanctions", "aid", "support", "deal", "accord", "pact", "treaty", "summit"):
            if before is None or before.group < 0:
                return "noun"
        return "active"

    def _next_content(self, toks: list[Tok], i: int) -> int | None:
        """Index of the next token after i that is not an adverb or auxiliary."""
        j = i + 1
        while j < len(toks) and toks[j].low in self.w.adverbs and toks[j].group < 0:
            j += 1
        return j if j < len(toks) else None

    def _verb_like(self, t: Tok) -> bool:
        """A verb form: Indonesian me-/ber-/di- words, English -ing forms ("denied attacking")."""
        low = t.low
        if self.lang == "id":
            return len(low) > 4 and low.startswith(("me", "ber", "di")) and low not in self.w.closed
        return len(low) > 4 and low.endswith("ing")

    def _prev_content(self, toks: list[Tok], i: int) -> int | None:
        """Index of the previous token that is not an adverb or auxiliary."""
        j = i - 1
        while j >= 0 and toks[j].low in self.w.adverbs and toks[j].group < 0:
            j -= 1
        return j if j >= 0 else None

    def _polarity(self, toks: list[Tok], tr: Trigger, lo: int, floor: int = 0, prev: Trigger | None = None) -> None:
        """Negation and modality from the words before the trigger, inside its clause and after the trigger
        before it ("tidak dapat mendukung seruan PBB": the negation belongs to "mendukung", not "seruan")."""
        lo = max(lo, floor)
        window: list[Tok] = []
        j = tr.t0 - 1
        while j >= lo and len(window) < 5:
            if toks[j].group >= 0 and not (toks[j].low in self.w.closed or toks[j].text.islower()):
                break
            window.append(toks[j])
            j -= 1
        lows = [t.low for t in reversed(window)]
        text = " ".join(lows)
        if any(w in self.w.denial for w in lows):
            tr.negated = True  # "membantah telah menyerang", "denied supplying weapons"
            tr.notes.append("denied")
        # "untuk segera menghentikan": look at the infinitive marker past adverbs
        core = list(lows)
        while core and core[-1] in self.w.adverbs and core[-1] not in self.w.infinitive:
            core.pop()
        for seq in self.w.refusal:
            if lows[-len(seq) :] == list(seq):
                tr.refused = True
        if any(w in self.w.negation for w in lows) or any(s in text for s in self.w.negation_text):
            tr.negated = True
        if any(w in self.w.modal for w in lows) or any(s in text for s in self.w.modal_text):
            tr.hypothetical = True
        commit = any(w in self.w.commitment_first for w in lows) and any(
            tuple(lows[k : k + n]) in self.w.commitment_set for n in self.w.commitment_lens for k in range(len(lows) - n + 1)
        )
        spec = [w for w in lows if w in self.w.modal and (w,) not in self.w.commitment]
        # "said they would boycott": after a speech verb, "would" reports a commitment
        if "would" in spec and any(t.low in self.w.speech for t in toks[lo : tr.t0]):
            spec.remove("would")
            commit = True
        if commit and not spec:
            tr.hypothetical = True
            tr.committed = True
        k = tr.t0 - 1
        while k >= 0 and toks[k].low in self.w.determiners:
            k -= 1
        if k >= 0 and toks[k].low in self.w.cessation and toks[k].group < 0 and not toks[k].trig:
            tr.hypothetical = True  # "mengakhiri pertempuran", "to end the fighting": the fighting is not an event here
            tr.notes.append(f"what {toks[k].text!r} ends, not an event")
        if tr.voice == "noun" and tr.t0 > 0 and toks[tr.t0 - 1].low in self.w.topic:
            tr.hypothetical = True
            tr.notes.append(f"the topic after {toks[tr.t0 - 1].text!r}, not an event that happened")
        if tr.voice == "passive" and lo < len(toks) and toks[lo].low in ("no", "tidak", "tak", "none") and (
                self.lang == "en" or (lo + 1 < len(toks) and toks[lo + 1].low == "ada")):
            tr.negated = True  # "No Russian diplomats have been expelled", "Tidak ada diplomat Rusia yang diusir"
            tr.notes.append(f"{toks[lo].text!r} before the subject: negated")
        if prev is not None and any(t.low in self.w.denial for t in toks[prev.t0 : prev.t1 + 1]) and all(
                t.low in self.w.adverbs or t.low in self.w.infinitive for t in toks[prev.t1 + 1 : tr.t0]) and tr.t0 - prev.t1 <= 3:
            # "membantah telah menyerang", "denied attacking": the denial is of this event, not a rejection of anyone
            tr.negated = True
            tr.notes.append(f"denied by {toks[prev.t0].text!r}")
            prev.denial = True
        trip = prev is not None and prev.pattern.type == "CONSULT" and tr.pattern.type == "CONSULT"
        if prev is not None and not trip:
            gap = [t.low for t in toks[prev.t1 + 1 : tr.t0] if t.low not in self.w.adverbs]
            ends_inf = toks[prev.t1].low in self.w.infinitive
            if (ends_inf and not gap) or (len(gap) == 1 and gap[0] in self.w.infinitive):
                # "agreed to allow", "refused to sign": the second verb is what was agreed or refused
                tr.hypothetical = True
                if prev.pattern.type == "REJECT" and not prev.negated:
                    tr.refused = True
                    tr.notes.append(f"refused by {toks[prev.t0].text!r}")
                else:
                    tr.notes.append(f"embedded under {toks[prev.t0].text!r}: not asserted")
        # ("failed to reach agreement", "gagal mencapai kesepakatan": the infinitive of a negation, not a purpose)
        if tr.voice == "noun" and not trip and any(
            w in self.w.infinitive and k + 1 < len(lows) and lows[k + 1] not in self.w.determiners
            and not (k > 0 and (lows[k - 1], w) in self.w.negation_multi)
            for k, w in enumerate(lows[:-1])
        ):
            tr.hypothetical = True  # "untuk membuka jalan bagi perundingan": the talks are a purpose
            tr.notes.append("inside a purpose clause: not asserted")
        if core and core[-1] in self.w.infinitive and trip:
            tr.notes.append("the purpose of a visit: asserted")
        elif core and core[-1] in self.w.infinitive and any(
            tuple(core[-len(d) :]) == d or tuple(core[-len(d) - 1 : -1]) == d for d in self.w.decision
        ):
            tr.notes.append("decided: the act itself")  # "decided to allow", "memutuskan untuk mencabut"
        elif core and core[-1] in self.w.infinitive:
            lows = core
            tr.hypothetical = True
            before = lows[:-1]
            # "promised to send", "siap untuk membantu": a commitment; "urged X to withdraw": embedded
            if any(before[-len(seq) + 1 :] == list(seq[:-1]) for seq in self.w.commitment if len(seq) > 1 and seq[-1] == lows[-1]):
                tr.committed = True
            else:
                tr.committed = False
                tr.notes.append(f"embedded after {lows[-1]!r}: not asserted")
        if any(t.low in self.w.conditional for t in toks[lo : tr.t0]):
            tr.hypothetical = True
            tr.committed = False
        if tr.hypothetical and not tr.negated and not tr.committed and plover()[tr.pattern.type].quad == "material_conflict":
            # "berusaha merebut Tripoli", "attempted to assassinate": an attack tried is an attack made
            bare = [w for w in lows if w not in self.w.adverbs or w in self.w.infinitive]
            attempt_words = {w for a in self.w.attempt for w in a}
            other_modal = any(w in self.w.modal and w not in attempt_words for w in lows)  # "may try to seize"
            if not other_modal and any(
                    tuple(bare[-len(a) :]) == a or tuple(bare[-len(a) - 1 : -1]) == a for a in self.w.attempt):
                tr.hypothetical = False
                tr.notes.append("an attempt to attack is an attack")
        if tr.committed and any(tuple(lows[k : k + len(pp)]) == pp for pp in self.w.preparation for k in range(len(lows))):
            tr.prepared = True
        cond = next((t.low for t in toks[tr.t1 + 1 :] if t.low in ("unless", "kecuali", "if", "jika", "apabila")), None)
        if tr.committed and cond in ("unless", "kecuali"):
            tr.unless = True  # "will withdraw its force unless ...": do this or else
        if tr.committed and cond is not None:
            tr.notes.append(f"a commitment on a condition ({cond!r}): a threat, or an offer when it cooperates if ...")
            tr.conditional_threat = True

    def _mode(self, toks: list[Tok], tr: Trigger, lo: int, hi: int) -> str | None:
        if tr.pattern.mode:
            return tr.pattern.mode
        cues = self.patterns.modes.get(tr.pattern.type, [])
        if not cues:
            return None
        stems = [t.stem for t in toks[lo : hi + 1]]
        present = set(stems)
        for mode, cue in cues:
            if cue[0] not in present:
                continue
            n = len(cue)
            for k in range(len(stems) - n + 1):
                if tuple(stems[k : k + n]) == cue:
                    return mode
        return None

    def _parties(self, toks: list[Tok], start: int, hi: int, day: dt.date | None, groups: list[Group]) -> Group | None:
        """'pihak-pihak yang bertikai di Libya' / 'the warring parties in Libya' -> the sides of Libya's war."""
        lows = [t.low for t in toks]
        for k in range(start, min(hi, start + 3) + 1):
            for seq in self.w.parties:
                if tuple(lows[k : k + len(seq)]) == seq:
                    end = k + len(seq)
                    # the country: the next group within three tokens, or a demonym right before
                    country_group = None
                    for g in groups:
                        if end <= g.t0 <= end + 3 or g.t1 == k - 1:
                            country_group = g
                            break
                    if country_group is None:
                        return None
                    sides = []
                    for m in country_group.mentions:
                        for key in sides_of(m.actor.country or m.actor.key, day):
                            a = self.actor_of(key)
                            if a is not None:
                                sides.append(Mention(a, m.text, m.start, m.end, "group"))
                    if sides:
                        return Group(sides, k, country_group.t1)
        return None

    def _roles(self, toks: list[Tok], tr: Trigger, groups: list[Group], lo: int, hi: int, day: dt.date | None,
               prev: Trigger | None, prev_trigs: list[Trigger] | None = None) -> None:
        left = [g for g in groups if g.t1 < tr.t0 and g.t0 >= lo]
        right = [g for g in groups if g.t0 > tr.t1 and g.t1 <= hi]
        w = self.w

        def after_prep(g: Group, preps: frozenset[str], gap: int = 0) -> bool:
            """The group follows one of `preps`, allowing `gap` plain nouns between ("oleh rudal Houthi")."""
            k = g.t0 - 1
            for _ in range(gap + 1):
                if k < 0:
                    return False
                if toks[k].low in preps:
                    return True
                if toks[k].group >= 0 or toks[k].low in w.closed or not toks[k].text.isalpha():
                    return False
                k -= 1
            return False

        request = tr.pattern.type in ("REQUEST", "THREATEN")

        def direct(g: Group) -> bool:  # right after the trigger, maybe past a determiner or adverb
            k = tr.t1 + 1
            while k < g.t0 and (toks[k].low in w.determiners or toks[k].low in w.adverbs
                                or (request and toks[k].low in w.complementizers)):
                k += 1
            return k == g.t0

        # "Uni Eropa, yang berusaha ... seperti Turki dan Rusia ..., mendorong Serraj": skip the aside
        # "Pakistan, a key U.S. ally in the war, has refused": skip an aside between two commas
        aside_from = None
        pc0 = self._prev_content(toks, tr.t0)
        if pc0 is not None and toks[pc0].low == ",":
            for k in range(pc0 - 1, lo, -1):
                if toks[k].low == ",":
                    if k > 0 and toks[k - 1].group >= 0:
                        aside_from = k
                    break

        def relative_head(g: Group) -> Group | None:
            """"M23 yang didukung Rwanda merebut Goma": Rwanda ends a relative clause on M23, whose verb this is."""
            if any(t.group >= 0 or t.low in w.breaks or t.trig or t.low == "," for t in toks[g.t1 + 1 : tr.t0]):
                return None
            heads = [h for h in left if h.t1 < g.t0]
            if not heads:
                return None
            h = heads[-1]
            between = toks[h.t1 + 1 : g.t0]
            if between and between[0].low in w.relative and any(t.trig for t in between) and len(between) <= 6:
                return h
            return None

        def nearest_left() -> Group | None:
            for g in reversed(left):
                head = relative_head(g)
                if head is not None and not head.locative:
                    tr.notes.append(f"subject {head.mentions[0].text!r}: {g.mentions[0].text!r} ends a relative clause")
                    return head
                if g.locative:
                    continue
                if aside_from is not None and g.t0 > aside_from:
                    continue
                between = toks[g.t1 + 1 : tr.t0]
                # "resolusi Dewan Keamanan yang menyerukan ...": the resolution calls, not the Council
                if g.possessor and any(t.low in w.relative for t in between):
                    tr.notes.append(f"source {g.mentions[0].text!r} owns the noun the clause is about")
                if after_prep(g, w.target_preps | w.agent) and self.lang == "id":
                    continue  # an object of an earlier verb, not the subject
                return g
            return None

        # "lashed out at Russia", "voiced alarm at Israel": a verbal act "at" a state, not a place
        verbal_at = tr.pattern.type in ("ACCUSE", "THREATEN", "REJECT", "REQUEST", "PROTEST") and self.lang == "en"
        targets_right = [g for g in right if not g.locative or (
            verbal_at and toks[g.t0 - 1].low == "at" and all(m.kind in ("name", "organ", "person") for m in g.mentions)
            and g.t0 - tr.t1 <= 3)]
        agent_preps = w.agent
        target_preps = w.target_preps
        if tr.pattern.type == "RETREAT":  # "mundur dari Sirte", "withdrew from Niger": what is left
            agent_preps = frozenset({"oleh", "by"})
            target_preps = w.target_preps | (w.agent - agent_preps)
        voice = tr.voice
        # coordinated verbs share the subject: "PBB menyambut baik ... dan mendesak ..."
        shared = None
        pc = self._prev_content(toks, tr.t0)
        if prev is not None and prev.source is not None and pc is not None and toks[pc].low in w.coord - {","}:
            shared = prev.source

        if voice == "passive":
            tr.target = nearest_left()
            agent = next((g for g in right if g.t0 - tr.t1 <= 6 and after_prep(g, w.agent, gap=2)), None)
            if agent is None and self.lang == "id":
                agent = next((g for g in right if direct(g)), None)
            tr.source = agent
            return
        if voice == "received":
            tr.target = shared or nearest_left()
            tr.source = next((g for g in right if after_prep(g, w.agent) or direct(g)), None)
            return
        between_g = None
        for k in range(tr.t1 + 1, min(tr.t1 + 5, len(toks))):
            if toks[k].group >= 0:
                break
            if toks[k].low in w.between:
                cands = [g for g in right if g.t0 > k]
                between_g = next(
                    (g for g in cands if len({m.actor.key for m in g.mentions if m.kind != "pronoun"}) >= 2),
                    cands[0] if cands else None,
                )
                break
        if between_g is not None and len(between_g.mentions) >= 2:
            first, rest = between_g.mentions[0], between_g.mentions[1:]
            tr.source = Group([first], between_g.t0, between_g.t0)
            tr.target = Group(rest, between_g.t0, between_g.t1)
            return
        if between_g is not None:
            # "antara Menteri Luar Negeri AS Mike Pompeo dan mitranya dari Rusia, Sergei Lavrov"
            other = next((g for g in right if g.t0 > between_g.t1 and g.t0 - between_g.t1 <= 6), None)
            if other is not None:
                tr.source, tr.target = between_g, other
                return
        if voice == "noun" and toks[tr.t1].low in target_preps and tr.t1 > tr.t0:
            # "pembicaraan dengan Haftar", "talks with Russia": the preposition is part of the pattern
            tr.source = shared or nearest_left()
            tr.target = next((g for g in targets_right if g.t0 == tr.t1 + 1 or direct(g)), None)
            return
        if voice == "noun" and left and not left[-1].locative:
            # "Finland will give Tanzania a grant", "AS memberi Ukraina bantuan": the one given to stands between
            # a light verb and the noun, the giver before the verb
            ind = left[-1]
            k = tr.t0 - 1
            while k > ind.t1 and k > tr.t0 - 8 and (
                toks[k].low in w.determiners or toks[k].low in w.adverbs or toks[k].text[:1].isdigit()
                or toks[k].low in _QUANTITY or toks[k].low in (",", ".")
            ):
                k -= 1  # past an amount: "gave the Ivory Coast 5.1 million dollars of aid"
            giver = next((g for g in reversed(left[:-1]) if not g.locative), None)
            v = ind.t0 - 1
            while v > 0 and toks[v].low in w.determiners:
                v -= 1
            if k == ind.t1 and v >= 0 and toks[v].low in w.light and giver is not None and giver.t1 < v:
                tr.source, tr.target = giver, ind
                tr.notes.append(f"given to {ind.mentions[0].text!r}")
                # the verb carries the modality: "will give Tanzania a grant" is a commitment
                probe = Trigger(tr.pattern, v, v)
                self._polarity(toks, probe, lo, 0, None)
                tr.negated |= probe.negated
                tr.refused |= probe.refused
                tr.hypothetical |= probe.hypothetical
                tr.committed |= probe.committed
                return
        if voice == "noun":
            if self.lang == "id":
                gen = next((g for g in right if direct(g) and not g.locative), None)
                by = next((g for g in right if g.t0 - tr.t1 <= 6 and after_prep(g, agent_preps, gap=2)), None)
                k = tr.t1 + 1
                while k < len(toks) and toks[k].low in w.determiners:
                    k += 1
                if gen is None and by is None and k < len(toks) and toks[k].group < 0 and toks[k].low in self.organ_words:
                    # "serangan udara junta terhadap warga sipil": the attack is the junta's, whoever it is; not
                    # the actor named before
                    tr.notes.append(f"the {toks[tr.t0].text!r} of {toks[k].text!r}, an actor not known here")
                    return
                tr.source = by or gen or shared or nearest_left()
                if by is not None and gen is not None and gen is not by:
                    tr.target = gen  # "pengarahan dewan oleh utusan PBB": the envoy briefed the council
                    return
                tgt = next(
                    (g for g in targets_right if g is not tr.source and after_prep(g, target_preps, gap=2)), None
                )
                tr.target = tgt
            else:
                before = left[-1] if left and left[-1].t1 == tr.t0 - 1 or (left and left[-1].t1 == tr.t0 - 2 and toks[tr.t0 - 1].low in ("'s", "’s")) else None
                by = next((g for g in right if g.t0 - tr.t1 <= 6 and after_prep(g, agent_preps, gap=2)), None)
                if by is None and before is None and tr.pattern.type in ("MOBILIZE", "RETREAT", "PROTEST"):
                    # "the deployment of NATO peacekeeping troops", "the withdrawal of Russian forces": who moves
                    by = next((g for g in right if g.t0 - tr.t1 <= 3 and after_prep(g, frozenset({"of"}), gap=1)), None)
                tr.source = by or before or shared or nearest_left()
                tr.target = next(
                    (g for g in targets_right if g is not tr.source and (after_prep(g, target_preps, gap=2) or direct(g))), None
                )
            if tr.target is None and tr.source is not None and tr.source not in right:
                tr.target = self._fallback_target(toks, tr, targets_right)
            return
        # active
        tr.source = shared or nearest_left()
        pc_subj = self._prev_content(toks, tr.t0)
        if pc_subj is not None and toks[pc_subj].group >= 0 and pc_subj > 0:
            g0 = groups[toks[pc_subj].group]
            if g0.t0 > 0 and toks[g0.t0 - 1].trig:
                pc_subj = g0.t0 - 1  # "serangan Israel itu mengancam ...": the attack (of Israel) is the subject
        if pc_subj is not None and toks[pc_subj].trig and toks[pc_subj].group < 0 and shared is None:
            subj = next((o for o in prev_trigs if o.t0 <= pc_subj <= o.t1), None) if prev_trigs else None
            if subj is not None and subj.pattern.type == tr.pattern.type and subj.voice == "noun" and subj.source:
                # "Serangan udara Israel terhadap kamp pengungsi menewaskan 20 warga sipil": the attack's author kills
                tr.source = subj.source
                tr.notes.append(f"the subject is the event {toks[subj.t0].text!r}: its actor")
            elif subj is not None and subj.pattern.type != tr.pattern.type and subj.voice == "noun":
                # "serangan itu mengancam nyawa pengungsi": an event, not an actor, is the subject
                tr.source = None
                tr.notes.append(f"the subject is the event {toks[subj.t0].text!r}, not an actor")
                return
        head = next((o for o in prev_trigs or [] if o.t0 <= lo + 1 and o.voice == "noun" and o.source is not None
                     and o.pattern.type == tr.pattern.type), None)
        if head is not None and shared is None and not any(
                o.voice != "noun" for o in prev_trigs or [] if head.t1 < o.t0 < tr.t0):
            # the clause opens with the event noun whose verb this is: "Serangan udara Israel terhadap kamp
            # pengungsi Nuseirat menewaskan 20 warga sipil" -> the strike's author kills
            tr.source = head.source
            tr.notes.append(f"the subject is the event {toks[head.t0].text!r}: its actor")
        if tr.source is None and lo > 0 and toks[lo - 1].low in w.breaks | w.coord and all(
            t.low in w.closed or t.low in w.negation for t in toks[lo : tr.t0]
        ):
            subject = next((g for g in groups if g.t1 < lo and not g.locative and not g.possessor), None)
            if subject is not None:
                tr.source = subject
                tr.notes.append("subject shared with the previous clause")
        if tr.pattern.direct_target:
            tr.target = next((g for g in targets_right if direct(g)), None)
            return
        # a threat's target is the object of what is threatened: "threatened to close the border with Lithuania"
        # (right after the verb; an object before the infinitive is whom the warning was for)
        skip = 1 if tr.pattern.type == "THREATEN" else 0
        near = [g for g in targets_right
                if self._words_between(toks, tr.t1, g.t0) <= 9 and not self._embedded_between(toks, tr.t1 + skip, g.t0)]
        tr.target = next((g for g in near if direct(g) or after_prep(g, target_preps, gap=2)), None)
        if tr.target is None:
            tr.target = self._fallback_target(toks, tr, targets_right)
        if (
            plover()[tr.pattern.type].symmetric and tr.source is not None and len(tr.source.mentions) >= 2
            and tr.target is not None and not after_prep(tr.target, target_preps)
        ):
            tr.target = None  # "Israel dan Hamas sepakat ... yang dimediasi Mesir": the pair agreed

    def _anaphor(self, toks: list[Tok], tr: Trigger) -> None:
        """A noun with a demonstrative and no actor of its own ("serangan tersebut", "operasi itu", "the
        attack", "this offensive") names an event the story already told."""
        if tr.voice != "noun":
            return
        nxt = toks[tr.t1 + 1].low if tr.t1 + 1 < len(toks) else ""
        prv = toks[tr.t0 - 1].low if tr.t0 > 0 else ""
        demonstrative = nxt in _DEMONSTRATIVES_AFTER if self.lang == "id" else prv in _DEMONSTRATIVES_BEFORE
        if not demonstrative:
            return
        own = tr.source is not None and (tr.source.t0 > tr.t1 or tr.source.t1 == tr.t0 - 1)
        if not own:
            tr.anaphor = True
            tr.source = None

    @staticmethod
    def _reflexive(tr: Trigger) -> None:
        """A target that is only pronouns for the source itself ("... saat kedua negara saling bentrok") is no
        target."""
        if tr.source is None or tr.target is None:
            return
        if all(m.kind == "pronoun" for m in tr.target.mentions) and {m.actor.key for m in tr.target.mentions} <= {
            m.actor.key for m in tr.source.mentions
        }:
            tr.target = None

    def _conflict_target(self, tr: Trigger, typ: str, day: dt.date | None) -> None:
        """A bare country at war as target: a call for a ceasefire goes to the sides of its war; a side
        attacking or accusing the country means the other side ("serangan LNA terhadap ibu kota Libya")."""
        assert tr.target is not None and tr.source is not None
        if plover()[typ].quad.endswith("cooperation"):
            # a foreign state dealing with "Libya" in its war years deals with the recognised government
            tr.source = self._as_government(tr.source, tr.target, day)
            tr.target = self._as_government(tr.target, tr.source, day)
        out: list[Mention] = []
        src_keys = {m.actor.key for m in tr.source.mentions}
        for m in tr.target.mentions:
            sides = sides_of(m.actor.key, day) if m.actor.key == m.actor.country else []
            if not sides or not any("." in k for k in sides):
                out.append(m)
                continue
            if m.kind == "adjective" and typ in ("ASSAULT", "COERCE") and m.actor.country:
                # "torched Palestinian homes", "membom rumah-rumah warga Palestina": its people, not a side
                state = self.actor_of(m.actor.country)
                name = f"{state.name if state else m.actor.country} civilians"
                out.append(Mention(Actor(f"{m.actor.country}.CIVILIANS", name, m.actor.country, "CVL"), m.text, m.start,
                                   m.end, "group"))
                tr.notes.append(f"{m.text!r} describes a thing of the people, not a side of the war")
                continue
            if typ == "REQUEST" and tr.mode == "ceasefire":
                keys = sides
            elif src_keys & set(sides) and typ in ("ASSAULT", "COERCE", "ACCUSE", "THREATEN", "REJECT"):
                keys = [k for k in sides if k not in src_keys]
            else:
                out.append(m)
                continue
            for k in keys:
                a = self.actor_of(k)
                if a is not None:
                    out.append(Mention(a, m.text, m.start, m.end, "group"))
            tr.notes.append(f"{m.actor.key} at war: {', '.join(keys)}")
        tr.target = Group(out, tr.target.t0, tr.target.t1)

    @staticmethod
    def _words_between(toks: list[Tok], a: int, b: int) -> int:
        """Words strictly between tokens a and b, not counting numbers and punctuation ("lebih dari 1.000")."""
        return sum(1 for t in toks[a + 1 : b] if t.text[:1].isalpha())

    def _embedded_between(self, toks: list[Tok], a: int, b: int) -> bool:
        """An infinitive followed by another event's words lies between a and b ("untuk bertemu dengan ...")."""
        return any(toks[k].low in self.w.infinitive and toks[k + 1].trig for k in range(a + 1, b - 1))

    def _place_target(self, text: str, toks: list[Tok], tr: Trigger, hi: int, mentions: list[Mention],
                      capitals_only: bool = False, domestic: bool = False) -> None:
        """A foreign force striking a named place abroad targets that state: "a curfew in Algiers",
        "bombed villages near Samarra" (the state, as ICEWS codes a location-only target); a visit to a
        capital is a visit to its government ("Guterres mengunjungi Tripoli")."""
        if self.locate is None or tr.source is None:
            return
        if not any(t.group < 0 and t.text[:1].isupper() for t in toks[tr.t1 + 1 : hi + 1]):
            return  # no capitalised word outside the actors: no place to look up
        end = toks[hi].end if hi < len(toks) else len(text)
        src = {m.actor.country for m in tr.source.mentions}
        for start, stop, country, feature in self.locate(text, self.lang):
            if not (toks[tr.t0].start <= start < end) or any(m.start <= start < m.end for m in mentions):
                continue
            if capitals_only and feature != "PPLC":
                continue
            if country in src and not domestic:
                return
            a = self.actor_of(country)
            if a is not None:
                tr.target = Group([Mention(a, text[start:stop], start, stop, "place")], -1, -1)
                tr.notes.append(f"target: the state of {text[start:stop]!r}")
            return

    def _as_government(self, g: Group, other: Group, day: dt.date | None) -> Group:
        others = {m.actor.country for m in other.mentions}
        out = []
        changed = False
        for m in g.mentions:
            gov = government_of(m.actor.key, day) if m.actor.key == m.actor.country else None
            a = self.actor_of(gov) if gov and m.actor.key not in others else None
            if a is not None:
                out.append(Mention(a, m.text, m.start, m.end, m.kind, m.person))
                changed = True
            else:
                out.append(m)
        return Group(out, g.t0, g.t1, g.possessor, g.locative) if changed else g

    def _fallback_target(self, toks: list[Tok], tr: Trigger, targets_right: list[Group]) -> Group | None:
        """The first actor to the right in the clause, not inside a relative clause and not past another
        actor's verb ("mengancam akan menembak jatuh pesawat mata-mata AS" -> AS)."""
        for g in targets_right:
            # a threat names its act right after the verb ("mengancam untuk menyerang X": X is the target); an
            # object before the infinitive is whom it was said to ("memperingatkan negara-negara untuk mengirim ...")
            skip = 1 if tr.pattern.type == "THREATEN" else 0
            if self._words_between(toks, tr.t1, g.t0) > 8 or self._embedded_between(toks, tr.t1 + skip, g.t0):
                return None  # past "untuk mengirimkan ...": the object of the embedded event
            if any(t.low in self.w.relative for t in toks[tr.t1 + 1 : g.t0]):
                # "menerima usulan yang diajukan mediator Mesir", "rejected the plan put forward by Qatar": the one
                # who proposed is whom an acceptance or refusal answers
                k = g.t0 - 1
                while k > tr.t1 and toks[k].text.islower() and not toks[k].low.startswith("di") and toks[k].low not in (
                        self.w.agent | {"by"}) and g.t0 - k <= 2:
                    k -= 1
                answered = toks[k].low in self.w.agent or (self.lang == "id" and toks[k].low.startswith("di")
                                                           and len(toks[k].low) > 4 and toks[k].low not in self.w.closed)
                if tr.pattern.type in ("AGREE", "REJECT", "SUPPORT") and answered and g.t0 - k <= 3:
                    tr.notes.append(f"target: who put forward what is answered ({toks[k].text!r})")
                    return g
                return None
            return g
        return None

    # -- the sentence ----------------------------------------------------------------------------------
    def code(
        self,
        text: str,
        mentions: list[Mention],
        day: dt.date | None = None,
        doc: str = "",
        sentence: int = 0,
        sentence_start: int = 0,
        trace: list[str] | None = None,
        recent: dict[str, list[Mention]] | None = None,
    ) -> list[Event]:
        """Events of one sentence. `recent` maps an event type to the sources of the document's latest event
        of that type, so "serangan tersebut" / "the attack" can point back to it."""
        mentions = self._armies(mentions, day)
        toks = self.tokens(text)
        by_first = self.patterns.by_first
        if not any(t.stem in by_first or t.low in self.w.obligation_first for t in toks):
            return []  # no pattern can start here, nor "X said Y must" (most sentences of a story hold no event)
        groups = self.groups(toks, mentions)
        trigs = self.triggers(toks)
        events: list[Event] = []
        seen: set[tuple[str, str, str | None, bool, bool]] = set()
        prev: Trigger | None = None
        prev_verbal: Trigger | None = None  # coordinated verbs share the subject of the last verb, not of a noun
        clauses: dict[int, tuple[int, int]] = {}
        # pass 1: read every trigger on its own
        for tr in trigs:
            if prev is not None and prev.voice in ("active", "passive", "received") and prev.source is not None:
                prev_verbal = prev
            lo, hi = self._clause(toks, tr)
            clauses[id(tr)] = (lo, hi)
            tr.voice = self._voice(toks, tr)
            self._polarity(toks, tr, lo, prev.t1 + 1 if prev is not None else 0, prev)
            tr.mode = self._mode(toks, tr, tr.t0, hi)
            self._roles(toks, tr, groups, lo, hi, day, prev_verbal, [o for o in trigs if o.t1 < tr.t0])
            self._reflexive(tr)
            self._anaphor(toks, tr)
            prev = tr
        # pass 1a: "threatened to stop negotiations", "mendesak untuk menghentikan serangan": what a threat or a
        # demand is about did not happen; an event past "to" after such a verb, with no actor between, is embedded
        for i, later in enumerate(trigs):
            if later.hypothetical or later.negated:
                continue
            lo_b = clauses[id(later)][0]
            for a in trigs[:i]:
                if a.t0 < lo_b or a.pattern.type not in ("THREATEN", "REQUEST", "ACCUSE"):
                    continue
                span = toks[a.t1 + 1 : later.t0]
                if len(span) > 8 or any(t.low == "," for t in span):
                    continue
                # "mendesak kedua pihak segera menuntaskan kesepakatan": the addressee, then what is asked of it
                grp = {t.group for t in span if t.group >= 0}
                rest = [t for t in span if t.group < 0]
                others = [t for t in rest if not (t.low in self.w.adverbs or t.low in self.w.infinitive
                                                  or t.low in self.w.complementizers or t.low in self.w.determiners)]
                if a.pattern.type in ("REQUEST", "ACCUSE") and len(grp) == 1 and span[0].group >= 0 and len(others) <= 2 and all(
                        t.text.islower() for t in others):
                    later.hypothetical = True
                    # ("menuduh tentara Sudan membom permukiman", "accused Russia of bombing": alleged, not told)
                    later.notes.append(f"what {toks[a.t0].text!r} asks of or alleges about its object: not asserted")
                    break
                # "to ..." with no actor between, or "that X ..." ("demanded that Israel ease restrictions")
                if (any(t.low in self.w.infinitive for t in span[:3]) and not any(t.group >= 0 for t in span)) or (
                        any(t.low in self.w.complementizers for t in span[:2]) and a.pattern.type == "REQUEST"):
                    later.hypothetical = True
                    later.notes.append(f"what {toks[a.t0].text!r} is about: not asserted")
                    break
        # pass 1c: "ribuan orang berunjuk rasa di Niamey untuk menuntut penarikan pasukan AS": protesters who
        # demand do demand; the protest is against whom the demand is made
        for i, a in enumerate(trigs[:-1]):
            dem = trigs[i + 1]
            if a.pattern.type != "PROTEST" or a.hypothetical or a.negated or dem.pattern.type not in ("REQUEST", "ACCUSE"):
                continue
            span = toks[a.t1 + 1 : dem.t0]
            if len(span) > 6 or not any(t.low in self.w.infinitive for t in span) or any(t.low == "," for t in span):
                continue
            dem.hypothetical = dem.committed = False
            if a.source is not None:
                a.source = dem.source = self._as_protesters(a.source)
            dem.notes.append(f"the demand of the {toks[a.t0].text!r}: made")
            if a.target is None and dem.target is not None:
                a.target = dem.target
                a.notes.append(f"target: whom {toks[dem.t0].text!r} is made of")
        # pass 1b: "will provide 25,000 tons of food aid to refugees": a noun of the verb's own type a few words
        # on, with no actor or break between, names the same event; the verb keeps it, with the noun's target
        for a in trigs:
            if a.voice not in ("active", "passive") or a.anaphor or a.merged:
                continue
            b = next((x for x in trigs if x.t0 > a.t1), None)
            if (b is None or b.voice == "passive" or b.pattern.type != a.pattern.type or b.t0 - a.t1 > 10
                    or any(t.group >= 0 or t.low in self.w.breaks for t in toks[a.t1 + 1 : b.t0])):
                continue
            if a.target is None and b.target is not None:
                a.target = b.target
                a.notes.append(f"target from {toks[b.t0].text!r}, the same event")
            b.merged = True
            b.notes.append(f"the object of {toks[a.t0].text!r}, one event")
        # pass 2: an event noun as the object of another trigger lends its actor as the target:
        # "menentang serangan militer oleh pasukan Haftar" -> ACCUSE LBY.LNA; "mendukung seruan PBB" -> UN
        for a in trigs:
            k = a.t1 + 1
            while k < len(toks) and (toks[k].low in self.w.determiners or toks[k].low in self.w.adverbs):
                k += 1
            b = next((x for x in trigs if x.t0 == k and x.voice == "noun"), None)
            # the event told before is the direct object: its actors are the target, whatever stands further on
            # ("mengutuk serangan tersebut dan menyebutnya pelanggaran kedaulatan Yaman")
            if b is not None and b.anaphor and recent and recent.get(b.pattern.type) and (
                    a.target is None or a.target.t0 > b.t1):
                prior = recent[b.pattern.type]
                a.target = Group([Mention(m.actor, m.text, -1, -1, "anaphor") for m in prior], -1, -1)
                a.notes.append(f"target: who did the {toks[b.t0].text!r} told before")
                continue
            if b is not None and b.anaphor:
                continue
            if b is not None and a.pattern.type in ("REQUEST", "THREATEN") and not b.hypothetical and not a.negated:
                # "called for talks between Israel and Hamas", "menyerukan gencatan senjata": asked for, not held
                b.hypothetical = True
                b.notes.append(f"what {toks[a.t0].text!r} asks for: not asserted")
            if b is not None and b.source is not None and b.source is not a.source and not b.hypothetical and (
                a.source is None or {m.actor.key for m in b.source.mentions} != {m.actor.key for m in a.source.mentions}
            ):
                a.target = b.source
                a.notes.append(f"target: the actor of {toks[b.t0].text!r}")
        events.extend(self._obligations(text, toks, groups, trigs, doc, sentence, sentence_start, seen, trace))
        # pass 3: decide and emit
        prev = None
        for tr in trigs:
            lo, hi = clauses[id(tr)]
            info = plover()[tr.pattern.type]
            typ = tr.pattern.type
            if not tr.denial and any(t.low in self.w.denial for t in toks[tr.t0 : tr.t1 + 1]):
                after = self._next_content(toks, tr.t1)
                if after is not None and toks[after].group < 0 and self._verb_like(toks[after]):
                    tr.denial = True  # "RSF membantah menargetkan warga sipil": a denial of an act, not a rejection
            if tr.anaphor or tr.merged or tr.denial:
                if trace is not None:
                    why = ("one event with the verb before it" if tr.merged else "a denial of the event after it"
                           if tr.denial else "refers back to an event already told")
                    trace.append(f"{self._describe(tr, toks, typ)} -> not coded: {why}")
                prev = tr
                continue
            before = [t.low for t in toks[max(0, tr.t0 - 2) : tr.t0]]
            if tr.voice == "noun" and any(b in ("sebagai", "as", "menjadi", "merupakan") for b in before):
                if trace is not None:
                    trace.append(f"{self._describe(tr, toks, typ)} -> not coded: a characterisation, not an event")
                prev = tr
                continue
            # calls on "the warring parties" of a country go to each side
            if typ in ("REQUEST", "THREATEN", "ACCUSE", "SUPPORT", "AID", "AGREE", "CONSULT") and not tr.pattern.direct_target:
                parties = self._parties(toks, tr.t1 + 1, hi, day, groups)
                if parties is not None:
                    tr.target = parties
            if tr.target is None and typ in ("ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN", "PROTEST") and (
                    tr.source is not None):
                # a curfew, an arrest, a protest or a threat against a place at home targets the state there
                self._place_target(text, toks, tr, hi, mentions, domestic=typ in ("COERCE", "THREATEN", "PROTEST"))
            if tr.target is None and typ == "CONSULT" and tr.mode == "visit" and tr.source is not None and not any(
                o is not tr and o.pattern.type == "CONSULT" and o.target is not None for o in trigs
            ):  # "... ke Brussels untuk bertemu dengan pejabat Uni Eropa": the purpose says whom
                self._place_target(text, toks, tr, hi, mentions, capitals_only=True)
            if tr.target is not None and tr.source is not None:
                self._conflict_target(tr, typ, day)
            if tr.target is None and typ == "REQUEST" and tr.mode == "ceasefire" and not any(g.locative and tr.t1 < g.t0 <= hi for g in groups):
                # a call for a ceasefire with no addressee goes to the sides of the war the sentence is about
                src_keys = {m.actor.key for m in tr.source.mentions} if tr.source else set()
                # a mission for a country (UNSMIL: "utusan PBB untuk Libya") calling for a ceasefire speaks of its war
                wars = {m.actor.country for m in mentions if (m.actor.key not in src_keys or m.actor.sector == "IGO")
                        and any("." in k for k in sides_of(m.actor.country or "", day))}
                if len(wars) == 1:  # only when the sentence is about one war
                    country = wars.pop() or ""
                    ms = [Mention(a, "", -1, -1, "implied") for a in (self.actor_of(k) for k in sides_of(country, day)) if a]
                    tr.target = Group(ms, -1, -1)
                    tr.notes.append(f"a ceasefire call about {country}: its warring sides")
            if tr.target is None and typ == "REQUEST" and tr.mode == "ceasefire":
                loc = next((g for g in groups if g.locative and tr.t1 < g.t0 <= hi), None)
                if loc is not None:
                    sides = [self.actor_of(k) for m in loc.mentions for k in sides_of(m.actor.key, day)]
                    ms = [Mention(a, loc.mentions[0].text, loc.mentions[0].start, loc.mentions[0].end, "group") for a in sides if a]
                    if ms:
                        tr.target = Group(ms, loc.t0, loc.t1)
            if tr.target is None and typ in ("ASSAULT", "COERCE", "SANCTION") and tr.source is not None:
                # "menggempur desa-desa di Lebanon selatan": the state where a foreign force strikes
                loc = next((g for g in groups if g.locative and tr.t1 < g.t0 <= hi), None)
                if loc is not None:
                    src_countries = {m.actor.country for m in tr.source.mentions}
                    states = [m for m in loc.mentions if m.actor.key == m.actor.country and m.actor.country not in src_countries]
                    if states:
                        tr.target = Group(states, loc.t0, loc.t1)
                        tr.notes.append("target: the state where the attack happened")

            if tr.target is None and typ in ("ASSAULT", "COERCE") and tr.source is not None:
                # "opened fire to disperse the demonstrators": force used on whom the purpose names
                nxt = next((o for o in trigs if tr.t1 < o.t0 <= tr.t1 + 3 and o.target is not None
                            and o.pattern.type in ("ASSAULT", "COERCE")
                            and any(t.low in self.w.infinitive for t in toks[tr.t1 + 1 : o.t0])), None)
                if nxt is not None:
                    tr.target = nxt.target
                    tr.notes.append(f"target: whom {toks[nxt.t0].text!r} names")
            if tr.target is None and typ == "ASSAULT" and tr.source is not None and any(
                    t.low in _DWELLINGS for t in toks[tr.t1 + 1 : min(hi + 1, tr.t1 + 6)]):
                # "serangan udara ke sejumlah desa", "shelled villages": the people living there
                tr.target = Group([Mention(self.people_actor(), "", -1, -1, "implied")], -1, -1)
                tr.notes.append("target: the people of the places struck")
            if tr.target is None and typ in ("ASSAULT", "COERCE") and tr.source is not None:
                # one side of a known civil war attacking with no target named: the other side. Only civil wars
                # (a faction among the sides), and only when every source is a side of the same war.
                other_keys: list[str] = []
                war_sides: set[tuple[str, ...]] = set()
                for m in tr.source.mentions:
                    keys = sides_of(m.actor.country or "", day)
                    if m.actor.key in keys and any("." in k for k in keys):
                        war_sides.add(tuple(keys))
                        other_keys.extend(k for k in keys if k != m.actor.key and k not in other_keys)
                    else:
                        war_sides.add(("-",))
                if len(war_sides) != 1 or ("-",) in war_sides:
                    other_keys = []
                ms = [Mention(a, "", -1, -1, "implied") for a in (self.actor_of(k) for k in other_keys) if a]
                if ms:
                    tr.target = Group(ms, -1, -1)
                    tr.notes.append("target implied: the other side of the war")
            if tr.negated or tr.refused:
                if tr.refused or info.negated:
                    counterpart = "REJECT" if tr.refused else info.negated
                    tr.notes.append(f"negated {typ} read as {counterpart}")
                    typ = counterpart or typ
                    tr.negated = False
                    tr.hypothetical = False  # "tidak dapat mendukung": a refusal, not a possibility
            if typ == "COERCE" and tr.target is not None and all(
                m.text.lower().startswith(_DIPLOMATS) for m in tr.target.mentions if m.text
            ) and any(m.text for m in tr.target.mentions):
                typ = "SANCTION"  # "mengusir duta besar Prancis", "expelled two Russian diplomats"
                tr.mode = "expel"
                tr.notes.append("expelling diplomats is a sanction")
            if typ == "COERCE" and tr.source is not None and tr.source.mentions and all(
                m.actor.sector in _CIVIL_SECTORS for m in tr.source.mentions
            ) and any(t.stem in _BLOCK_STEMS for t in toks[tr.t0 : tr.t1 + 1]):
                typ = "PROTEST"  # "farmers blocked the bridge", "rebels blocked transport": an obstruction protest
                tr.mode = None
                tr.notes.append("blocking by people, not by a state: a protest")
            elif typ == "ASSAULT" and tr.source is not None and tr.source.mentions and all(
                m.actor.sector == "PRO" for m in tr.source.mentions):
                typ, tr.mode = "PROTEST", "riot"  # "protesters stormed the parliament": a riot
                tr.notes.append("violence by protesters: a riot")
            elif typ == "PROTEST" and tr.source is not None and tr.source.mentions and all(
                m.actor.sector in ("GOV", "MIL", "COP") and m.kind in ("organ", "person", "title") for m in tr.source.mentions
            ) and any(t.stem in _BLOCK_STEMS for t in toks[tr.t0 : tr.t1 + 1]):
                typ = "COERCE"  # "troops blocked the road to Nablus"
                tr.mode = "block"
                tr.notes.append("blocking by a state's forces: coercion")
            if typ == "MOBILIZE" and any(t.low.startswith(("peacekeep", "penjaga")) or t.low in ("perdamaian",)
                                         for t in toks[max(lo, tr.t0 - 4) : min(hi, tr.t1 + 5) + 1]):
                # "deployment of NATO peacekeeping troops in Bosnia": protection sent is military aid (PLOVER AID)
                typ, tr.mode = "AID", "military"
                tr.notes.append("peacekeepers deployed: military aid")
                loc = next((g for g in groups if g.locative and tr.t1 < g.t0 <= hi), None)
                if loc is not None:
                    tr.target = loc  # where they are sent is whom they protect
                elif tr.target is None and tr.source is not None:
                    self._place_target(text, toks, tr, hi, mentions)
            if tr.committed and tr.hypothetical and not tr.negated:
                # PLOVER codes the commitment itself: a promise to cooperate is AGREE, to harm is THREATEN
                counterpart = "AGREE" if plover()[typ].quad.endswith("cooperation") else (
                    "THREATEN" if plover()[typ].quad == "material_conflict" else None)
                if tr.conditional_threat and (counterpart != "AGREE" or tr.unless):
                    counterpart = "THREATEN"  # "will boycott the elections unless ...": a threat; "would meet ... if": an offer
                elif tr.prepared and counterpart == "THREATEN":
                    counterpart = "MOBILIZE"  # "the army prepared to resume shelling": forces readied
                if counterpart:
                    tr.notes.append(f"commitment to {typ} coded as {counterpart}")
                    tr.mode = None
                    typ = counterpart
                    tr.hypothetical = False
            if typ == "THREATEN" and tr.target is None and tr.source is not None:
                # "threatened to stop the talks if the United States goes ahead": the one the condition is put to
                cond = next((k for k in range(tr.t1 + 1, len(toks)) if toks[k].low in self.w.conditional
                             and toks[k].group < 0), None)
                src = {m.actor.key for m in tr.source.mentions}
                who = next((g for g in groups if cond is not None and cond < g.t0 <= cond + 3 and not g.locative
                            and not {m.actor.key for m in g.mentions} & src), None)
                if who is not None:
                    tr.target = who
                    tr.notes.append(f"target: who the condition after {toks[cond].text!r} is put to")  # type: ignore[index]
            info = plover()[typ]
            why = self._describe(tr, toks, typ)
            if tr.source is None:
                if trace is not None:
                    trace.append(f"{why} -> not coded: no source actor")
                prev = tr
                continue
            # a pair failing to agree rejects each other: the symmetry of the event negated
            symmetric = info.symmetric or plover()[tr.pattern.type].symmetric
            if tr.target is None and info.target == "required" and not (symmetric and len(tr.source.mentions) >= 2):
                if trace is not None:
                    trace.append(f"{why} -> not coded: {typ} needs a target and none was found")
                prev = tr
                continue
            made = 0
            pairs: list[tuple[Mention, Mention | None]] = []
            if tr.target is None and symmetric and len(tr.source.mentions) >= 2:
                ms = tr.source.mentions
                pairs = [(ms[a], ms[b]) for a in range(len(ms)) for b in range(a + 1, len(ms))]
            else:
                pairs = [(s, t) for s in tr.source.mentions for t in (tr.target.mentions if tr.target else [None])]
            if tr.pattern.mutual:
                pairs += [(t, s) for s, t in pairs if t is not None and t.start >= 0]
            for s, t in pairs:
                if t is not None and t.actor.key == s.actor.key and not self._domestic(s, t, typ):
                    if info.target != "optional":
                        continue
                    t = None  # "resigned ... Haiti's elections": no other actor, and the type needs none
                key = (s.actor.key, typ, t.actor.key if t else None, tr.negated, tr.hypothetical)
                if key in seen:
                    continue
                seen.add(key)
                events.append(self._event(text, toks, tr, typ, s, t, doc, sentence, sentence_start))
                made += 1
            if trace is not None:
                trace.append(f"{why} -> {made} event(s)")
            prev = tr
        return events

    def _obligations(self, text: str, toks: list[Tok], groups: list[Group], trigs: list[Trigger], doc: str,
                     sentence: int, sentence_start: int, seen: set[tuple[str, str, str | None, bool, bool]],
                     trace: list[str] | None) -> list[Event]:
        """"Russia said Sudan must return the helicopter": the speaker REQUESTs it of the one who must."""
        out: list[Event] = []
        lows = [t.low for t in toks]
        for gi, g in enumerate(groups):
            k = g.t1 + 1
            while k < len(toks) and toks[k].low in self.w.adverbs and toks[k].group < 0:
                k += 1
            if k < len(toks) and toks[k].low in self.w.coord and toks[k].low != ",":
                # "the Sudanese government and the rebels in Darfur must ...": past a coordinated unknown
                j = k + 1
                while j < min(len(toks), k + 6) and toks[j].group < 0 and not toks[j].trig and (
                        toks[j].low not in self.w.breaks | self.w.speech | self.w.relative):
                    if any(tuple(lows[j : j + len(seq)]) == seq for seq in self.w.obligation):
                        k = j
                        break
                    j += 1
            ob = next((seq for seq in self.w.obligation if tuple(lows[k : k + len(seq)]) == seq), None)
            if ob is None or gi == 0:
                continue
            # a speech verb between an earlier actor and the one who must
            speech = next((j for j in range(g.t0 - 1, -1, -1) if toks[j].low in self.w.speech and toks[j].group < 0), None)
            if speech is None:
                continue
            speaker = next((s for s in reversed(groups[:gi]) if s.t1 < speech and not s.locative), None)
            if speaker is None or any(toks[j].low in self.w.breaks for j in range(speaker.t1 + 1, g.t0)):
                continue
            pattern = Pattern("REQUEST", None, ob, tuple(frozenset([w]) for w in ob), (), None, False, False,
                              f"warta/lang/{self.lang}/grammar.yaml:obligation", " ".join(ob))
            tr = Trigger(pattern, k, k + len(ob) - 1, voice="active", source=speaker, target=g)
            made = 0
            for s in speaker.mentions:
                for t in g.mentions:
                    key = (s.actor.key, "REQUEST", t.actor.key, False, False)
                    if s.actor.key == t.actor.key or key in seen:
                        continue
                    seen.add(key)
                    out.append(self._event(text, toks, tr, "REQUEST", s, t, doc, sentence, sentence_start))
                    made += 1
            if trace is not None:
                trace.append(f"{' '.join(ob)!r}: {speaker.mentions[0].text!r} says {g.mentions[0].text!r} must act -> "
                             f"{made} REQUEST event(s)")
        return out

    def _armies(self, mentions: list[Mention], day: dt.date | None) -> list[Mention]:
        """"Sudan's army", "militer Sudan" while the war lasts: the side that is its armed forces (SDN.SAF)."""
        out = mentions
        for i, m in enumerate(mentions):
            if m.actor.sector == "MIL" and m.actor.key == m.actor.country and m.kind in ("organ", "person", "title"):
                army = army_of(m.actor.key, day)
                a = self.actor_of(army) if army else None
                if a is not None:
                    out = list(out) if out is mentions else out
                    out[i] = Mention(Actor(a.key, a.name, a.country, "MIL"), m.text, m.start, m.end, m.kind, m.person,
                                     m.tok_start, m.tok_end)
        return out

    @staticmethod
    def _as_protesters(g: Group) -> Group:
        """People who protest are protesters: CIVILIANS -> PROTESTERS, NER.CIVILIANS -> NER.PROTESTERS."""
        out = []
        for m in g.mentions:
            a = m.actor
            if a.key in ("CIVILIANS", "STUDENTS"):
                a = Actor("PROTESTERS", "protesters", None, "PRO")
            elif a.country and a.key in (f"{a.country}.CIVILIANS", f"{a.country}.STUDENTS"):
                a = Actor(f"{a.country}.PROTESTERS", a.name.rsplit(" ", 1)[0] + " protesters", a.country, "PRO")
            out.append(Mention(a, m.text, m.start, m.end, m.kind, m.person))
        return Group(out, g.t0, g.t1, g.possessor, g.locative)

    @staticmethod
    def people_actor() -> Actor:
        """Unnamed civilians; the Where stage gives them the country of the event's place."""
        return Actor("CIVILIANS", "civilians", None, "CVL")

    @staticmethod
    def _domestic(s: Mention, t: Mention, typ: str = "") -> bool:
        """Same actor key on both sides is an event inside one country when the sectors differ ("Afghan
        guerillas blew up power lines into Kabul": rebels against the state) or the target is a place there
        ("imposed a curfew in Cizre"); otherwise it is one actor named twice, not an event."""
        if t.kind == "place":
            return True
        if typ == "PROTEST" and s.kind in ("name", "adjective", "group", "organ") and t.kind != "pronoun":
            return True  # "Israelis rallied against Netanyahu's government": people against their state
        state = ("GOV", "MIL", "COP", "SPY", None)  # the executive; courts and parliaments act on it as others do
        return s.actor.sector != t.actor.sector and not (s.actor.sector in state and t.actor.sector in state) and t.kind not in (
            "pronoun", "anaphor")

    def _describe(self, tr: Trigger, toks: list[Tok], typ: str) -> str:
        words = " ".join(t.text for t in toks[tr.t0 : tr.t1 + 1])
        src = "+".join(m.actor.key for m in tr.source.mentions) if tr.source else "-"
        tgt = "+".join(m.actor.key for m in tr.target.mentions) if tr.target else "-"
        flags = [f for f, on in (("negated", tr.negated), ("hypothetical", tr.hypothetical)) if on]
        notes = "; ".join(tr.notes)
        return (
            f"{words!r} matched {tr.pattern.text!r} ({tr.pattern.type}{'/' + tr.mode if tr.mode else ''}) at {tr.pattern.source}; "
            f"voice {tr.voice}; source {src}; target {tgt}; type {typ}"
            + (f"; {', '.join(flags)}" if flags else "")
            + (f"; {notes}" if notes else "")
        )

    def _event(self, text: str, toks: list[Tok], tr: Trigger, typ: str, s: Mention, t: Mention | None,
               doc: str, sentence: int, sentence_start: int) -> Event:
        info = plover()[typ]
        ts, te = toks[tr.t0].start, toks[tr.t1].end
        spans = [(ts, te), (s.start, s.end)] + ([(t.start, t.end)] if t is not None and t.start >= 0 else [])
        spans = [sp for sp in spans if sp[0] >= 0]
        lo, hi = min(a for a, _ in spans), max(b for _, b in spans)
        conf = 0.7
        if s.kind == "pronoun":
            conf -= 0.15
        if t is not None and t.kind in ("implied", "group"):
            conf -= 0.1
        if tr.voice == "noun":
            conf -= 0.05
        if t is None:
            conf -= 0.05
        return Event(
            doc=doc,
            sentence=sentence,
            lang=self.lang,
            type=typ,
            source=s,
            target=t if t is None or t.start >= 0 else Mention(t.actor, "", -1, -1, t.kind),
            evidence=Evidence(text[lo:hi], sentence_start + lo, sentence_start + hi, text[ts:te], sentence_start + ts, sentence_start + te),
            mode=tr.mode if tr.mode in info.modes else None,
            quad=info.quad,
            intensity=info.intensity,
            negated=tr.negated,
            hypothetical=tr.hypothetical,
            confidence=max(0.05, min(conf, 0.95)),
            coder=self.name,
            pattern=tr.pattern.source,
            sentence_start=sentence_start,
        )
