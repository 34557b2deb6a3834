"""POST /ingest: the token, the body limits, text and JSON Lines bodies coded and stored through the one writer
thread, then read back through the read endpoints; and the `warta serve` command."""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from warta.cli import app as cli_app
from warta.pipeline import Pipeline
from warta.store import Store

from .conftest import SCRIPT, TOKEN, client_for, db_rows

pytestmark = pytest.mark.anyio

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = "Turki mengecam Israel pada hari Kamis, kata para pejabat di Ankara.\n"


def stats(db: Path) -> tuple[int, int]:
    with Store(db, readonly=True) as st:
        s = st.stats()
    return s.documents, s.events


async def post(app: FastAPI, body: bytes | str, ctype: str = "text/plain", headers: dict[str, str] | None = None,
               **params: Any) -> Any:
    async with client_for(app) as c:
        return await c.post("/ingest", content=body, params=params,
                            headers={"Content-Type": ctype, **(AUTH if headers is None else headers)})


# -- refusals ------------------------------------------------------------------------------------------------------
async def test_ingest_disabled_without_a_server_token(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db)
    before = stats(fresh_db)
    r = await post(app, TEXT)
    assert r.status_code == 403 and r.json()["detail"].startswith("E111") and "--token" in r.json()["detail"]
    assert stats(fresh_db) == before


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"},
                                     {"Authorization": "Bearer"}, {"Authorization": f"Bearer {TOKEN}x"}])
async def test_ingest_401_without_the_right_bearer_token(make_app: Callable[..., FastAPI], fresh_db: Path,
                                                         headers: dict[str, str]) -> None:
    app = make_app(fresh_db, token=TOKEN)
    before = stats(fresh_db)
    r = await post(app, TEXT, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert r.json()["detail"].startswith("E111")
    assert stats(fresh_db) == before


async def test_ingest_415_413_422(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN, max_body=1000)
    r = await post(app, b"%PDF-1.4", ctype="application/pdf")
    assert r.status_code == 415 and r.json()["detail"].startswith("E115")
    r = await post(app, "x" * 2000)
    assert r.status_code == 413 and r.json()["detail"].startswith("E113")

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: the limit is counted while reading
        for _ in range(5):
            yield b"y" * 400

    async with client_for(app) as c:
        r = await c.post("/ingest", content=chunks(), headers={"Content-Type": "text/plain", **AUTH})
    assert r.status_code == 413
    r = await post(app, TEXT, published="2024-02-31")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "published"
    r = await post(app, TEXT, lang="fr")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "lang"


# -- storing -------------------------------------------------------------------------------------------------------
async def test_ingest_text_then_read_back(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN)
    docs0, events0 = stats(fresh_db)
    r = await post(app, TEXT, id="berita-1", published="2024-06-07", url="https://example.org/berita-1", lang="id")
    assert r.status_code == 200, r.text
    out = r.json()
    assert (out["stored"], out["unchanged"]) == (1, 0) and out["events"] >= 1
    assert out["documents"][0]["id"] == "berita-1" and out["documents"][0]["status"] == "new"
    assert stats(fresh_db) == (docs0 + 1, events0 + out["events"])
    async with client_for(app) as c:
        doc = (await c.get("/documents/berita-1")).json()
        assert doc["text"] == TEXT.strip() and doc["url"] == "https://example.org/berita-1"
        assert doc["published"] == "2024-06-07" and doc["lang"] == "id"
        found = (await c.get("/events", params={"q": "mengecam", "actor": "TUR"})).json()
        found_docs = {e["doc"] for e in found["items"]}
        assert "berita-1" in found_docs
        assert (await c.get("/health")).json()["documents"] == docs0 + 1
    again = (await post(app, TEXT, id="berita-1", published="2024-06-07")).json()
    assert (again["stored"], again["unchanged"], again["events"]) == (0, 1, 0)
    assert again["documents"][0]["status"] == "unchanged"


async def test_ingest_changed_text_is_a_new_version(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN)
    await post(app, TEXT, id="berita-2", published="2024-06-07")
    r = (await post(app, "Rusia menyerang Ukraina pada hari Senin, kata para pejabat di Kyiv.\n", id="berita-2",
                    published="2024-06-07")).json()
    assert r["documents"][0]["status"] == "new version" and r["documents"][0]["version"] == 2
    async with client_for(app) as c:
        items = (await c.get("/events", params={"limit": 1000, "include_all": "true"})).json()["items"]
    assert {e["type"] for e in items if e["doc"] == "berita-2"} == {"ASSAULT"}


async def test_ingest_ndjson(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN)
    lines = [
        json.dumps({"id": "feed-a", "text": TEXT, "published": "2024-06-07", "url": "https://example.org/a"}),
        "{not json",
        json.dumps({"id": "feed-b", "title": "no text"}),
        json.dumps({"text": "Amerika Serikat bertemu dengan Mesir di Kairo pada hari Jumat, kata para diplomat.\n"}),
    ]
    r = await post(app, "\n".join(lines) + "\n", ctype="application/x-ndjson", published="2024-06-05")
    assert r.status_code == 200, r.text
    out = r.json()
    assert out["stored"] == 2 and out["events"] >= 2
    assert any(w.startswith("W003") for w in out["warnings"]) and any(w.startswith("W004") for w in out["warnings"])
    ids = [d["id"] for d in out["documents"]]
    assert ids[0] == "feed-a" and ids[1].startswith("post-") and ids[1].endswith("-4")
    rows = dict(db_rows(fresh_db, "SELECT doc_id, published FROM documents WHERE doc_id IN (?, ?)", (ids[0], ids[1])))
    # the record's own date wins; the query's date fills in for a record without one
    assert rows == {"feed-a": "2024-06-07", ids[1]: "2024-06-05"}


async def test_ingest_empty_and_binary_bodies_are_warnings(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN)
    empty = (await post(app, b"")).json()
    assert empty["stored"] == 0 and empty["warnings"][0].startswith("W007")
    binary = (await post(app, b"\x00\x01\x02PNG" * 10)).json()
    assert binary["stored"] == 0 and binary["warnings"][0].startswith("W001")


async def test_ingested_script_comes_back_as_text(make_app: Callable[..., FastAPI], fresh_db: Path) -> None:
    app = make_app(fresh_db, token=TOKEN)
    body = "Indonesia mengirim bantuan kemanusiaan kepada Palestina pada hari Rabu.\n\n" + SCRIPT + "\n"
    assert (await post(app, body, id="xss")).json()["stored"] == 1
    async with client_for(app) as c:
        r = await c.get("/documents/xss")
    assert r.headers["content-type"].startswith("application/json") and SCRIPT in r.json()["text"]


async def test_writes_go_through_one_writer_thread(make_app: Callable[..., FastAPI], fresh_db: Path, pipe: Pipeline) -> None:
    threads: list[str] = []
    stage_threads: set[str] = set()

    class Recording:
        """The session pipeline, noting which thread runs it."""

        stages = pipe.stages

        def __getattr__(self, name: str) -> Any:
            return getattr(pipe, name)

    rec = Recording()
    real_stages = list(pipe.stages)

    def wrap(st: Any) -> Any:
        def call(doc: Any) -> Any:
            stage_threads.add(threading.current_thread().name)
            return st(doc)

        call.adds = st.adds  # type: ignore[attr-defined]
        return call

    rec.stages = [wrap(s) for s in real_stages]  # type: ignore[misc]

    def factory() -> Any:
        threads.append(threading.current_thread().name)
        return rec

    app = make_app(fresh_db, token=TOKEN, pipeline_factory=factory)
    docs0, _ = stats(fresh_db)
    texts = [f"Rusia menyerang Ukraina pada hari Senin, kata para pejabat di kota nomor {i}.\n" for i in range(6)]
    results = await asyncio.gather(*(post(app, t, id=f"par-{i}") for i, t in enumerate(texts)))
    assert [r.status_code for r in results] == [200] * 6
    assert sum(r.json()["stored"] for r in results) == 6
    assert stats(fresh_db)[0] == docs0 + 6
    # one pipeline, built once, run only by the writer thread
    assert threads == ["warta-writer"] and stage_threads == {"warta-writer"}


# -- the command -----------------------------------------------------------------------------------------------------
runner = CliRunner()


def test_serve_command_bad_db_folder_is_one_line_error(tmp_path: Path) -> None:
    r = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "missing" / "x.db")])
    assert r.exit_code == 4
    assert "E102" in r.output and len(r.output.strip().splitlines()) == 1


async def test_serve_command_runs_uvicorn_with_the_env_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             base_db: Path, pipe: Pipeline) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(app=app, **kw))
    monkeypatch.setattr(Pipeline, "build", classmethod(lambda cls, *a, **k: pipe))
    monkeypatch.setenv("WARTA_TOKEN", "from-env")
    db = tmp_path / "s.db"
    r = runner.invoke(cli_app, ["serve", "--db", str(db), "--port", "8123"])
    assert r.exit_code == 0, r.output
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and db.exists()
    app = seen["app"]
    async with client_for(app) as c:
        assert (await c.get("/meta")).json()["ingest"] is True
        ok = await c.post("/ingest", content=TEXT, headers={"Content-Type": "text/plain", "Authorization": "Bearer from-env"})
        assert ok.status_code == 200 and ok.json()["stored"] == 1
    app.state.writer.close()
