"""Repair words glued together when a page's links were stripped: "Libyadengan" -> "Libya dengan",
"RusiaSebuah" -> "Rusia Sebuah".

A split is made only when the left part is a name we know (actor dictionary, gazetteer) and the right part is
a frequent word (wordfreq's list for the language) or another known name. A token that is itself a known name
or a word is never split, so Misrata, Serraj and Haftar stay whole.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import cache, lru_cache

_TOKEN = re.compile(r"\b[A-Z][a-zA-Z\u00c0-\u024f]{4,}\b")
_WORD = re.compile(r"\b[A-Z][\w'-]*\b")  # capitalised words standing alone
# up to two capitalised words right before a token: the head of a multi-word name ("Abu" in "Abu DhabiSebuah")
_BEFORE = re.compile(r"(?<![\w'-])(?:[A-Z][\w'-]*[ ]){1,2}$")
# Indonesian clitics and suffixes that belong to the word they follow
_CLITICS = frozenset({"lah", "kah", "pun", "nya", "ku", "mu", "tah", "an", "kan", "i", "n", "s", "es", "ian", "ese"})


@cache
def _freqs(lang: str) -> dict[str, float]:
    from wordfreq import get_frequency_dict

    try:
        return get_frequency_dict(lang, wordlist="small")
    except LookupError:
        return {}


def zipf(word: str, lang: str) -> float:
    f = _freqs(lang).get(word.lower(), 0.0)
    return math.log10(f) + 9 if f > 0 else 0.0


@cache
def _words(lang: str) -> frozenset[str]:
    """The (lower-case) words w with `zipf(w, lang) >= 2.5 or zipf(w, "en") >= 3.0`: `GlueFixer._is_word`
    asks for every capitalised token, so the answer is worked out once per word of the lists."""
    def at_least(code: str, floor: float) -> set[str]:
        return {w for w, f in _freqs(code).items() if f > 0 and math.log10(f) + 9 >= floor}

    return frozenset(at_least(lang, 2.5) | at_least("en", 3.0))


class GlueFixer:
    def __init__(self, is_name: Callable[[str], bool], min_zipf: float = 3.2,
                 is_actor: Callable[[str], bool] | None = None) -> None:
        # A place name alone ("Saga", "Arar", "Kani") would cut unknown names ("Sagaing", "Ararat", "Kaniyat"):
        # a left part that is a place but no actor must also stand alone elsewhere in the document, as the
        # names of stripped links do ("Tripolidi" in a story that says "Tripoli" elsewhere).
        self.is_actor = lru_cache(maxsize=4096)(is_actor) if is_actor is not None else None
        self._context: frozenset[str] = frozenset()
        # the name test runs on every capitalised token and on the parts of unknown ones, and the same names
        # come back all through a document: remember recent answers (it must not change while in use)
        self.is_name = lru_cache(maxsize=4096)(is_name)
        self.min_zipf = min_zipf

    def _is_word(self, w: str, lang: str) -> bool:
        return w.lower() in _words(lang)  # zipf(w, lang) >= 2.5 or zipf(w, "en") >= 3.0

    def split(self, token: str, lang: str, before: tuple[str, ...] = ()) -> str | None:
        """The repaired form of one token, or None when it should stay as it is. `before` holds the words
        just before the token (nearest last), so the tail of a multi-word name is known: "Abu DhabiSebuah"."""
        if self._is_word(token, lang) or self.is_name(token):
            return None
        return self._split_unknown(token, lang, before)

    def _split_unknown(self, token: str, lang: str, before: tuple[str, ...]) -> str | None:
        """`split` of a token that is neither a word nor a name."""
        # a case change inside the word marks the seam most reliably: "LibyaTentara"
        for i in range(len(token) - 1, 2, -1):
            if token[i].isupper() and token[i - 1].islower():
                left, right = token[:i], token[i:]
                if self._known(left, before) and (self.is_name(right) or self._common(right, lang)):
                    return f"{left} {right}"
                return None
        for i in range(len(token) - 2, 2, -1):  # longest known name first
            left, right = token[:i], token[i:]
            if right.lower() in _CLITICS or len(right) < 2:
                continue
            if self._known(left, before) and (self._common(right, lang) or self.is_name(right)):
                return f"{left} {right}"
        return None

    def _known(self, left: str, before: tuple[str, ...]) -> bool:
        """`left` is a name, alone or as the last word of a name of up to three words. A name of three letters
        or fewer is an acronym ("PBB", "SAF") and must be written in capitals: "Safadi" is not "Saf adi"."""
        if len(left) <= 3 and not left.isupper():
            return False
        if self.is_name(left):
            return self.is_actor is None or self.is_actor(left) or left in self._context
        for n in (1, 2):
            if len(before) >= n and self.is_name(" ".join((*before[-n:], left))):
                return True
        return False

    def _common(self, w: str, lang: str) -> bool:
        # a two-letter remainder must be a very frequent word ("di", "on"): "Maliki" is not "Mali ki"
        floor = max(self.min_zipf, 5.0) if len(w) <= 2 else self.min_zipf
        return zipf(w, lang) >= floor or (lang != "en" and zipf(w, "en") >= floor + 1.5)

    @staticmethod
    def standalone(text: str) -> frozenset[str]:
        """The capitalised words standing alone in a text (once per document, for `fix`)."""
        return frozenset(_WORD.findall(text))

    def fix(self, text: str, lang: str, context: frozenset[str] | None = None) -> tuple[str, list[tuple[str, str]]]:
        """`text` with glued words split; `context` (`standalone` of the whole document, default of `text`)
        tells which place names stand alone in it."""
        fixed: list[tuple[str, str]] = []
        if self.is_actor is not None:
            self._context = context if context is not None else self.standalone(text)

        def repl(m: re.Match[str]) -> str:
            tok = m.group(0)
            if m.start() > 0 and text[m.start() - 1] in "-‐'’":
                return tok  # part of a hyphenated name: "Al-Kaniyat"
            if self._is_word(tok, lang) or self.is_name(tok):
                return tok  # (most tokens: `split` would say None before looking at the words before)
            prev = _BEFORE.search(text, max(0, m.start() - 60), m.start())
            before = tuple(prev.group(0).split()) if prev else ()
            new = self._split_unknown(tok, lang, before)
            if new is None:
                return tok
            fixed.append((tok, new))
            return new

        return _TOKEN.sub(repl, text), fixed
