"""Plain-text reading: encodings, skips, huge files in bounded parts, folders, stdin, missing paths."""

from __future__ import annotations

import io
import os
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import override

from warta.config import Settings
from warta.errors import InputError
from warta.read import ReadStats, read_paths, read_stream

ARTICLE = (
    "“Kami menolak rancangan itu,” kata Menteri Luar Negeri François Dupont di Bogotá pada hari Senin.\n\n"
    "Pertemuan berikutnya dijadwalkan pekan depan di São Paulo, menurut para diplomat.\n"
)


def _read(paths: list, settings: Settings) -> tuple[list, ReadStats]:
    stats = ReadStats()
    return list(read_paths(paths, settings, stats)), stats


def test_text_utf8_read_whole(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "artikel.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    docs, stats = _read([f], settings)
    assert [d.id for d in docs] == ["artikel.txt"]
    assert docs[0].raw_text == ARTICLE
    assert docs[0].source_path == str(f)
    assert docs[0].warnings == []
    assert (stats.files, stats.documents, stats.skipped, stats.warnings) == (1, 1, 0, [])


def test_text_utf8_bom_dropped(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode("utf-8"))
    docs, _ = _read([f], settings)
    assert docs[0].raw_text == ARTICLE


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_text_legacy_encoding_decoded(tmp_path: Path, settings: Settings, encoding: str) -> None:
    text = ARTICLE if encoding == "cp1252" else ARTICLE.replace("“", '"').replace("”", '"')
    f = tmp_path / "lama.txt"
    f.write_bytes(text.encode(encoding))
    docs, stats = _read([f], settings)
    assert docs[0].raw_text == text
    assert "François" in docs[0].raw_text and "São Paulo" in docs[0].raw_text
    assert len(docs[0].warnings) == 1 and docs[0].warnings[0].startswith("W005")
    assert "cp1252" in docs[0].warnings[0]
    assert stats.skipped == 0


def test_text_broken_utf8_decoded_with_w005(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "rusak.txt"
    f.write_bytes(ARTICLE.encode("utf-8")[:-20] + b"\xff\xc3(" + ARTICLE.encode("utf-8")[-20:])
    docs, stats = _read([f], settings)
    assert len(docs) == 1 and stats.skipped == 0
    text = docs[0].raw_text
    # the good characters stay good; only the broken bytes are replaced
    assert "“Kami menolak rancangan itu,”" in text and "François" in text
    assert "\ufffd" in text
    assert docs[0].warnings == [f"W005 {f}: invalid UTF-8 decoded as utf-8 with replacement characters"]


def test_text_empty_file_skipped(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "kosong.txt"
    f.write_bytes(b"")
    docs, stats = _read([f], settings)
    assert docs == []
    assert (stats.files, stats.documents, stats.skipped) == (1, 0, 1)
    assert stats.warnings == [f"W007 skipped {f}: empty file"]


@pytest.mark.parametrize(
    "name,data",
    [
        ("gambar.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4),
        ("acak.txt", bytes((i * 7919) % 256 for i in range(4096))),
        ("nul.txt", b"teks biasa\x00\x00\x00 dengan NUL"),
        ("acak.dat", bytes(1 + (i * 7919) % 255 for i in range(4096))),  # random bytes, no NUL
    ],
)
def test_text_binary_skipped_w001(tmp_path: Path, settings: Settings, name: str, data: bytes) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    docs, stats = _read([f], settings)
    assert docs == []
    assert stats.skipped == 1
    assert stats.warnings == [f"W001 skipped {f}: binary file (NUL bytes or undecodable)"]


def test_text_medium_file_keeps_its_name(tmp_path: Path, settings: Settings) -> None:
    # bigger than the sniffed head, smaller than read.max_doc_bytes: one document named after the file
    f = tmp_path / "sedang.txt"
    f.write_text(ARTICLE * 200, encoding="utf-8")
    assert f.stat().st_size > settings.get("read.sniff_bytes")
    docs, _ = _read([f], settings)
    assert [d.id for d in docs] == ["sedang.txt"]
    assert docs[0].raw_text == ARTICLE * 200


def test_text_parts_cut_at_blank_lines(tmp_path: Path, settings: Settings) -> None:
    small = override(settings, "read.max_doc_bytes", 2000)
    paras = [f"Paragraf nomor {i} tentang perundingan damai. " * 3 for i in range(100)]
    f = tmp_path / "panjang.txt"
    f.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    docs, stats = _read([f], small)
    assert len(docs) > 5
    assert [d.id for d in docs] == [f"panjang.txt#{i}" for i in range(1, len(docs) + 1)]
    assert all(len(d.raw_text.encode("utf-8")) <= 2000 for d in docs)
    # nothing lost, nothing doubled, no paragraph cut in two
    assert "".join(d.raw_text for d in docs) == f.read_text(encoding="utf-8")
    got = [p.strip() for d in docs for p in d.raw_text.split("\n\n") if p.strip()]
    assert got == [p.strip() for p in paras]
    assert stats.documents == len(docs)


def test_text_cut_inside_long_line_keeps_characters_whole(tmp_path: Path, settings: Settings) -> None:
    small = override(settings, "read.max_doc_bytes", 1001)
    text = "é“ü" * 3000  # multi-byte characters and no newline: the cut must not split one
    f = tmp_path / "baris.txt"
    f.write_text(text, encoding="utf-8")
    docs, _ = _read([f], small)
    assert len(docs) > 3
    assert "".join(d.raw_text for d in docs) == text
    assert all(d.warnings == [] for d in docs)


def test_text_huge_file_bounded_parts_and_memory(tmp_path: Path, settings: Settings) -> None:
    limit = int(settings.get("read.max_doc_bytes"))
    f = tmp_path / "besar.txt"
    para = ("Pasukan pemerintah dan pemberontak bertempur di dekat ibu kota, kata para saksi. " * 12)[:1000]
    with f.open("w", encoding="utf-8") as fh:
        for i in range(50 * 1024):
            fh.write(f"{i:06d} {para}\n\n")
    size = f.stat().st_size
    assert size > 50_000_000

    stats = ReadStats()
    ids, total = [], 0
    tracemalloc.start()
    try:
        for doc in read_paths([f], settings, stats):
            n = len(doc.raw_text.encode("utf-8"))
            assert n <= limit
            assert doc.raw_text.lstrip().startswith(tuple("0123456789"))  # cut at a paragraph start
            ids.append(doc.id)
            total += n
            del doc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(ids) >= size // limit
    assert ids == [f"besar.txt#{i}" for i in range(1, len(ids) + 1)]
    assert total == size
    assert peak < 3 * limit + 20_000_000, f"peak {peak} bytes"


def test_text_file_over_max_file_bytes_skipped(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "besar.txt"
    f.write_text(ARTICLE * 10, encoding="utf-8")
    docs, stats = _read([f], override(settings, "read.max_file_bytes", 100))
    assert docs == [] and stats.skipped == 1
    assert stats.warnings[0].startswith(f"W007 skipped {f}: file of")


def test_text_folder_recursive_hidden_skipped(tmp_path: Path, settings: Settings) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / ".git").mkdir()
    (tmp_path / "a" / "satu.txt").write_text("Satu.", encoding="utf-8")
    (tmp_path / "a" / "b" / "dua.md").write_text("Dua.", encoding="utf-8")
    (tmp_path / "a" / "b" / "tiga").write_text("Tiga.", encoding="utf-8")  # no extension: read as text
    (tmp_path / ".rahasia.txt").write_text("Tersembunyi.", encoding="utf-8")
    (tmp_path / ".git" / "config.txt").write_text("Tersembunyi juga.", encoding="utf-8")
    (tmp_path / "a" / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF")  # not a text extension
    docs, stats = _read([tmp_path], settings)
    assert sorted(d.raw_text for d in docs) == ["Dua.", "Satu.", "Tiga."]
    assert stats.files == 3 and stats.skipped == 0


def test_text_read_stream_stdin(settings: Settings) -> None:
    stats = ReadStats()
    docs = list(read_stream(io.BytesIO(ARTICLE.encode("utf-8")), "stdin", settings, stats))
    assert [(d.id, d.raw_text) for d in docs] == [("stdin", ARTICLE)]
    assert stats.documents == 1


def test_text_dash_reads_stdin(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    docs, stats = _read(["-"], settings)
    assert [(d.id, d.raw_text) for d in docs] == [("stdin", ARTICLE)]
    assert stats.files == 1


def test_text_missing_path_e101(tmp_path: Path, settings: Settings) -> None:
    missing = tmp_path / "tidak-ada.txt"
    with pytest.raises(InputError) as err:
        _read([missing], settings)
    assert str(err.value) == f"E101 input not found: {missing}"
    assert err.value.exit_code == 2


def test_text_missing_path_fails_before_reading(tmp_path: Path, settings: Settings) -> None:
    good = tmp_path / "ada.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    gen = read_paths([good, tmp_path / "salah-ketik.txt"], settings, ReadStats())
    with pytest.raises(InputError, match="E101"):
        next(gen)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads unreadable files")
def test_text_unreadable_file_skipped_w010(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "terkunci.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    f.chmod(0)
    try:
        docs, stats = _read([f], settings)
    finally:
        f.chmod(0o644)
    assert docs == [] and stats.skipped == 1 and stats.warnings[0].startswith("W010")
