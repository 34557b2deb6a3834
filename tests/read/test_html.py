"""HTML pages: main text only (no scripts, menus, footers), metadata, spam removed after cleaning."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLES, override

from warta.config import Settings
from warta.pipeline import Pipeline
from warta.read import ReadStats, read_paths
from warta.records import Document

P1 = (
    "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk mendeklarasikan gencatan senjata "
    "pada hari Minggu, kata para pejabat."
)
P2 = (
    "Pembicaraan antara kedua presiden berlangsung di Istanbul dan menghasilkan seruan bersama untuk "
    "perdamaian di kawasan itu."
)

SCRIPTS_PAGE = f"""<!DOCTYPE html><html><head><title>Seruan gencatan senjata</title>
<script>var token = "SECRETSCRIPT"; function track() {{ return token; }}</script>
<script src="https://ads.example/tag.js"></script>
<style>body {{ font-family: sans-serif; }} .STYLECLASS {{ color: red; }}</style>
</head><body>
<script>document.write('<p>INJECTED PARAGRAPH WRITTEN BY A SCRIPT</p>');</script>
<noscript>NOSCRIPTTEXT enable JavaScript</noscript>
<article><p>{P1}</p>
<script>alert("ALERTSCRIPT"); document.write("MOREWRITTEN");</script>
<p>{P2}</p></article>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "JSONLDHEAD"}}</script>
<script>for (var i = 0; i < 10; i++) {{ console.log("LOOPSCRIPT"); }}</script>
</body></html>"""

NAV_PAGE = f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Kedua Negara Sepakat</title></head>
<body>
<header><a href="/">Kabar Nusa</a></header>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/nasional">Nasional</a></li>
<li><a href="/internasional">Internasional</a></li><li><a href="/olahraga">Olahraga</a></li></ul></nav>
<main><article><h1>Kedua Negara Sepakat</h1>
<p>{P1}</p><p>{P2}</p></article>
<aside><h3>Terpopuler</h3><ul><li><a href="/a">Harga cabai naik tajam menjelang Lebaran</a></li></ul></aside></main>
<footer><p>Copyright © 2024 Kabar Nusa Dunia. All rights reserved.</p>
<p><a href="/tentang">Tentang Kami</a> | <a href="/kontak">Kontak</a> | <a href="/pedoman">Pedoman Media Siber</a></p>
</footer></body></html>"""


def _read_one(path: Path, settings: Settings) -> tuple[list[Document], ReadStats]:
    stats = ReadStats()
    return list(read_paths([path], settings, stats)), stats


def test_html_scripts_never_in_text(tmp_path: Path, settings: Settings, pipe: Pipeline) -> None:
    f = tmp_path / "skrip.html"
    f.write_text(SCRIPTS_PAGE, encoding="utf-8")
    docs, stats = _read_one(f, settings)
    assert len(docs) == 1 and stats.skipped == 0
    raw = docs[0].raw_text
    assert P1 in raw and P2 in raw
    for js in ("SECRETSCRIPT", "INJECTED", "document.write", "ALERTSCRIPT", "MOREWRITTEN", "LOOPSCRIPT",
               "console.log", "STYLECLASS", "JSONLDHEAD", "function", "var "):
        assert js not in raw, js
    doc = pipe(docs[0])
    assert "document.write" not in doc.text and "INJECTED" not in doc.text
    assert [s.text for s in doc.sentences] == [P1, P2]


def test_html_scripts_in_page_without_html_suffix(tmp_path: Path, settings: Settings) -> None:
    # sniffed as HTML from its content, not its name
    f = tmp_path / "halaman"
    f.write_text(SCRIPTS_PAGE, encoding="utf-8")
    docs, _ = _read_one(f, settings)
    assert P1 in docs[0].raw_text and "SECRETSCRIPT" not in docs[0].raw_text


def test_html_nav_footer_main_text_only(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "navigasi.html"
    f.write_text(NAV_PAGE, encoding="utf-8")
    docs, _ = _read_one(f, settings)
    doc = docs[0]
    assert P1 in doc.raw_text and P2 in doc.raw_text
    assert "Copyright" not in doc.raw_text and "All rights reserved" not in doc.raw_text
    assert "Pedoman Media Siber" not in doc.raw_text
    assert "Olahraga" not in doc.raw_text
    assert doc.title == "Kedua Negara Sepakat"
    assert doc.id == "navigasi.html"
    # the footer's copyright year is not a publication date
    assert doc.published is None


def test_html_example_page_metadata(settings: Settings) -> None:
    (page,) = sorted(EXAMPLES.glob("*.html"))
    docs, stats = _read_one(page, settings)
    assert len(docs) == 1 and stats.skipped == 0
    doc = docs[0]
    assert doc.title == "Menlu Retno Bertemu Menlu Yordania di Amman, RI Kirim Bantuan ke Gaza Lewat Udara"
    assert doc.published == dt.date(2024, 4, 10)
    assert (doc.published_source, doc.published_precision) == ("html", "day")
    assert doc.url == "https://dunia.kabarnusa.example/internasional/2024/04/10/menlu-retno-bertemu-menlu-yordania-di-amman"
    assert "Retno Marsudi bertemu dengan Wakil Perdana Menteri" in doc.raw_text
    for furniture in ("Beranda", "Indeks Berita", "Cari berita", "gtag", "dataLayer"):
        assert furniture not in doc.raw_text


def test_html_example_page_cleaned(settings: Settings, pipe: Pipeline) -> None:
    (page,) = sorted(EXAMPLES.glob("*.html"))
    docs, _ = _read_one(page, settings)
    doc = pipe(docs[0])
    assert doc.lang == "id"
    assert any(b.startswith("Baca juga:") for b in doc.report.boilerplate_lines)
    assert any("slot gacor" in s for s in doc.report.spam_lines)
    assert "Baca juga" not in doc.text
    for spam in ("slot", "gacor", "GACORMAXWIN", "jackpot", "deposit"):
        assert spam not in doc.text
    assert "Retno mendesak Israel" in doc.text
    assert doc.report.glued_fixed == []  # "Safadi" is not "Saf adi"
    assert "Safadi" in doc.text
    assert doc.events, "the example page codes to events"


def test_html_page_over_max_html_bytes_skipped(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "besar.html"
    f.write_text(NAV_PAGE, encoding="utf-8")
    docs, stats = _read_one(f, override(settings, "read.max_html_bytes", 500))
    assert docs == [] and stats.skipped == 1
    assert stats.warnings == [f"W007 skipped {f}: HTML page over read.max_html_bytes (500)"]


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>var a = 1;</script></head><body><script>document.write('x')</script></body></html>",
        "<!DOCTYPE html><html><head><title></title></head><body>   </body></html>",
    ],
)
def test_html_page_without_main_text_skipped(tmp_path: Path, settings: Settings, page: str) -> None:
    f = tmp_path / "kosong.html"
    f.write_text(page, encoding="utf-8")
    docs, stats = _read_one(f, settings)
    assert docs == [] and stats.skipped == 1
    assert stats.warnings == [f"W007 skipped {f}: no main text found in HTML"]


def test_html_cp1252_page_decoded(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "lama.html"
    f.write_bytes(NAV_PAGE.replace("Turki", "Presiden François dari Turki").encode("cp1252"))
    docs, _ = _read_one(f, settings)
    assert "Presiden François dari Turki" in docs[0].raw_text
    assert any(w.startswith("W005") for w in docs[0].warnings)
