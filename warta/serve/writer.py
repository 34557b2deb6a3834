"""The write side: POST /ingest bodies become Documents here, and one dedicated thread codes and stores them.

Why one thread (as datasette does): SQLite allows one writer at a time, and the pipeline's resources are
built once and are not meant to be shared across threads. Requests put jobs on a bounded queue and await a
future; the thread owns the only write connection and the pipeline, so writes are serialised without locks
and readers (their own read-only connections, WAL) are never blocked by them.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import hashlib
import io
import logging
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import E
from ..pipeline import Pipeline
from ..read import ReadStats
from ..read.html import read_html
from ..read.jsonl import read_jsonl
from ..read.text import is_binary, read_text
from ..records import Document
from ..store import Store

log = logging.getLogger("warta.serve")

TEXT_TYPES = ("text/plain",)
HTML_TYPES = ("text/html", "application/xhtml+xml")
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines",
               "application/json")
CONTENT_TYPES = TEXT_TYPES + HTML_TYPES + JSONL_TYPES


@dataclass(slots=True)
class TextMeta:
    """Query parameters of a text/plain or text/html post (one article)."""

    id: str | None = None
    url: str | None = None
    title: str | None = None
    lang: str | None = None
    published: dt.date | None = None


@dataclass(slots=True)
class Outcome:
    stored: int = 0
    unchanged: int = 0
    events: int = 0
    warnings: list[str] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)


def body_documents(body: bytes, ctype: str, meta: TextMeta, settings: Settings) -> tuple[list[Document], list[str]]:
    """Parse a request body with the same readers as `warta code` (so the same fields, limits and warnings)."""
    stats = ReadStats()
    # ids default to the body's hash: posting the same body twice is then "unchanged", not a new version
    digest = hashlib.sha1(body).hexdigest()[:12]
    if not body.strip():
        return [], [E.W007.fmt(path="request body", detail="empty")]
    if is_binary(body[: int(settings.get("read.sniff_bytes", 8192))]):
        return [], [E.W001.fmt(path="request body")]
    fh = io.BytesIO(body)
    if ctype in JSONL_TYPES:
        docs = list(read_jsonl(b"", fh, f"post-{digest}.jsonl", stats))
        for d in docs:
            if d.published is None and meta.published is not None:
                d.published, d.published_source, d.published_precision = meta.published, "metadata", "day"
            if d.lang_hint is None and meta.lang:
                d.lang_hint = meta.lang
        return docs, stats.warnings
    doc_id = meta.id or f"post-{digest}"
    reader = read_html if ctype in HTML_TYPES else read_text
    docs = list(reader(b"", fh, doc_id, doc_id, settings, stats))
    for d in docs:
        d.source_path = None
        d.url = meta.url or d.url
        d.title = meta.title or d.title
        d.lang_hint = meta.lang or d.lang_hint
        if meta.published is not None:
            d.published, d.published_source, d.published_precision = meta.published, "metadata", "day"
    return docs, stats.warnings


@dataclass(slots=True)
class _Job:
    docs: list[Document]
    warnings: list[str]
    future: concurrent.futures.Future[Outcome]


class Writer:
    """Owns the write connection and the pipeline, both created in its thread on first use."""

    def __init__(self, db_path: Path, pipeline_factory: Callable[[], Pipeline], max_queue: int = 32) -> None:
        self.db_path = db_path
        self.pipeline_factory = pipeline_factory
        self.max_queue = max_queue
        self._queue: queue.Queue[_Job | None] = queue.Queue(maxsize=max_queue)
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._pipe: Pipeline | None = None

    def start(self, warm: bool = False) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, args=(warm,), name="warta-writer", daemon=True)
                self._thread.start()

    def submit(self, docs: list[Document], warnings: list[str]) -> concurrent.futures.Future[Outcome]:
        """Queue a job; raises queue.Full when the writer is that far behind (the caller answers 503)."""
        self.start()
        fut: concurrent.futures.Future[Outcome] = concurrent.futures.Future()
        self._queue.put_nowait(_Job(docs, warnings, fut))
        return fut

    def close(self, timeout: float = 30.0) -> None:
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join(timeout)

    def _pipeline(self) -> Pipeline:
        if self._pipe is None:
            self._pipe = self.pipeline_factory()
        return self._pipe

    def _run(self, warm: bool) -> None:
        store: Store | None = None
        try:
            store = Store(self.db_path)
            if warm:
                try:
                    self._pipeline()
                except Exception:  # noqa: BLE001 - reported again, per request, on the first ingest
                    log.exception("building the pipeline failed")
            while True:
                job = self._queue.get()
                if job is None:
                    return
                if not job.future.set_running_or_notify_cancel():
                    continue
                try:
                    job.future.set_result(self._ingest(store, job))
                except BaseException as err:  # noqa: BLE001 - handed to the waiting request
                    job.future.set_exception(err)
        except BaseException as err:  # noqa: BLE001 - the store could not be opened: fail every waiter
            log.exception("the ingest writer stopped")
            while True:
                try:
                    job = self._queue.get_nowait()
                except queue.Empty:
                    break
                if job is not None and job.future.set_running_or_notify_cancel():
                    job.future.set_exception(err)
            with self._lock:
                self._thread = None
        finally:
            if store is not None:
                store.close()

    def _ingest(self, store: Store, job: _Job) -> Outcome:
        """warta.ingest's per-document step over documents already read."""
        from ..ingest import ingest_document

        pipe = self._pipeline()
        out = Outcome(warnings=list(job.warnings))
        for doc in job.docs:
            res = ingest_document(doc, pipe, store)
            if res.warning:
                out.warnings.append(res.warning)
            status = "skipped" if res.status == "failed" else res.status
            if status == "unchanged":
                out.unchanged += 1
            elif status != "skipped":
                out.stored += 1
                out.events += res.events
            out.warnings.extend(res.doc.warnings)
            out.documents.append({"id": res.doc.id, "hash": res.doc.hash, "status": status, "version": res.version,
                                  "events": res.events})
        return out
