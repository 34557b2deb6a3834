"""API latency at 100,000 events and the dashboard's first-view render time.

    python benchmarks/bench_serve.py [--events 100000] [--requests 200] [--no-browser]

1. Builds a store of synthetic events (rows inserted straight into the events and documents tables in one
   transaction: plausible actor keys, types, dates over five years, places for 60%, 1% of documents
   re-ingested as a second version), starts the app in-process and times each endpoint over N requests
   through httpx's ASGI transport (no socket), cycling the filter values; prints p50/p95 in milliseconds.
2. Serves the demo store (the bundled examples, with places) with uvicorn on a local port and loads the
   dashboard in headless Chromium 5 times, each in a fresh browser context (no cache): the figure is the
   time from navigation start until every view (map, timeline, network, list) is drawn, as the page
   itself records it (`window.wartaReadyAt`). The same over the synthetic store follows.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import httpx

from warta.serve import create_app
from warta.serve.queries import TYPES
from warta.store import Store

ACTORS = [
    # key, name, country, sector
    ("USA", "United States", "USA", "GOV"), ("RUS", "Russia", "RUS", "GOV"), ("RUS.MIL", "Russian military", "RUS", "MIL"),
    ("UKR", "Ukraine", "UKR", "GOV"), ("UKR.MIL", "Ukrainian military", "UKR", "MIL"), ("ISR", "Israel", "ISR", "GOV"),
    ("ISR.MIL", "Israeli military", "ISR", "MIL"), ("PSE", "Palestine", "PSE", "GOV"), ("PSE.HAMAS", "Hamas", "PSE", "REB"),
    ("IRN", "Iran", "IRN", "GOV"), ("SYR", "Syria", "SYR", "GOV"), ("TUR", "Turkey", "TUR", "GOV"), ("EGY", "Egypt", "EGY", "GOV"),
    ("QAT", "Qatar", "QAT", "GOV"), ("SAU", "Saudi Arabia", "SAU", "GOV"), ("YEM.HOUTHI", "Houthis", "YEM", "REB"),
    ("GBR", "United Kingdom", "GBR", "GOV"), ("FRA", "France", "FRA", "GOV"), ("DEU", "Germany", "DEU", "GOV"),
    ("CHN", "China", "CHN", "GOV"), ("IDN", "Indonesia", "IDN", "GOV"), ("MMR", "Myanmar", "MMR", "GOV"),
    ("MMR.MIL", "Tatmadaw", "MMR", "MIL"), ("SDN.SAF", "Sudanese Armed Forces", "SDN", "MIL"),
    ("SDN.RSF", "Rapid Support Forces", "SDN", "REB"), ("UN", "United Nations", None, "IGO"), ("EU", "European Union", None, "IGO"),
    ("CIVILIANS", "civilians", None, "CVL"), ("ARM", "Armenia", "ARM", "GOV"), ("AZE", "Azerbaijan", "AZE", "GOV"),
]
PLACES = [
    ("Kyiv", "UKR", 50.45, 30.52), ("Kharkiv", "UKR", 49.99, 36.23), ("Moscow", "RUS", 55.75, 37.62),
    ("Gaza", "PSE", 31.50, 34.47), ("Rafah", "PSE", 31.30, 34.25), ("Tel Aviv", "ISR", 32.08, 34.78),
    ("Damascus", "SYR", 33.51, 36.29), ("Aleppo", "SYR", 36.20, 37.16), ("Tehran", "IRN", 35.69, 51.39),
    ("Cairo", "EGY", 30.04, 31.24), ("Doha", "QAT", 25.29, 51.53), ("Sanaa", "YEM", 15.37, 44.19),
    ("Khartoum", "SDN", 15.50, 32.56), ("El Fasher", "SDN", 13.63, 25.35), ("Naypyidaw", "MMR", 19.75, 96.13),
    ("Jakarta", "IDN", -6.21, 106.85), ("Washington", "USA", 38.90, -77.04), ("Brussels", "BEL", 50.85, 4.35),
    ("Baku", "AZE", 40.41, 49.87), ("Yerevan", "ARM", 40.18, 44.51), ("Beijing", "CHN", 39.90, 116.40),
]
INTENSITY = {"AGREE": 4.0, "CONSULT": 1.0, "SUPPORT": 3.0, "CONCEDE": 5.0, "COOPERATE": 6.0, "AID": 7.0,
             "RETREAT": 5.0, "REQUEST": -1.5, "ACCUSE": -2.5, "REJECT": -4.0, "THREATEN": -6.0, "PROTEST": -6.5,
             "SANCTION": -7.0, "MOBILIZE": -7.5, "COERCE": -8.0, "ASSAULT": -10.0}
TYPE_WEIGHTS = {"CONSULT": 18, "ASSAULT": 20, "AGREE": 10, "SUPPORT": 10, "ACCUSE": 9, "REQUEST": 8, "AID": 5,
                "THREATEN": 4, "REJECT": 4, "COERCE": 4, "RETREAT": 2, "CONCEDE": 2, "SANCTION": 1, "MOBILIZE": 1,
                "COOPERATE": 1, "PROTEST": 1}
START = dt.date(2020, 1, 1)
DAYS = 5 * 365


def build_store(path: Path, n_events: int, per_doc: int = 5, seed: int = 7) -> None:
    rnd = random.Random(seed)
    types, weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    with Store(path) as st:  # creates the schema
        db = st.db
        db.execute("BEGIN")
        n_docs = n_events // per_doc
        docs, events = [], []
        for d in range(n_docs):
            published = START + dt.timedelta(days=rnd.randrange(DAYS))
            versions = 2 if rnd.random() < 0.01 else 1
            for v in range(1, versions + 1):
                doc_hash = hashlib.md5(f"{d}/{v}".encode()).hexdigest()
                doc_id = f"article-{d}.txt"
                text = f"Synthetic article {d} version {v}. " * 8
                docs.append((doc_hash, doc_id, v, f"https://news.example/{d}", f"Article {d}", published.isoformat(),
                             "metadata", "en", text, "{}", "[]", None, "2025-01-01T00:00:00+00:00"))
                for s in range(per_doc):
                    if v == 1 and versions == 2 and s >= per_doc // 2:
                        continue  # superseded versions are smaller: the total stays near n_events
                    events.append(_event(rnd, types, weights, doc_hash, doc_id, s, published))
        db.executemany("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", docs)
        db.executemany(
            "INSERT INTO events(doc_hash, doc_id, sentence, type, mode, quad, intensity, source_key, source_country,"
            " target_key, target_country, date, date_precision, place_name, place_country, lat, lon, negated,"
            " hypothetical, confidence, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            events[:n_events],
        )
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _event(rnd: random.Random, types: list[str], weights: list[int], doc_hash: str, doc_id: str, s: int,
           published: dt.date) -> tuple[Any, ...]:
    typ = rnd.choices(types, weights)[0]
    src = rnd.choice(ACTORS)
    tgt = rnd.choice([a for a in ACTORS if a[0] != src[0]]) if typ not in ("PROTEST", "MOBILIZE") or rnd.random() < 0.5 else None
    date = published - dt.timedelta(days=rnd.randrange(4)) if rnd.random() < 0.9 else None
    place = rnd.choice(PLACES) if rnd.random() < 0.6 else None
    negated, hypothetical = rnd.random() < 0.03, rnd.random() < 0.05
    words = f"{src[1]} {typ.lower()} {tgt[1] if tgt else ''}".strip()
    off = 20 * s

    def actor(a: tuple[str, str, str | None, str] | None, start: int) -> dict[str, Any] | None:
        if a is None:
            return None
        return {"key": a[0], "name": a[1], "country": a[2], "sector": a[3], "text": a[1], "start": start, "end": start + len(a[1])}

    d = {
        "doc": doc_id, "doc_url": None, "sentence": s, "lang": "en", "type": typ, "mode": None, "context": [],
        "quad": TYPES[typ], "intensity": INTENSITY[typ], "source": actor(src, off),
        "target": actor(tgt, off + len(words) - len(tgt[1])) if tgt else None,
        "date": date.isoformat() if date else None, "date_precision": "day" if date else None,
        "place": {"name": place[0], "country": place[1], "admin1": None, "lat": place[2], "lon": place[3],
                  "id": None, "feature": "PPL"} if place else None,
        "evidence": {"text": words, "start": off, "end": off + len(words)}, "negated": negated,
        "hypothetical": hypothetical, "confidence": 0.7, "coder": "synthetic",
    }
    return (doc_hash, doc_id, s, typ, None, TYPES[typ], INTENSITY[typ], src[0], src[2], tgt[0] if tgt else None,
            tgt[2] if tgt else None, d["date"], d["date_precision"], place[0] if place else None,
            place[1] if place else None, place[2] if place else None, place[3] if place else None,
            int(negated), int(hypothetical), 0.7, json.dumps(d))


def cycle(values: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    i = 0
    while True:
        yield values[i % len(values)]
        i += 1


YEARS = [str(y) for y in range(2020, 2025)]
MIXES: list[tuple[str, str, list[dict[str, Any]]]] = [
    ("/events", "no filter (newest 100)", [{}]),
    ("/events", "actor (RUS, ISR, USA ...)", [{"actor": a} for a in ("RUS", "ISR", "USA", "SDN.RSF", "CHN", "UN")]),
    ("/events", "type + one year", [{"type": "ASSAULT", "since": f"{y}-01-01", "until": f"{y}-12-31"} for y in YEARS]),
    ("/events", "dyad, include_all", [{"dyad": d, "include_all": "true"} for d in ("RUS,UKR", "ISR,PSE.HAMAS", "USA,IRN")]),
    ("/events", "bbox + quad", [{"bbox": "30,44,40,53", "quad": "material_conflict"}, {"bbox": "33,29,36,34"}]),
    ("/events", "limit 1000", [{"limit": 1000}]),
    ("/events", "cursor page 20 (of 100)", [{"_cursor_depth": 20}]),
    ("/events", "q (text in evidence)", [{"q": w} for w in ("assault", "russia", "consult")]),
    ("/network", "whole store", [{}]),
    ("/network", "one year", [{"since": f"{y}-01-01", "until": f"{y}-12-31"} for y in YEARS]),
    ("/network", "types, min_count 5", [{"type": "ASSAULT,COERCE", "min_count": 5}]),
    ("/network", "actor (ego network)", [{"actor": a} for a in ("RUS", "ISR", "USA")]),
    ("/timeline", "per day, per quad", [{}]),
    ("/actors", "all", [{}]),
]


async def time_api(db: Path, requests: int) -> list[tuple[str, str, float, float]]:
    t = time.perf_counter()
    app = create_app(db)
    print(f"app start-up (indexes, planner statistics): {time.perf_counter() - t:.2f} s")
    out = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as c:
        deep: str | None = None
        r = None
        for _ in range(20):  # the cursor of page 20, for the deep-page mix
            r = (await c.get("/events", params={"cursor": deep} if deep else {})).json()
            deep = r["next"]
        for path, label, params in MIXES:
            values = cycle(params)
            await c.get(path, params={k: v for k, v in params[0].items() if not k.startswith("_")})  # warm
            times = []
            for _ in range(requests):
                p = dict(next(values))
                if "_cursor_depth" in p:
                    p = {"cursor": deep}
                t0 = time.perf_counter()
                resp = await c.get(path, params=p)
                times.append((time.perf_counter() - t0) * 1000)
                assert resp.status_code == 200, resp.text
            times.sort()
            out.append((path, label, statistics.median(times), times[int(0.95 * len(times)) - 1]))
    app.state.writer.close()
    return out


def demo_store(path: Path) -> None:
    from warta.config import load_settings
    from warta.ingest import ingest_paths
    from warta.pipeline import Pipeline

    ingest_paths([str(resources.files("warta").joinpath("examples"))], str(path), Pipeline.build(places=True), load_settings())


def time_browser(db: Path, loads: int = 5) -> list[float]:
    from playwright.sync_api import sync_playwright

    from warta.serve.server import serve_in_thread

    args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"]
    times = []
    with serve_in_thread(create_app(db)) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        for i in range(loads + 1):
            ctx = browser.new_context(viewport={"width": 1440, "height": 900})  # fresh: nothing cached
            page = ctx.new_page()
            page.goto(url + "/")
            page.wait_for_selector("html[data-ready='1']", timeout=60_000)
            if i:  # the first load warms the server's caches and Chromium itself
                times.append(float(page.evaluate("window.wartaReadyAt")))
            ctx.close()
        browser.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.db"
        t = time.perf_counter()
        build_store(big, args.events)
        with Store(big, readonly=True) as st:
            s = st.stats()
        print(f"synthetic store: {s.events} events, {s.documents} documents in {time.perf_counter() - t:.1f} s")
        rows = asyncio.run(time_api(big, args.requests))
        print(f"\n{'endpoint':10s} {'filters':28s} {'p50 ms':>8s} {'p95 ms':>8s}   ({args.requests} requests each, in-process)")
        for path, label, p50, p95 in rows:
            print(f"{path:10s} {label:28s} {p50:8.1f} {p95:8.1f}")
        if args.no_browser:
            return
        if not Path("/usr/bin/chromium").exists():
            print("\nno /usr/bin/chromium: first-view render time skipped")
            return
        demo = Path(tmp) / "demo.db"
        demo_store(demo)
        for label, db in (("demo store", demo), (f"synthetic store ({s.events} events)", big)):
            times = time_browser(db)
            print(f"\ndashboard first view, {label}: median {statistics.median(times):.0f} ms "
                  f"(min {min(times):.0f}, max {max(times):.0f}; {len(times)} loads, headless Chromium)")


if __name__ == "__main__":
    main()
