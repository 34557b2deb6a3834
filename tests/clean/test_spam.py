"""Spam and boilerplate lines (tests/data/cleaning_cases.yaml): drop the page's junk, keep the news."""

from __future__ import annotations

import pytest
import yaml
from conftest import DATA

from warta.clean import SpamFilter
from warta.clean.spam import load_spam_data

CASES = yaml.safe_load((DATA / "cleaning_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def spam() -> SpamFilter:
    return SpamFilter()


@pytest.mark.parametrize("line", CASES["remove"])
def test_spam_remove_lines_judged_junk(spam: SpamFilter, line: str) -> None:
    assert spam.judge(line) in ("spam", "boilerplate")


@pytest.mark.parametrize("line", CASES["keep"])
def test_spam_keep_lines_kept(spam: SpamFilter, line: str) -> None:
    assert spam.judge(line) == ""


@pytest.mark.parametrize(
    "line,verdict",
    [
        ("slot online", "spam"),
        ("By gacor88", "spam"),
        ("Togel Singapore", "spam"),
        ("Toto SGP", "spam"),
        ("By maxwin77", "spam"),
        ("Baca juga: Menlu Retno Bertemu Sekjen PBB", "boilerplate"),
        ("Editor: Rina Hapsari", "boilerplate"),
        ("Share this article", "boilerplate"),
        ("", ""),
        ("   ", ""),
        ("...", ""),
        ("By Tom Bailey", ""),  # a real byline is not spam
        ("Oleh Rina Hapsari", ""),
    ],
)
def test_spam_verdict_kind(spam: SpamFilter, line: str, verdict: str) -> None:
    assert spam.judge(line) == verdict


def test_spam_thresholds_from_arguments() -> None:
    line = "Slot Gacor Maxwin Hari Ini Gampang Menang"  # 7 words, several strong terms
    assert SpamFilter().judge(line) == "spam"
    assert SpamFilter(strong_hits=99, max_words=3).judge(line) == ""
    # one strong term in a short line is spam; in a line longer than max_words it needs company
    assert SpamFilter().judge("Bocoran togel malam ini") == "spam"
    assert SpamFilter(max_words=3).judge("Bocoran togel malam ini") == ""


def test_spam_news_sentence_mentioning_gambling_kept(spam: SpamFilter) -> None:
    assert spam.judge("Polisi menggerebek bandar judi online di Medan dan menyita 12 komputer, kata polisi.") == ""


def test_spam_data_file_valid_and_unique() -> None:
    data = load_spam_data()
    for items in (data.strong, data.weak, data.boilerplate, data.lines):
        assert len({i.lower() for i in items}) == len(items)
    assert "gacor" in data.strong and "slot" in data.weak
