"""Whole pipeline speed (read to events) on ~4 KB articles, one core, and memory flatness.

    python benchmarks/bench_pipeline.py [--articles 400] [--places/--no-places]

Articles are built from the bundled examples (our own writing): consecutive paragraphs of one language's
examples, rotated, to ~4 KB, no paragraph twice in an article (the cleaner would drop it). Prints articles/second (median of 5 runs after a warm-up) and
the peak traced memory after 1x and 4x the articles (flat means the second is not ~4x the first).
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from importlib import resources
from pathlib import Path

from warta.pipeline import Pipeline
from warta.records import Document


def corpus(n: int) -> list[str]:
    """~4 KB articles, each in one language: an example article's paragraphs, rotated and repeated."""
    root = Path(str(resources.files("warta").joinpath("examples")))
    pools: dict[str, list[str]] = {}
    for p in sorted(root.glob("*.txt")):
        lang = "en" if ".en." in p.name else "id"
        pools.setdefault(lang, []).extend(x for x in p.read_text(encoding="utf-8").split("\n\n") if len(x) > 80)
    langs = sorted(pools)
    out = []
    for i in range(n):
        pool = pools[langs[i % len(langs)]]
        k = (i * 7) % len(pool)
        body: list[str] = []
        # consecutive paragraphs of one language, none twice (the cleaner drops repeated paragraphs)
        while sum(len(x) + 2 for x in body) < 4000 and len(body) < len(pool):
            body.append(pool[k % len(pool)])
            k += 1
        out.append(f"Artikel {i}.\n\n" + "\n\n".join(body))
    return out


def run(pipe: Pipeline, texts: list[str]) -> tuple[float, int]:
    t = time.perf_counter()
    events = 0
    for i, text in enumerate(texts):
        doc = pipe(Document(id=f"a{i}", text="", raw_text=text))
        events += len(doc.events)
    return time.perf_counter() - t, events


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=400)
    ap.add_argument("--no-places", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    # read to events, as `warta code` runs it (unknown-name discovery is for the store: `warta ingest`)
    pipe = Pipeline.build(places=not args.no_places, discover=False)
    texts = corpus(args.articles)
    run(pipe, texts[:20])  # warm-up: loads dictionaries, patterns, gazetteer
    print(f"build + warm-up: {time.perf_counter() - t0:.2f} s")
    rates = []
    for _ in range(5):
        secs, events = run(pipe, texts)
        rates.append(len(texts) / secs)
    print(f"{len(texts)} articles of ~4 KB, {events} events: median {statistics.median(rates):.0f} articles/s "
          f"(min {min(rates):.0f}, max {max(rates):.0f})")
    for mult in (1, 4):
        tracemalloc.start()
        run(pipe, texts * mult)
        _cur, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"peak traced memory over {len(texts) * mult} articles: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
