#!/usr/bin/env python3
"""Check the bundled actor data and role nouns.

Loads every `warta/actors/data/*.yaml` with `ActorFile` and every `warta/lang/*/roles.yaml` with `RoleFile`,
then reports:

  errors (exit status 1)
    - schema validation errors
    - duplicate actor keys (within and across files)
    - the same surface name (case-, diacritic- and whitespace-insensitive) given to two different actors in
      one language (`all` counts for every language); names and adjectives together
    - a `case_sensitive` entry that is not one of the actor's names or adjectives
    - a `parent` or `country` that is not a known actor key / state key
    - state keys that are not ISO 3166-1 alpha-3 (XKX, Kosovo, is allowed)
    - duplicate role texts within one roles.yaml
  warnings (printed, exit status 0)
    - names that clash only when punctuation is ignored ("U.S." vs "US")
    - a role noun that is also an actor name in the same language
    - the same name listed twice for one actor (diacritic variants such as "Élysée"/"Elysee" are allowed)

Usage: python scripts/check_actor_data.py [--quiet]
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import yaml
from pydantic import ValidationError

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warta.actors.schema import ActorFile, RoleFile  # noqa: E402

DATA = ROOT / "warta" / "actors" / "data"
LANG = ROOT / "warta" / "lang"
LANGS = ("id", "en")
ALLOWED_NON_ISO_STATES = {"XKX"}


def fold(s: str) -> str:
    """Case-, diacritic- and whitespace-insensitive form."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", " ", s).strip().casefold()


def fold_loose(s: str) -> str:
    """`fold` and also ignore punctuation ("U.S." == "US", "al-Qaeda" == "al Qaeda")."""
    return re.sub(r"[^\w ]+", "", re.sub(r"[-/]", " ", fold(s))).replace("  ", " ").strip()


def load_yaml(path: Path):
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def main(argv: list[str]) -> int:
    quiet = "--quiet" in argv
    errors: list[str] = []
    warnings: list[str] = []

    # ---- actor files -----------------------------------------------------------------------------------
    actors = []  # (file, ActorEntry)
    for path in sorted(DATA.glob("*.yaml")):
        try:
            af = ActorFile.model_validate(load_yaml(path))
        except ValidationError as e:
            errors.append(f"{path.relative_to(ROOT)}: schema error:\n{e}")
            continue
        except yaml.YAMLError as e:
            errors.append(f"{path.relative_to(ROOT)}: YAML error: {e}")
            continue
        actors += [(path.name, a) for a in af.actors]

    keys: dict[str, str] = {}
    for fn, a in actors:
        if a.key in keys:
            errors.append(f"duplicate key {a.key} ({keys[a.key]} and {fn})")
        keys[a.key] = fn

    try:
        import pycountry

        iso3 = {c.alpha_3 for c in pycountry.countries}
    except ImportError:  # pragma: no cover
        iso3 = set()
    state_keys = {a.key for _, a in actors if a.kind == "state"}
    for fn, a in actors:
        if a.kind == "state":
            if iso3 and a.key not in iso3 and a.key not in ALLOWED_NON_ISO_STATES:
                errors.append(f"{fn}: state key {a.key} is not ISO 3166-1 alpha-3")
            if a.country != a.key:
                errors.append(f"{fn}: state {a.key} has country {a.country}")
        if a.parent and a.parent not in keys:
            errors.append(f"{fn}: {a.key} has unknown parent {a.parent}")
        if a.country and a.country not in state_keys:
            errors.append(f"{fn}: {a.key} has unknown country {a.country}")
        if "." in a.key:
            prefix = a.key.split(".")[0]
            if prefix not in state_keys:
                errors.append(f"{fn}: {a.key}: prefix {prefix} is not a state key")
            elif a.country and a.country != prefix:
                errors.append(f"{fn}: {a.key}: country {a.country} differs from the key prefix")
        surfaces = a.names.every() + a.adjectives.every()
        folded_surfaces = {fold(s) for s in surfaces}
        for cs in a.case_sensitive:
            if fold(cs) not in folded_surfaces:
                errors.append(f"{fn}: {a.key}: case_sensitive {cs!r} is not among its names/adjectives")
        for field in ("names", "adjectives"):
            nm = getattr(a, field)
            for lang in ("all", *LANGS):
                seen: dict[str, str] = {}
                for s in getattr(nm, lang):
                    if not s.strip():
                        errors.append(f"{fn}: {a.key}: empty {field}.{lang} entry")
                    f = s.casefold()  # diacritic variants of one name are allowed
                    if f in seen:
                        warnings.append(f"{fn}: {a.key}: {field}.{lang} lists {s!r} twice ({seen[f]!r})")
                    seen[f] = s
            for lang in LANGS:
                both = {s.casefold() for s in nm.all} & {s.casefold() for s in getattr(nm, lang)}
                for f in sorted(both):
                    warnings.append(f"{fn}: {a.key}: {field} {f!r} is in both `all` and `{lang}`")

    # ---- name clashes per language -----------------------------------------------------------------------
    # surface -> {key: [where]}
    for lang in LANGS:
        exact: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        loose: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for fn, a in actors:
            for field in ("names", "adjectives"):
                for s in getattr(a, field).for_lang(lang):
                    exact[fold(s)][a.key].append(f"{s!r} ({fn} {field})")
                    loose[fold_loose(s)][a.key].append(s)
        for f, by_key in sorted(exact.items()):
            if len(by_key) > 1:
                detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in by_key.items())
                errors.append(f"[{lang}] name {f!r} points at {len(by_key)} actors: {detail}")
        exact_clashes = {f for f, by_key in exact.items() if len(by_key) > 1}
        for f, by_key in sorted(loose.items()):
            if len(by_key) > 1:
                forms = {fold(x) for v in by_key.values() for x in v}
                if forms & exact_clashes:
                    continue
                detail = "; ".join(f"{k}: {', '.join(v)}" for k, v in by_key.items())
                warnings.append(f"[{lang}] names equal without punctuation ({f!r}): {detail}")

    # ---- role files --------------------------------------------------------------------------------------
    role_counts = {}
    for lang in LANGS:
        path = LANG / lang / "roles.yaml"
        if not path.exists():
            errors.append(f"{path.relative_to(ROOT)} missing")
            continue
        try:
            rf = RoleFile.model_validate(load_yaml(path))
        except (ValidationError, yaml.YAMLError) as e:
            errors.append(f"{path.relative_to(ROOT)}: schema error:\n{e}")
            continue
        seen: dict[str, str] = {}
        for t in rf.titles:
            f = t.text.casefold()  # diacritic variants ("charge"/"chargé") are allowed
            if f in seen:
                errors.append(
                    f"{path.relative_to(ROOT)}: title {t.text!r} listed twice ({seen[f]} / {t.kind})"
                )
            seen[f] = t.kind
            if t.text != t.text.strip() or not t.text:
                errors.append(f"{path.relative_to(ROOT)}: title {t.text!r} has stray whitespace")
        names_here = {}
        for _, a in actors:
            for s in a.names.for_lang(lang) + a.adjectives.for_lang(lang):
                names_here[fold(s)] = a.key
        for t in rf.titles:
            if fold(t.text) in names_here:
                warnings.append(
                    f"{path.relative_to(ROOT)}: role {t.text!r} is also a name of {names_here[fold(t.text)]}"
                )
        for group in ("links", "pronouns", "plural_pronouns"):
            vals = [fold(x) for x in getattr(rf, group)]
            dups = {v for v in vals if vals.count(v) > 1}
            for d in sorted(dups):
                errors.append(f"{path.relative_to(ROOT)}: {group} lists {d!r} twice")
        n_person = sum(t.kind == "person" for t in rf.titles)
        role_counts[lang] = (len(rf.titles), n_person, len(rf.titles) - n_person)

    # ---- report ----------------------------------------------------------------------------------------
    by_file: dict[str, int] = defaultdict(int)
    for fn, _ in actors:
        by_file[fn] += 1
    if not quiet:
        for fn, n in sorted(by_file.items()):
            print(f"{fn}: {n} actors")
        for lang, (n, p, o) in role_counts.items():
            print(f"lang/{lang}/roles.yaml: {n} titles ({p} person, {o} organ)")
        for w in warnings:
            print(f"warning: {w}")
    for e in errors:
        print(f"ERROR: {e}")
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
