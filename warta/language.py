"""Language per document, and per paragraph when a document mixes languages, with py3langid (model bundled)."""

from __future__ import annotations

from collections import Counter
from functools import cached_property
from typing import Any

from .records import Document

# Malay and Indonesian are close enough for the identifier to swap them on news text; Malay is coded with
# the Indonesian data (reported as 'ms').
CODE_AS = {"ms": "id"}


class LanguageDetector:
    def __init__(self, min_paragraph_chars: int = 60) -> None:
        self.min_paragraph_chars = min_paragraph_chars

    @cached_property
    def _ident(self) -> Any:
        return _identifier()

    def detect(self, text: str) -> str:
        if not text.strip():
            return "und"
        lang, _prob = self._ident.classify(text[:1000])  # enough for news; the cost grows with length
        if lang not in _CODED and len(text) < _SHORT:
            # a sentence or two is too little for 97 languages ("Protesters in Nairobi stormed the Kenyan
            # parliament" reads as Nigerian Pidgin): a short text that a coded language's function words claim is
            # in it; otherwise the best-ranked coded language when it is close behind the top one
            quick = _quick_vote(text, need=1)
            if quick:
                return quick
            ranked = self._ident.rank(text)
            top = ranked[0][1]
            coded = next(((lg, sc) for lg, sc in ranked if lg in _CODED), None)
            if coded is not None and coded[1] >= top * _CLOSE:
                return str(coded[0])
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


_CODED = frozenset({"id", "en", "ms"})
_SHORT = 300  # characters: below this the identifier's guess among all languages is unreliable
_CLOSE = 0.5  # a coded language with at least this share of the top probability wins on a short text


def _quick_vote(text: str, need: int = 3) -> str:
    """'id' or 'en' when function words clearly point one way, '' when unsure."""
    words = text.lower().split()
    counts = {lang: sum(map(fw.__contains__, words)) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(counts, key=counts.__getitem__)
    other = min(counts.values())
    return best if counts[best] >= need and counts[best] >= 3 * max(other, 1) else ""


# py3langid walks its byte automaton in a Python loop, one dependent look-up in a 40 MB table per byte: slow,
# and slower still when the table has gone cold between documents. The bundled model's automaton forgets all
# but the last 6 bytes (checked exhaustively: from any state, the same 6 bytes lead where they lead from the
# start), so the state after every byte is found at once with numpy, 6 vectorised steps over all positions,
# and the feature counts are the library's own (same features in the same order: the same scores to the bit).
# Another model (its tables differ from the digest) gets the library's loop.
_WINDOW = 6
_MODEL_DIGEST = "04493455b624152089b0d85af10a1333"  # blake2b-128 of nextmove, row and output of that model


def _identifier() -> Any:
    import array
    import hashlib

    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    class FastIdentifier(LanguageIdentifier):  # type: ignore[misc]
        """The library's identifier with the automaton walk vectorised (`_raw_score` as the library's)."""

        _np: tuple[Any, Any, Any]

        def _raw_score(self, text: bytes) -> Any:
            visits = self._visits(text)
            if visits:
                return self._sparse_score(visits, self.nb_ptc)
            return super()._raw_score(b"")  # no features: the library's own fill

        def _visits(self, text: bytes) -> dict[int, int] | None:
            """The library's `visit_counts`: how often each feature was seen, in first-seen order."""
            nm, rowbase, out = self._np
            state, head = 0, []
            for letter in text[: _WINDOW - 1]:
                state = int(nm[rowbase[state] + letter])
                head.append(state)
            states = np.asarray(head, dtype=np.intp)
            m = len(text) - _WINDOW + 1
            if m > 0:
                # the state after byte i (i >= WINDOW-1) is where the start state goes on bytes i-WINDOW+1 .. i
                b = np.frombuffer(text, dtype=np.uint8)
                st = np.zeros(m, dtype=nm.dtype)
                for k in range(_WINDOW):
                    st = nm[rowbase[st] + b[k : k + m]]
                states = np.concatenate((states, st))
            feats = out[states]
            feats = feats[feats >= 0]
            if not len(feats):
                return None
            keys, first, counts = np.unique(feats, return_index=True, return_counts=True)
            order = np.argsort(first, kind="stable")  # first-seen order, as the library's Counter keeps it
            return dict(zip(keys[order].tolist(), counts[order].tolist(), strict=True))

    ident = FastIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    h = hashlib.blake2b(digest_size=16)
    h.update(ident.tk_nextmove)
    h.update(ident.tk_row)
    h.update(array.array("i", ident.tk_output))
    if h.hexdigest() != _MODEL_DIGEST:
        return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    nm = np.frombuffer(ident.tk_nextmove, dtype=np.dtype(f"u{ident.tk_nextmove.itemsize}"))
    ident._np = (nm, np.asarray(ident._rowbase, dtype=np.intp), np.asarray(ident.tk_output, dtype=np.intp))
    return ident


def coding_language(lang: str | None, supported: tuple[str, ...]) -> str | None:
    if lang is None:
        return None
    lang = CODE_AS.get(lang, lang)
    return lang if lang in supported else None
