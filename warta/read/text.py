"""Plain text: decode (UTF-8, else detected encoding), split huge files at blank lines into bounded parts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from ..config import Settings
from ..errors import E
from ..records import Document

_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))
_UTF8_MULTI = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def is_binary(head: bytes) -> bool:
    """NUL bytes or many control characters mean binary (images, PDFs, archives)."""
    if b"\x00" in head:
        return True
    ctrl = sum(head.count(bytes([c])) for c in _CONTROL if c != 27)
    return ctrl > max(8, len(head) // 50)


def decode(data: bytes, name: str, warn: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # UTF-8 with a few broken bytes (a truncated download, a bad copy) keeps its good characters: when there
    # are at least as many valid multi-byte sequences as bad bytes, it is UTF-8, not a legacy code page
    if len(_UTF8_MULTI.findall(data)) >= text.count("\ufffd"):
        warn.append(E.W005.fmt(path=name, encoding="utf-8 with replacement characters"))
        return text
    matches = from_bytes(data[:200_000])
    best = matches.best()
    enc = best.encoding if best is not None else "utf-8"
    if enc.replace("_", "-").lower() in ("utf-8", "ascii"):
        warn.append(E.W005.fmt(path=name, encoding="utf-8 with replacement characters"))
        return text
    # single-byte Latin code pages are hard to tell apart on short texts (cp775, cp1250, cp1252 all fit);
    # Indonesian and English text in one of them is nearly always Windows-1252: "São", not "Săo" or "SŃo"
    if best is not None and any(
        "cp1252" in (m.encoding, *m.could_be_from_charset) and m.chaos <= best.chaos + 0.02 for m in matches
    ):
        enc = "cp1252"
    warn.append(E.W005.fmt(path=name, encoding=enc))
    return data.decode(enc, errors="replace")


def _utf8_boundary(buf: bytes, cut: int) -> int:
    """Move `cut` back so it does not fall inside a UTF-8 character."""
    back = cut
    while back > cut - 4 and back > 0 and (buf[back] & 0xC0) == 0x80:
        back -= 1
    return back if back > 0 else cut


def read_text(
    head: bytes, fh: BinaryIO, name: str, doc_id: str, settings: Settings, stats: object
) -> Iterator[Document]:
    """One document, or for a text over `read.max_doc_bytes` parts `name#1`, `name#2`... each at most that
    long, cut at blank lines. At most about two parts' worth of bytes are held at a time."""
    limit = int(settings.get("read.max_doc_bytes", 1_000_000))
    part = 0
    buf = head
    eof = False
    while True:
        # fill to one byte over the limit: then we know whether the text must be cut
        while not eof and len(buf) <= limit:
            chunk = fh.read(limit + 1 - len(buf))
            if chunk:
                buf += chunk
            else:
                eof = True
        if len(buf) > limit:
            # cut at the last blank line (else line) so paragraphs stay whole; keep the rest for later
            cut = buf.rfind(b"\n\n", 0, limit)
            if cut < limit // 4:
                cut = buf.rfind(b"\n", 0, limit)
            if cut < limit // 4:
                cut = _utf8_boundary(buf, limit)
            piece, buf = buf[:cut], buf[cut:]
        else:
            piece, buf = buf, b""
        if piece.strip():
            warns: list[str] = []
            text = decode(piece, name, warns)
            part += 1
            pid = doc_id if (part == 1 and eof and not buf) else f"{doc_id}#{part}"
            doc = Document(id=pid, text="", raw_text=text, source_path=name)
            doc.warnings.extend(warns)
            yield doc
        if eof and not buf:
            return
