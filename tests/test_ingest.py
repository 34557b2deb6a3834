"""Ingest: read -> pipeline -> store, one document at a time; re-runs skip what is stored."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE

from warta.config import Settings
from warta.ingest import ingest_paths
from warta.pipeline import Pipeline
from warta.store import Store

TEXTS = {
    "a.txt": GOOD_ARTICLE,
    "b.txt": "Rusia menyerang Ukraina pada hari Senin, kata para pejabat di Kyiv.\n",
    "c.txt": "Amerika Serikat bertemu dengan Mesir di Kairo pada hari Selasa, kata para pejabat.\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "masuk"
    d.mkdir()
    for name, text in TEXTS.items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def test_ingest_folder_then_rerun_stores_nothing(tmp_path: Path, folder: Path, pipe: Pipeline,
                                                 settings: Settings) -> None:
    db = str(tmp_path / "w.db")
    seen: list[int] = []
    first = ingest_paths([str(folder)], db, pipe, settings, on_doc=lambda: seen.append(1))
    assert (first.stored, first.unchanged, first.read.documents, first.read.skipped) == (3, 0, 3, 0)
    assert first.events > 0 and len(seen) == 3
    with Store(db, readonly=True) as st:
        stats = st.stats()
        assert stats.documents == 3 and stats.events == first.events
        assert {r["doc"] for r in st.events(include_all=True)} <= set(TEXTS)
    second = ingest_paths([str(folder)], db, pipe, settings)
    assert (second.stored, second.unchanged, second.events) == (0, 3, 0)
    with Store(db, readonly=True) as st:
        assert st.stats() == stats


def test_ingest_unchanged_skipped_before_costly_stages(tmp_path: Path, folder: Path, pipe: Pipeline,
                                                       settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "w.db")
    ingest_paths([str(folder)], db, pipe, settings)
    events_stage = next(st for st in pipe.stages if st.name == "events")
    calls: list[str] = []
    monkeypatch.setattr(type(events_stage), "__call__", lambda self, doc: calls.append(doc.id) or doc)
    again = ingest_paths([str(folder)], db, pipe, settings)
    assert again.unchanged == 3 and calls == []


def test_ingest_stored_documents_survive_a_later_failure(tmp_path: Path, folder: Path, pipe: Pipeline,
                                                         settings: Settings,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "w.db")
    events_stage = next(st for st in pipe.stages if st.name == "events")
    real = type(events_stage).__call__

    def boom(self, doc):  # type: ignore[no-untyped-def]
        if doc.id == "b.txt":
            raise RuntimeError("simulated crash while coding b.txt")
        return real(self, doc)

    monkeypatch.setattr(type(events_stage), "__call__", boom)
    first = ingest_paths([str(folder)], db, pipe, settings)
    # the failing document is skipped with W011 and counted; the others are stored and the run goes on
    assert first.read.skipped == 1 and any(w.startswith("W011") and "b.txt" in w for w in first.read.warnings)
    with Store(db, readonly=True) as st:
        assert st.stats().documents == 2
        assert st.document("a.txt") is not None and st.document("b.txt") is None
        before = st.stats().events
    monkeypatch.setattr(type(events_stage), "__call__", real)
    rerun = ingest_paths([str(folder)], db, pipe, settings)
    assert (rerun.stored, rerun.unchanged) == (1, 2)
    with Store(db, readonly=True) as st:
        assert st.stats().documents == 3 and st.stats().events == before + rerun.events


def test_ingest_empty_after_cleaning_skipped_w002(tmp_path: Path, folder: Path, pipe: Pipeline,
                                                  settings: Settings) -> None:
    spam = folder / "spam.txt"
    spam.write_text("slot online\n\nBy gacor88\n\nTogel Singapore\n", encoding="utf-8")
    res = ingest_paths([str(folder)], str(tmp_path / "w.db"), pipe, settings)
    assert res.stored == 3 and res.read.skipped == 1
    assert f"W002 skipped {spam}: empty after cleaning" in res.read.warnings


def test_ingest_changed_file_new_version(tmp_path: Path, folder: Path, pipe: Pipeline, settings: Settings) -> None:
    db = str(tmp_path / "w.db")
    ingest_paths([str(folder)], db, pipe, settings)
    (folder / "b.txt").write_text(TEXTS["b.txt"] + "\nTurki mendesak Rusia untuk menghentikan serangan.\n",
                                  encoding="utf-8")
    res = ingest_paths([str(folder)], db, pipe, settings)
    assert (res.stored, res.unchanged) == (1, 2)
    with Store(db, readonly=True) as st:
        assert st.document("b.txt")["version"] == 2
        assert st.stats().documents == 4


def test_ingest_jsonl_warnings_and_ids(tmp_path: Path, pipe: Pipeline, settings: Settings,
                                       write_jsonl: Callable) -> None:
    f = write_jsonl(tmp_path / "feed.jsonl", [
        {"id": "berita-1", "text": TEXTS["b.txt"], "published": "2022-02-30", "url": "https://x.example/1"},
        "{rusak",
        {"id": "berita-2", "text": TEXTS["c.txt"], "published": "2023-05-02"},
    ])
    db = tmp_path / "w.db"
    res = ingest_paths([str(f)], str(db), pipe, settings)
    assert res.stored == 2 and res.read.skipped == 1
    assert any(w.startswith("W003") for w in res.read.warnings)
    assert any(w.startswith(f"W009 {f}:1: bad published date '2022-02-30'") for w in res.read.warnings)
    with Store(db, readonly=True) as st:
        evs = list(st.events(include_all=True))
        assert {e["doc"] for e in evs} == {"berita-1", "berita-2"}
        assert all(e["doc_url"] == "https://x.example/1" for e in evs if e["doc"] == "berita-1")
        assert json.loads(st.document("berita-1")["warnings"])[0].startswith("W009")


def test_ingest_unsupported_language_stored_not_coded(tmp_path: Path, pipe: Pipeline, settings: Settings) -> None:
    f = tmp_path / "prancis.txt"
    f.write_text(
        "Le président de la République a rencontré hier à Paris le Premier ministre italien pour discuter "
        "de la situation en Libye et de la question migratoire en Méditerranée, selon un communiqué.\n",
        encoding="utf-8",
    )
    res = ingest_paths([str(f)], str(tmp_path / "w.db"), pipe, settings)
    assert res.stored == 1 and res.events == 0
    assert any(w.startswith("W008") and "'fr'" in w for w in res.read.warnings)
    with Store(tmp_path / "w.db", readonly=True) as st:
        assert st.document("prancis.txt")["lang"] == "fr"
        assert st.stats().sentences == 0


# -- kill -9 -----------------------------------------------------------------------------------------------
ACTORS = ["Turki", "Rusia", "Amerika Serikat", "Mesir", "Iran", "Israel", "Ukraina", "Prancis", "Jerman", "Qatar"]
VERBS = ["mendesak", "menyerang", "bertemu dengan", "mengecam", "mendukung", "mengancam"]
TEMPLATES = [
    "{a} {v} {b} pada hari Senin terkait konflik di kawasan itu, kata para pejabat dalam laporan nomor {i}.",
    "Pemerintah {a} {v} {b} dalam pertemuan ke-{i} di ibu kota, menurut pernyataan resmi.\n\n"
    "Para diplomat mengatakan pembicaraan itu berlangsung selama {h} jam.",
    "Menteri Luar Negeri {a} {v} {b} pada hari Rabu. Langkah itu diambil setelah insiden ke-{i} di perbatasan, "
    "kata juru bicara.",
]


def _write_generated(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        a, b = ACTORS[i % len(ACTORS)], ACTORS[(i * 7 + 3) % len(ACTORS)]
        if a == b:
            b = ACTORS[(i + 1) % len(ACTORS)]
        text = TEMPLATES[i % 3].format(a=a, b=b, v=VERBS[(i // 3) % len(VERBS)], i=i, h=i % 9 + 1)
        (folder / f"berita-{i:04d}.txt").write_text(text + "\n", encoding="utf-8")


def _count(db: Path, table: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        return int(con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])
    finally:
        con.close()


def _snapshot(db: Path) -> dict[str, object]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    try:
        q = con.execute
        return {
            "counts": [q(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                       for t in ("documents", "sentences", "mentions", "events")],
            "documents": sorted(q("SELECT doc_id, hash, version FROM documents").fetchall()),
            "events": sorted(r[0] for r in q("SELECT json FROM events")),
            "orphans": q("SELECT COUNT(*) FROM sentences WHERE doc_hash NOT IN (SELECT hash FROM documents)")
            .fetchone()[0] + q("SELECT COUNT(*) FROM events WHERE doc_hash NOT IN (SELECT hash FROM documents)")
            .fetchone()[0],
            "integrity": q("PRAGMA integrity_check").fetchone()[0],
        }
    finally:
        con.close()


def test_ingest_kill9_then_resume_equals_one_clean_run(tmp_path: Path) -> None:
    folder = tmp_path / "berita"
    _write_generated(folder, 300)
    killed_db, clean_db = tmp_path / "killed.db", tmp_path / "clean.db"

    def cmd(db: Path) -> list[str]:
        return [sys.executable, "-m", "warta.cli", "ingest", str(folder), "--db", str(db), "--quiet"]

    # the uninterrupted reference run goes on alongside
    clean = subprocess.Popen(cmd(clean_db), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    victim = subprocess.Popen(cmd(killed_db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored_at_kill = 0
    try:
        while victim.poll() is None:
            time.sleep(0.2)
            if not killed_db.exists():
                continue
            try:
                stored_at_kill = _count(killed_db, "documents")
            except sqlite3.OperationalError:  # schema not there yet, or busy
                continue
            if stored_at_kill >= 30:
                os.kill(victim.pid, signal.SIGKILL)
                break
        victim.wait(timeout=120)
    finally:
        if victim.poll() is None:
            victim.kill()
            victim.wait()
    if victim.returncode == -signal.SIGKILL:
        after_kill = _snapshot(killed_db)
        assert after_kill["integrity"] == "ok" and after_kill["orphans"] == 0  # whole documents only
        assert 30 <= after_kill["counts"][0] < 300  # type: ignore[index]

    resumed = subprocess.run(cmd(killed_db), capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert clean.wait(timeout=300) == 0, clean.stderr.read() if clean.stderr else ""
    if clean.stderr:
        clean.stderr.close()

    got, want = _snapshot(killed_db), _snapshot(clean_db)
    assert want["counts"][0] == 300 and want["counts"][3] > 0  # type: ignore[index]
    assert got["counts"] == want["counts"]
    assert got["documents"] == want["documents"]
    assert got["events"] == want["events"]
    assert got["orphans"] == 0 and got["integrity"] == "ok"
