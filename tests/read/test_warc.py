"""WARC web archives: HTTP 200 HTML and text responses become documents, every other record is counted and
skipped, a damaged archive keeps what was read before the damage. The archives are written here with warcio."""

from __future__ import annotations

import gzip
import io
import json
import zlib
from pathlib import Path

import pytest
from conftest import override
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from warta.cli import app
from warta.config import Settings
from warta.pipeline import Pipeline
from warta.read import ReadStats, read_paths, read_stream
from warta.records import Document

runner = CliRunner()

ID_1 = (
    "Menteri Luar Negeri Turki bertemu dengan Menteri Luar Negeri Rusia di Ankara pada hari Kamis untuk "
    "membahas perang di Suriah, kata juru bicara kementerian."
)
ID_2 = (
    "Kedua menteri itu juga membicarakan jalur ekspor gandum melalui Laut Hitam dan rencana kunjungan "
    "lanjutan ke Moskow bulan depan."
)
EN_1 = (
    "Russia accused Turkey on Tuesday of violating the ceasefire agreement in northern Syria, a Kremlin "
    "spokesman said."
)
EN_2 = (
    "Officials in Ankara rejected the claim and said their troops had only answered fire from positions "
    "near the border town."
)
TEXT_BODY = (
    "Warga di pesisir utara melaporkan banjir rob setinggi lutut pada Senin pagi.\n\n"
    "Petugas kelurahan membagikan karung pasir kepada pemilik warung di sepanjang jalan pantai."
)


def _page(title: str, *paras: str, lang: str = "id") -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Beranda</a> <a href='/dunia'>Dunia</a></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Kabar Teluk</footer></body></html>"
    ).encode()


def _response(w: WARCWriter, uri: str, body: bytes, ctype: str = "text/html; charset=utf-8",
              status: str = "200 OK", extra: list[tuple[str, str]] | None = None, date: str | None = None) -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype), *(extra or [])], protocol="HTTP/1.1")
    warc_headers = {"WARC-Date": date} if date else None
    w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict=warc_headers))


def _request(w: WARCWriter, uri: str) -> None:
    http = StatusAndHeaders("GET / HTTP/1.1", [("Host", uri.split("/")[2])], is_http_request=True)
    w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b""), http_headers=http))


def _crawl(path: Path, gz: bool = True) -> Path:
    """warcinfo, then: two news pages, a text page, a 404, an image, a PDF, a revisit, a metadata record."""
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "warta-tests", "format": "WARC/1.0"}))
        _request(w, "https://kabarteluk.example/dunia/turki-rusia")
        _response(w, "https://kabarteluk.example/dunia/turki-rusia", _page("Turki dan Rusia bertemu", ID_1, ID_2),
                  date="2031-02-03T04:05:06Z")
        _request(w, "https://gulfwire.example/world/syria-ceasefire")
        _response(w, "https://gulfwire.example/world/syria-ceasefire",
                  _page("Moscow accuses Ankara", EN_1, EN_2, lang="en"))
        _response(w, "https://kabarteluk.example/kota/banjir.txt", TEXT_BODY.encode("utf-8"), "text/plain")
        _response(w, "https://kabarteluk.example/hilang", _page("Tidak ditemukan", ID_2), status="404 Not Found")
        _response(w, "https://kabarteluk.example/foto.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        _response(w, "https://kabarteluk.example/laporan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", "application/pdf")
        w.write_record(w.create_revisit_record("https://kabarteluk.example/dunia/turki-rusia",
                                               "sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                               "https://kabarteluk.example/dunia/turki-rusia",
                                               "2031-02-03T04:05:06Z"))
        w.write_record(w.create_warc_record("https://kabarteluk.example/dunia/turki-rusia", "metadata",
                                            payload=io.BytesIO(b"via: https://kabarteluk.example/\r\n"),
                                            warc_content_type="application/warc-fields"))
    return path


SKIPPED = {"warcinfo": 1, "request": 2, "status": 1, "type": 2, "revisit": 1, "metadata": 1}


def _read(paths: list[Path], settings: Settings) -> tuple[list[Document], ReadStats]:
    stats = ReadStats()
    return list(read_paths(paths, settings, stats)), stats


@pytest.mark.parametrize("name,gz", [("crawl.warc.gz", True), ("crawl.warc", False)])
def test_warc_responses_become_documents(tmp_path: Path, settings: Settings, name: str, gz: bool) -> None:
    f = _crawl(tmp_path / name, gz=gz)
    docs, stats = _read([f], settings)
    assert [d.id for d in docs] == [f"{name}#3", f"{name}#5", f"{name}#6"]
    assert [d.url for d in docs] == ["https://kabarteluk.example/dunia/turki-rusia",
                                     "https://gulfwire.example/world/syria-ceasefire",
                                     "https://kabarteluk.example/kota/banjir.txt"]
    assert [d.source_path for d in docs] == [f"{f}#3", f"{f}#5", f"{f}#6"]
    assert docs[0].title == "Turki dan Rusia bertemu"
    assert ID_1 in (docs[0].raw_text or "") and ID_2 in (docs[0].raw_text or "")
    assert "Beranda" not in (docs[0].raw_text or "")  # the same main-text extraction as .html files
    assert EN_1 in (docs[1].raw_text or "")
    assert docs[2].raw_text == TEXT_BODY
    assert (stats.files, stats.documents, stats.skipped, stats.warnings) == (1, 3, 0, [])
    assert stats.records == 11
    assert stats.records_skipped == SKIPPED


def test_warc_ids_stable_across_runs(tmp_path: Path, settings: Settings) -> None:
    f = _crawl(tmp_path / "crawl.warc.gz")
    first, _ = _read([f], settings)
    again, _ = _read([f], settings)
    assert [d.id for d in first] == [d.id for d in again]
    assert len({d.id for d in first}) == len(first)


def test_warc_date_is_not_publication_date(tmp_path: Path, settings: Settings) -> None:
    """WARC-Date is when the page was crawled; the page itself gives no date, so none is set."""
    f = _crawl(tmp_path / "crawl.warc.gz")
    docs, _ = _read([f], settings)
    assert docs[0].published is None and docs[0].published_source is None


def test_warc_sniffed_without_suffix_and_from_stdin(tmp_path: Path, settings: Settings) -> None:
    data = _crawl(tmp_path / "crawl.warc.gz").read_bytes()
    bare = tmp_path / "crawl"
    bare.write_bytes(data)
    docs, stats = _read([bare], settings)
    assert [d.id for d in docs] == ["crawl#3", "crawl#5", "crawl#6"]
    stats = ReadStats()
    piped = list(read_stream(io.BytesIO(data), "stdin", settings, stats))
    assert [d.id for d in piped] == ["stdin#3", "stdin#5", "stdin#6"] and stats.documents == 3


def test_warc_folder_walk_picks_archives(tmp_path: Path, settings: Settings) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _crawl(folder / "a.warc.gz")
    _crawl(folder / "b.warc", gz=False)
    (folder / "c.txt").write_text(TEXT_BODY, encoding="utf-8")
    (folder / "d.tar.gz").write_bytes(gzip.compress(b"not picked: .gz is not a read extension"))
    docs, stats = _read([folder], settings)
    assert stats.files == 3
    assert [d.id for d in docs] == ["a.warc.gz#3", "a.warc.gz#5", "a.warc.gz#6", "b.warc#3", "b.warc#5",
                                    "b.warc#6", "c.txt"]


@pytest.mark.parametrize("name,gz", [("cut.warc.gz", True), ("cut.warc", False)])
def test_warc_truncated_keeps_documents_before(tmp_path: Path, settings: Settings, name: str, gz: bool) -> None:
    whole = _crawl(tmp_path / f"whole-{name}", gz=gz).read_bytes()
    # cut inside the text response (record 6): the two pages before it stay, the text page is not half-read
    if gz:
        ends = _gz_member_ends(whole)
        cut = (ends[4] + ends[5]) // 2
    else:
        cut = whole.index(b"Petugas kelurahan")
    f = tmp_path / name
    f.write_bytes(whole[:cut])
    other = tmp_path / "lain.txt"
    other.write_text(TEXT_BODY, encoding="utf-8")
    docs, stats = _read([f, other], settings)
    assert [d.id for d in docs] == [f"{name}#3", f"{name}#5", "lain.txt"]  # the run goes on with the next file
    detail = "gzip stream ends inside a member" if gz else "record 6 is cut short"
    assert stats.warnings == [f"W012 {f}: archive truncated or corrupt after 5 records ({detail}); documents before it kept"]
    assert (stats.files, stats.documents, stats.skipped) == (2, 3, 0)


def _gz_member_ends(data: bytes) -> list[int]:
    """Where each gzip member ends: warcio's writer makes one member per record."""
    ends = [0]
    while ends[-1] < len(data):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(data[ends[-1]:])
        ends.append(len(data) - len(d.unused_data))
    return ends[1:]


@pytest.mark.parametrize("kind", ["gzip per record", "plain", "gzip whole"])
def test_warc_cut_anywhere_keeps_whole_documents(tmp_path: Path, settings: Settings, kind: str) -> None:
    """Wherever an archive is cut, reading never raises, keeps whole documents only, and warns once."""
    whole = _crawl(tmp_path / "whole.warc", gz=kind == "gzip per record").read_bytes()
    if kind == "gzip whole":
        whole = gzip.compress(whole)
    f = tmp_path / ("cut.warc" if kind == "plain" else "cut.warc.gz")
    ends = _gz_member_ends(whole) if kind == "gzip per record" else []
    for cut in range(40, len(whole), 37):
        f.write_bytes(whole[:cut])
        docs, stats = _read([f], settings)
        ids = [d.id.split("#", 1)[1] for d in docs]
        assert ids == ["3", "5", "6"][: len(ids)], cut
        if "6" in ids:
            assert docs[-1].raw_text == TEXT_BODY
        if kind != "plain" and cut not in ends:  # cut between two records, an archive is whole, only shorter
            assert len(stats.warnings) == 1 and stats.warnings[0].startswith(("W012", "W007")), (cut, stats.warnings)
        assert len(stats.warnings) <= 1


def test_warc_gzipped_whole_reads_like_per_record(tmp_path: Path, settings: Settings) -> None:
    """`gzip crawl.warc` makes one gzip member of the whole archive; crawlers write one per record."""
    plain = _crawl(tmp_path / "crawl.warc", gz=False)
    f = tmp_path / "whole.warc.gz"
    f.write_bytes(gzip.compress(plain.read_bytes()) + b"\0" * 32)  # zero padding after the end is allowed
    docs, stats = _read([f], settings)
    assert [d.id for d in docs] == ["whole.warc.gz#3", "whole.warc.gz#5", "whole.warc.gz#6"]
    assert stats.warnings == [] and stats.records_skipped == SKIPPED


def test_warc_not_a_warc_named_warc(tmp_path: Path, settings: Settings) -> None:
    fake = tmp_path / "palsu.warc"
    fake.write_text("Ini bukan arsip web, hanya catatan biasa tentang Turki.\n", encoding="utf-8")
    fake_gz = tmp_path / "palsu.warc.gz"
    fake_gz.write_bytes(gzip.compress(b"juga bukan arsip web\n"))
    other = tmp_path / "lain.txt"
    other.write_text(TEXT_BODY, encoding="utf-8")
    docs, stats = _read([fake, fake_gz, other], settings)
    assert [d.id for d in docs] == ["lain.txt"]
    assert stats.warnings == [
        f"W007 skipped {fake}: not a WARC archive (no WARC/1.x version line at its start)",
        f"W007 skipped {fake_gz}: not a WARC archive (no WARC/1.x version line at its start)",
    ]
    assert stats.skipped == 2


def test_warc_page_over_max_html_bytes_skipped(tmp_path: Path, settings: Settings) -> None:
    f = _crawl(tmp_path / "crawl.warc.gz")
    docs, stats = _read([f], override(settings, "read.max_html_bytes", 400))
    assert [d.id for d in docs] == ["crawl.warc.gz#6"]  # the short text page is under the limit
    assert stats.warnings == [f"W007 skipped {f}#3: page over read.max_html_bytes (400)",
                              f"W007 skipped {f}#5: page over read.max_html_bytes (400)"]
    assert stats.records_skipped["size"] == 2 and stats.skipped == 2


def test_warc_long_text_split_at_max_doc_bytes(tmp_path: Path, settings: Settings) -> None:
    f = tmp_path / "teks.warc"
    long_text = "\n\n".join([TEXT_BODY] * 20)
    with f.open("wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://kabarteluk.example/arsip.txt", long_text.encode(),
                  "text/plain; charset=utf-8")
    docs, _ = _read([f], override(settings, "read.max_doc_bytes", 1000))
    assert len(docs) > 1
    assert [d.id for d in docs] == [f"teks.warc#1#{i}" for i in range(1, len(docs) + 1)]
    assert all(d.url == "https://kabarteluk.example/arsip.txt" for d in docs)


def test_warc_charset_and_content_encoding(tmp_path: Path, settings: Settings) -> None:
    """A page in its declared legacy charset, and one sent gzip-compressed (Content-Encoding), both decode."""
    latin = _page("Kunjungan ke São Paulo", ID_1, "Delegasi São Paulo menyambut para menteri itu.").replace(
        b'<meta charset="utf-8">', b"")
    f = tmp_path / "enc.warc.gz"
    with f.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        _response(w, "https://kabarteluk.example/latin", latin.decode("utf-8").encode("latin-1"),
                  "text/html; charset=ISO-8859-1")
        _response(w, "https://kabarteluk.example/gz", gzip.compress(_page("Turki dan Rusia", ID_1, ID_2)),
                  extra=[("Content-Encoding", "gzip")])
    docs, stats = _read([f], settings)
    assert [d.id for d in docs] == ["enc.warc.gz#1", "enc.warc.gz#2"]
    assert "São Paulo" in (docs[0].raw_text or "") and docs[0].warnings == []
    assert ID_1 in (docs[1].raw_text or "")
    assert stats.warnings == []


def test_warc_cli_code_yields_events(fast_cli: Pipeline, tmp_path: Path) -> None:
    f = _crawl(tmp_path / "crawl.warc.gz")
    res = runner.invoke(app, ["code", str(f), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines() if line.startswith("{")]
    by_doc = {(e["doc"], e["type"], e["source"]["key"], e["target"]["key"]) for e in events}
    assert ("crawl.warc.gz#3", "CONSULT", "TUR", "RUS") in by_doc
    assert ("crawl.warc.gz#5", "ACCUSE", "RUS", "TUR") in by_doc
    urls = {e["doc"]: e["doc_url"] for e in events}
    assert urls["crawl.warc.gz#3"] == "https://kabarteluk.example/dunia/turki-rusia"
    out = " ".join(res.stderr.split())
    assert "1 files, 11 archive records" in out and "3 documents, 0 skipped" in out
