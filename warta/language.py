"""Language per document, and per paragraph when a document mixes languages, with py3langid (model bundled)."""

from __future__ import annotations

from collections import Counter
from functools import cached_property

from .records import Document

# Malay and Indonesian are close enough for the identifier to swap them on news text; Malay is coded with
# the Indonesian data (reported as 'ms').
CODE_AS = {"ms": "id"}


class LanguageDetector:
    def __init__(self, min_paragraph_chars: int = 60) -> None:
        self.min_paragraph_chars = min_paragraph_chars

    @cached_property
    def _ident(self):  # type: ignore[no-untyped-def]
        from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

        return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)

    def detect(self, text: str) -> str:
        if not text.strip():
            return "und"
        lang, _prob = self._ident.classify(text[:1000])  # enough for news; the cost grows with length
        return str(lang)

    def __call__(self, doc: Document) -> Document:
        if doc.lang_hint:
            doc.lang = doc.lang_hint
            doc.paragraph_langs = [doc.lang] * len(doc.paragraphs)
            return doc
        doc.lang = self.detect(doc.text)
        langs: list[str] = []
        weights: Counter[str] = Counter()
        for s, e in doc.paragraphs:
            para = doc.text[s:e]
            lang = ""
            if len(para) >= self.min_paragraph_chars:
                # the full identifier only where a quick function-word vote disagrees with the document
                quick = _quick_vote(para)
                lang = doc.lang if quick in ("", doc.lang) else self.detect(para)
            langs.append(lang)
            if lang:
                weights[lang] += len(para)
        # one language holding most of the text: use it everywhere (short paragraphs misfire easily)
        total = sum(weights.values())
        if total and weights.most_common(1)[0][1] / total >= 0.8:
            doc.paragraph_langs = [doc.lang] * len(doc.paragraphs)
        else:
            doc.paragraph_langs = [lang or doc.lang for lang in langs]
        return doc


_FUNCTION_WORDS = {
    "id": frozenset("yang dan di dengan untuk itu ini dari pada dalam tidak akan bahwa juga telah kata".split()),
    "en": frozenset("the and of to in that is was for on with by said has have from".split()),
}


def _quick_vote(text: str) -> str:
    """'id' or 'en' when function words clearly point one way, '' when unsure."""
    words = text.lower().split()
    counts = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.__getitem__)
    other = min(counts.values())
    return best if counts[best] >= 3 and counts[best] >= 3 * max(other, 1) else ""


def coding_language(lang: str | None, supported: tuple[str, ...]) -> str | None:
    if lang is None:
        return None
    lang = CODE_AS.get(lang, lang)
    return lang if lang in supported else None
