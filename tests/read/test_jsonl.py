"""JSON Lines: fields carried into documents and events; bad lines skipped with a warning, not fatal."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from pathlib import Path

from conftest import EXAMPLES, GOOD_ARTICLE

from warta.config import Settings
from warta.pipeline import Pipeline
from warta.read import ReadStats, read_paths, read_stream

FULL = {
    "id": "libya-001",
    "text": GOOD_ARTICLE,
    "published": "2020-01-08",
    "url": "https://berita.example/libya/2020/01/08/seruan",
    "title": "Turki dan Rusia menyerukan gencatan senjata",
    "lang": "id",
}


def _read(path: Path, settings: Settings) -> tuple[list, ReadStats]:
    stats = ReadStats()
    return list(read_paths([path], settings, stats)), stats


def test_jsonl_fields_carried_into_document(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [FULL])
    (doc,), stats = _read(f, settings)
    assert doc.id == "libya-001"
    assert doc.raw_text == GOOD_ARTICLE
    assert doc.published == dt.date(2020, 1, 8)
    assert (doc.published_source, doc.published_precision) == ("metadata", "day")
    assert doc.url == FULL["url"]
    assert doc.title == FULL["title"]
    assert doc.lang_hint == "id"
    assert doc.source_path == f"{f}:1"
    assert doc.warnings == []
    assert (stats.documents, stats.skipped) == (1, 0)


def test_jsonl_id_and_url_in_events(tmp_path: Path, settings: Settings, write_jsonl: Callable,
                                    pipe: Pipeline) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [FULL])
    (doc,), _ = _read(f, settings)
    doc = pipe(doc)
    assert doc.events
    for e in doc.events:
        d = e.as_dict()
        assert d["doc"] == "libya-001"
        assert d["doc_url"] == FULL["url"]
    # the publication date from the metadata anchors relative dates ("pada hari Minggu")
    assert all(e.date is None or e.date.year == 2020 for e in doc.events)


def test_jsonl_optional_fields_default(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [{"text": "Satu."}, {"id": "", "text": "Dua.", "url": ""}])
    docs, _ = _read(f, settings)
    assert [d.id for d in docs] == ["feed-1", "feed-2"]  # named after the file and line
    assert all(d.url is None and d.title is None and d.published is None and d.lang_hint is None for d in docs)


def test_jsonl_invalid_json_line_skipped_w003(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "a", "text": "Pertama."},
        '{"id": "b", "text": "terpotong',
        "ini bukan JSON",
        {"id": "c", "text": "Ketiga."},
    ])
    docs, stats = _read(f, settings)
    assert [d.id for d in docs] == ["a", "c"]
    assert stats.skipped == 2 and stats.documents == 2
    assert stats.warnings[0].startswith(f"W003 skipped {f} line 2: not valid JSON (")
    assert stats.warnings[1].startswith(f"W003 skipped {f} line 3: not valid JSON (")


def test_jsonl_line_without_text_skipped_w004(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "tanpa-teks", "title": "Judul saja"},
        {"id": "angka", "text": 42},
        [1, 2, 3],
        {"id": "baik", "text": "Teks yang baik."},
    ])
    docs, stats = _read(f, settings)
    assert [d.id for d in docs] == ["baik"]
    assert stats.skipped == 3
    assert stats.warnings == [f"W004 skipped {f} line {n}: JSON object has no 'text' string" for n in (1, 2, 3)]


def test_jsonl_bad_published_kept_with_w009(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [dict(FULL, published="2019-13-45"), dict(FULL, id="b", published="kemarin")])
    docs, stats = _read(f, settings)
    assert [d.id for d in docs] == ["libya-001", "b"]
    assert stats.skipped == 0
    for n, d in enumerate(docs, start=1):
        assert d.published is None
        assert len(d.warnings) == 1 and d.warnings[0].startswith(f"W009 {f}:{n}: bad published date")


def test_jsonl_blank_lines_ignored(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "feed.ndjson"
    f.write_text('\n{"id": "a", "text": "Satu."}\n\n   \n{"id": "b", "text": "Dua."}', encoding="utf-8")
    docs, stats = _read(f, settings)
    assert [(d.id, d.source_path) for d in docs] == [("a", f"{f}:2"), ("b", f"{f}:5")]
    assert stats.skipped == 0 and stats.warnings == []


def test_jsonl_long_lines_across_the_sniffed_head(tmp_path: Path, settings: Settings, write_jsonl: Callable) -> None:
    long_text = "Kalimat panjang tentang perundingan. " * 1000  # ~37 KB, longer than read.sniff_bytes
    f = write_jsonl(tmp_path / "feed.jsonl", [{"id": f"d{i}", "text": long_text} for i in range(3)])
    docs, _ = _read(f, settings)
    assert [d.id for d in docs] == ["d0", "d1", "d2"]
    assert all(d.raw_text == long_text for d in docs)


def test_jsonl_from_stdin_sniffed(settings: Settings) -> None:
    data = b'{"id": "s1", "text": "Dari stdin."}\n{"id": "s2", "text": "Baris kedua."}\n'
    stats = ReadStats()
    docs = list(read_stream(io.BytesIO(data), "stdin", settings, stats))
    assert [(d.id, d.raw_text) for d in docs] == [("s1", "Dari stdin."), ("s2", "Baris kedua.")]


def test_jsonl_bundled_feed(settings: Settings) -> None:
    docs, stats = _read(EXAMPLES / "news-feed.jsonl", settings)
    assert [d.id for d in docs][:2] == ["niger-2024-04-us-withdrawal.id", "syria-2024-12-aleppo.en"]
    assert docs[0].published == dt.date(2024, 4, 20) and docs[0].lang_hint == "id"
    assert stats.skipped == 0
