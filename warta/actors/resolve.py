"""Actor resolution in text: one Aho-Corasick automaton per language over every folded name, title, organ
noun, link word and pronoun; then a left-to-right pass that joins titles, organs, actors and persons into
mentions ("Menteri Luar Negeri AS Mike Pompeo" -> USA/GOV, "pasukan Haftar" -> LBY.LNA/MIL), with the role a
person holds on the document's date, and a per-document state for surnames and pronouns.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import ahocorasick

from ..records import Actor, Mention
from .kb import ActorKB, fold, fold_name
from .schema import PersonEntry, Role

_CAP_NAME = re.compile(r"(?:(?:al-|el-|bin |ibn |van |von |de |di )?[A-Z][\w'’\-]+)(?: (?:(?:al-|el-|bin |ibn |van |von |de )?[A-Z][\w'’\-]+)){0,3}")
_GAP_OK = re.compile(r"^(?:[\s,]*|['’]s\s+)$")  # nothing, commas, or a possessive "'s"
_NOBODY = Actor("", "", None, None)  # a pronoun waiting for an antecedent in its own sentence
# capitalised words after a title that are not a name ("President On Monday", "Presiden Selasa")
_NOT_NAMES = frozenset(
    "the of on in and at for to said says monday tuesday wednesday thursday friday saturday sunday january february"
    " march april may june july august september october november december senin selasa rabu kamis jumat sabtu"
    " minggu januari februari maret mei juni juli agustus oktober desember dan di pada yang".split()
)
_GROUP_ANAPHOR = {
    "id": re.compile(r"\b(?:kelompok|milisi|gerakan|faksi) (?:itu|tersebut|ini)\b|\bkelompoknya\b", re.I),
    "en": re.compile(r"\bthe (?:group|militia|movement|faction)\b(?!'s? (?:of|for))", re.I),
}
_STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY", "IGO"})
_ACRONYM = re.compile(r" ?\(([A-Z][A-Z0-9]{1,7})\)")  # "Tentara Arakan (AA)"
_UNPLACED = "?"  # key of an unknown person after a title ("President Laurent Gbagbo"), waiting for a country
_GAP_WORDS = re.compile(r"^\s+(?:[a-z]+\s+){0,2}$")  # "komandan Libya timur Khalifa Haftar"


@dataclass(slots=True, frozen=True)
class Target:
    kind: str  # actor | person | adj | title | organ | link | pron | plural
    key: str = ""
    sector: str | None = None
    exact: str | None = None  # the name counts only in exactly this case


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    targets: tuple[Target, ...]

    def first(self, *kinds: str) -> Target | None:
        for t in self.targets:
            if t.kind in kinds:
                return t
        return None


@dataclass(slots=True)
class DocState:
    """What a document has said so far: aliases for surnames and title-introduced names, pronoun antecedents."""

    day: dt.date | None = None
    aliases: dict[str, Actor] = field(default_factory=dict)
    countries: Counter[str] = field(default_factory=Counter)  # how often each country was named so far
    last_group_actor: Actor | None = None  # the armed group or faction named last ("kelompok itu", "the group")
    last_person: Mention | None = None
    last_group: list[Mention] = field(default_factory=list)
    last_subject: Mention | None = None
    unknown_names: list[tuple[str, str]] = field(default_factory=list)  # (name, context) never resolved
    heads: dict[str, Actor] = field(default_factory=dict)  # "dewan" -> UNSC after "Dewan Keamanan PBB"


class Resolver:
    def __init__(self, kb: ActorKB, lang: str,
                 place_country: Callable[[str, str], str | None] | None = None) -> None:
        self.kb = kb
        self.lang = lang
        self.place_country = place_country  # (name, lang) -> ISO3 of a place the gazetteer knows, if any
        self._auto = ahocorasick.Automaton()
        table: dict[str, list[Target]] = {}

        def add(name: str, target: Target) -> None:
            key = fold_name(name)
            if not key:
                return
            bucket = table.setdefault(key, [])
            if target not in bucket:
                bucket.append(target)

        for a in kb.actors.values():
            exact = {fold_name(n) for n in a.case_sensitive}
            for n in a.names.for_lang(lang):
                if fold_name(n) not in exact:  # "WHO", "AS", "IS" count only in exactly that case
                    add(n, Target("actor", a.key, a.sector))
            for n in a.case_sensitive:
                add(n, Target("actor", a.key, a.sector, exact=n))
            for n in a.adjectives.for_lang(lang):
                add(n, Target("adj", a.key, a.sector, exact=n if fold_name(n) in exact else None))
        for p in kb.persons.values():
            for n in p.names:
                add(n, Target("person", p.key))
        rf = kb.roles.get(lang)
        if rf:
            for t in rf.titles:
                add(t.text, Target("title" if t.kind == "person" else "organ", "home" if t.home else "", t.sector))
            for w in rf.links:
                add(w, Target("link"))
            for w in rf.pronouns:
                add(w, Target("pron"))
            for w in rf.plural_pronouns:
                add(w, Target("plural"))
        for key, targets in table.items():
            # a name that is an actor beats the same string as a title/organ ("Dewan Keamanan")
            targets.sort(key=lambda t: ("actor", "person", "adj", "organ", "title", "link", "pron", "plural").index(t.kind))
            self._auto.add_word(key, (key, tuple(targets)))
        self._auto.make_automaton()
        self._names = frozenset(k for k, ts in table.items() if any(t.kind in ("actor", "person", "adj") for t in ts))

    # -- raw matching -------------------------------------------------------------------------------
    def hits(self, text: str) -> list[Hit]:
        folded = fold(text)
        n = len(folded)
        cands: list[Hit] = []
        for end, (name, targets) in self._auto.iter(folded):
            start = end - len(name) + 1
            if start > 0 and (folded[start - 1].isalnum() or folded[start - 1] == "-" and name[0] != "-" and start > 1 and folded[start - 2].isalnum() and False):
                continue
            after = end + 1
            if after < n and folded[after].isalnum():
                # Indonesian possessive clitic ("pemerintahnya" is still "pemerintah"); and the English
                # adjective ending machine translation leaves on a name ("Rusian kontraktor" = Russian)
                nya = folded.startswith("nya", after) and (after + 3 == n or not folded[after + 3].isalnum())
                adj_n = folded[after] == "n" and folded[end] == "a" and (after + 1 == n or not folded[after + 1].isalnum())
                if not (nya or adj_n):
                    continue
            surface = text[start : end + 1]
            kept = tuple(t for t in targets if t.exact is None or t.exact == surface)
            if not kept:
                continue
            # lower-case words are names only when the name is written in lower case too (titles, organs)
            if kept[0].kind in ("actor", "person", "adj") and not any(c.isupper() for c in surface):
                kept = tuple(t for t in kept if t.kind not in ("actor", "person", "adj"))
                if not kept:
                    continue
            cands.append(Hit(start, end + 1, kept))
        cands.sort(key=lambda h: (h.start, -(h.end - h.start)))
        out: list[Hit] = []
        last_end = -1
        for h in cands:
            if h.start >= last_end:
                out.append(h)
                last_end = h.end
        return out

    # -- actors -------------------------------------------------------------------------------------
    def actor(self, key: str, sector: str | None = None) -> Actor | None:
        a = self.kb.actors.get(key)
        if a is None:
            return None
        country = a.country or (key if a.kind == "state" else None)
        return Actor(key=a.key, name=a.name, country=country, sector=sector or a.sector)

    PEOPLE = {"CVL": ("CIVILIANS", "civilians"), "PRO": ("PROTESTERS", "protesters"), "REF": ("REFUGEES", "refugees"),
              "EDU": ("STUDENTS", "students")}

    def people(self, sector: str, country: str | None) -> Actor:
        """Unorganised people (ANNOTATION.md): <ISO3>.CIVILIANS, or plain CIVILIANS when no country is given."""
        suffix, noun = self.PEOPLE[sector]
        if country:
            state = self.kb.actors.get(country)
            return Actor(f"{country}.{suffix}", f"{state.name if state else country} {noun}", country, sector)
        return Actor(suffix, noun, None, sector)

    def role_of(self, person: PersonEntry, day: dt.date | None) -> Role | None:
        if not person.roles:
            return None
        if day is None:  # undated document: the most recent role
            return max(person.roles, key=lambda r: (r.end is None, r.end or dt.date.min, r.start or dt.date.min))
        valid = [r for r in person.roles if r.valid_on(day)]
        if not valid:
            return None  # a former official is not the state
        # the most specific (latest-starting) role wins when two overlap
        return max(valid, key=lambda r: r.start or dt.date.min)

    def person_actor(self, key: str, day: dt.date | None) -> Actor | None:
        p = self.kb.persons.get(key)
        if p is None:
            return None
        role = self.role_of(p, day)
        if role is None:
            return None
        return self.actor(role.actor, role.sector)

    # -- mentions -----------------------------------------------------------------------------------
    def resolve(self, text: str, state: DocState | None = None) -> list[Mention]:
        state = state or DocState()
        hits = self.hits(text)
        mentions: list[Mention] = []
        i = 0
        covered: list[tuple[int, int]] = []
        while i < len(hits):
            h = hits[i]
            m, used = self._chain(text, hits, i, state)
            if m:
                mentions.extend(m)
                covered.extend((x.start, x.end) for x in m)
                i += max(used, 1)
                continue
            covered.append((h.start, h.end))
            i += 1
        mentions.extend(self._aliases(text, covered, state))
        mentions = self._place_unknown(mentions, state, text)
        mentions = self._pronouns(mentions, text)
        mentions.sort(key=lambda x: x.start)
        self._remember(mentions, state)
        self._acronyms(text, mentions, state)
        return mentions

    def _acronyms(self, text: str, mentions: list[Mention], state: DocState) -> None:
        """An acronym the text gives in brackets after a name stands for it in the rest of the document:
        "Tentara Arakan (AA)", "Rapid Support Forces (RSF)"."""
        if "(" not in text:
            return
        for m in mentions:
            if m.kind == "pronoun":
                continue
            a = _ACRONYM.match(text, m.end)
            if a is not None:
                state.aliases.setdefault(fold_name(a.group(1)), m.actor)

    def _chain(self, text: str, hits: list[Hit], i: int, state: DocState) -> tuple[list[Mention], int]:
        """Join hits[i:] into one mention; returns (mentions, hits used)."""
        h = hits[i]
        day = state.day
        head = h.targets[0]
        # collect the chain of adjacent hits
        j = i + 1
        parts = [h]
        while j < len(hits):
            gap = text[parts[-1].end : hits[j].start]
            nxt = hits[j].targets[0]
            if nxt.kind == "link" and parts[-1].targets[0].kind != "organ":
                break  # "pasukan yang dipimpin oleh X", "rebels in Y": links follow organ nouns only
            if _GAP_OK.match(gap) and "," not in gap or (
                _GAP_WORDS.match(gap) and nxt.kind == "person" and parts[-1].first("actor", "adj")
            ):
                last_kinds = {t.kind for t in parts[-1].targets}
                if nxt.kind in ("actor", "adj", "person", "title", "organ", "link") and (
                    # a chain is title/organ-led, or (English order only) an actor or adjective before a title
                    head.kind in ("title", "organ")
                    or (nxt.kind in ("title", "organ") and self.lang != "id")
                    or ("title" in {p.targets[0].kind for p in parts} or "organ" in {p.targets[0].kind for p in parts})
                ) and not (nxt.kind == "actor" and last_kinds & {"actor"} and head.kind not in ("title", "organ")):
                    parts.append(hits[j])
                    j += 1
                    continue
            break
        kinds = [p.targets[0].kind for p in parts]
        if len(parts) == 1:
            placed = self._organ_of_place(text, parts) if self.lang == "id" else None
            return ([placed], 1) if placed is not None else (self._single(text, h, state), 1)
        placed = self._organ_of_place(text, parts)
        if placed is not None:
            return [placed], len(parts)
        # drop a trailing link word that led nowhere
        while parts and parts[-1].targets[0].kind == "link":
            parts.pop()
            kinds.pop()
        if len(parts) == 1:
            return self._single(text, parts[0], state), 1
        person_key = next((p.first("person").key for p in parts if p.first("person")), None)  # type: ignore[union-attr]
        owners = [p.first("actor", "adj") for p in parts if p.first("actor", "adj")]
        # Indonesian is head-first, so the last actor in "Misi PBB Amerika Serikat" owns the organ (the US
        # mission to the UN); English puts the owner first ("the U.S. mission to the U.N.")
        attached = (owners[-1] if self.lang == "id" else owners[0]) if owners else None
        title_sector = next((p.targets[0].sector for p in parts if p.targets[0].kind in ("organ",)), None)
        if title_sector is None:
            title_sector = next((p.targets[0].sector for p in parts if p.targets[0].kind == "title"), None)
        start, end = parts[0].start, parts[-1].end
        actor: Actor | None = None
        person_actor = self.person_actor(person_key, day) if person_key else None
        has_organ = "organ" in kinds
        if person_actor is not None:
            actor = person_actor
            if has_organ and title_sector:
                actor = Actor(actor.key, actor.name, actor.country, title_sector)
        elif attached is not None:
            actor = self.actor(attached.key, title_sector or attached.sector)
            if actor is not None and has_organ and title_sector in self.PEOPLE:
                actor = self.people(title_sector, actor.country or (actor.key if "." not in actor.key else None))
        kind = "person" if person_key else ("organ" if has_organ else "title")
        # an unknown name right after a title: "Menteri Luar Negeri Jerman Heiko Maas"
        if person_key is None and "title" in kinds and actor is not None:
            nm = _CAP_NAME.match(text, end + 1) if text[end : end + 1] == " " else None
            if nm and not any(hh.start < nm.end() and hh.end > nm.start() for hh in hits[i + len(parts) :]):
                name = nm.group(0)
                end = nm.end()
                kind = "person"
                for alias in {fold_name(name), fold_name(name.split()[-1])}:
                    state.aliases.setdefault(alias, actor)
        elif person_key is None and "title" in kinds and actor is None:
            return [], len(parts)
        if actor is None:
            return [], len(parts)
        m = Mention(actor=actor, text=text[start:end], start=start, end=end, kind=kind, person=person_key)
        return [m], len(parts)

    def _organ_of_place(self, text: str, parts: list[Hit]) -> Mention | None:
        """"rebels in Darfur", "the government of Sindh province", "polisi di Kano": an organ linked to a place
        the gazetteer knows stands for that place's country (only with a gazetteer, see `place_country`)."""
        kinds = [p.targets[0].kind for p in parts]
        if self.place_country is None or kinds not in (["organ", "link"], ["organ"]):
            return None
        organ = parts[0].targets[0]
        k = parts[-1].end
        rest = text[k : k + 60]
        if kinds == ["organ"]:  # Indonesian "polisi di Kano": "di" is no link word (it would swallow "pasukan di Libya")
            if not rest.startswith(" di "):
                return None
            rest = rest[3:]
            k += 3
        skip = len(rest) - len(rest.lstrip())
        if rest[skip : skip + 4].lower() == "the ":
            skip += 4
        nm = _CAP_NAME.match(text, k + skip)
        if nm is None or fold_name(nm.group(0)) in self._names:
            return None  # an actor's name is resolved as the actor, not as a place
        country = self.place_country(nm.group(0), self.lang)
        if country is None:
            return None
        sector = organ.sector or "GOV"
        a = self.people(sector, country) if sector in self.PEOPLE else self.actor(country, sector)
        if a is None:
            return None
        return Mention(a, text[parts[0].start : nm.end()], parts[0].start, nm.end(), "organ")

    def _single(self, text: str, h: Hit, state: DocState) -> list[Mention]:
        t = h.targets[0]
        surface = text[h.start : h.end]
        if t.kind in ("actor", "adj"):
            a = self.actor(t.key)
            return [Mention(a, surface, h.start, h.end, "name" if t.kind == "actor" else "adjective")] if a else []
        if t.kind == "person":
            a = self.person_actor(t.key, state.day)
            if a is None:
                return []
            return [Mention(a, surface, h.start, h.end, "person", person=t.key)]
        if t.kind == "organ" and t.sector in self.PEOPLE:
            return [Mention(self.people(t.sector, None), surface, h.start, h.end, "group")]
        if t.kind == "organ" and t.key == "home" and state.countries:
            # "the junta" in a story about Myanmar: the country named most, when one leads
            top = state.countries.most_common(2)
            if len(top) == 1 or top[0][1] > top[1][1]:
                a = self.actor(top[0][0], t.sector)
                if a is not None:
                    return [Mention(a, surface, h.start, h.end, "organ")]
        if t.kind == "title" and t.sector in ("GOV", "MIL") and text[h.end : h.end + 1] == " " and surface[:1].isupper():
            # "President Laurent Gbagbo": an official of a state the sentence names (see _place_unknown)
            nm = _CAP_NAME.match(text, h.end + 1)
            if nm and nm.group(0).split()[0].lower() not in _NOT_NAMES:
                return [Mention(Actor(_UNPLACED, nm.group(0), None, t.sector), text[h.start : nm.end()], h.start, nm.end(),
                                "person")]
        if t.kind == "pron" and state.last_person is not None:
            lp = state.last_person
            return [Mention(lp.actor, surface, h.start, h.end, "pronoun", person=lp.person)]
        if t.kind == "plural" and state.last_group:
            return [Mention(g.actor, surface, h.start, h.end, "pronoun") for g in state.last_group]
        if t.kind in ("pron", "plural"):
            # no antecedent in earlier sentences: one may come earlier in this sentence (see _pronouns)
            return [Mention(_NOBODY, surface, h.start, h.end, "pronoun")]
        if t.kind == "organ" and surface.lower().endswith("nya") and state.last_subject is not None:
            # "pemerintahnya": its government, the actor the text is about
            a = state.last_subject.actor
            return [Mention(Actor(a.key, a.name, a.country, t.sector or a.sector), surface, h.start, h.end, "organ")]
        return []

    @staticmethod
    def _coordinated_run(before: list[Mention], text: str) -> list[Mention]:
        """The last run of mentions joined by commas and 'dan'/'and' ("Perancis, Mesir, Yunani dan Siprus")."""
        if not before:
            return []
        run = [before[-1]]
        for x in reversed(before[:-1]):
            gap = text[x.end : run[0].start]
            if re.fullmatch(r"[\s,]*(?:dan|and|serta|&)?[\s,]*", gap, re.I) and gap.strip(" ") != "":
                run.insert(0, x)
            elif gap == "" or gap.isspace():
                run.insert(0, x)
            else:
                break
        return run

    def _place_unknown(self, mentions: list[Mention], state: DocState, text: str = "") -> list[Mention]:
        """An unknown official after a title belongs to the one country whose own people, parties, courts or
        rebels the sentence names ("Rebels in the Ivory Coast dismissed an appeal from President Laurent
        Gbagbo" -> CIV): a domestic story. A foreign government named beside him says nothing of his country
        ("Menurut Turki, Jenderal Omar Tantoush ..."), so then, and with none or several, he stands for nobody."""
        if not any(m.actor.key == _UNPLACED for m in mentions):
            return mentions
        def setting(m: Mention) -> bool:  # "Haiti's first democratic elections": where, not who
            return text[m.end : m.end + 2] in ("'s", "’s") and text[m.end + 3 : m.end + 4].islower()

        if any(m.actor.country and m.actor.sector in _STATE_SECTORS and not setting(m) for m in mentions):
            countries: set[str | None] = set()
        else:
            countries = {m.actor.country for m in mentions if m.actor.key != _UNPLACED and m.actor.country}
        out = []
        for m in mentions:
            if m.actor.key != _UNPLACED:
                out.append(m)
            elif len(countries) == 1:
                c = next(iter(countries))
                a = self.actor(c, m.actor.sector) if c else None
                if a is not None:
                    out.append(Mention(a, m.text, m.start, m.end, "person"))
                    name = m.actor.name
                    for alias in {fold_name(name), fold_name(name.split()[-1])}:
                        state.aliases.setdefault(alias, a)
        return out

    def _pronouns(self, mentions: list[Mention], text: str = "") -> list[Mention]:
        """Re-point pronouns at antecedents earlier in the same sentence when there are any: "Pasukan GNA
        mengatakan bahwa mereka telah mundur", "Le Drian berbicara dengan Pompeo ... dan keduanya sepakat"."""
        mentions.sort(key=lambda x: x.start)
        out: list[Mention] = []
        i = 0
        while i < len(mentions):
            m = mentions[i]
            if m.kind != "pronoun":
                out.append(m)
                i += 1
                continue
            same = [x for x in mentions if x.start == m.start and x.end == m.end]
            i += len(same)
            before = [x for x in out if x.kind != "pronoun"]
            run = self._coordinated_run(before, text)
            if (len(same) > 1 or self._is_plural(m.text)) and len({x.actor.key for x in run}) >= 2:
                out.extend(Mention(d.actor, m.text, m.start, m.end, "pronoun") for d in run)
                continue
            if len(same) > 1 or self._is_plural(m.text):
                distinct: list[Mention] = []
                persons = [x for x in before if x.kind == "person"]
                # two people named before "keduanya"/"both" are the pair; else the subject group (first)
                for x in persons if len({p.actor.key for p in persons}) >= 2 else before:
                    if all(x.actor.key != d.actor.key for d in distinct):
                        distinct.append(x)
                if len(distinct) >= 2:
                    pair = distinct[-2:] if len(persons) >= 2 else distinct[:2]
                    out.extend(Mention(d.actor, m.text, m.start, m.end, "pronoun") for d in pair)
                    continue
                # "mereka"/"they" may stand for one collective actor ("Pasukan GNA ... mereka"); "keduanya",
                # "kedua negara", "both sides" need two: with one, keep what earlier sentences gave
                two = any(w in m.text.lower() for w in ("kedua", "both", "two"))
                if len(distinct) == 1 and not two:
                    out.append(Mention(distinct[0].actor, m.text, m.start, m.end, "pronoun"))
                    continue
            else:
                persons = [x for x in before if x.kind == "person"]
                if persons:
                    out.append(Mention(persons[-1].actor, m.text, m.start, m.end, "pronoun", person=persons[-1].person))
                    continue
                if before:
                    out.append(Mention(before[0].actor, m.text, m.start, m.end, "pronoun"))
                    continue
            out.extend(x for x in same if x.actor.key)
        return out

    def _is_plural(self, word: str) -> bool:
        rf = self.kb.roles.get(self.lang)
        return bool(rf) and fold_name(word) in {fold_name(w) for w in rf.plural_pronouns}  # type: ignore[union-attr]

    def _aliases(self, text: str, covered: list[tuple[int, int]], state: DocState) -> list[Mention]:
        out = []
        low = text.lower()
        for head, actor in state.heads.items():
            if head not in low:
                continue
            # "dewan tersebut", "dewan tertutup", "the council": a later bare head noun is the same body
            for m in re.finditer(rf"\b{re.escape(head)}\b", text, re.I):
                if any(s < m.end() and m.start() < e for s, e in covered):
                    continue
                if self.lang == "en" and not text[max(0, m.start() - 4) : m.start()].lower().endswith("the "):
                    continue
                out.append(Mention(actor, m.group(0), m.start(), m.end(), "name"))
                covered.append((m.start(), m.end()))
        if state.last_group_actor is not None:
            # "kelompok itu meluncurkan 21 drone", "the group said": the armed group the story is about
            for m in _GROUP_ANAPHOR[self.lang].finditer(text):
                if not any(s < m.end() and m.start() < e for s, e in covered):
                    out.append(Mention(state.last_group_actor, m.group(0), m.start(), m.end(), "name"))
                    covered.append((m.start(), m.end()))
        if not state.aliases:
            return out
        for m in _CAP_NAME.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in covered):
                continue
            a = state.aliases.get(fold_name(m.group(0)))
            if a is not None:
                out.append(Mention(a, m.group(0), m.start(), m.end(), "name" if m.group(0).isupper() else "person"))
        return out

    def _remember(self, mentions: list[Mention], state: DocState) -> None:
        if not mentions:
            return
        persons = [m for m in mentions if m.kind == "person"]
        if persons:
            state.last_person = persons[-1]
        state.countries.update(m.actor.country for m in mentions
                               if m.actor.country and m.kind != "pronoun" and m.actor.sector != "IGO")
        for m in mentions:
            entry = self.kb.actors.get(m.actor.key)
            if entry is not None and entry.kind in ("armed_group", "faction") and m.kind != "pronoun":
                state.last_group_actor = m.actor
        for m in mentions:
            if m.person:
                p = self.kb.persons.get(m.person)
                if p:
                    for n in p.names:
                        last = n.split()[-1]
                        if len(last) > 3:
                            state.aliases.setdefault(fold_name(last), m.actor)
        for m in mentions:
            a = self.kb.actors.get(m.actor.key)
            if a is not None and a.kind == "igo" and m.kind == "name" and len(m.text.split()) >= 2:
                words = m.text.split()
                # Indonesian puts the head noun first (Dewan Keamanan), English last (Security Council)
                head = words[0] if self.lang == "id" else words[-1]
                if head.isalpha() and len(head) > 3:
                    state.heads[fold_name(head)] = m.actor
        named = [m for m in mentions if m.kind != "pronoun"]
        if len(named) >= 2:
            state.last_group = named[:2] if len(named) > 2 else named
        elif named and not state.last_group:
            state.last_group = named
        state.last_subject = named[0] if named else state.last_subject
