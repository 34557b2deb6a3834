"""Actor resolution speed with the whole dictionary loaded, and load time.

    python benchmarks/bench_actors.py

Prints dictionary load time: cold (YAML parsed, as on the first run after an install or an edit) and warm
(median of 5 fresh loads from the parsed-YAML cache, as on every later run); resolver build time, and
sentences/second (median of 5 runs) over sentences from the bundled examples.
"""

from __future__ import annotations

import os
import re
import statistics
import tempfile
import time
from importlib import resources
from pathlib import Path

from warta import cache
from warta.actors.kb import _load_kb, load_kb
from warta.actors.resolve import DocState, Resolver


def sentences() -> list[tuple[str, str]]:
    root = Path(str(resources.files("warta").joinpath("examples")))
    out = []
    for p in sorted(root.glob("*.txt")):
        lang = "en" if ".en." in p.name else "id"
        for s in re.split(r"(?<=[.!?])\s+", p.read_text(encoding="utf-8")):
            if len(s) > 30:
                out.append((lang, s))
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        saved = os.environ.get("WARTA_CACHE")
        os.environ["WARTA_CACHE"] = tmp
        fallback = cache.fallback_dir
        cache.fallback_dir = lambda: Path(tmp) / "fallback"  # nothing parsed before: a first run
        _load_kb.cache_clear()
        t = time.perf_counter()
        load_kb()
        cold = time.perf_counter() - t
        cache.fallback_dir = fallback
        if saved is None:
            del os.environ["WARTA_CACHE"]
        else:
            os.environ["WARTA_CACHE"] = saved
    loads = []
    for _ in range(5):
        _load_kb.cache_clear()
        t = time.perf_counter()
        kb = load_kb()
        loads.append(time.perf_counter() - t)
    t = time.perf_counter()
    res = {lang: Resolver(kb, lang) for lang in ("id", "en")}
    build = time.perf_counter() - t
    print(f"{len(kb.actors)} actors, {len(kb.persons)} persons: cold load {cold:.3f} s; load median {statistics.median(loads):.3f} s, "
          f"automata {build:.3f} s, total {statistics.median(loads) + build:.3f} s")
    sents = sentences() * 20
    rates = []
    for _ in range(5):
        state = {"id": DocState(), "en": DocState()}
        t = time.perf_counter()
        for lang, s in sents:
            res[lang].resolve(s, state[lang])
        rates.append(len(sents) / (time.perf_counter() - t))
    print(f"{len(sents)} sentences: median {statistics.median(rates):.0f} sentences/s")


if __name__ == "__main__":
    main()
