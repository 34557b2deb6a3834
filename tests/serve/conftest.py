"""Fixtures of the serve tests: a small store coded by the session pipeline (tests/conftest.py), apps over
copies of it, and an in-process client (httpx over ASGI, no socket)."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from warta.pipeline import Pipeline
from warta.records import Document
from warta.serve import create_app
from warta.store import Store

TOKEN = "test-token-1234"
SCRIPT = "<script>alert(1)</script>"

# (doc id, published, text): dated, so event dates are known; "h.txt" holds a hypothetical and a negated event
ARTICLES = [
    ("a.txt", dt.date(2024, 5, 15),
     "Russia attacked Ukraine on Monday, officials in Kyiv said. Russia will not attack Ukraine again, the Kremlin said.\n"),
    ("b.txt", dt.date(2024, 5, 15), "Amerika Serikat bertemu dengan Mesir di Kairo pada hari Selasa, kata para pejabat.\n"),
    ("c.txt", dt.date(2024, 3, 20), "Turki mengecam Israel pada hari Kamis. " + SCRIPT + "\n"),
    ("d.txt", dt.date(2024, 1, 10),
     "Indonesia mengirim bantuan kemanusiaan kepada Palestina pada hari Rabu.\n\nRusia tidak menyerang Ukraina pada hari Senin, kata para pejabat.\n"),
]
# The session pipeline runs without the gazetteer (fast); these places are set by hand so map filters have data.
PLACES = {"a.txt": ("Kyiv", "UKR", 50.45, 30.52), "b.txt": ("Cairo", "EGY", 30.04, 31.24)}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _code(pipe: Pipeline, doc_id: str, published: dt.date, text: str) -> Document:
    return pipe(Document(id=doc_id, text="", raw_text=text, published=published, published_source="metadata"))


@pytest.fixture(scope="session")
def base_db(tmp_path_factory: pytest.TempPathFactory, pipe: Pipeline) -> Path:
    """The store every API test reads (never written to: tests that write get a copy)."""
    path = tmp_path_factory.mktemp("serve") / "base.db"
    with Store(path) as st:
        for doc_id, published, text in ARTICLES:
            st.ingest(_code(pipe, doc_id, published, text))
        for doc_id, (name, country, lat, lon) in PLACES.items():
            place = f'{{"name": "{name}", "country": "{country}", "lat": {lat}, "lon": {lon}}}'
            st.db.execute(
                "UPDATE events SET place_name = ?, place_country = ?, lat = ?, lon = ?, json = json_set(json, '$.place', json(?))"
                " WHERE doc_id = ?",
                (name, country, lat, lon, place, doc_id),
            )
        # a second version of b.txt: its first version's events must drop out of every view
        st.ingest(_code(pipe, "b.txt", dt.date(2024, 5, 16),
                        "Amerika Serikat bertemu dengan Mesir di Kairo pada hari Rabu, kata para pejabat.\n"))
        st.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture(scope="session")
def app(base_db: Path, pipe: Pipeline) -> FastAPI:
    return create_app(base_db, token=TOKEN, pipeline_factory=lambda: pipe)


@pytest.fixture
def fresh_db(tmp_path: Path, base_db: Path) -> Path:
    """A private copy of the base store for a test that writes."""
    path = tmp_path / "copy.db"
    shutil.copy(base_db, path)
    return path


@pytest.fixture
def make_app(pipe: Pipeline) -> Callable[..., FastAPI]:
    apps: list[FastAPI] = []

    def make(db: Path, **kw: object) -> FastAPI:
        kw.setdefault("pipeline_factory", lambda: pipe)
        a = create_app(db, **kw)  # type: ignore[arg-type]
        apps.append(a)
        return a

    yield make  # type: ignore[misc]
    for a in apps:
        a.state.writer.close()


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://warta.test")


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app) as c:
        yield c


def db_rows(path: Path, sql: str, args: tuple = ()) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute(sql, args).fetchall()
