"""HTML pages: main text and metadata with trafilatura. Our own spam filter runs later, in the clean stage,
because trafilatura keeps in-article spam lines ("Togel Singapore", "By gacor88")."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import E
from ..records import Document
from .text import decode


def read_html(
    head: bytes, fh: BinaryIO, name: str, doc_id: str, settings: Settings, stats: Any
) -> Iterator[Document]:
    limit = int(settings.get("read.max_html_bytes", 20_000_000))
    data = head + fh.read(max(0, limit + 1 - len(head)))  # the sniffed head may already be over it
    if len(data) > limit:
        stats.warn(E.W007.fmt(path=name, detail=f"HTML page over read.max_html_bytes ({limit})"), skip=True)
        return
    warns: list[str] = []
    html = decode(data, name, warns)
    doc = html_to_document(html, doc_id, name)
    if doc is None:
        stats.warn(E.W007.fmt(path=name, detail="no main text found in HTML"), skip=True)
        return
    doc.warnings.extend(warns)
    yield doc


def html_to_document(html: str, doc_id: str, name: str, url: str | None = None) -> Document | None:
    import trafilatura  # imported lazily: it is slow to import and only HTML needs it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # no extensive date search: it falls back to the footer's copyright year and reports 1 January
        # of it as the day of publication; the published stage looks at the dateline and URL instead
        result = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    if result is None:
        return None
    meta = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    text = meta.get("text") or ""
    if not text.strip():
        return None
    title = meta.get("title")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    # trafilatura repeats the headline as the first line; keep it as its own paragraph (headlines code too)
    raw = "\n\n".join(lines)
    doc = Document(id=doc_id, text="", raw_text=raw, title=title, url=meta.get("url") or url, source_path=name)
    date = meta.get("date")
    if date:
        import datetime as dt

        try:
            doc.published = dt.date.fromisoformat(str(date)[:10])
            doc.published_source = "html"
            doc.published_precision = "day"
        except ValueError:
            pass
    return doc
