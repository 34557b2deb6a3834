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
from .errors import E
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


@dataclass(slots=True)
class DocumentOutcome:
    doc: Document
    status: str  # "new" | "new version" | "unchanged" | "skipped" | "failed"
    version: int | None = None
    events: int = 0
    warning: str | None = None


def ingest_document(doc: Document, pipe: Pipeline, store: Store) -> DocumentOutcome:
    """Code and store one document: stop right after the stage that hashes it when it is empty or already
    stored (before the costly stages); a document the pipeline fails on is skipped with W011, what is stored
    stays. Used by `ingest_paths` and by the API's writer thread."""
    try:
        for st in pipe.stages:
            doc = st(doc)
            if "hash" in st.adds:
                if not doc.text.strip():
                    return DocumentOutcome(doc, "skipped", warning=E.W002.fmt(path=doc.source_path or doc.id))
                if store.has(doc.hash or ""):
                    return DocumentOutcome(doc, "unchanged")
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as err:  # one bad document must not stop the run
        detail = f"{type(err).__name__}: {err}"
        return DocumentOutcome(doc, "failed", warning=E.W011.fmt(path=doc.source_path or doc.id, detail=detail))
    res = store.ingest(doc)
    if not res.stored:
        return DocumentOutcome(doc, "unchanged")
    return DocumentOutcome(doc, res.reason, res.version, res.events)


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
            out = ingest_document(doc, pipe, store)
            if out.warning:
                stats.warn(out.warning, skip=True)
            if out.status == "unchanged":
                summary.unchanged += 1
            elif out.status in ("new", "new version"):
                summary.stored += 1
                summary.events += out.events
            stats.warnings.extend(out.doc.warnings)
            if on_doc:
                on_doc()
    return summary
