"""The clean stage: one call per document, every step counted in its CleaningReport.

Two steps around language identification: `__call__` normalises and drops spam, boilerplate and repeated
paragraphs; `repair_glue` then splits glued words with the word list of each paragraph's language.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from ..config import Settings
from ..records import Document
from .glue import GlueFixer
from .normalise import normalise, paragraphs
from .spam import SpamFilter


def _join(doc: Document, paras: list[str]) -> None:
    doc.text = "\n\n".join(paras)
    spans, pos = [], 0
    for p in paras:
        spans.append((pos, pos + len(p)))
        pos += len(p) + 2
    doc.paragraphs = spans


class Cleaner:
    def __init__(self, settings: Settings, is_name: Callable[[str], bool],
                 is_actor: Callable[[str], bool] | None = None) -> None:
        self.spam = SpamFilter(
            max_words=int(settings.get("clean.spam_max_words", 12)),
            strong_hits=int(settings.get("clean.spam_strong_hits", 2)),
            share=float(settings.get("clean.spam_share", 0.5)),
        )
        self.glue = GlueFixer(is_name, float(settings.get("clean.glue_min_zipf", 3.2)), is_actor)

    def __call__(self, doc: Document) -> Document:
        raw = doc.raw_text if doc.raw_text is not None else doc.text
        rep = doc.report
        rep.chars_in = len(raw)
        text, changed = normalise(raw)
        rep.normalised_chars = changed
        kept: list[str] = []
        seen: set[str] = set()
        for para in paragraphs(text):
            verdict = self.spam.judge(para)
            if verdict == "spam":
                rep.spam_lines.append(para)
            elif verdict == "boilerplate":
                rep.boilerplate_lines.append(para)
            elif para.lower() in seen and len(para) > 40:  # scrapes that repeat the body
                rep.duplicate_paragraphs += 1
            else:
                seen.add(para.lower())
                kept.append(para)
        _join(doc, kept)
        rep.chars_out = len(doc.text)
        return doc

    def repair_glue(self, doc: Document) -> Document:
        paras = []
        words = self.glue.standalone(doc.text) if self.glue.is_actor is not None else None
        for i, (s, e) in enumerate(doc.paragraphs):
            lang = doc.paragraph_langs[i] if i < len(doc.paragraph_langs) else (doc.lang or "id")
            fixed_para, fixed = self.glue.fix(doc.text[s:e], lang if lang in ("id", "en") else "id", words)
            doc.report.glued_fixed.extend(fixed)
            paras.append(fixed_para)
        _join(doc, paras)
        doc.report.chars_out = len(doc.text)
        doc.hash = content_hash(doc.text)
        return doc


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]
