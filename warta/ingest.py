"""Ingest: read -> pipeline -> store, one document at a time, each committed atomically.

A document whose cleaned content is already stored is skipped right after cleaning (before the costly
stages), which makes a re-run after kill -9 cheap and its result identical to one uninterrupted run. A
document that fails inside the pipeline is skipped with a warning (W011); what is stored stays and the run
goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .config import Settings
from .errors import E, StoreError
from .pipeline import Pipeline
from .read import ReadStats, read_paths
from .records import Document
from .store import Store


@dataclass(slots=True)
class IngestSummary:
    read: ReadStats = field(default_factory=ReadStats)
    stored: int = 0
    unchanged: int = 0
    events: int = 0


def ingest_paths(
    paths: Iterable[str],
    db: str,
    pipe: Pipeline,
    settings: Settings,
    on_doc: Callable[[], None] | None = None,
) -> IngestSummary:
    summary = IngestSummary()
    stats = summary.read
    with Store(db) as store:
        for doc in read_paths(paths, settings, stats):
            try:
                _ingest_one(doc, pipe, store, summary)
            except (KeyboardInterrupt, SystemExit, StoreError):
                raise
            except Exception as err:  # one bad document must not stop the run
                stats.warn(E.W011.fmt(path=doc.source_path or doc.id, detail=f"{type(err).__name__}: {err}"), skip=True)
            if on_doc:
                on_doc()
    return summary


def _ingest_one(doc: Document, pipe: Pipeline, store: Store, summary: IngestSummary) -> None:
    stats = summary.read
    for st in pipe.stages:
        doc = st(doc)
        if "hash" in st.adds:
            if not doc.text.strip():
                stats.warn(E.W002.fmt(path=doc.source_path or doc.id), skip=True)
                stats.warnings.extend(doc.warnings)
                return
            if store.has(doc.hash or ""):
                summary.unchanged += 1
                stats.warnings.extend(doc.warnings)
                return
    res = store.ingest(doc)
    if res.stored:
        summary.stored += 1
        summary.events += res.events
    else:
        summary.unchanged += 1
    stats.warnings.extend(doc.warnings)
