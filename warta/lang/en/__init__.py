"""English: a light suffix stemmer with an irregular-verb table; patterns pass through the same function,
so only consistency matters, not linguistic exactness."""

from __future__ import annotations

from functools import cached_property, lru_cache

from ..base import BaseLanguage


class Language(BaseLanguage):
    code = "en"

    @cached_property
    def _irregular(self) -> dict[str, str]:
        from .. import read_yaml

        data = read_yaml("en", "irregular.yaml") or {}
        return {str(k).lower(): str(v).lower() for k, v in data.items()}

    @cached_property
    def stem(self):  # type: ignore[no-untyped-def,override]
        irregular = self._irregular

        @lru_cache(maxsize=200_000)
        def stem(word: str) -> str:
            w = word.lower().replace("’", "'")
            if w in irregular:
                w = irregular[w]
            elif len(w) > 4 and w.isalpha():
                for suf, rep in (("ies", "y"), ("ied", "y"), ("ying", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
                    if w.endswith(suf) and len(w) - len(suf) >= 3 and not (suf == "s" and w.endswith(("ss", "us", "is"))):
                        w = w[: -len(suf)] + rep
                        break
                if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
                    w = w[:-1]  # stopped -> stop
            bare = w.rstrip("e")
            if len(bare) >= 3 and w.isalpha():
                w = bare  # agree/agreed, seize/seized meet on one form
            return w

        return stem
