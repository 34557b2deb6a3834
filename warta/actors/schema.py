"""Schema of the actor data files (YAML), validated on load.

Files under `warta/actors/data/` hold language-independent entries whose surface names are given per
language code (`id`, `en`, or `all` for names written the same way in every language). Role nouns and
titles are language data and live in `warta/lang/<code>/roles.yaml`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

KEY_RE = re.compile(r"^[A-Z][A-Z0-9_]*(\.[A-Z0-9_]+)?$")
PERSON_KEY_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# PLOVER/CAMEO-style sector codes
SECTORS = {
    "GOV",  # government, executive, diplomats
    "MIL",  # armed forces
    "LEG",  # legislature
    "JUD",  # courts
    "COP",  # police
    "SPY",  # intelligence services
    "REB",  # rebels, insurgents, armed opposition
    "OPP",  # political opposition
    "PTY",  # political party
    "CVL",  # civilians
    "PRO",  # protesters
    "REF",  # refugees, migrants, displaced
    "IGO",  # intergovernmental organisation
    "NGO",  # non-governmental organisation
    "BUS",  # business
    "MED",  # media
    "REL",  # religious
    "UAF",  # unaffiliated armed forces, militias, mercenaries
    "TER",  # designated terrorist groups
    "HLH",  # health
    "EDU",  # education
}

Kind = Literal["state", "igo", "faction", "armed_group", "ngo", "group", "party", "media", "business"]


class Names(BaseModel):
    """Surface names by language; `all` applies to every language."""

    model_config = ConfigDict(extra="forbid")
    all: list[str] = Field(default_factory=list)
    id: list[str] = Field(default_factory=list)
    en: list[str] = Field(default_factory=list)

    def for_lang(self, lang: str) -> list[str]:
        return list(self.all) + list(getattr(self, lang, []) or [])

    def every(self) -> list[str]:
        return list(self.all) + list(self.id) + list(self.en)


class ActorEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str
    name: str  # canonical English name
    kind: Kind
    country: str | None = None  # ISO 3166-1 alpha-3; None for IGOs and transnational groups
    sector: str | None = None
    parent: str | None = None  # e.g. UNSC -> UN, LBY.LNA -> LBY
    names: Names = Field(default_factory=Names)
    # adjectives/demonyms that point at the actor when they modify a noun ("Russian", "Turkish")
    adjectives: Names = Field(default_factory=Names)
    # names that only count when written in exactly this case (short acronyms such as "AS", "US", "IS")
    case_sensitive: list[str] = Field(default_factory=list)
    note: str | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not KEY_RE.match(v):
            raise ValueError(f"bad actor key {v!r}: use ISO3, ISO3.SHORT or an upper-case IGO key")
        return v

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str | None) -> str | None:
        if v is not None and v not in SECTORS:
            raise ValueError(f"unknown sector {v!r}; known: {', '.join(sorted(SECTORS))}")
        return v

    @field_validator("country")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Z]{3}", v):
            raise ValueError(f"country must be ISO 3166-1 alpha-3, got {v!r}")
        return v


class Role(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actor: str  # actor key the person acts for
    title: str  # e.g. "Secretary of State"
    sector: str = "GOV"
    start: dt.date | None = None  # None: since before the data's horizon
    end: dt.date | None = None  # None: still in office

    @field_validator("sector")
    @classmethod
    def _sector(cls, v: str) -> str:
        if v not in SECTORS:
            raise ValueError(f"unknown sector {v!r}")
        return v

    @model_validator(mode="after")
    def _dates(self) -> Role:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"role {self.title!r} ends ({self.end}) before it starts ({self.start})")
        return self

    def valid_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class PersonEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")
    key: str  # slug, e.g. mike-pompeo
    name: str
    names: list[str]  # full names and variants; the surname alone is listed explicitly when papers use it
    country: str | None = None  # nationality, used when no role is valid on the date
    roles: list[Role] = Field(default_factory=list)
    note: str | None = None

    @field_validator("key")
    @classmethod
    def _key(cls, v: str) -> str:
        if not PERSON_KEY_RE.match(v):
            raise ValueError(f"bad person key {v!r}: use a lower-case slug like mike-pompeo")
        return v


class ActorFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    actors: list[ActorEntry] = Field(default_factory=list)
    persons: list[PersonEntry] = Field(default_factory=list)


class TitleEntry(BaseModel):
    """A title or role noun: 'menteri luar negeri', 'juru bicara', 'the U.S. envoy'."""

    model_config = ConfigDict(extra="forbid")
    text: str
    sector: str = "GOV"
    # person: the title introduces a person's name ("Presiden Turki Tayyip Erdogan");
    # organ: the noun stands for a sector of the actor it is attached to ("pemerintah Libya", "pasukan Haftar")
    kind: Literal["person", "organ"] = "person"
    # a bare organ that stands for the story's own country ("the junta", "rezim"): the country the document
    # has named most so far
    home: bool = False


class RoleFile(BaseModel):
    """`warta/lang/<code>/roles.yaml`."""

    model_config = ConfigDict(extra="forbid")
    titles: list[TitleEntry] = Field(default_factory=list)
    # words linking an organ noun to its actor: "pasukan [yang dipimpin oleh] Haftar", "forces [of|loyal to]"
    links: list[str] = Field(default_factory=list)
    pronouns: list[str] = Field(default_factory=list)  # dia, ia, he, she, mereka, they, pihaknya
    plural_pronouns: list[str] = Field(default_factory=list)
