"""Check the bundled persons file (warta/actors/data/persons.yaml).

Run:  PYTHONPATH=/work/main python scripts/check_persons.py [path]

Checks
  * the file validates against `warta.actors.schema.ActorFile`;
  * person keys are unique;
  * no surface name is given to two persons (case-, diacritic-, hyphen- and apostrophe-insensitive);
  * single-token names that are too common to stand alone (Kim, Lee, Ali, Abdullah, ...) are not listed;
  * role dates are plausible (start <= end, years within 1900..2030, open start only when the role
    began before the data horizon, i.e. not after 2010);
  * roles of one person for *different* actors do not overlap on any day. A deliberate overlap is
    accepted when the person's `note` contains the words "deliberate overlap".

Errors make the exit status 1; warnings are printed but do not fail.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import yaml

from warta.actors.schema import ActorFile

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "warta" / "actors" / "data" / "persons.yaml"

# bare tokens that must never be a person's surface name on their own
FORBIDDEN_BARE = {
    # common given names, titles and words
    "kim",
    "lee",
    "park",
    "moon",
    "khan",
    "ali",
    "abdullah",
    "abdallah",
    "salman",
    "mohammed",
    "mohamed",
    "muhammad",
    "mohammad",
    "ahmed",
    "ahmad",
    "hassan",
    "hasan",
    "hussein",
    "omar",
    "khalid",
    "khaled",
    "khalifa",
    "saleh",
    "salih",
    "mustafa",
    "mahmoud",
    "ibrahim",
    "ismail",
    "yusuf",
    "youssef",
    "hadi",
    "joko",
    "budi",
    "president",
    "king",
    "queen",
    "prince",
    "sheikh",
    "emir",
    "general",
    "minister",
    "may",
    "brown",
    "smith",
    "jones",
    "johnson",
    "wang",
    "li",
    "zhang",
    "singh",
    "kumar",
    "al",
    "bin",
    "salam",
    "amin",
    "bishop",
    "power",
    "rice",
    "gates",
    "hunt",
    "fox",
    "cooper",
    "miller",
    "harris",
    "austin",
    "carter",
    "wallace",
    "sullivan",
    "craft",
    "waltz",
    "gallant",
    "borne",
    "champagne",
    "kan",
    "the",
    "michel",
    "charles",
    "boris",
    "gabriel",
    "philippe",
    "leon",
    "ban",
    "hu",
    "agar",
    "hague",
    "conte",
    "wagner",
    "golani",
    "tatar",
    "turk",
    "blair",
    "cohen",
    "rasmussen",
    "albanese",
    # ordinary Indonesian words that are also surnames
    "bibi",
    "noda",
    "akar",
    "barak",
    "sisi",
    "abadi",
    "rohani",
    "dimas",
    "kandil",
    "salah",
    "peres",
    # ordinary English words and clashing celebrities
    "pence",
    "suga",
    "karapetyan",
    # surnames shared by several listed persons of different actors, deliberately left out
    "traore",
    "fernandez",
    "maliki",
    "al maliki",
    "barzani",
    "jaafari",
    "al jaafari",
    "maiga",
    "keita",
    "ouedraogo",
    "qassem",
    "al qurashi",
    "al houthi",
    "al thani",
    "al nahyan",
}

SINGLE_HOLDER = re.compile(
    r"^(president|prime minister|chancellor|king|queen|emperor|emir|supreme leader|secretary[- ]general|"
    r"minister (of|for) (foreign|external|defen[cs]e|national defen[cs]e)|foreign secretary|secretary of (state|defense)|"
    r"director[- ]general|chairperson|commander-in-chief|chief of (the )?(general )?staff|speaker)\b",
    re.IGNORECASE,
)
SHARED_TITLE = re.compile(r"acting|deputy|vice|interim|caretaker|member|alternate", re.IGNORECASE)
HANDOVER = 3  # days

HORIZON = dt.date(2010, 1, 1)
EARLIEST = dt.date(1900, 1, 1)
LATEST = dt.date(2030, 12, 31)

_TRANSLIT = str.maketrans(
    {"ı": "i", "ø": "o", "ł": "l", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ð": "d", "þ": "th"}
)


def norm(name: str) -> str:
    """Case-, diacritic-, hyphen- and apostrophe-insensitive form of a surface name."""
    s = unicodedata.normalize("NFKD", name.casefold().translate(_TRANSLIT))
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = re.sub(r"[\u2018\u2019\u02bc'`´]", "", s)
    s = re.sub(r"[-\u2010-\u2015.]", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def overlap(a, b) -> tuple[dt.date, dt.date] | None:
    lo = max(a.start or dt.date.min, b.start or dt.date.min)
    hi = min(a.end or dt.date.max, b.end or dt.date.max)
    return (lo, hi) if lo <= hi else None


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors: list[str] = []
    warnings: list[str] = []
    try:
        data = ActorFile.model_validate(raw)
    except Exception as exc:  # pydantic.ValidationError
        print(f"SCHEMA ERROR in {path}:\n{exc}")
        return 1

    persons = data.persons
    # 1. duplicate keys
    for key, n in Counter(p.key for p in persons).items():
        if n > 1:
            errors.append(f"duplicate key {key!r} ({n}x)")

    # 2. surface names shared by persons; duplicates inside one person
    owners: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, set[str]] = defaultdict(set)
    for p in persons:
        if not p.names:
            errors.append(f"{p.key}: no surface names")
        seen_exact: set[str] = set()
        for n in p.names:
            if n != n.strip() or not n.strip():
                errors.append(f"{p.key}: blank or padded name {n!r}")
            if n.casefold() in seen_exact:
                warnings.append(f"{p.key}: name listed twice {n!r}")
            seen_exact.add(n.casefold())
            owners[norm(n)].add(p.key)
            shown[norm(n)].add(n)
            if norm(n) in FORBIDDEN_BARE:
                errors.append(f"{p.key}: bare name {n!r} is too common to stand alone")
        if norm(p.name) not in {norm(n) for n in p.names}:
            warnings.append(f"{p.key}: canonical name {p.name!r} not among names")
    for n, keys in sorted(owners.items()):
        if len(keys) > 1:
            errors.append(f"surface name {sorted(shown[n])} given to {sorted(keys)}")

    # 3. role dates
    for p in persons:
        for r in p.roles:
            for label, d in (("start", r.start), ("end", r.end)):
                if d is not None and not (EARLIEST <= d <= LATEST):
                    errors.append(f"{p.key}: role {r.title!r} {label} {d} out of range")
            if r.start is None and r.end is not None and r.end < HORIZON:
                warnings.append(f"{p.key}: role {r.title!r} ended {r.end}, before the horizon")
        # same actor, same title, overlapping twice is probably a typo
        for i, a in enumerate(p.roles):
            for b in p.roles[i + 1 :]:
                if a.actor == b.actor and a.title == b.title and overlap(a, b):
                    hit = overlap(a, b)
                    if a.start != b.start or a.end != b.end:
                        if hit and hit[0] != hit[1]:
                            warnings.append(
                                f"{p.key}: role {a.title!r} for {a.actor} listed twice with overlap {hit}"
                            )

    # 4. different actors on the same day
    for p in persons:
        deliberate = "deliberate overlap" in (p.note or "").lower()
        for i, a in enumerate(p.roles):
            for b in p.roles[i + 1 :]:
                if a.actor == b.actor:
                    continue
                hit = overlap(a, b)
                if hit:
                    msg = (
                        f"{p.key}: {a.actor} ({a.title}) and {b.actor} ({b.title}) overlap "
                        f"{hit[0] if hit[0] != dt.date.min else '-'} .. {hit[1] if hit[1] != dt.date.max else '-'}"
                    )
                    (warnings if deliberate else errors).append(msg + (" [deliberate]" if deliberate else ""))

    # 5. single-holder offices held by two persons at once (a hint at a date error; warning only).
    #    A handover overlap of up to HANDOVER days is normal (end = the day the successor took office).
    holders: dict[tuple[str, str], list] = defaultdict(list)
    for p in persons:
        for r in p.roles:
            if SINGLE_HOLDER.search(r.title) and not SHARED_TITLE.search(r.title):
                holders[(r.actor, r.title.casefold())].append((p.key, r))
    for (actor, _title), lst in sorted(holders.items()):
        for i, (ka, a) in enumerate(lst):
            for kb, b in lst[i + 1 :]:
                if ka == kb:
                    continue
                hit = overlap(a, b)
                if hit and (hit[1] - hit[0]).days > HANDOVER:
                    warnings.append(
                        f"office {actor} {a.title!r} held by {ka} and {kb} at once "
                        f"{hit[0] if hit[0] != dt.date.min else '-'} .. {hit[1] if hit[1] != dt.date.max else '-'}"
                    )

    # summary
    n_roles = sum(len(p.roles) for p in persons)
    actors = Counter(r.actor for p in persons for r in p.roles)
    open_roles = sum(1 for p in persons for r in p.roles if r.end is None)
    print(
        f"{path}: {len(persons)} persons, {n_roles} roles ({open_roles} open-ended), "
        f"{sum(len(p.names) for p in persons)} surface names, {len(actors)} actor keys"
    )
    print("actor keys:", ", ".join(f"{k}={v}" for k, v in sorted(actors.items())))
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print(f"{len(errors)} errors, {len(warnings)} warnings")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
