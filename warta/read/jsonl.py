"""JSON Lines: {"id", "text", "published", "url", "title", "lang"}, every field but `text` optional."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from ..errors import E
from ..records import Document
from ..when import DateError, parse_date_arg


def read_json(head: bytes, fh: BinaryIO, name: str, settings: Any, stats: Any) -> Iterator[Document]:
    """A .json file: one article object, a list of them, or (when it does not parse whole) JSON Lines."""
    import io

    limit = int(settings.get("read.max_doc_bytes", 1_000_000)) * 20
    data = head + fh.read(limit + 1 - len(head))
    if len(data) <= limit:
        try:
            obj = json.loads(data.decode("utf-8", errors="replace"))
        except json.JSONDecodeError:
            obj = None
        if isinstance(obj, (dict, list)):
            rows = obj if isinstance(obj, list) else [obj]
            lines = b"\n".join(json.dumps(r, ensure_ascii=False).encode("utf-8") for r in rows)
            yield from read_jsonl(b"", io.BytesIO(lines), name, stats)
            return
    yield from read_jsonl(b"", io.BytesIO(data), name, stats)


def read_jsonl(head: bytes, fh: BinaryIO, name: str, stats: Any) -> Iterator[Document]:
    def lines() -> Iterator[bytes]:
        rest = head
        while True:
            nl = rest.find(b"\n")
            if nl >= 0:
                yield rest[:nl]
                rest = rest[nl + 1 :]
                continue
            more = fh.readline()
            if not more:
                if rest:
                    yield rest
                return
            rest += more

    for lineno, raw in enumerate(lines(), start=1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8", errors="replace"))
        except json.JSONDecodeError as err:
            stats.warn(E.W003.fmt(path=name, line=lineno, detail=err.msg), skip=True)
            continue
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
            stats.warn(E.W004.fmt(path=name, line=lineno), skip=True)
            continue
        # a record without an id is named after its file and line: news-feed.jsonl line 3 -> news-feed-3
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        doc_id = str(obj.get("id") or f"{stem}-{lineno}")
        doc = Document(
            id=doc_id,
            text="",
            raw_text=obj["text"],
            url=_opt(obj.get("url")),
            title=_opt(obj.get("title")),
            lang_hint=_opt(obj.get("lang")),
            source_path=f"{name}:{lineno}",
        )
        pub = obj.get("published")
        if pub:
            try:
                doc.published = parse_date_arg(str(pub))
                doc.published_source = "metadata"
                doc.published_precision = "day"
            except DateError as err:
                doc.warnings.append(E.W009.fmt(path=f"{name}:{lineno}", value=pub, detail=str(err)))
        yield doc


def _opt(v: object) -> str | None:
    return str(v) if v not in (None, "") else None
