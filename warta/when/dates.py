"""WHEN: publication dates and event dates for Indonesian and English news.

Two jobs:

- `find_publication_date` reads when an article was published: HTML metadata, header lines
  ("Published: ..."), the dateline ("Jakarta, 10 Agustus 2019", "Sabtu (10/8/2019)", "TRIPOLI, Jan 8
  (Reuters)") or the URL (/2019/08/23/, /20190823/).
- `event_date` dates one event from the date expression in its sentence ("pada hari Selasa", "5 April",
  "pekan lalu", "since 2014"), resolved against the publication date, preferring the expression in the
  trigger's clause and never using one that points after publication.

Language data (weekday and month names, relative expressions, leads, clause breaks, future markers) lives
in `warta/lang/<code>/dates.yaml`; it is validated by `DatesSchema` and compiled once per language into a
single regex, so a sentence costs one regex pass. dateparser is deliberately not used: it misses most forms
the seeds use ("Rabu malam", "pekan lalu", "awal bulan ini", "pada 7 April") and is far slower than one pass.
"""

from __future__ import annotations

import bisect
import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import DataFileError, E, InputError
from ..lang import SUPPORTED, read_yaml

Unit = Literal["day", "week", "month", "year"]
Direction = Literal["past", "future"]

# A day or month without a year may point a little past publication ("akan bertemu pada 20 Januari"
# in an article of 8 January); further ahead than this it must be last year's ("pada bulan November").
_FUTURE_SLACK = dt.timedelta(days=31)
# A future marker turns a weekday forward only when it is this close before it, in the same clause:
# far-away markers usually belong to another verb ("X, yang akan ..., mengatakan pada hari Senin").
_FUTURE_WINDOW = 80
_MIN_YEAR, _MAX_YEAR = 1900, 2100
# Datelines sit in the title or the first lines; further down, dates are event dates, not publication.
_HEAD_CHARS = 600
_HEADER_LINES = 6


class DateError(InputError, ValueError):
    """A date argument (CLI --published, JSONL "published") that cannot be read; one-line message."""


@dataclass(slots=True, frozen=True)
class DateMatch:
    date: dt.date | None  # resolved date (start of the period for week/month/year precision)
    precision: str | None  # day | week | month | year | publication (no expression) | None
    text: str  # the matched expression ("" for the publication fallback)
    start: int  # offsets in the sentence (-1 for the fallback)
    end: int
    kind: str  # weekday | explicit | relative | since | publication


@dataclass(slots=True, frozen=True)
class PublishedDate:
    date: dt.date
    source: str  # dateline | url | html | metadata | cli
    precision: str  # day | month | year
    text: str


# ---------------------------------------------------------------------------------------------------------
# Schema of warta/lang/<code>/dates.yaml


def _check_words(values: list[str], what: str, *, strip: bool = True) -> None:
    for v in values:
        if not v or v != v.lower() or (strip and v != v.strip()):
            raise ValueError(f"{what} {v!r}: must be non-empty, lower case and without outer spaces")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RelativeEntry(_Strict):
    """Phrases meaning `offset` units from the publication day/week/month/year."""

    phrases: list[str] = Field(min_length=1)
    unit: Unit
    offset: int = Field(ge=-50, le=50)
    weekday: int | None = Field(default=None, ge=0, le=6)  # with unit week: that day of it (weekends)
    future: bool = (
        False  # refers to a time after publication though its period may have begun ("later this week")
    )

    @model_validator(mode="after")
    def _valid(self) -> RelativeEntry:
        _check_words(self.phrases, "relative phrase")
        if self.weekday is not None and self.unit != "week":
            raise ValueError("`weekday` only goes with unit week")
        return self


class AgoSpec(_Strict):
    numbers: dict[str, int]  # number words ("dua", "two", "a"); digits are always accepted
    units: dict[str, Unit]
    after: list[str] = Field(min_length=1)  # "lalu", "yang lalu", "ago"

    @model_validator(mode="after")
    def _valid(self) -> AgoSpec:
        _check_words(list(self.numbers), "ago number")
        _check_words(list(self.units), "ago unit")
        _check_words(self.after, "ago word")
        if any(not 1 <= n <= 100 for n in self.numbers.values()):
            raise ValueError("ago numbers must be between 1 and 100")
        return self


class Leads(_Strict):
    """Words before a date that belong to the expression ("pada hari", "on", "pada bulan", "in")."""

    day: list[str] = Field(default_factory=list)  # optional before weekdays and day dates
    weekday_strong: list[str] = Field(
        default_factory=list
    )  # after these, case-sensitive weekday names count in any case
    month: list[str] = Field(default_factory=list)  # required before a bare month name
    year: list[str] = Field(default_factory=list)  # required before a bare year
    relative: list[str] = Field(default_factory=list)  # optional before relative expressions
    since: list[str] = Field(min_length=1)  # turn any expression into kind "since"

    @model_validator(mode="after")
    def _valid(self) -> Leads:
        for name in ("day", "weekday_strong", "month", "year", "relative", "since"):
            _check_words(getattr(self, name), f"leads.{name}")
        return self


class WeekdayModifiers(_Strict):
    before: dict[str, Direction] = Field(default_factory=dict)  # "last Wednesday"
    after: dict[str, Direction] = Field(default_factory=dict)  # "Rabu lalu"


class ClauseBreaks(_Strict):
    # Outer spaces are significant here (" kata " is the word, not "kata-kata").
    soft: list[str] = Field(default_factory=list)  # attributions and asides: their date may still apply
    hard: list[str] = Field(default_factory=list)  # coordination: another event

    @model_validator(mode="after")
    def _valid(self) -> ClauseBreaks:
        _check_words(self.soft + self.hard, "clause break", strip=False)
        if any(not b.strip() for b in self.soft + self.hard):
            raise ValueError("clause breaks must not be blank")
        return self


class Purpose(_Strict):
    """A purpose/infinitive marker followed by a verb ("untuk mendeklarasikan", "to declare")."""

    markers: list[str] = Field(default_factory=list)
    verb_prefixes: list[str] = Field(default_factory=list)  # empty: any lower-case word may be the verb
    not_verbs: list[str] = Field(default_factory=list)  # words after the marker that are not verbs
    not_after: list[str] = Field(default_factory=list)  # words before the marker that make it a preposition

    @model_validator(mode="after")
    def _valid(self) -> Purpose:
        for name in ("markers", "verb_prefixes", "not_verbs", "not_after"):
            _check_words(getattr(self, name), f"purpose.{name}")
        return self


class DatesSchema(_Strict):
    lang: str
    weekdays: list[list[str]]  # Monday first
    months: list[list[str]]  # January first; first name full, short others are abbreviations
    case_sensitive: list[str] = Field(default_factory=list)
    ordinal_suffixes: list[str] = Field(default_factory=list)
    month_of: list[str] = Field(default_factory=list)
    numeric_order: list[Literal["dmy", "mdy"]] = Field(min_length=1)
    time_of_day: list[str] = Field(default_factory=list)
    weekday_modifiers: WeekdayModifiers = Field(default_factory=WeekdayModifiers)
    leads: Leads
    relative: list[RelativeEntry] = Field(default_factory=list)
    ago: AgoSpec
    clause_breaks: ClauseBreaks = Field(default_factory=ClauseBreaks)
    future_markers: list[str] = Field(default_factory=list)
    purpose: Purpose = Field(default_factory=Purpose)
    header_labels: list[str] = Field(default_factory=list)  # "Published:", "Tanggal:" lines at the top

    @model_validator(mode="after")
    def _valid(self) -> DatesSchema:
        if len(self.weekdays) != 7 or any(not names for names in self.weekdays):
            raise ValueError("weekdays: need 7 non-empty lists, Monday first")
        if len(self.months) != 12 or any(not names for names in self.months):
            raise ValueError("months: need 12 non-empty lists, January first")
        for group, what in ((self.weekdays, "weekday"), (self.months, "month")):
            seen: set[str] = set()
            for names in group:
                _check_words(names, what)
                dup = seen.intersection(names)
                if dup:
                    raise ValueError(f"{what} name {sorted(dup)[0]!r} is given twice")
                seen.update(names)
        every = {n for names in self.weekdays + self.months for n in names}
        unknown = [w for w in self.case_sensitive if w not in every]
        if unknown:
            raise ValueError(f"case_sensitive {unknown[0]!r} is not a weekday or month name")
        phrases = [p for entry in self.relative for p in entry.phrases]
        if len(phrases) != len(set(phrases)):
            raise ValueError("relative: a phrase is listed twice")
        for name in ("ordinal_suffixes", "month_of", "time_of_day", "future_markers", "header_labels"):
            _check_words(getattr(self, name), name)
        _check_words(
            list(self.weekday_modifiers.before) + list(self.weekday_modifiers.after), "weekday modifier"
        )
        return self


def _code(lang: str | None) -> str:
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    if code not in SUPPORTED:
        raise InputError(E.E105.fmt(lang=lang, known=", ".join(SUPPORTED)))
    return code


@cache
def load_dates_schema(code: str) -> DatesSchema:
    """The validated `warta/lang/<code>/dates.yaml` (cached: read once per process)."""
    path = f"warta/lang/{code}/dates.yaml"
    data = read_yaml(code, "dates.yaml")
    if not isinstance(data, dict):
        raise DataFileError(E.E106.fmt(path=path, detail="missing, empty or not a mapping"))
    try:
        schema = DatesSchema.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "top level"
        raise DataFileError(E.E106.fmt(path=path, detail=f"{where}: {first['msg']}")) from err
    if schema.lang != code:
        raise DataFileError(E.E106.fmt(path=path, detail=f"lang is {schema.lang!r}, expected {code!r}"))
    return schema


# ---------------------------------------------------------------------------------------------------------
# Compiling the language data

_TOKEN = re.compile(r"[^\W_]+")
# Around each anchor the full regex runs on a window wide enough for the longest lead before it
# ("sejak pada pertengahan bulan ", "on the morning of ") and the longest tail after it ("(30/4/2019) malam
# yang akan datang"); the rest of the sentence is never looked at by the (slow, many-branched) full regex.
_WINDOW_BEFORE = 48
_WINDOW_AFTER = 40


def _norm(text: str) -> str:
    """Lookup key of a matched name or phrase."""
    return " ".join(text.lower().replace("’", "'").split())


def _phrase(text: str) -> str:
    """Regex for a literal phrase: any whitespace between words, both apostrophes."""
    return "".join(_atoms(text))


def _atoms(text: str) -> list[str]:
    """A phrase as regex atoms, one per character (whitespace runs and apostrophes as classes)."""
    out: list[str] = []
    for i, word in enumerate(text.split()):
        if i:
            out.append(r"\s+")
        out.extend("['’]" if ch in "'’" else re.escape(ch) for ch in word)
    return out


_TrieNode = dict[str, "_TrieNode"]  # atom -> subtree; the key "" marks the end of a phrase


def _trie(seqs: list[list[str]]) -> str:
    """Alternation of atom sequences as a trie: re tries branches one by one, so shared prefixes are
    matched once and most positions fail on the first character. Optional tails are greedy, which keeps
    the longest phrase first ("kemarin lusa" before "kemarin") as a longest-first alternation would."""
    if not seqs:
        return "(?:(?!))"
    root: _TrieNode = {}
    for seq in seqs:
        node = root
        for atom in seq:
            node = node.setdefault(atom, {})
        node[""] = {}

    def emit(node: _TrieNode) -> str:
        branches = [atom + emit(child) for atom, child in sorted(node.items()) if atom]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


def _alt(words: list[str] | set[str]) -> str:
    """Regex matching any of the (lower-case) phrases."""
    return _trie([_atoms(w) for w in set(words)])


def _leads(leads: list[str]) -> str:
    """Lead words with their separator ("mid-" may be glued: "mid-April")."""
    return _trie([_atoms(w) + [r"\s*" if w.endswith("-") else r"\s+"] for w in set(leads)])


def _break(text: str) -> str:
    """Regex for one clause break; a leading comma may be followed by a closing quote ('," said')."""
    core = text.strip()
    if core.startswith(",") and core[1:].strip():
        body = r",[\"”’']?\s*" + _phrase(core[1:].strip())
    else:
        body = _phrase(core)
    if text.startswith(" "):
        body = r"(?<=\s)" + body
    if text.endswith(" ") or core[-1].isalnum():
        body += r"(?!\w)"
    return body


def _bounded(words: list[str]) -> str:
    """Alternation with word boundaries only where the word edge is a letter ("'ll" has none on the left)."""
    parts = []
    for w in sorted(set(words), key=lambda s: (-len(s), s)):
        left = r"(?<!\w)" if w[0].isalnum() else ""
        right = r"(?!\w)" if w[-1].isalnum() else ""
        parts.append(left + _phrase(w) + right)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!)"


@dataclass(slots=True, frozen=True)
class _Lang:
    """One language's date data, compiled."""

    code: str
    pattern: re.Pattern[str]  # runs on the lower-cased sentence: far faster than re.IGNORECASE
    # the same, case-insensitive, for the rare text whose lower case changes length ("İ")
    pattern_i: re.Pattern[str]
    case_sensitive: frozenset[str]  # names that count only capitalised ("Minggu" = Sunday, "May")
    cs_anchors: frozenset[str]  # anchors that only stand for a case-sensitive name
    weekdays: dict[str, int]
    months: dict[str, int]
    relative: dict[str, RelativeEntry]
    numbers: dict[str, int]
    units: dict[str, str]
    modifiers: dict[str, str]
    numeric_order: tuple[str, ...]
    since: re.Pattern[str]
    breaks: re.Pattern[str]
    future: re.Pattern[str]
    purpose: Purpose
    anchors: frozenset[str]  # every expression holds a digit or one of these words (see `_anchor`)
    # the tokens of an ASCII lower-cased sentence that are anchors or start with a digit
    anchor_tokens: re.Pattern[str]


def _anchor(phrase: str) -> str:
    """The word of a phrase that stands for it in the prefilter: the longest, the last on ties ("this week"
    -> "week", "hari ini" -> "hari"), so that common short words ("ini", "the") do not wake the full regex."""
    words = _TOKEN.findall(_norm(phrase))
    return max(reversed(words), key=len) if words else ""


def _month_alt(schema: DatesSchema) -> str:
    full = [names[0] for names in schema.months]
    extra = [n for names in schema.months for n in names[1:]]
    longer = [n for n in extra if len(n) > 4]  # old spellings ("pebruari", "nopember")
    abbr = [n for n in extra if len(n) <= 4]  # only abbreviations take a period ("Jan.", "Agt.")
    return rf"(?:{_alt(full + longer)}(?!\w)|{_alt(abbr)}(?!\w)\.?)"


@cache
def _lang(code: str) -> _Lang:
    s = load_dates_schema(code)
    cs = frozenset(s.case_sensitive)
    weekdays = {_norm(n): i for i, names in enumerate(s.weekdays) for n in names}
    months = {_norm(n): i + 1 for i, names in enumerate(s.months) for n in names}
    all_wd = list(weekdays)
    wd_any = _alt(all_wd)
    mon = _month_alt(s)
    ordinal = (_alt(s.ordinal_suffixes) + "?") if s.ordinal_suffixes else ""
    of = rf"(?:\s+{_alt(s.month_of)})?" if s.month_of else ""
    # a year, but not a decade ("tahun 1990-an", "the 1990s"): those have no precision to give
    year = r"(?:1[89]|20)\d{2}(?!\d|-an\b|s\b)"
    tod = _alt(s.time_of_day)
    since = _alt(s.leads.since)
    L = s.leads

    def opt(leads: list[str]) -> str:
        return rf"(?:{since}\s+)?{_leads(leads)}?"

    def req(leads: list[str]) -> str:
        return rf"(?:{since}\s+{_leads(leads)}?|{_leads(leads)})"

    relative = {_norm(p): e for e in s.relative for p in e.phrases}
    numbers = {_norm(k): v for k, v in s.ago.numbers.items()}
    units: dict[str, str] = {_norm(k): v for k, v in s.ago.units.items()}
    alts = [
        rf"(?P<k_iso>{opt(L.day)}(?P<iso_y>(?:19|20)\d{{2}})-(?P<iso_m>\d{{1,2}})-(?P<iso_d>\d{{1,2}})(?![\d-]))",
        rf"(?P<k_numy>{opt(L.day)}(?P<ny_a>\d{{1,2}})[/-](?P<ny_b>\d{{1,2}})[/-](?P<ny_y>\d{{4}}|\d{{2}})(?![\d/-]))",
        rf"(?P<k_dmy>{opt(L.day)}(?P<dmy_d>\d{{1,2}}){ordinal}(?!\w){of}\s+(?P<dmy_m>{mon})(?:,?\s+(?P<dmy_y>{year}))?)",
        rf"(?P<k_mdy>{opt(L.day)}(?P<mdy_m>{mon})\s+(?P<mdy_d>\d{{1,2}}){ordinal}(?!\w)(?:,?\s+(?P<mdy_y>{year}))?)",
        rf"(?P<k_my>{opt(L.month)}(?P<my_m>{mon})\s+(?P<my_y>{year}))",
        rf"(?P<k_m>{req(L.month)}(?P<m_m>{mon}))",
        rf"(?P<k_y>{req(L.year)}(?P<y_y>{year}))",
        rf"(?P<k_numl>{req(L.day)}(?P<nl_a>\d{{1,2}})/(?P<nl_b>\d{{1,2}})(?![\d/]))",
        r"(?P<k_nump>(?<=\()(?P<np_a>\d{1,2})/(?P<np_b>\d{1,2})(?=\)))",
        rf"(?P<k_ago>{opt(L.relative)}(?P<ago_n>{_alt(list(numbers))}|\d{{1,3}})\s+(?P<ago_u>{_alt(list(units))})"
        rf"\s+{_alt(s.ago.after)}(?!\w))",
        rf"(?P<k_rel>{opt(L.relative)}(?P<rel>{_alt(list(relative))})(?!\w)(?:\s+(?P<rel_tod>{tod})(?!\w))?)",
        # weekday: ambiguous names ("minggu" = week) count in any case after a strong lead ("hari"), else
        # only capitalised, which `_resolve` checks on the original text
        rf"(?P<k_wd>(?:{since}\s+)?(?:{_leads(L.weekday_strong)}(?P<wds>{wd_any})"
        rf"|{_leads(L.day)}?(?:(?P<wd_pre>{_alt(list(s.weekday_modifiers.before))})\s+)?(?P<wd>{wd_any}))(?!\w)"
        rf"(?:\s+(?P<wd_tod>{tod})(?!\w))?"
        rf"(?:\s*\((?P<wp_d>\d{{1,2}})/(?P<wp_m>\d{{1,2}})(?:/(?P<wp_y>\d{{4}}|\d{{2}}))?\))?"
        rf"(?:\s+(?P<wd_tod2>{tod})(?!\w))?"
        rf"(?:\s+(?P<wd_post>{_alt(list(s.weekday_modifiers.after))})(?!\w))?)",
    ]
    source = r"\b(?:" + "|".join(alts) + ")"
    breaks = re.compile(
        rf"(?P<hard>{'|'.join(_break(b) for b in s.clause_breaks.hard) or '(?!)'})"
        rf"|(?P<soft>{'|'.join(_break(b) for b in s.clause_breaks.soft) or '(?!)'})",
        re.IGNORECASE,
    )
    future = re.compile(
        rf"(?P<fm>{_bounded(s.future_markers)})|(?P<pm>{_bounded(s.purpose.markers)})\s+(?P<next>[^\W\d_][\w'-]*)",
        re.IGNORECASE,
    )
    plain = {_anchor(n) for n in list(weekdays) + list(months) + list(units) + list(relative) if n not in cs}
    anchors = plain | {_anchor(n) for n in cs}
    return _Lang(
        code=code,
        pattern=re.compile(source),
        pattern_i=re.compile(source, re.IGNORECASE),
        case_sensitive=cs,
        cs_anchors=frozenset(anchors - plain),
        weekdays=weekdays,
        months=months,
        relative=relative,
        numbers=numbers,
        units=units,
        modifiers={
            _norm(k): v for k, v in {**s.weekday_modifiers.before, **s.weekday_modifiers.after}.items()
        },
        numeric_order=tuple(s.numeric_order),
        since=re.compile(rf"{since}(?!\w)", re.IGNORECASE),
        breaks=breaks,
        future=future,
        purpose=s.purpose,
        anchors=frozenset(anchors - {""}),
        anchor_tokens=re.compile(
            rf"(?<![^\W_])(?:{_alt(sorted(anchors - {''}))}(?![^\W_])|[0-9][^\W_]*)" if anchors - {""}
            else r"(?<![^\W_])[0-9][^\W_]*"
        ),
    )


# ---------------------------------------------------------------------------------------------------------
# Resolving matches


def _date(year: int, month: int, day: int) -> dt.date | None:
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year2(text: str) -> int:
    y = int(text)
    if len(text) == 2:  # "10/8/19": two-digit years are this century up to 69
        y += 2000 if y < 70 else 1900
    return y


def _valid_day_month(day: int, month: int) -> bool:
    return _date(2000, month, day) is not None  # 2000 is a leap year, so 29/2 passes


def _day_month(day: int, month: int, pub: dt.date | None) -> dt.date | None:
    """A day and month without a year: the publication year, or the year before when that lands too far ahead."""
    if pub is None:
        return None
    for year in range(pub.year, pub.year - 5, -1):  # 29 February may need to go back a few years
        cand = _date(year, month, day)
        if cand is not None and cand <= pub + _FUTURE_SLACK:
            return cand
    return None


def _month_start(month: int, pub: dt.date | None) -> dt.date | None:
    if pub is None:
        return None
    cand = dt.date(pub.year, month, 1)
    return cand if cand <= pub + _FUTURE_SLACK else dt.date(pub.year - 1, month, 1)


def _shift(pub: dt.date, unit: str, n: int, weekday: int | None = None) -> dt.date:
    """Start of the day/week/month/year `n` units from the one holding `pub`."""
    if unit == "day":
        return pub + dt.timedelta(days=n)
    if unit == "week":
        monday = pub - dt.timedelta(days=pub.weekday()) + dt.timedelta(weeks=n)
        return monday + dt.timedelta(days=weekday or 0)
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 + n
        return dt.date(k // 12, k % 12 + 1, 1)
    return dt.date(pub.year + n, 1, 1)


def _numeric(a: int, b: int, order: tuple[str, ...]) -> tuple[int, int] | None:
    """(day, month) of "a/b" in the first order that gives a real date."""
    for o in order:
        day, month = (a, b) if o == "dmy" else (b, a)
        if _valid_day_month(day, month):
            return day, month
    return None


class _Clauses:
    """Clause breaks of one sentence, found only when needed (most sentences never need them)."""

    __slots__ = ("_spans", "_starts", "_lang", "_text")

    def __init__(self, text: str, lang: _Lang) -> None:
        self._text = text
        self._lang = lang
        self._spans: list[tuple[int, int, bool]] | None = None
        self._starts: list[int] = []

    def spans(self) -> list[tuple[int, int, bool]]:
        """(start, end, hard) of each break."""
        if self._spans is None:
            self._spans = [
                (m.start(), m.end(), m.group("hard") is not None)
                for m in self._lang.breaks.finditer(self._text)
            ]
            self._starts = [s for s, _, _ in self._spans]
        return self._spans

    def segment(self, pos: int) -> int:
        """Index of the clause holding offset `pos` (clause i follows break i-1)."""
        self.spans()
        return bisect.bisect_right(self._starts, pos)

    def start_of(self, pos: int) -> int:
        i = self.segment(pos)
        return self.spans()[i - 1][1] if i else 0


def _future_context(text: str, pos: int, lang: _Lang, clauses: _Clauses) -> bool:
    """Whether a future or purpose marker stands shortly before `pos` in its clause ("untuk
    mendeklarasikan gencatan senjata pada hari Minggu", "will meet on Sunday")."""
    lo = max(clauses.start_of(pos), pos - _FUTURE_WINDOW)
    purpose = lang.purpose
    for m in lang.future.finditer(text, lo, pos):
        if m.group("fm"):
            return True
        verb = m.group("next")
        if verb != verb.lower() or verb in purpose.not_verbs:
            continue
        if purpose.verb_prefixes and not verb.startswith(tuple(purpose.verb_prefixes)):
            continue
        before = text[: m.start()].split()
        if before and before[-1].lower().strip(",;:") in purpose.not_after:
            continue
        return True
    return False


# groups holding names that may be case-sensitive ("wds" is a weekday after a strong lead: any case)
_CASE_CHECKED = ("wd", "dmy_m", "mdy_m", "my_m", "m_m")


@dataclass(slots=True, frozen=True)
class _Found:
    match: DateMatch
    future: bool  # the expression itself refers past publication ("later this week") whatever its date


def _resolve(
    m: re.Match[str], lang: _Lang, pub: dt.date | None, text: str, clauses: _Clauses
) -> _Found | None:
    """DateMatch for one regex match (made on the lower-cased sentence), or None when it names no real date
    (31 April, month 13) or a case-sensitive name is not capitalised ("they may 5", "dua minggu")."""
    kind_group = m.lastgroup
    g = m.group
    for name in _CASE_CHECKED:
        start = m.start(name)
        if start >= 0 and _norm(g(name).rstrip(".")) in lang.case_sensitive and not text[start].isupper():
            return None
    date: dt.date | None
    precision = "day"
    kind = "explicit"
    future = False
    if kind_group == "k_iso":
        date = _date(int(g("iso_y")), int(g("iso_m")), int(g("iso_d")))
        if date is None:
            return None
    elif kind_group == "k_numy":
        dm = _numeric(int(g("ny_a")), int(g("ny_b")), lang.numeric_order)
        date = _date(_year2(g("ny_y")), dm[1], dm[0]) if dm else None
        if date is None:
            return None
    elif kind_group in ("k_dmy", "k_mdy"):
        p = "dmy" if kind_group == "k_dmy" else "mdy"
        day, month = int(g(f"{p}_d")), lang.months[_norm(g(f"{p}_m").rstrip("."))]
        if not _valid_day_month(day, month):
            return None
        year = g(f"{p}_y")
        date = _date(int(year), month, day) if year else _day_month(day, month, pub)
        if year and date is None:
            return None
    elif kind_group == "k_my":
        precision = "month"
        date = _date(int(g("my_y")), lang.months[_norm(g("my_m").rstrip("."))], 1)
        if date is None:
            return None
    elif kind_group == "k_m":
        precision = "month"
        date = _month_start(lang.months[_norm(g("m_m").rstrip("."))], pub)
    elif kind_group == "k_y":
        precision = "year"
        date = _date(int(g("y_y")), 1, 1)
        if date is None:
            return None
    elif kind_group in ("k_numl", "k_nump"):
        p = "nl" if kind_group == "k_numl" else "np"
        dm = _numeric(int(g(f"{p}_a")), int(g(f"{p}_b")), lang.numeric_order)
        if dm is None:
            return None
        date = _day_month(dm[0], dm[1], pub)
    elif kind_group == "k_ago":
        kind = "relative"
        word = _norm(g("ago_n"))
        n = int(word) if word.isdigit() else lang.numbers[word]
        unit = lang.units[_norm(g("ago_u"))]
        precision = unit
        date = None if pub is None else _shift(pub, unit, -n)
    elif kind_group == "k_rel":
        kind = "relative"
        entry = lang.relative[_norm(g("rel"))]
        precision = entry.unit
        future = entry.future
        date = None if pub is None else _shift(pub, entry.unit, entry.offset, entry.weekday)
    else:  # k_wd
        if g("wp_d"):  # "Kamis (30/4)", "Sabtu (10/8/2019)": the date in brackets is exact
            day, month = int(g("wp_d")), int(g("wp_m"))
            if not _valid_day_month(day, month):
                return None
            date = _date(_year2(g("wp_y")), month, day) if g("wp_y") else _day_month(day, month, pub)
            if g("wp_y") and date is None:
                return None
        else:
            kind = "weekday"
            wd = lang.weekdays[_norm(g("wd") or g("wds"))]
            modifier = g("wd_pre") or g("wd_post")
            direction = lang.modifiers.get(_norm(modifier)) if modifier else None
            if pub is None:
                date = None
            elif direction == "past":  # "Rabu lalu": strictly before publication
                date = pub - dt.timedelta(days=(pub.weekday() - wd) % 7 or 7)
            elif direction == "future":  # "Rabu depan": strictly after
                date = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
            elif _future_context(text, m.start(), lang, clauses):  # "untuk ... pada hari Minggu"
                date = pub + dt.timedelta(days=(wd - pub.weekday()) % 7)
            else:  # news reports the past: the latest such day on or before publication
                date = pub - dt.timedelta(days=(pub.weekday() - wd) % 7)
    if lang.since.match(m.group()):
        kind = "since"
    return _Found(DateMatch(date, precision, text[m.start() : m.end()], m.start(), m.end(), kind), future)


def _windows(sentence: str, hay: str, lang: _Lang) -> list[tuple[int, int]]:
    """Stretches of the sentence around anchors (digits, weekday/month names, relative-phrase words),
    merged, starting and ending at word edges. Empty for most sentences, which then cost one tokenisation.
    `hay` is the lower-cased sentence (or the sentence itself when lower-casing changes its length)."""
    anchors = lang.anchors
    out: list[tuple[int, int]] = []
    n = len(sentence)
    lowered = hay is not sentence
    if lowered and sentence.isascii():
        # the same tokens, found by one regex pass (a digit is 0-9 here): most tokens are neither
        tokens = lang.anchor_tokens.finditer(hay)
    else:
        tokens = _TOKEN.finditer(hay)
    for m in tokens:
        tok = m.group() if lowered else m.group().lower()
        if tok in anchors:
            if tok in lang.cs_anchors and not sentence[m.start()].isupper():
                continue  # "they may", "minggu" as a word: not a date
        elif not tok[0].isdigit():
            continue
        lo, hi = max(0, m.start() - _WINDOW_BEFORE), min(n, m.end() + _WINDOW_AFTER)
        while lo > 0 and sentence[lo - 1].isalnum():
            lo -= 1
        while hi < n and sentence[hi].isalnum():
            hi += 1
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _scan(sentence: str, lang: _Lang, published: dt.date | None) -> tuple[list[_Found], _Clauses]:
    clauses = _Clauses(sentence, lang)
    found: list[_Found] = []
    low = sentence.lower()
    if len(low) == len(sentence):
        hay, pattern = low, lang.pattern
    else:  # offsets would shift ("İ" lower-cases to two characters): match the original instead
        hay, pattern = sentence, lang.pattern_i
    for lo, hi in _windows(sentence, hay, lang):
        for m in pattern.finditer(hay, lo, hi):
            f = _resolve(m, lang, published, sentence, clauses)
            if f is None:
                continue
            prev = found[-1].match if found else None
            if (
                prev is not None
                and prev.kind == "weekday"
                and f.match.kind == "explicit"
                and f.match.precision == "day"
                and not sentence[prev.end : f.match.start].strip(", ")
            ):
                # "Minggu, 5 Januari 2020": one expression; the explicit date is the better half
                d = f.match
                f = _Found(
                    DateMatch(d.date, "day", sentence[prev.start : d.end], prev.start, d.end, "explicit"),
                    False,
                )
                found.pop()
            found.append(f)
    return found, clauses


@lru_cache(maxsize=16)  # every event of a sentence asks, and the sentences before it in the paragraph
def _scan_cached(sentence: str, code: str, published: dt.date | None) -> tuple[list[_Found], _Clauses]:
    """`_scan` for a language code; callers must not change the list (its items and the clauses, found on
    first use, are the same whoever asks)."""
    return _scan(sentence, _lang(code), published)


def _usable(f: _Found, published: dt.date | None) -> bool:
    """An expression can date an event unless it is unresolved or points after publication."""
    d = f.match.date
    return d is not None and not f.future and (published is None or d <= published)


def _fallback(published: dt.date | None) -> DateMatch:
    if published is None:
        return DateMatch(None, None, "", -1, -1, "publication")
    return DateMatch(published, "publication", "", -1, -1, "publication")


def _at_sentence_start(sentence: str, start: int) -> bool:
    return not sentence[:start].strip(" \t\"“‘'(«[")


# ---------------------------------------------------------------------------------------------------------
# Public API: event dates


def find_date_expressions(sentence: str, lang: str, published: dt.date | None) -> list[DateMatch]:
    """Every date expression in the sentence, in order, resolved against `published` (date None when it
    cannot be resolved without one). Future ones are included; `event_date` leaves them out."""
    found, _ = _scan_cached(sentence, _code(lang), published)
    return [f.match for f in found]


_RELATIVE = {
    "id": re.compile(r"\byang\b", re.I),
    "en": re.compile(r"\b(?:which|who|whom|that)\b", re.I),
}


def event_date(
    sentence: str, lang: str, published: dt.date | None, trigger: tuple[int, int] | None = None
) -> DateMatch:
    """The date of the event whose verb/noun sits at `trigger` (sentence offsets).

    Preference: a usable expression in the trigger's clause, nearest to it; then one in clauses joined to
    it by soft breaks (", kata X pada hari Selasa"); then one opening the sentence ("Pada Selasa sore, ...");
    else the publication date. Without a trigger, the first usable expression. Expressions after
    publication are never used ("... untuk mendeklarasikan gencatan senjata pada hari Minggu").
    """
    found, clauses = _scan_cached(sentence, _code(lang), published)
    usable = [f.match for f in found if _usable(f, published)]
    if not usable:
        return _fallback(published)
    if trigger is None:
        return usable[0]
    n = len(sentence)
    t0 = min(max(trigger[0], 0), n)
    t1 = min(max(trigger[1], t0), n)

    def nearest(cands: list[DateMatch]) -> DateMatch:
        # ties go to the earlier expression
        return min(cands, key=lambda d: (max(0, d.start - t1, t0 - d.end), d.start))

    # an expression after a relative pronoun dates the relative clause, not the event: "penolakan ...
    # terhadap perjanjian yang ditandatangani ... pada bulan November"
    rel = _RELATIVE.get(_code(lang))
    if rel is not None:
        def in_relative(d: DateMatch) -> bool:
            marks = list(rel.finditer(sentence, t1, d.start))
            if not marks:
                return False
            inner = sentence[marks[-1].end() : d.start]
            # the relative clause runs to the next comma ("sebuah kota yang strategis ..., pada hari Senin"),
            # and a short one is a set modifier ("pihak-pihak yang bertikai di Libya pada hari Rabu")
            return "," not in inner and len(inner.split()) >= 4

        usable = [d for d in usable if d.start < t1 or not in_relative(d)]
        if not usable:
            return _fallback(published)
    spans = clauses.spans()
    seg = clauses.segment(t0)
    same = [d for d in usable if clauses.segment(d.start) == seg]
    if same:
        return nearest(same)
    lo = seg
    while lo > 0 and not spans[lo - 1][2]:
        lo -= 1
    hi = seg
    while hi < len(spans) and not spans[hi][2]:
        hi += 1
    joined = [d for d in usable if lo <= clauses.segment(d.start) <= hi]
    if joined:
        return nearest(joined)
    opening = [d for d in usable if _at_sentence_start(sentence, d.start)]
    if opening:
        return opening[0]
    return _fallback(published)


# ---------------------------------------------------------------------------------------------------------
# Public API: date arguments

_RANGE_HINT = "also accepted: YYYY-MM-DDTHH:MM:SS[+HH:MM] or RFC 2822 (Wed, 08 Jan 2020 10:00:00 GMT)"


def _bad_date(value: object, detail: str = "") -> DateError:
    shown = value if not isinstance(value, str) or len(value) <= 80 else value[:77] + "..."
    msg = E.E104.fmt(value=shown) + f"; {_RANGE_HINT}"
    return DateError(msg + (f" ({detail})" if detail else ""))


def parse_date_arg(value: str | dt.date) -> dt.date:
    """A date given on the command line or in a JSONL "published" field.

    Accepts YYYY-MM-DD, ISO 8601 date-times (the date is taken as written, in the writer's time zone: that
    is the publication day its readers saw) and RFC 2822. Raises DateError with a one-line message.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise _bad_date(value, f"not a string but {type(value).__name__}")
    s = value.strip()
    if not s:
        raise _bad_date(value, "empty")
    day: dt.date | None = None
    try:
        day = dt.datetime.fromisoformat(s).date()
    except ValueError:
        try:
            day = email.utils.parsedate_to_datetime(s).date()
        except (TypeError, ValueError, IndexError, OverflowError):
            day = None
    if day is None:
        raise _bad_date(value)
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        raise _bad_date(value, f"year out of range {_MIN_YEAR}-{_MAX_YEAR}")
    return day


# ---------------------------------------------------------------------------------------------------------
# Public API: publication dates

_HTML_HINT = re.compile(r"<(?:meta|time|script)\b", re.IGNORECASE)
_META_TAG = re.compile(r"<meta\b[^>]*>", re.IGNORECASE)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# meta names/properties that carry the publication time (Open Graph, schema.org, Dublin Core, CMS habits)
_META_KEYS = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publish_date",
        "publication_date",
        "dc.date",
        "dc.date.issued",
        "dcterms.issued",
        "dcterms.created",
        "sailthru.date",
        "parsely-pub-date",
        "content_publisheddate",
        "article.published",
        "date",
    }
)
_JSONLD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TIME_TAG = re.compile(r"<time\b[^>]*\bdatetime\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE)
_LOOSE_ISO = re.compile(r"((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_URL_YMD = re.compile(r"(?<!\d)((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
_URL_COMPACT = re.compile(
    r"(?<!\w)((?:19|20)\d{2})(\d{2})(\d{2})(?:\d{4}|\d{6})?(?!\d)"
)  # 20190823[hhmm[ss]]
_URL_YM = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(?!\d)")
_URL_Y = re.compile(r"/((?:19|20)\d{2})/")
# RFC 2822 weekday abbreviations are a format, not a language: "Wed, 08 Jan 2020"
_RFC_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _loose_date(value: str) -> dt.date | None:
    try:
        return parse_date_arg(value)
    except DateError:
        pass
    m = _LOOSE_ISO.search(value)
    return _date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def _from_html(text: str) -> PublishedDate | None:
    if not _HTML_HINT.search(text):
        return None
    for tag in _META_TAG.finditer(text):
        attrs = {k.lower(): a or b for k, a, b in _ATTR.findall(tag.group())}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _META_KEYS and attrs.get("content"):
            day = _loose_date(attrs["content"])
            if day:
                return PublishedDate(day, "html", "day", attrs["content"])
    for rx in (_JSONLD_PUBLISHED, _TIME_TAG):
        m = rx.search(text)
        if m and (day := _loose_date(m.group(1))):
            return PublishedDate(day, "html", "day", m.group(1))
    return None


@dataclass(slots=True, frozen=True)
class _PubPatterns:
    paren: re.Pattern[str]  # "Sabtu (10/8/2019)", "Kamis (30/4)"
    line: re.Pattern[str]  # "Jakarta, 10 Agustus 2019", "TRIPOLI, Jan 8 (Reuters)", "January 8, 2020"
    header: re.Pattern[str]  # "Published: 2020-01-08", "Tanggal: 10 Agustus 2019"
    months: dict[str, int]


@cache
def _pub_patterns() -> _PubPatterns:
    """Dateline patterns over the names of every supported language (the language of a page is often not
    known yet when its date is read)."""
    schemas = [load_dates_schema(code) for code in SUPPORTED]
    months = {_norm(n): i + 1 for s in schemas for i, names in enumerate(s.months) for n in names}
    weekdays = [n for s in schemas for names in s.weekdays for n in names]
    ordinals = [o for s in schemas for o in s.ordinal_suffixes]
    labels = [w for s in schemas for w in s.header_labels]
    mon = _alt(list(months)) + r"(?!\w)\.?"
    ordinal = (_alt(ordinals) + "?") if ordinals else ""
    year = r"(?:19|20)\d{2}(?!\d)"
    wd = _alt(weekdays + list(_RFC_WEEKDAYS))
    date = (
        rf"(?:(?P<d1>\d{{1,2}}){ordinal}(?!\w)[ \t]+(?P<m1>{mon})(?:,?[ \t]+(?P<y1>{year}))?"
        rf"|(?P<m2>{mon})[ \t]+(?P<d2>\d{{1,2}}){ordinal}(?!\w)(?:,?[ \t]+(?P<y2>{year}))?"
        rf"|(?P<iy>(?:19|20)\d{{2}})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)"
        rf"|(?P<na>\d{{1,2}})/(?P<nb>\d{{1,2}})(?:/(?P<ny>\d{{4}}|\d{{2}}))?(?![\d/]))"
    )
    line = re.compile(
        # optional place ("TRIPOLI, ", "Jakarta, "), optional weekday ("Rabu, ", "Wed, "), then the date
        rf"^[ \t\"“‘'*_]*(?:(?-i:[A-Z])[^\n,()]{{0,40}}?,[ \t]*)?(?:{wd}\.?,?[ \t]+)?{date}",
        re.IGNORECASE | re.MULTILINE,
    )
    paren = re.compile(
        rf"\b{wd}[ \t]*,?[ \t]*\([ \t]*(?P<na>\d{{1,2}})/(?P<nb>\d{{1,2}})(?:/(?P<ny>\d{{4}}|\d{{2}}))?[ \t]*\)",
        re.IGNORECASE,
    )
    header = re.compile(
        rf"^[ \t]*{_alt(labels)}(?:[ \t]+(?:on|pada)[ \t]+|[ \t]*:[ \t]*)(?P<value>\S.*?)[ \t]*$",
        re.IGNORECASE | re.MULTILINE,
    )
    return _PubPatterns(paren=paren, line=line, header=header, months=months)


def _dateline_date(
    m: re.Match[str], months: dict[str, int], order: tuple[str, ...]
) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a dateline match, None when not a real date."""
    gd = m.groupdict()
    if gd.get("d1"):
        y, mo, d = gd["y1"], months[_norm(gd["m1"].rstrip("."))], int(gd["d1"])
    elif gd.get("m2"):
        y, mo, d = gd["y2"], months[_norm(gd["m2"].rstrip("."))], int(gd["d2"])
    elif gd.get("iy"):
        y, mo, d = gd["iy"], int(gd["im"]), int(gd["id"])
    else:
        dm = _numeric(int(gd["na"]), int(gd["nb"]), order)
        if dm is None:
            return None
        y, (d, mo) = gd["ny"], dm
    if not _valid_day_month(d, mo):
        return None
    year = _year2(y) if y else None
    if year is not None and _date(year, mo, d) is None:
        return None
    return year, mo, d


def _from_url(url: str) -> PublishedDate | None:
    try:
        parts = urlsplit(url.strip())
    except ValueError:  # "http://[::1": a broken URL simply says nothing
        return None
    where = parts.path + ("?" + parts.query if parts.query else "")
    for rx in (_URL_YMD, _URL_COMPACT):
        for m in rx.finditer(where):
            day = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if day:
                return PublishedDate(day, "url", "day", m.group())
    ym = _URL_YM.search(where)
    if ym and 1 <= int(ym.group(2)) <= 12:
        return PublishedDate(dt.date(int(ym.group(1)), int(ym.group(2)), 1), "url", "month", ym.group())
    y = _URL_Y.search(where)
    if y:
        return PublishedDate(dt.date(int(y.group(1)), 1, 1), "url", "year", y.group())
    return None


def find_publication_date(text: str, url: str | None = None, lang: str | None = None) -> PublishedDate | None:
    """When the article was published, from (in this order) HTML metadata, header lines, a dated dateline,
    the URL, or a dateline without a year completed by the URL's year. None when nothing says.

    A dateline with only a weekday ("TRIPOLI, MINGGU —") or no date ("WASHINGTON (Reuters) -") gives
    nothing; one with day and month but no year ("Kamis (30/4)", "TRIPOLI, Jan 8 (Reuters)") needs the
    URL for its year.
    """
    try:
        code = _code(lang) if lang else None
    except InputError:
        code = None  # an unsupported language still gets its URL and numeric datelines read
    order = tuple(load_dates_schema(code).numeric_order) if code else ("dmy",)
    text = text or ""
    pats = _pub_patterns()
    partial: tuple[int, int, str] | None = None
    if text:
        hit = _from_html(text)
        if hit:
            return hit
        top = "\n".join(text.lstrip().splitlines()[:_HEADER_LINES])
        for m in pats.header.finditer(top):
            day = _loose_date(m.group("value"))
            if day is None:
                lm = pats.line.match(m.group("value"))
                ymd = _dateline_date(lm, pats.months, order) if lm else None
                if ymd and ymd[0] is not None:
                    day = _date(ymd[0], ymd[1], ymd[2])
            if day:
                return PublishedDate(day, "metadata", "day", m.group().strip())
        head = text[:_HEAD_CHARS]
        hits = sorted(
            list(pats.line.finditer(head)) + list(pats.paren.finditer(head)), key=lambda m: m.start()
        )
        for m in hits:
            ymd = _dateline_date(m, pats.months, order)
            if ymd is None:
                continue
            year, month, day_of_month = ymd
            if year is not None:
                return PublishedDate(dt.date(year, month, day_of_month), "dateline", "day", m.group().strip())
            if partial is None:
                partial = (month, day_of_month, m.group().strip())
    from_url = _from_url(url) if url else None
    if from_url and from_url.precision == "day":
        return from_url
    if partial and from_url:
        day = _date(from_url.date.year, partial[0], partial[1])
        if day:
            return PublishedDate(day, "dateline", "day", partial[2])
    return from_url
