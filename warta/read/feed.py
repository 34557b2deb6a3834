"""RSS 2.0 and Atom feeds saved to disk: one document per item, with its link, title and date.

Items carry HTML in their description/content; it is reduced to text here and cleaned later like any page.
Python's expat refuses external entities and limits entity expansion, so hostile feeds cannot read files or
blow up memory; the whole feed is bounded by read.max_html_bytes.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import unescape
from typing import Any, BinaryIO

from ..config import Settings
from ..errors import E
from ..records import Document

_TAG = re.compile(r"<[^>]+>")
_SCRIPT = re.compile(r"<(script|style)\b.*?</\1\s*>", re.I | re.S)
_BLOCK = re.compile(r"</?(p|div|br|li|h[1-6]|blockquote)\b[^>]*>", re.I)


def html_text(fragment: str) -> str:
    s = _SCRIPT.sub(" ", fragment)
    s = _BLOCK.sub("\n\n", s)
    return unescape(_TAG.sub(" ", s))


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _child(el: ET.Element, *names: str) -> ET.Element | None:
    for c in el:
        if _local(c.tag) in names:
            return c
    return None


def read_feed(head: bytes, fh: BinaryIO, name: str, settings: Settings, stats: Any) -> Iterator[Document]:
    from ..when import DateError, parse_date_arg

    limit = int(settings.get("read.max_html_bytes", 20_000_000))
    data = head + fh.read(limit + 1 - len(head))
    if len(data) > limit:
        stats.warn(E.W007.fmt(path=name, detail=f"feed over read.max_html_bytes ({limit})"), skip=True)
        return
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        stats.warn(E.W007.fmt(path=name, detail=f"not a well-formed feed ({err})"), skip=True)
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        stats.warn(E.W007.fmt(path=name, detail="feed has no items"), skip=True)
        return
    stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for n, it in enumerate(items, 1):
        title = _child(it, "title")
        body = _child(it, "encoded", "content", "description", "summary")
        link = _child(it, "link")
        url = None
        if link is not None:
            url = (link.get("href") or link.text or "").strip() or None
        guid = _child(it, "guid", "id")
        text = html_text(body.text or "") if body is not None and body.text else ""
        head_line = (title.text or "").strip() if title is not None else ""
        raw = "\n\n".join(x for x in (head_line, text.strip()) if x)
        if not raw:
            stats.warn(E.W004.fmt(path=name, line=n), skip=True)
            continue
        doc = Document(
            id=(guid.text.strip() if guid is not None and guid.text else f"{stem}-{n}"),
            text="", raw_text=raw, title=head_line or None, url=url, source_path=f"{name}#{n}",
        )
        date = _child(it, "pubdate", "published", "updated", "date")
        if date is not None and date.text:
            try:
                doc.published = parse_date_arg(date.text.strip())
                doc.published_source, doc.published_precision = "metadata", "day"
            except DateError as err:
                doc.warnings.append(E.W009.fmt(path=f"{name}#{n}", value=date.text.strip(), detail=str(err)))
        yield doc
