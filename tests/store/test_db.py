"""The SQLite store: stored once, versions, latest events, clear errors, atomic documents."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import GOOD_ARTICLE

from warta.errors import StoreError
from warta.records import Document
from warta.store import Store

CHANGED = GOOD_ARTICLE + "\nMesir menyerang pasukan Haftar di dekat Sirte pada hari Kamis, kata para saksi.\n"


@pytest.fixture
def doc(run_text: Callable[..., Document]) -> Document:
    return run_text(GOOD_ARTICLE, doc_id="artikel-1", published=dt.date(2020, 1, 8))


def test_db_ingest_stores_everything(tmp_path: Path, doc: Document) -> None:
    assert doc.events and doc.sentences
    with Store(tmp_path / "w.db") as st:
        res = st.ingest(doc)
        assert (res.stored, res.version, res.reason) == (True, 1, "new")
        assert res.events == len(doc.events)
        stats = st.stats()
        assert stats.documents == 1
        assert stats.sentences == len(doc.sentences)
        assert stats.mentions == sum(len(s.mentions) for s in doc.sentences)
        assert stats.events == len(doc.events)
        row = st.document("artikel-1")
        assert row is not None
        assert (row["hash"], row["version"], row["text"], row["lang"]) == (doc.hash, 1, doc.text, doc.lang)
        assert row["published"] == "2020-01-08"
        assert json.loads(row["report"])["chars_out"] == len(doc.text)
        assert st.document(doc.hash or "")["doc_id"] == "artikel-1"
        assert st.document("tidak-ada") is None


def test_db_same_document_twice_stored_once(tmp_path: Path, doc: Document,
                                            run_text: Callable[..., Document]) -> None:
    db = tmp_path / "w.db"
    with Store(db) as st:
        st.ingest(doc)
        again = st.ingest(doc)
        assert (again.stored, again.version, again.events, again.reason) == (False, 0, 0, "unchanged")
        # the same content under another name is the same document too
        other = run_text(GOOD_ARTICLE, doc_id="salinan")
        assert st.ingest(other).reason == "unchanged"
        assert st.stats().documents == 1
    with Store(db) as st:  # and after reopening
        assert st.ingest(doc).reason == "unchanged"
        assert st.has(doc.hash or "")
        assert st.stats().events == len(doc.events)


def test_db_changed_document_new_version(tmp_path: Path, doc: Document,
                                         run_text: Callable[..., Document]) -> None:
    changed = run_text(CHANGED, doc_id="artikel-1", published=dt.date(2020, 1, 8))
    assert changed.hash != doc.hash
    with Store(tmp_path / "w.db") as st:
        st.ingest(doc)
        res = st.ingest(changed)
        assert (res.stored, res.version, res.reason) == (True, 2, "new version")
        assert st.stats().documents == 2
        assert st.document("artikel-1")["version"] == 2
        assert st.document("artikel-1")["hash"] == changed.hash


def test_db_events_latest_version_only(tmp_path: Path, doc: Document, run_text: Callable[..., Document]) -> None:
    changed = run_text(CHANGED, doc_id="artikel-1", published=dt.date(2020, 1, 8))
    other = run_text("Rusia menyerang Ukraina pada hari Senin, kata para pejabat.", doc_id="lain",
                     published=dt.date(2022, 3, 1))
    assert changed.events and other.events
    with Store(tmp_path / "w.db") as st:
        for d in (doc, changed, other):
            st.ingest(d)
        latest = list(st.events())
        assert len(latest) == len(changed.events) + len(other.events)
        assert {e["doc"] for e in latest} == {"artikel-1", "lain"}
        assert sorted(json.dumps(e, sort_keys=True) for e in latest if e["doc"] == "artikel-1") == sorted(
            json.dumps(dict(e.as_dict(), doc="artikel-1"), sort_keys=True) for e in changed.events
        )
        every = list(st.events(latest_only=False))
        assert len(every) == len(doc.events) + len(changed.events) + len(other.events)


def test_db_events_filters(tmp_path: Path, run_text: Callable[..., Document]) -> None:
    a = run_text("Rusia menyerang Ukraina pada hari Senin, kata para pejabat.", doc_id="a",
                 published=dt.date(2022, 3, 1))
    b = run_text("Turki bertemu dengan Mesir di Kairo pada hari Selasa, kata para pejabat.", doc_id="b",
                 published=dt.date(2023, 5, 2))
    with Store(tmp_path / "w.db") as st:
        st.ingest(a)
        st.ingest(b)
        every = list(st.events())
        assert every and {e["doc"] for e in every} == {"a", "b"}
        types = {e["type"] for e in every}
        for t in types:
            got = list(st.events(type=t.lower()))
            assert got and all(e["type"] == t for e in got)
        assert all("RUS" in (e["source"]["country"], (e["target"] or {}).get("country"))
                   for e in st.events(actor="RUS"))
        assert list(st.events(actor="RUS"))
        assert all(e["date"] >= "2023-01-01" for e in st.events(since=dt.date(2023, 1, 1)))
        assert {e["doc"] for e in st.events(since=dt.date(2023, 1, 1))} == {"b"}
        assert {e["doc"] for e in st.events(until=dt.date(2022, 12, 31))} == {"a"}
        assert len(list(st.events(limit=1))) == 1


def test_db_missing_folder_e102(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as err:
        Store(tmp_path / "tidak-ada" / "w.db")
    msg = str(err.value)
    assert msg == f"E102 database folder does not exist: {tmp_path / 'tidak-ada'}"
    assert "\n" not in msg and err.value.exit_code == 4


@pytest.mark.parametrize("readonly", [False, True])
def test_db_not_a_database_e103(tmp_path: Path, readonly: bool) -> None:
    f = tmp_path / "catatan.txt"
    f.write_text("ini bukan basis data\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError) as err:
        Store(f, readonly=readonly)
    assert str(err.value).startswith(f"E103 cannot open database {f}:")
    assert "\n" not in str(err.value)
    assert f.read_text(encoding="utf-8") == "ini bukan basis data\n" * 100  # untouched


def test_db_readonly_missing_or_foreign_e103(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E103 .*no such database"):
        Store(tmp_path / "tidak-ada.db", readonly=True)
    foreign = tmp_path / "lain.db"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="E103"):
        Store(foreign, readonly=True)


def test_db_readonly_cannot_write(tmp_path: Path, doc: Document) -> None:
    db = tmp_path / "w.db"
    Store(db).close()
    with Store(db, readonly=True) as st, pytest.raises(sqlite3.OperationalError):
        st.ingest(doc)


def test_db_failed_document_rolled_back(tmp_path: Path, doc: Document, run_text: Callable[..., Document]) -> None:
    other = run_text(CHANGED, doc_id="rusak")
    other.events[0].evidence = None  # type: ignore[assignment]  # as_dict() fails half-way through the insert
    with Store(tmp_path / "w.db") as st:
        st.ingest(doc)
        before = st.stats()
        with pytest.raises(AttributeError):
            st.ingest(other)
        assert st.stats() == before  # no half-written document, sentences or mentions
        assert not st.has(other.hash or "")
        assert not st.db.in_transaction
        # and the store still works
        fine = run_text("Rusia menyerang Ukraina pada hari Senin, kata para pejabat.", doc_id="baik")
        assert st.ingest(fine).stored


def test_db_schema_version_recorded(tmp_path: Path) -> None:
    with Store(tmp_path / "w.db") as st:
        assert st.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "1"
        assert st.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
