"""Whole pipeline speed (read to events) on ~4 KB articles, one core, and memory flatness.

    python benchmarks/bench_pipeline.py [--articles 400] [--places/--no-places]

Articles are built from the bundled examples (cleaned text of our own writing) cut or repeated to ~4 KB
each and varied so no two are identical. Prints articles/second (median of 5 runs after a warm-up) and
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
    root = Path(str(resources.files("warta").joinpath("examples")))
    texts = [p.read_text(encoding="utf-8") for p in sorted(root.glob("*.txt"))]
    base = "\n\n".join(texts)
    out = []
    for i in range(n):
        start = (i * 977) % max(1, len(base) - 4096)
        out.append(f"Artikel {i}.\n\n" + base[start : start + 4000])
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
    pipe = Pipeline.build(places=not args.no_places)
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
