"""Event output formats: JSON Lines (the contract), CSV, a readable table, Parquet and GeoJSON."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .errors import E, InputError

FORMATS_STREAM = ("jsonl", "csv", "table")
FORMATS_EXPORT = ("jsonl", "csv", "parquet", "geojson")

CSV_COLUMNS = [
    "doc", "doc_url", "sentence", "lang", "type", "mode", "quad", "intensity",
    "source_key", "source_name", "source_country", "source_sector", "source_text",
    "target_key", "target_name", "target_country", "target_sector", "target_text",
    "date", "date_precision", "place_name", "place_country", "place_admin1", "lat", "lon",
    "evidence", "evidence_start", "evidence_end", "negated", "hypothetical", "confidence", "coder",
]


def flatten(e: dict[str, Any]) -> dict[str, Any]:
    src, tgt, place, ev = e.get("source") or {}, e.get("target") or {}, e.get("place") or {}, e.get("evidence") or {}
    return {
        "doc": e.get("doc"), "doc_url": e.get("doc_url"), "sentence": e.get("sentence"), "lang": e.get("lang"),
        "type": e.get("type"), "mode": e.get("mode"), "quad": e.get("quad"), "intensity": e.get("intensity"),
        "source_key": src.get("key"), "source_name": src.get("name"), "source_country": src.get("country"),
        "source_sector": src.get("sector"), "source_text": src.get("text"),
        "target_key": tgt.get("key"), "target_name": tgt.get("name"), "target_country": tgt.get("country"),
        "target_sector": tgt.get("sector"), "target_text": tgt.get("text"),
        "date": e.get("date"), "date_precision": e.get("date_precision"),
        "place_name": place.get("name"), "place_country": place.get("country"), "place_admin1": place.get("admin1"),
        "lat": place.get("lat"), "lon": place.get("lon"),
        "evidence": ev.get("text"), "evidence_start": ev.get("start"), "evidence_end": ev.get("end"),
        "negated": e.get("negated"), "hypothetical": e.get("hypothetical"), "confidence": e.get("confidence"),
        "coder": e.get("coder"),
    }


def write_jsonl(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    n = 0
    for e in events:
        fh.write(json.dumps(e, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_csv(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    w = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
    w.writeheader()
    n = 0
    for e in events:
        w.writerow(flatten(e))
        n += 1
    return n


def table(events: list[dict[str, Any]], title: str = "events") -> Any:
    from rich.table import Table

    t = Table(title=title, show_lines=False, expand=True)
    for col, style in (("doc", "dim"), ("date", ""), ("source", "cyan"), ("type", "bold"), ("target", "magenta"),
                       ("place", "green"), ("evidence", "")):
        t.add_column(col, style=style or None, overflow="fold")
    for e in events:
        src, tgt, place = e.get("source") or {}, e.get("target") or {}, e.get("place") or {}
        t.add_row(
            str(e.get("doc", ""))[:28],
            e.get("date") or "",
            src.get("key") or "",
            e["type"] + (f"/{e['mode']}" if e.get("mode") else ""),
            tgt.get("key") or "",
            place.get("name") or "",
            (e.get("evidence") or {}).get("text", "")[:90],
        )
    return t


def write_parquet(events: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [flatten(e) for e in events]
    cols = {c: [r[c] for r in rows] for c in CSV_COLUMNS}
    pq.write_table(pa.table(cols), path)
    return len(rows)


def write_geojson(events: Iterable[dict[str, Any]], fh: IO[str]) -> int:
    """A FeatureCollection of the events that have a place; properties are the flat CSV columns."""
    fh.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in events:
        place = e.get("place") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        feat = {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
            "properties": flatten(e),
        }
        fh.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    fh.write("\n]}\n")
    return n


def check_format(fmt: str, choices: tuple[str, ...]) -> str:
    if fmt not in choices:
        raise InputError(E.E108.fmt(fmt=fmt, choices=", ".join(choices)))
    return fmt
