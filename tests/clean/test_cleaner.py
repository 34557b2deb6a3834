"""The clean stage on whole documents: the seed articles, the report, repeated paragraphs, the hash."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from conftest import SEEDS, needs_corpus

from warta.clean import content_hash
from warta.records import Document

SEED_SPAM = {
    "libya-2019-04-unsc-truce.id.txt": ["slot online", "By gacor88"],
    "libya-2019-12-us-wagner.id.txt": ["Togel Singapore", "By gacor88"],
    "libya-2020-01-tur-rus-ceasefire.id.txt": ["Toto SGP", "By gacor88"],
}
GLUED = {"Libyadengan": "Libya dengan", "RusiaSebuah": "Rusia Sebuah", "LibyaTentara": "Libya Tentara",
         "Libyapejabat": "Libya pejabat", "Rusiadan": "Rusia dan"}
WHOLE = ("Misrata", "Serraj", "Haftar")


@needs_corpus
@pytest.mark.parametrize("name", [p.name for p in SEEDS])
def test_cleaner_seed_spam_reported_and_removed(seed_docs: dict[str, Document], name: str) -> None:
    doc = seed_docs[name]
    assert doc.report.spam_lines == SEED_SPAM[name]
    for line in ("slot online", "gacor88", "Togel Singapore", "Toto SGP", "gacor", "Togel", "SGP"):
        assert line not in doc.text
        assert all(line not in s.text for s in doc.sentences)
    assert doc.report.chars_out == len(doc.text) < doc.report.chars_in


@needs_corpus
def test_cleaner_seed_glued_words_repaired(seed_docs: dict[str, Document]) -> None:
    fixed = {pair for doc in seed_docs.values() for pair in doc.report.glued_fixed}
    assert set(GLUED.items()) <= fixed
    text = "\n".join(doc.text for doc in seed_docs.values())
    for glued, repaired in GLUED.items():
        assert glued not in text
        assert repaired in text


@needs_corpus
def test_cleaner_seed_names_untouched(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        changed = {old for old, _ in doc.report.glued_fixed}
        assert not changed & set(WHOLE)
        for name in WHOLE:
            assert doc.raw_text.count(name) == doc.text.count(name)
    assert all(n in "\n".join(d.text for d in seed_docs.values()) for n in WHOLE)


@needs_corpus
def test_cleaner_seed_hash_and_language(seed_docs: dict[str, Document]) -> None:
    for doc in seed_docs.values():
        assert doc.lang == "id"
        assert doc.hash == content_hash(doc.text)
        assert len(doc.hash) == 32
        # paragraph spans index the cleaned text
        assert [doc.text[s:e] for s, e in doc.paragraphs] == doc.text.split("\n\n")


def test_cleaner_repeated_paragraph_dropped(run_text: Callable[..., Document]) -> None:
    para = "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk gencatan senjata."
    doc = run_text(f"{para}\n\nParagraf lain yang berbeda sama sekali isinya.\n\n{para.upper()}\n\nPendek.\n\nPendek.")
    assert doc.report.duplicate_paragraphs == 1
    assert doc.text.count(para) == 1 and para.upper() not in doc.text
    assert doc.text.count("Pendek.") == 2  # short repeats ("Pendek.") are not scrapes of the body


def test_cleaner_report_counts(run_text: Callable[..., Document]) -> None:
    raw = ("Turki\u00a0dan Rusia bertemu di Istanbul pada hari Rabu, kata para pejabat.\n\n"
           "Baca juga: Harga minyak naik\n\nslot online\n\nEditor: Rina\n")
    doc = run_text(raw)
    rep = doc.report.as_dict()
    assert rep["chars_in"] == len(raw)
    assert rep["chars_out"] == len(doc.text)
    assert rep["spam_lines"] == ["slot online"]
    assert rep["boilerplate_lines"] == ["Baca juga: Harga minyak naik", "Editor: Rina"]
    assert rep["normalised_chars"] >= 1
    assert doc.text == "Turki dan Rusia bertemu di Istanbul pada hari Rabu, kata para pejabat."


def test_cleaner_same_text_same_hash(run_text: Callable[..., Document]) -> None:
    a = run_text("Rusia menyerang Ukraina.\n\nslot online", doc_id="a")
    b = run_text("Rusia  menyerang Ukraina.\n\n\n", doc_id="b")  # differs only in junk and spaces
    assert a.hash == b.hash
    assert run_text("Rusia menyerang Ukraina lagi.").hash != a.hash
