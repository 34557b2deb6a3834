"""The actor knowledge base: bundled YAML data plus user dictionaries layered over it.

Layers, last wins for the same key: bundled `warta/actors/data/*.yaml`, then files named by
`WARTA_ACTORS` (paths separated by os.pathsep), then files passed explicitly (`--actors FILE`).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import yaml
from pydantic import ValidationError

from ..cache import load_yaml_cached
from ..errors import DataFileError, E
from .schema import ActorEntry, ActorFile, PersonEntry, RoleFile, TitleEntry


def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x5B):
        table[code] = chr(code + 32)
    for code in range(0xC0, 0x2000):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        table[code] = base if len(base) == 1 else ch
    for ch in "’‘`´":
        table[ord(ch)] = "'"
    for ch in "‐‑‒–—":
        table[ord(ch)] = "-"
    return table


_FOLD = _fold_table()  # built once at import; never changed


def fold(text: str) -> str:
    """Case- and diacritic-insensitive form with the same length as `text` (offsets stay valid)."""
    return text.translate(_FOLD)


def fold_name(name: str) -> str:
    return " ".join(fold(name).split())


@dataclass(slots=True)
class LintIssue:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(slots=True)
class ActorKB:
    actors: dict[str, ActorEntry] = field(default_factory=dict)
    persons: dict[str, PersonEntry] = field(default_factory=dict)
    roles: dict[str, RoleFile] = field(default_factory=dict)  # per language
    sources: dict[str, str] = field(default_factory=dict)  # key -> file it came from
    issues: list[LintIssue] = field(default_factory=list)

    def titles(self, lang: str) -> list[TitleEntry]:
        rf = self.roles.get(lang)
        return list(rf.titles) if rf else []

    def actor_names(self) -> set[str]:
        """Every folded name of every actor (states, organisations, groups), persons left out."""
        out: set[str] = set()
        for a in self.actors.values():
            out.update(fold_name(n) for n in a.names.every())
            out.update(fold_name(n) for n in a.case_sensitive)
        return out

    def surface_names(self) -> set[str]:
        """Every folded name of every actor and person, in any language (for the glued-word guard)."""
        out: set[str] = set()
        for a in self.actors.values():
            out.update(fold_name(n) for n in a.names.every())
            out.update(fold_name(n) for n in a.case_sensitive)
        for p in self.persons.values():
            out.update(fold_name(n) for n in p.names)
            out.update(fold_name(n).split()[-1] for n in p.names)
        return out


def _bundled_files() -> list[Path]:
    root = resources.files("warta.actors").joinpath("data")
    return sorted(Path(str(p)) for p in root.iterdir() if str(p).endswith(".yaml"))


def _load_file(path: Path) -> ActorFile:
    try:
        raw = load_yaml_cached(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise DataFileError(E.E106.fmt(path=path, detail=err.strerror or str(err))) from err
    except yaml.YAMLError as err:
        raise DataFileError(E.E106.fmt(path=path, detail=" ".join(str(err).split())[:200])) from err
    if raw is None:
        return ActorFile()
    try:
        return ActorFile.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(x) for x in first["loc"])
        entry = _entry_hint(raw, first["loc"])
        raise DataFileError(E.E106.fmt(path=path, detail=f"{loc}{entry}: {first['msg']}")) from err


def _entry_hint(raw: object, loc: Sequence[object]) -> str:
    try:
        node = raw[loc[0]][loc[1]]  # type: ignore[index]
        key = node.get("key") if isinstance(node, dict) else None
        return f" ({key})" if key else ""
    except (KeyError, IndexError, TypeError):
        return ""


def _load_roles(lang: str) -> RoleFile:
    from ..lang import read_yaml

    raw = read_yaml(lang, "roles.yaml")
    if raw is None:
        return RoleFile()
    try:
        return RoleFile.model_validate(raw)
    except ValidationError as err:
        first = err.errors()[0]
        raise DataFileError(
            E.E106.fmt(path=f"warta/lang/{lang}/roles.yaml", detail=f"{first['loc']}: {first['msg']}")
        ) from err


def load_kb(extra: Iterable[str | Path] = (), languages: Sequence[str] = ("id", "en")) -> ActorKB:
    env = [p for p in os.environ.get("WARTA_ACTORS", "").split(os.pathsep) if p]
    return _load_kb(tuple(str(p) for p in extra), tuple(languages), tuple(env))


@cache
def _load_kb(extra: tuple[str, ...], languages: tuple[str, ...], env: tuple[str, ...] = ()) -> ActorKB:
    kb = ActorKB()
    # three layers, each replacing the same keys of the one before: bundled, WARTA_ACTORS, --actors
    layers = (("bundled", _bundled_files()), ("env", [Path(p) for p in env]), ("user", [Path(p) for p in extra]))
    for layer, paths in layers:
        seen_here: dict[str, str] = {}
        for path in paths:
            data = _load_file(path)
            for a in data.actors:
                if a.key in seen_here:
                    kb.issues.append(LintIssue(str(path), f"duplicate actor key {a.key} (also in {seen_here[a.key]})"))
                seen_here[a.key] = str(path)
                kb.actors[a.key] = a  # a user layer replaces a bundled entry with the same key
                kb.sources[a.key] = str(path)
            for p in data.persons:
                if p.key in seen_here:
                    kb.issues.append(LintIssue(str(path), f"duplicate person key {p.key} (also in {seen_here[p.key]})"))
                seen_here[p.key] = str(path)
                kb.persons[p.key] = p
                kb.sources[p.key] = str(path)
        del layer
    for lang in languages:
        kb.roles[lang] = _load_roles(lang)
    kb.issues.extend(lint_kb(kb))
    return kb


def lint_kb(kb: ActorKB) -> list[LintIssue]:
    """Clashes and dangling references; duplicates are found while loading."""
    issues: list[LintIssue] = []
    owner: dict[tuple[str, str], str] = {}
    for a in kb.actors.values():
        src = kb.sources.get(a.key, "?")
        if a.key.startswith("TODO"):
            issues.append(LintIssue(src, f"{a.key}: an uncurated suggestion (set its key, country and sector)"))
        if a.parent and a.parent not in kb.actors:
            issues.append(LintIssue(src, f"{a.key}: parent {a.parent} is not a known actor"))
        for lang in ("all", "id", "en"):
            for n in getattr(a.names, lang):
                for lg in (("id", "en") if lang == "all" else (lang,)):
                    k = (lg, fold_name(n))
                    if k in owner and owner[k] != a.key:
                        issues.append(LintIssue(src, f"name {n!r} ({lg}) given to {owner[k]} and {a.key}"))
                    owner[k] = a.key
    for p in kb.persons.values():
        src = kb.sources.get(p.key, "?")
        for r in p.roles:
            if r.actor not in kb.actors:
                issues.append(LintIssue(src, f"{p.key}: role actor {r.actor} is not a known actor"))
        for n in p.names:
            for lg in ("id", "en"):
                k = (lg, fold_name(n))
                if k in owner and owner[k] != p.key:
                    issues.append(LintIssue(src, f"name {n!r} given to {owner[k]} and person {p.key}"))
                owner[k] = p.key
    return issues
