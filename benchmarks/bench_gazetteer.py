"""Benchmark of the WHERE stage: index build, index load, lookup() and find() throughput.

Usage: python benchmarks/bench_gazetteer.py [--rounds 5]

Builds the gazetteer into a fresh temporary cache directory (so the build is really measured), then
reloads it from there. Sentences for find() come from the seed corpus when it is present
(../shared/corpus/seeds or $WARTA_SEEDS), plus a fixed English set.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from pathlib import Path

from warta.where import Gazetteer, event_place

NAMES = (
    "Tripoli", "Kairo", "Roma", "Abu Grein", "al-Washka", "Misrata", "Washington", "Libya", "Sirte",
    "Istanbul", "Brussels", "Springfield", "San Jose", "Paris", "London", "Alexandria", "Benghazi",
    "Moscow", "Gaza", "Hodeidah", "El Fasher", "Khan Younis", "Bakhmut", "Mesir", "Nowhereville",
)  # fmt: skip

ENGLISH = (
    "The LNA retaliated on Wednesday with air strikes near the Abu Grein checkpoint, near al-Washka.",
    "In Cairo, the foreign ministers of France, Egypt, Greece and Cyprus stressed their rejection.",
    "Italian Prime Minister Giuseppe Conte held talks with Haftar in Rome on Wednesday.",
    "Saudi-led coalition jets struck Hodeidah and Sanaa, while fighting raged around Marib.",
    "Russian forces pressed on Bakhmut and Avdiivka as shells fell near the Zaporizhzhia nuclear plant.",
    "Washington said the offensive on Tripoli must stop immediately, officials told Reuters.",
)


def seed_sentences() -> list[str]:
    seeds = Path(os.environ.get("WARTA_SEEDS", str(Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds")))
    out: list[str] = []
    for path in sorted(seeds.glob("*.txt")):
        for para in path.read_text(encoding="utf-8").split("\n"):
            out.extend(s for s in re.split(r"(?<=[.!?])\s+", para.strip()) if len(s) > 20)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=5)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="warta-bench-") as tmp:
        cache = Path(tmp)
        t0 = time.perf_counter()
        gaz = Gazetteer.load(cache)
        build = time.perf_counter() - t0
        size = gaz.path.stat().st_size if gaz.path else 0
        print(f"index build:   {build:6.2f} s  ({len(gaz):,} places, {size / 2**20:.1f} MiB compiled)")

        loads = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            gaz = Gazetteer.load(cache)
            loads.append(time.perf_counter() - t0)
        print(f"index load:    {statistics.median(loads):6.3f} s  (median of {args.rounds})")

    rates = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        n = 0
        for _ in range(400):
            for name in NAMES:
                gaz.lookup(name, countries=("LBY",), lang="id")
                n += 1
        rates.append(n / (time.perf_counter() - t0))
    print(f"lookup:        {statistics.median(rates):10,.0f} lookups/s (median of {args.rounds})")

    id_sents = seed_sentences()
    sentences = [("id", s) for s in id_sents] + [("en", s) for s in ENGLISH]
    rates = []
    mentions = 0
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        n = 0
        mentions = 0
        while n < 3000:
            for lang, s in sentences:
                mentions += len(gaz.find(s, lang, countries=("LBY",)))
                n += 1
        rates.append(n / (time.perf_counter() - t0))
    print(
        f"find:          {statistics.median(rates):10,.0f} sentences/s "
        f"({len(id_sents)} seed + {len(ENGLISH)} English sentences, median of {args.rounds})"
    )

    rates = []
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        n = 0
        while n < 3000:
            for lang, s in sentences:
                # A trigger in the middle of the sentence: a worst case for the clause scan.
                mid = len(s) // 2
                event_place(s, lang, (mid, mid + 1), gaz, countries=("LBY",))
                n += 1
        rates.append(n / (time.perf_counter() - t0))
    print(f"event_place:   {statistics.median(rates):10,.0f} sentences/s (median of {args.rounds})")


if __name__ == "__main__":
    main()
