"""Unicode and whitespace normalisation. Offsets are computed after this step, on the cleaned text."""

from __future__ import annotations

import re
import unicodedata

# zero-width characters and soft hyphens hide inside words scraped from the web
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> tuple[str, int]:
    """NFC, invisible characters removed, spaces collapsed, newlines unified. Returns (text, chars changed)."""
    before = len(text)
    out = unicodedata.normalize("NFC", text)
    out = out.translate(_INVISIBLE)
    out = out.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    out = _CONTROL.sub("", out)
    changed = abs(before - len(out))
    lines = []
    for line in out.split("\n"):
        # a run of spaces becomes one plain space: count what was dropped and a non-space kept ("\u00a0")
        changed += sum(len(m) - 1 + (m[0] != " ") for m in _SPACES.findall(line))
        new = _SPACES.sub(" ", line)
        stripped = new.strip()
        changed += len(new) - len(stripped)
        lines.append(stripped)
    return "\n".join(lines), changed


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by blank lines; a line is also a paragraph when the text uses single newlines
    only (HTML extractions, some scrapes)."""
    if "\n\n" in text:
        parts = re.split(r"\n\s*\n", text)
        return [" ".join(p.split("\n")).strip() for p in parts if p.strip()]
    return [ln.strip() for ln in text.split("\n") if ln.strip()]
