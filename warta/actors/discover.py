"""Discovery of actors the dictionary lacks: capitalised name sequences and acronyms that resolved to
nothing, counted across the store, with an example sentence; and a YAML stub for an analyst to curate."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import yaml

from ..records import Mention

_NAME = re.compile(
    r"\b(?:[A-Z][a-z\u00c0-\u024f'’\-]+|al-[A-Z][a-z'\-]+|[A-Z]{2,6})(?:\s+(?:al-|el-|bin\s|de\s)?(?:[A-Z][a-z\u00c0-\u024f'’\-]+|[A-Z]{2,6})){0,4}"
)
_ORG_WORDS = frozenset(
    "dewan komite komisi partai front brigade tentara pasukan gerakan aliansi kelompok milisi organisasi badan "
    "kementerian council committee party front brigade brigades army forces movement alliance group militia "
    "organisation organization agency ministry union league coalition authority".split()
)
# capitalised words that start sentences or name months and days, not actors
_STOP = frozenset(
    "the a an in on at but and or for of to after before when while it its this that these those he she they we "
    "i you his her their our yang dan di ke dari pada untuk dengan itu ini namun tetapi sementara setelah "
    "sebelum ketika menurut kata dia ia mereka kami kita saya sebuah seorang para beberapa januari februari "
    "maret april mei juni juli agustus september oktober november desember january february march may june "
    "july august october december senin selasa rabu kamis jumat sabtu minggu monday tuesday wednesday "
    "thursday friday saturday sunday reuters afp ap antara".split()
)


# titles before a name are not part of it ("Jenderal Abdul Rahman Mansour")
_TITLES = frozenset(
    "jenderal jend letjen mayjen brigjen kolonel kol letnan kapten mayor presiden menteri wakil perdana ketua "
    "syekh sheikh dr prof general gen lt col colonel captain major president minister prime deputy chairman "
    "commander komandan panglima imam raja king prince pangeran".split()
)


def find_unknown(text: str, mentions: list[Mention], is_place: Any = None) -> list[tuple[str, str]]:
    """(name, kind) for capitalised sequences that no mention covers."""
    out = []
    for m in _NAME.finditer(text):
        name = m.group(0).strip()
        words = name.split()
        while words and (words[0].lower() in _STOP or words[0].lower().rstrip(".") in _TITLES):
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = text.find(name, m.start())
        if any(x.start < start + len(name) and start < x.end for x in mentions):
            continue
        if len(words) == 1 and (start == 0 or not name.isupper() and len(name) < 4):
            continue  # one capitalised word at the start of a sentence is usually not a name
        if is_place is not None and is_place(name):
            continue
        low = {w.lower() for w in words}
        kind = "organisation" if (low & _ORG_WORDS or name.isupper()) else ("person" if 2 <= len(words) <= 4 else "name")
        out.append((name, kind))
    return out


def unknown_names(store: Any, top: int = 30) -> list[dict[str, Any]]:
    counts: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], tuple[str, int]] = {}
    for row in store.db.execute("SELECT doc_hash, sentence, name, kind FROM unknown_names"):
        key = (row["name"], row["kind"])
        counts[key] += 1
        example.setdefault(key, (row["doc_hash"], row["sentence"]))
    out = []
    for (name, kind), n in counts.most_common(top):
        h, si = example[(name, kind)]
        r = store.db.execute("SELECT text FROM sentences WHERE doc_hash = ? AND idx = ?", (h, si)).fetchone()
        out.append({"name": name, "kind": kind, "count": n, "example": r["text"] if r else ""})
    return out


def suggest_yaml(rows: list[dict[str, Any]]) -> str:
    """A stub in the actor file format: keys left as TODO so that `warta actors lint` flags uncurated ones."""
    actors, persons = [], []
    for r in rows:
        if r["kind"] == "person":
            slug = re.sub(r"[^a-z0-9]+", "-", r["name"].lower()).strip("-") or "unknown"
            persons.append({"key": slug, "name": r["name"], "names": [r["name"], r["name"].split()[-1]],
                            "country": None, "roles": [], "note": f"seen {r['count']}x: {r['example'][:160]}"})
        else:
            key = re.sub(r"[^A-Z0-9_]+", "_", r["name"].upper()).strip("_") or "UNKNOWN"
            actors.append({"key": f"TODO.{key}"[:40], "name": r["name"], "kind": "group", "country": None,
                           "sector": None, "names": {"all": [r["name"]]}, "note": f"seen {r['count']}x: {r['example'][:160]}"})
    head = ("# Suggested actors from `warta actors suggest`: curate (set key, country, sector, roles), delete the\n"
            "# rest, then pass the file with --actors or WARTA_ACTORS. TODO keys do not pass `warta actors lint`.\n")
    return head + yaml.safe_dump({"actors": actors, "persons": persons}, allow_unicode=True, sort_keys=False)
