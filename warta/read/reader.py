"""Dispatch paths to the right reader. Everything is a generator: one document in memory at a time."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from ..config import Settings
from ..errors import E, InputError
from ..records import Document
from .feed import read_feed
from .html import read_html
from .jsonl import read_json, read_jsonl
from .text import is_binary, read_text
from .warc import WARC_SUFFIXES, is_warc, read_warc, warc_suffix


@dataclass(slots=True)
class ReadStats:
    files: int = 0
    documents: int = 0
    skipped: int = 0
    warnings: list[str] = field(default_factory=list)
    records: int = 0  # WARC records read
    records_skipped: dict[str, int] = field(default_factory=dict)  # WARC records that are no document, by reason

    def warn(self, msg: str, skip: bool = False) -> None:
        self.warnings.append(msg)
        if skip:
            self.skipped += 1


def _walk(paths: Iterable[str | Path], exts: set[str]) -> Iterator[Path]:
    for p in paths:
        path = Path(p)
        if str(p) == "-":
            yield path
        elif path.is_dir():
            # sorted so runs are reproducible; hidden files and folders are skipped
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts):
                    if warc_suffix(child) in exts or not child.suffix:
                        yield child
        elif path.exists():
            yield path
        else:
            raise InputError(E.E101.fmt(path=p))


def read_paths(paths: Iterable[str | Path], settings: Settings, stats: ReadStats) -> Iterator[Document]:
    """Yield documents from files, folders (recursive) and '-' (stdin)."""
    exts = set(settings.get("read.extensions", []))
    paths = list(paths)
    for p in paths:  # fail fast on a typo before anything is read
        if str(p) != "-" and not Path(p).exists():
            raise InputError(E.E101.fmt(path=p))
    for path in _walk(paths, exts):
        stats.files += 1
        if str(path) == "-":
            yield from read_stream(sys.stdin.buffer, "stdin", settings, stats)
            continue
        try:
            size = path.stat().st_size
            if size > settings.get("read.max_file_bytes", 2_000_000_000):
                stats.warn(E.W007.fmt(path=path, detail=f"file of {size} bytes is over read.max_file_bytes"), True)
                continue
            with path.open("rb") as fh:
                yield from read_stream(fh, str(path), settings, stats, suffix=warc_suffix(path))
        except OSError as err:
            stats.warn(E.W010.fmt(path=path, detail=err.strerror or str(err)), skip=True)


def read_stream(
    fh: BinaryIO, name: str, settings: Settings, stats: ReadStats, suffix: str | None = None
) -> Iterator[Document]:
    head = fh.read(int(settings.get("read.sniff_bytes", 8192)))
    if not head:
        stats.warn(E.W007.fmt(path=name, detail="empty file"), skip=True)
        return
    if suffix in WARC_SUFFIXES or is_warc(head):  # before the binary check: a .warc.gz is gzip
        yield from _counted(read_warc(head, fh, name, settings, stats), stats)
        return
    if is_binary(head):
        stats.warn(E.W001.fmt(path=name), skip=True)
        return
    kind = _kind(suffix, head)
    doc_id = Path(name).name if name != "stdin" else "stdin"
    if kind == "feed":
        yield from _counted(read_feed(head, fh, name, settings, stats), stats)
    elif kind == "json":
        yield from _counted(read_json(head, fh, name, settings, stats), stats)
    elif kind == "jsonl":
        yield from _counted(read_jsonl(head, fh, name, stats), stats)
    elif kind == "html":
        yield from _counted(read_html(head, fh, name, doc_id, settings, stats), stats)
    else:
        yield from _counted(read_text(head, fh, name, doc_id, settings, stats), stats)


def _counted(docs: Iterator[Document], stats: ReadStats) -> Iterator[Document]:
    for d in docs:
        stats.documents += 1
        yield d


def _kind(suffix: str | None, head: bytes) -> str:
    start = head.lstrip()[:400].lower()
    if suffix in (".rss", ".atom", ".xml") or (start.startswith(b"<?xml") and (b"<rss" in start or b"<feed" in start)):
        return "feed"
    if suffix == ".json":
        return "json"
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix in (".html", ".htm", ".xhtml"):
        return "html"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head[:4096].lower():
        return "html"
    return "text"
