"""Throughput of `warta.when.event_date` (sentences per second, median of 5 runs).

Three sets: sentences with no date expression, sentences with one, and the whole mix (the seed articles
when ../shared/corpus is there, plus built-in Indonesian and English sentences). Run from the repository
root:  python benchmarks/bench_dates.py [--repeat N]
Targets: >= 20,000 sentences/s without a date expression, >= 5,000/s with one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run as a plain script without installing the package

from warta.when import event_date, find_date_expressions  # noqa: E402

PUBLISHED = dt.date(2020, 1, 8)
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seeds"

BUILT_IN = [
    (
        "id",
        "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya pada hari Rabu untuk mendeklarasikan gencatan senjata pada hari Minggu.",
    ),
    (
        "id",
        "Turki mendukung Pemerintahan Kesepakatan Nasional (GNA) Fayez al-Serraj yang berbasis di Tripoli dan diakui secara internasional.",
    ),
    (
        "id",
        "Pasukan GNA mengatakan pada hari Selasa bahwa mereka telah mundur dari Sirte untuk menghindari pertumpahan darah.",
    ),
    (
        "id",
        "PBB telah memimpin upaya selama berbulan-bulan untuk membuka jalan bagi gencatan senjata dan perundingan politik di Libya.",
    ),
    (
        "id",
        "Kemudian, pemboman artileri berat terdengar di sekitar bandara Mitiga di Tripoli, yang ditutup pekan lalu karena penembakan.",
    ),
    (
        "id",
        "Konflik tersebut melemahkan keamanan regional dan mendorong migrasi tidak teratur, kata pernyataan mereka.",
    ),
    (
        "id",
        "Dewan Keamanan secara informal menyatakan keprihatinannya pada 5 April, menyerukan semua pasukan untuk mengurangi aktivitas militer.",
    ),
    (
        "id",
        "Libya telah terpecah sejak tahun 2014 menjadi kubu-kubu yang bersaing yang berbasis di Tripoli dan wilayah timur.",
    ),
    (
        "en",
        "Turkey and Russia urged Libya's warring parties on Wednesday to declare a ceasefire by Sunday as rival factions clashed.",
    ),
    (
        "en",
        "Turkey backs Fayez al-Serraj's internationally recognised Government of National Accord, based in Tripoli.",
    ),
    ("en", "GNA forces said on Tuesday they had withdrawn from Sirte to avoid bloodshed."),
    (
        "en",
        "The United Nations has led efforts for months to pave the way for a ceasefire and political negotiations.",
    ),
    (
        "en",
        "Heavy artillery fire was heard near Mitiga airport, which was closed last week because of shelling and rocket fire.",
    ),
    ("en", "The conflict undermines regional security and fuels irregular migration, their statement said."),
    (
        "en",
        "Secretary of State Mike Pompeo said in a statement on April 7 that the United States opposed the offensive.",
    ),
    ("en", "Libya has been split since 2014 between rival camps based in Tripoli and the east."),
]


def _seed_sentences() -> list[tuple[str, str]]:
    if not SEEDS.is_dir():
        return []
    from warta.sentences import split_paragraph

    out = []
    for path in sorted(SEEDS.glob("*.txt")):
        lang = path.name.split(".")[-2]
        for para in path.read_text(encoding="utf-8").split("\n"):
            out.extend((lang, para[s:e]) for s, e in split_paragraph(para, frozenset()))
    return out


def _rate(sentences: list[tuple[str, str]], repeat: int) -> float:
    """Median sentences/second over 5 runs; each event gets a trigger in the middle of its sentence."""
    work = [(lang, s, (len(s) // 2, len(s) // 2 + 5)) for lang, s in sentences] * repeat
    rates = []
    for _ in range(5):
        start = time.perf_counter()
        for lang, s, trigger in work:
            event_date(s, lang, PUBLISHED, trigger)
        rates.append(len(work) / (time.perf_counter() - start))
    return statistics.median(rates)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="passes over the sentence set per run")
    args = parser.parse_args()
    mix = BUILT_IN + _seed_sentences()
    for lang, s in mix[:4]:  # load and compile the language data before timing
        event_date(s, lang, PUBLISHED)
    counts = {(lang, s): len(find_date_expressions(s, lang, PUBLISHED)) for lang, s in mix}
    none = [k for k, n in counts.items() if n == 0]
    one = [k for k, n in counts.items() if n == 1]
    print(f"sentences: {len(mix)} ({len(none)} without a date expression, {len(one)} with one)")
    for name, subset in (("no expression", none), ("one expression", one), ("mix", mix)):
        print(f"{name:>15}: {_rate(subset, args.repeat):>10,.0f} sentences/s")


if __name__ == "__main__":
    main()
