"""WARC web archives (`.warc`, `.warc.gz`, as crawlers and Common Crawl write them), read with warcio.

The archive is streamed one record at a time. Only `response` records of HTTP 200 with an HTML or plain-text
payload become documents; all other records (request, metadata, warcinfo, revisit, resource, non-200, images,
PDFs, robots.txt) are counted in `ReadStats.records_skipped` by reason, without a warning each (an archive has
at least one request per response). An HTML payload goes through the same extraction as an `.html` file and is
bounded by `read.max_html_bytes`; a plain-text payload is bounded by the same and split like a `.txt` file at
`read.max_doc_bytes`.

Each document is named `<file name>#<record number>` (records counted from 1 over all records, so the name is
stable while the file is), its URL is the record's `WARC-Target-URI`. `WARC-Date` is the day of the crawl, not
of publication: it is not used; the publication date comes from the page (its metadata, dateline or URL).

A truncated or corrupt archive keeps the documents read before the damage and warns once (W012); a file named
`.warc` that is not a WARC is skipped with W007.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import E
from ..records import Document
from .html import html_to_document
from .text import decode, is_binary, read_text

WARC_SUFFIXES = (".warc", ".warc.gz")
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = ("text/plain",)
_DRAIN = 1 << 16


def warc_suffix(path: Path) -> str:
    """`.warc.gz` for `crawl.warc.gz` (where `path.suffix` is `.gz`), else the lower-cased suffix."""
    name = path.name.lower()
    return ".warc.gz" if name.endswith(".warc.gz") else path.suffix.lower()


def is_warc(head: bytes) -> bool:
    """The head of a WARC, plain or gzipped: it starts with a version line `WARC/1.0` (or 1.1, 0.17...)."""
    if head.startswith(b"\x1f\x8b"):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(b"WARC/") and head[5:6].isdigit()


class _Prefixed:
    """The sniffed head, then the rest of the file."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self.head = head
        self.fh = fh

    def read(self, size: int | None = -1) -> bytes:
        if size is None:
            size = -1
        if not self.head:
            return self.fh.read(size)
        if size < 0:
            out, self.head = self.head + self.fh.read(), b""
        else:
            out, self.head = self.head[:size], self.head[size:]
        return out


class _Archive:
    """The plain WARC bytes for warcio. Gzip is undone here, member after member, so an archive gzipped whole
    (`gzip crawl.warc`) reads as well as one gzipped record by record (as crawlers write it, and all that
    warcio reads itself); the bytes before a cut are all given out, and the cut is noted in `cut` (warcio
    would take it for the end). Output comes in blocks of at most `_DRAIN` bytes, however well it packs."""

    def __init__(self, head: bytes, fh: BinaryIO) -> None:
        self.raw = _Prefixed(head, fh)
        self.gz = head.startswith(b"\x1f\x8b")
        self.member: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self.fed = False  # the current member has had input
        self.unused = b""
        self.buf = b""
        self.cut = False

    def _gunzip(self) -> bytes:
        while True:
            data = self.member.unconsumed_tail or self.unused or self.raw.read(_DRAIN)
            self.unused = b""
            if not data:
                self.cut = self.cut or (self.fed and not self.member.eof)
                return b""
            if not self.fed and not data.strip(b"\x00"):  # zero padding after the last member
                continue
            self.fed = True
            out = self.member.decompress(data, _DRAIN)
            if self.member.eof:
                self.unused = self.member.unused_data
                self.member, self.fed = zlib.decompressobj(16 + zlib.MAX_WBITS), False
            if out:
                return bytes(out)

    def read(self, size: int | None = -1) -> bytes:
        if not self.gz:
            return self.raw.read(size)
        if size is None or size < 0:
            return self.buf + b"".join(iter(self._gunzip, b""))
        if not self.buf:
            self.buf = self._gunzip()
        out, self.buf = self.buf[:size], self.buf[size:]
        return out


def _records(stream: _Archive) -> Any:
    from warcio.archiveiterator import ArchiveIterator  # imported lazily, like trafilatura

    class Records(ArchiveIterator):  # type: ignore[misc]
        """Notes bytes left after the last whole record: warcio ends quietly on a header block cut short."""

        leftover = False

        def close(self) -> None:
            self.leftover = self.fh.tell() > self.offset
            super().close()

    return Records(stream)


def _quiet() -> contextlib.redirect_stderr[io.StringIO]:
    """warcio prints multi-line notes on stderr for bad records; we warn once, on one line, instead."""
    return contextlib.redirect_stderr(io.StringIO())


def _one_line(err: Exception) -> str:
    """warcio's own errors say what is wrong; others (a parser tripping over a cut header) only their kind."""
    lines = [ln.strip() for ln in str(err).splitlines() if ln.strip()]
    if type(err).__name__ == "ArchiveLoadFailed" and lines:
        return lines[0]
    if isinstance(err, (OSError, zlib.error)) and lines:  # gzip.BadGzipFile is an OSError
        return f"{type(err).__name__}: {lines[0]}"
    return f"unreadable record ({type(err).__name__})"


def _skip(stats: Any, reason: str) -> None:
    stats.records_skipped[reason] = stats.records_skipped.get(reason, 0) + 1


def _kind(record: Any) -> tuple[str, str | None]:
    """('html' | 'text', charset) for a record that can be a document, else ('skip', reason)."""
    if record.rec_type != "response":
        return "skip", str(record.rec_type or "unknown")
    http = record.http_headers
    if http is None:
        return "skip", "not http"
    if http.get_statuscode() != "200":
        return "skip", "status"
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    if uri.split("?", 1)[0].lower().endswith("/robots.txt"):
        return "skip", "robots"
    ctype = (http.get_header("Content-Type") or "").lower()
    mime, _, params = ctype.partition(";")
    mime = mime.strip()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip() == "charset" and value.strip(" \"'"):
            charset = value.strip(" \"'")
    if mime in HTML_TYPES:
        return "html", charset
    if mime in TEXT_TYPES:
        return "text", charset
    if not mime:
        return "sniff", charset
    return "skip", "type"


def _decode(data: bytes, charset: str | None, name: str, warns: list[str]) -> str:
    """UTF-8 first (pages often declare a legacy charset and are UTF-8), then the declared charset, then
    detection as for files."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if charset:
        try:
            codecs.lookup(charset)
            return data.decode(charset)
        except (LookupError, ValueError):  # an unknown charset, bytes not in it (UnicodeError is a ValueError)
            pass
    return decode(data, name, warns)


def read_warc(head: bytes, fh: BinaryIO, name: str, settings: Settings, stats: Any) -> Iterator[Document]:
    if not is_warc(head):
        stats.warn(E.W007.fmt(path=name, detail="not a WARC archive (no WARC/1.x version line at its start)"), True)
        return
    limit = int(settings.get("read.max_html_bytes", 20_000_000))
    base = Path(name).name
    stream = _Archive(head, fh)
    archive = _records(stream)
    records = iter(archive)
    n = whole = 0  # records begun, records read whole
    problem: str | None = None
    while True:
        try:
            with _quiet():
                record = next(records)
        except StopIteration:
            break
        except Exception as err:  # warcio raises several kinds on a damaged archive; the cause goes in the warning
            problem = _one_line(err)
            break
        n += 1
        stats.records += 1
        source = f"{name}#{n}"
        try:
            kind, extra = _kind(record)
            data = b""
            with _quiet():
                if kind != "skip":
                    data = record.content_stream().read(limit + 1)
                while record.raw_stream.read(_DRAIN):  # to the record's end: a cut record is told by its length
                    pass
        except Exception as err:
            problem = f"record {n}: {_one_line(err)}"
            break
        if getattr(record.raw_stream, "limit", 0) > 0:
            problem = f"record {n} is cut short"
            break
        if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
            problem = f"record {n} has no valid Content-Length"  # it is mandatory: a header block cut short
            break
        whole += 1
        if kind == "skip":
            _skip(stats, extra or "unknown")
            continue
        if len(data) > limit:
            _skip(stats, "size")
            stats.warn(E.W007.fmt(path=source, detail=f"page over read.max_html_bytes ({limit})"), skip=True)
            continue
        if kind == "sniff":
            start = data.lstrip()[:400].lower()
            if start.startswith((b"<!doctype html", b"<html")) or b"<body" in data[:4096].lower():
                kind = "html"
            else:
                _skip(stats, "type")
                continue
        if not data.strip() or is_binary(data[: int(settings.get("read.sniff_bytes", 8192))]):
            _skip(stats, "empty" if not data.strip() else "type")
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI") or None
        warns: list[str] = []
        text = _decode(data, extra, source, warns)
        doc_id = f"{base}#{n}"
        if kind == "html":
            doc = html_to_document(text, doc_id, source, url=uri)
            if doc is None:
                _skip(stats, "empty")
                continue
            doc.url = uri or doc.url
            doc.warnings.extend(warns)
            yield doc
        else:
            for doc in read_text(text.encode("utf-8"), io.BytesIO(), source, doc_id, settings, stats):
                doc.url = uri
                doc.warnings.extend(warns)
                yield doc
    if problem is None and stream.cut:
        problem = "gzip stream ends inside a member"
    elif problem is None and archive.leftover:
        problem = "a record header is cut short"
    if problem is not None:
        stats.warn(E.W012.fmt(path=name, records=whole, detail=problem))
