"""Bad input end to end: one `warta ingest` over a folder of good and bad files exits 0, counts the skips
and stores the good documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE
from typer.testing import CliRunner

from warta.cli import app
from warta.pipeline import Pipeline
from warta.store import Store

runner = CliRunner()

SCRIPT_PAGE = """<!DOCTYPE html><html><head><title>Rusia dan Ukraina</title>
<script>var s = "SCRIPTSECRET"; document.write("<p>" + s + "</p>");</script></head><body>
<script>document.write('<p>Turki menyerang Yunani menurut skrip palsu.</p>');</script>
<article><p>Rusia menyerang Ukraina dengan rudal dan pesawat nirawak pada hari Senin, kata para pejabat di Kyiv.</p>
<script>for (var i = 0; i < 3; i++) { document.write("LOOP"); }</script>
<p>Ukraina mengecam serangan itu dan mendesak sekutunya untuk mengirim lebih banyak sistem pertahanan udara.</p>
</article><script src="/iklan.js"></script></body></html>"""


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    d = tmp_path / "campur"
    d.mkdir()
    (d / "bagus.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    (d / "gambar.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    (d / "biner.txt").write_bytes(bytes((i * 131) % 256 for i in range(3000)))
    (d / "kosong.txt").write_bytes(b"")
    (d / "rusak.txt").write_bytes(
        "Mesir mendesak Israel untuk membuka perbatasan Rafah, kata Menteri Luar Negeri “Sameh Shoukry”.".encode()
        + b" \xff\xfe\xc3(\n"
    )
    (d / "skrip.html").write_text(SCRIPT_PAGE, encoding="utf-8")
    (d / "umpan.jsonl").write_text(
        json.dumps({"id": "umpan-1", "text": "Amerika Serikat bertemu dengan Mesir di Kairo pada hari Selasa."})
        + '\n{"id": "umpan-2", "text": "baris ini terpotong\n'
        + json.dumps({"id": "umpan-3", "text": "Qatar mendesak Hamas untuk menerima gencatan senjata."}) + "\n",
        encoding="utf-8",
    )
    (d / ".tersembunyi.txt").write_text("Iran menyerang Israel.", encoding="utf-8")
    return d


def test_bad_input_ingest_exits_0_and_counts_skips(fast_cli: Pipeline, messy: Path, tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    res = runner.invoke(app, ["ingest", str(messy), "--db", str(db)])
    assert res.exit_code == 0, res.output
    # files: gambar.png is not a text extension in a folder walk; the hidden file is skipped
    summary = res.stderr.strip().splitlines()[-1]
    m = re.fullmatch(r"(\d+) files, (\d+) documents, (\d+) skipped; (\d+) stored, (\d+) unchanged, (\d+) events",
                     summary)
    assert m, summary
    files, docs, skipped, stored, unchanged, events = map(int, m.groups())
    assert files == 6  # bagus, biner, kosong, rusak, skrip.html, umpan.jsonl
    assert skipped == 3  # the binary file, the empty file, the bad JSON line
    assert docs == 5 and stored == 5 and unchanged == 0 and events > 0
    warnings = res.stderr
    assert f"W001 skipped {messy / 'biner.txt'}" in warnings
    assert f"W007 skipped {messy / 'kosong.txt'}: empty file" in warnings
    assert f"W003 skipped {messy / 'umpan.jsonl'} line 2" in warnings
    assert f"W005 {messy / 'rusak.txt'}: invalid UTF-8" in warnings
    assert "Traceback" not in res.output

    with Store(db, readonly=True) as st:
        ids = {r[0] for r in st.db.execute("SELECT doc_id FROM documents")}
        assert ids == {"bagus.txt", "rusak.txt", "skrip.html", "umpan-1", "umpan-3"}
        html_text = st.document("skrip.html")["text"]
        assert "Rusia menyerang Ukraina" in html_text
        for js in ("SCRIPTSECRET", "document.write", "LOOP", "Yunani"):
            assert js not in html_text
        assert "Sameh Shoukry" in st.document("rusak.txt")["text"]
        evs = list(st.events(include_all=True))
        assert {e["doc"] for e in evs} >= {"bagus.txt", "skrip.html"}
        assert all("Yunani" not in e["evidence"]["text"] for e in evs)


def test_bad_input_code_exits_0_with_warnings(fast_cli: Pipeline, messy: Path) -> None:
    res = runner.invoke(app, ["code", str(messy), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    events = [json.loads(line) for line in res.stdout.splitlines()]
    assert {e["doc"] for e in events} >= {"bagus.txt", "skrip.html"}
    assert "6 files, 5 documents, 3 skipped" in res.stderr


def test_bad_input_binary_file_named_directly(fast_cli: Pipeline, messy: Path, tmp_path: Path) -> None:
    # named on the command line, a .png is sniffed and skipped, not read as text
    res = runner.invoke(app, ["ingest", str(messy / "gambar.png"), str(messy / "bagus.txt"),
                              "--db", str(tmp_path / "w.db")])
    assert res.exit_code == 0, res.output
    assert "W001 skipped" in res.stderr
    assert "2 files, 1 documents, 1 skipped; 1 stored" in res.stderr
