"""What every language provides. Subclasses in `warta/lang/<code>/__init__.py` stay thin: data lives in YAML."""

from __future__ import annotations

from functools import cached_property


class BaseLanguage:
    code = "xx"

    @cached_property
    def abbreviations(self) -> frozenset[str]:
        from . import read_yaml

        data = read_yaml(self.code, "abbreviations.yaml") or {}
        return frozenset(a.lower() for a in data.get("abbreviations", []))

    def stem(self, word: str) -> str:
        """The form patterns are matched on (a stem for Indonesian, a lemma for English)."""
        return word.lower()
