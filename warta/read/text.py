"""Plain text: decode (UTF-8, else detected encoding), split huge files at blank lines into bounded parts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from ..config import Settings
from ..errors import E
from ..records import Document

_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


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
    best = from_bytes(data[:200_000]).best()
    enc = best.encoding if best is not None else "utf-8"
    if enc.replace("_", "-").lower() in ("utf-8", "ascii"):
        warn.append(E.W005.fmt(path=name, encoding="utf-8 with replacement characters"))
        return data.decode("utf-8", errors="replace")
    warn.append(E.W005.fmt(path=name, encoding=enc))
    return data.decode(enc, errors="replace")


def read_text(
    head: bytes, fh: BinaryIO, name: str, doc_id: str, settings: Settings, stats: object
) -> Iterator[Document]:
    limit = int(settings.get("read.max_doc_bytes", 1_000_000))
    part = 0
    buf = head
    while True:
        chunk = fh.read(limit)
        buf += chunk
        if not chunk or len(buf) >= limit:
            if chunk and len(buf) >= limit:
                # cut at the last blank line (else line) so paragraphs stay whole; keep the rest for later
                cut = buf.rfind(b"\n\n", 0, limit)
                if cut < limit // 4:
                    cut = buf.rfind(b"\n", 0, limit)
                if cut < limit // 4:
                    cut = limit
                piece, buf = buf[:cut], buf[cut:]
            else:
                piece, buf = buf, b""
            if piece.strip():
                warns: list[str] = []
                text = decode(piece, name, warns)
                part += 1
                pid = doc_id if (part == 1 and not buf and not chunk) else f"{doc_id}#{part}"
                doc = Document(id=pid, text="", raw_text=text, source_path=name)
                doc.warnings.extend(warns)
                yield doc
        if not chunk and not buf:
            return
