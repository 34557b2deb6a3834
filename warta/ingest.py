"""Ingest: read -> pipeline -> store, one document at a time, each committed atomically.

A document whose cleaned content is already stored is skipped right after cleaning (before the costly
stages), which makes a re-run after kill -9 cheap and its result identical to one uninterrupted run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .config import Settings
from .errors import E
from .pipeline import Pipeline
from .read import ReadStats, read_paths
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
            done = False
            for st in pipe.stages:
                doc = st(doc)
                if "hash" in st.adds:
                    if not doc.text.strip():
                        stats.warn(E.W002.fmt(path=doc.source_path or doc.id), skip=True)
                        done = True
                    elif store.has(doc.hash or ""):
                        summary.unchanged += 1
                        done = True
                    if done:
                        break
            if not done:
                res = store.ingest(doc)
                if res.stored:
                    summary.stored += 1
                    summary.events += res.events
                else:
                    summary.unchanged += 1
            stats.warnings.extend(doc.warnings)
            if on_doc:
                on_doc()
    return summary
