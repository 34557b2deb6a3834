"""Indonesian: PySastrawi stems, corrected by `stem_exceptions.yaml` where Sastrawi errs or collides."""

from __future__ import annotations

from functools import cached_property, lru_cache

from ..base import BaseLanguage


class Language(BaseLanguage):
    code = "id"

    @cached_property
    def _stemmer(self):  # type: ignore[no-untyped-def]
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        return StemmerFactory().create_stemmer()

    @cached_property
    def _exceptions(self) -> dict[str, str]:
        from .. import read_yaml

        data = read_yaml("id", "stem_exceptions.yaml") or {}
        return {str(k).lower(): str(v) for k, v in data.items()}

    @cached_property
    def stem(self):  # type: ignore[no-untyped-def,override]
        exceptions = self._exceptions
        stemmer = self._stemmer

        @lru_cache(maxsize=200_000)  # bounded: news vocabulary is large but repetitive
        def stem(word: str) -> str:
            w = word.lower()
            if w in exceptions:
                return exceptions[w]
            if w.endswith("nya") and w[:-3] in exceptions:
                return exceptions[w[:-3]]
            if not w.isalpha():
                return w
            return str(stemmer.stem(w)) or w

        return stem
