"""Spam and boilerplate lines, from the multilingual data file `clean/data/spam.yaml`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from ..errors import DataFileError, E

_WORD = re.compile(r"[\w']+", re.UNICODE)


class SpamData(BaseModel):
    model_config = ConfigDict(extra="forbid")
    strong: list[str]
    weak: list[str]
    boilerplate: list[str]
    lines: list[str] = []


@cache
def load_spam_data() -> SpamData:
    path = resources.files("warta.clean").joinpath("data/spam.yaml")
    try:
        data = SpamData.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except (ValidationError, yaml.YAMLError) as err:
        raise DataFileError(E.E106.fmt(path=path, detail=str(err).splitlines()[0])) from err
    for name, items in (("strong", data.strong), ("weak", data.weak), ("boilerplate", data.boilerplate),
                        ("lines", data.lines)):
        seen = set()
        for it in items:
            if it.lower() in seen:
                raise DataFileError(E.E106.fmt(path=path, detail=f"duplicate {name} entry {it!r}"))
            seen.add(it.lower())
    return data


def _trie(terms: list[str]) -> str:
    """Alternation of literal terms as a trie, the longer first where one is a prefix of another: the same
    matches as a longest-first alternation (the terms matching at one place are prefixes of one another), but
    the regex tries shared prefixes once: twice as fast."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for term in terms:
        node = root
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "spam" | "boilerplate" | ""


class SpamFilter:
    def __init__(self, max_words: int = 12, strong_hits: int = 2, share: float = 0.5) -> None:
        data = load_spam_data()
        self.max_words = max_words
        self.strong_hits = strong_hits
        self.share = share
        # a strong term may carry digits, as spam site names do: "gacor88", "maxwin77", "sbobet88"
        # (lower-cased: under re.I case does not matter, and no two branches of the trie then match one letter)
        self._strong = re.compile(r"\b" + _trie([s.lower() for s in data.strong]) + r"\d*\b", re.I)
        self._weak = frozenset(w.lower() for w in data.weak) | frozenset(
            w for s in data.strong for w in s.lower().split()
        )
        self._boiler = re.compile("|".join(f"(?:{b})" for b in data.boilerplate), re.I)
        self._lines = re.compile("|".join(f"(?:{b})" for b in data.lines) or r"(?!)", re.I)

    def judge(self, line: str) -> str:
        """'spam', 'boilerplate' or '' for a line worth keeping."""
        s = line.strip()
        if not s:
            return ""
        if self._boiler.match(s):
            return "boilerplate"
        if self._lines.fullmatch(s):
            return "spam"
        words = _WORD.findall(s.lower())
        if not words:
            return ""
        strong = len(self._strong.findall(s))
        if strong >= self.strong_hits:
            return "spam"
        spammy = sum(1 for w in words if w in self._weak)
        share = spammy / len(words)
        # a real sentence that mentions "judi slot online" among ordinary words is kept
        sentence_like = len(words) >= 6 and s[-1] in ".!?\"\u201d'"
        if sentence_like and share < 0.5:
            return ""
        if strong and len(words) <= self.max_words:
            return "spam"
        # a short line made mostly of spam words ("Togel Singapore", "By gacor88") is spam
        if len(words) <= self.max_words and spammy >= 2 and share >= max(self.share, 0.75 if len(words) > 3 else 0.5):
            return "spam"
        return ""
