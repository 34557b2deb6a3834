"""Sentence splitting for Indonesian and English: paragraph-aware, abbreviation lists per language
(`warta/lang/<code>/abbreviations.yaml`), closing quotes kept with their sentence."""

from __future__ import annotations

import re

from .records import Document, Sentence

# end punctuation, optional closing quotes/brackets, whitespace, then something that can start a sentence
_BOUNDARY = re.compile(r"([.!?…]+)([\"”’'»)\]]*)(\s+)(?=[\"“‘'«(\[]?[A-Z0-9\u00c0-\u00dd])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_INITIAL = re.compile(r"^(?:[A-Z]\.)+$")  # "B.", "A.S.", "J.R.R.": initials, with the final period
# An acronym in capitals without inner periods ("AS", "PBB", "TNI", "WIB") is written without a period of its
# own, so a period after it ends the sentence even though the lower-case form is in the abbreviation list;
# except the few that do take a period before a name ("PT. Pertamina", "KH. Ma'ruf Amin").
_ACRONYM = re.compile(r"^[A-Z]{2,}$")
_TAKES_PERIOD = frozenset({"pt", "cv", "kh", "dr", "ir", "hj", "no", "jl", "jln", "st"})
# Abbreviations that close a list and so often end the sentence too: split before a capital.
_MAY_END = frozenset({"dll.", "dsb.", "dst.", "etc."})


def split_paragraph(text: str, abbreviations: frozenset[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        if m.group(1) == ".":
            before = _word_before(text, m.start(1))
            word = (before.group(1) if before else "") + "."
            bare = word.lstrip("(\"“'")
            if _is_abbreviation(bare, abbreviations):
                continue
        end = m.end(2)
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end(3)
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _word_before(text: str, end: int) -> re.Match[str] | None:
    """`_WORD_BEFORE.search(text, 0, end)`, looking back a little only: a match starting after the start of
    that stretch is the same one; one starting right at it may reach further back, so then all is searched."""
    lo = max(0, end - 40)
    m = _WORD_BEFORE.search(text, lo, end)
    if m is not None and m.start() == lo and lo > 0:
        return _WORD_BEFORE.search(text, 0, end)
    return m


def _is_abbreviation(word: str, abbreviations: frozenset[str]) -> bool:
    """`word` (with its final period) does not end the sentence."""
    low = word.lower()
    if low in _MAY_END:
        return False
    if _INITIAL.match(word):
        return True
    if _ACRONYM.match(word[:-1]) and low[:-1] not in _TAKES_PERIOD:
        return False
    return low in abbreviations


def split_sentences(doc: Document, abbreviations_for: dict[str, frozenset[str]]) -> list[Sentence]:
    out: list[Sentence] = []
    paras = doc.paragraphs or [(0, len(doc.text))]
    for pi, (ps, pe) in enumerate(paras):
        lang = doc.paragraph_langs[pi] if pi < len(doc.paragraph_langs) else doc.lang
        abbr = abbreviations_for.get(lang or "", frozenset())
        para = doc.text[ps:pe]
        for s, e in split_paragraph(para, abbr):
            out.append(Sentence(index=len(out), text=para[s:e], start=ps + s, end=ps + e, paragraph=pi, lang=lang))
    return out
