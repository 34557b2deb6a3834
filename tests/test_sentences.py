"""Sentence splitting: Indonesian and English, paragraphs, abbreviations, quotes, initials, offsets."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from warta.lang import get_language
from warta.records import Document
from warta.sentences import split_paragraph

ABBR = {lang: get_language(lang).abbreviations for lang in ("id", "en")}


def split(text: str, lang: str) -> list[str]:
    return [text[s:e] for s, e in split_paragraph(text, ABBR[lang])]


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("id", "Turki mendesak gencatan senjata. Rusia setuju! Apakah Libya menerima? Belum jelas.",
         ["Turki mendesak gencatan senjata.", "Rusia setuju!", "Apakah Libya menerima?", "Belum jelas."]),
        ("en", "Turkey urged a ceasefire. Russia agreed! Will Libya accept? It is unclear.",
         ["Turkey urged a ceasefire.", "Russia agreed!", "Will Libya accept?", "It is unclear."]),
        ("id", "Serangan terjadi pada 2019. 12 orang tewas.", ["Serangan terjadi pada 2019.", "12 orang tewas."]),
        ("id", "Mereka menunggu… Lalu pasukan datang.", ["Mereka menunggu…", "Lalu pasukan datang."]),
        ("id", "Ia tiba pukul 10.30 WIB di Jakarta.", ["Ia tiba pukul 10.30 WIB di Jakarta."]),
        ("id", "Satu kalimat tanpa titik", ["Satu kalimat tanpa titik"]),
        ("en", "", []),
    ],
)
def test_sentences_basic_split(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("id", "Kantornya di Jl. Sudirman No. 5 Jakarta. Ia datang pagi.",
         ["Kantornya di Jl. Sudirman No. 5 Jakarta.", "Ia datang pagi."]),
        ("id", "Jend. Sudirman memimpin pasukan. Kombes Pol. Budi Santoso hadir.",
         ["Jend. Sudirman memimpin pasukan.", "Kombes Pol. Budi Santoso hadir."]),
        ("id", "Ia bergelar Dr. Rina Hapsari, M.Si. Lulusan UI itu kini mengajar.",
         ["Ia bergelar Dr. Rina Hapsari, M.Si. Lulusan UI itu kini mengajar."]),
        ("id", "Bantuan berupa beras, gula, minyak, dll. dikirim lewat udara. Pesawat tiba sore.",
         ["Bantuan berupa beras, gula, minyak, dll. dikirim lewat udara.", "Pesawat tiba sore."]),
        ("en", "The U.N. Security Council met on Friday. It voted.",
         ["The U.N. Security Council met on Friday.", "It voted."]),
        ("en", "The U.S. Navy struck targets in Yemen. Officials confirmed it.",
         ["The U.S. Navy struck targets in Yemen.", "Officials confirmed it."]),
        ("en", "Gen. Khalifa Haftar attacked Tripoli. Dr. Ghassan Salame warned of war.",
         ["Gen. Khalifa Haftar attacked Tripoli.", "Dr. Ghassan Salame warned of war."]),
        ("en", "Talks resume on Jan. 5 in Doha, Mr. Smith said. Nobody objected.",
         ["Talks resume on Jan. 5 in Doha, Mr. Smith said.", "Nobody objected."]),
    ],
)
def test_sentences_abbreviations_do_not_split(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("en", "J. R. R. Tolkien wrote it. He died in 1973.", ["J. R. R. Tolkien wrote it.", "He died in 1973."]),
        ("en", "George W. Bush spoke. He left.", ["George W. Bush spoke.", "He left."]),
        ("id", "Menurut Susilo B. Yudhoyono, A.S. Hikam dan H. Agus Salim hadir. Acara usai.",
         ["Menurut Susilo B. Yudhoyono, A.S. Hikam dan H. Agus Salim hadir.", "Acara usai."]),
    ],
)
def test_sentences_no_split_inside_initials(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


@pytest.mark.parametrize(
    "lang,text,expected",
    [
        ("id", "“Kami menolak rancangan itu,” kata dia.” Lalu ia meninggalkan ruangan.",
         ["“Kami menolak rancangan itu,” kata dia.”", "Lalu ia meninggalkan ruangan."]),
        ("id", "“Kami menolak serangan itu.” Lalu ia pergi.", ["“Kami menolak serangan itu.”", "Lalu ia pergi."]),
        ("id", "“Kami menolak serangan itu.” kata Menlu.", ["“Kami menolak serangan itu.” kata Menlu."]),
        ("en", '"We reject it," he said. "We will not sign." Talks ended.',
         ['"We reject it," he said.', '"We will not sign."', "Talks ended."]),
        ("en", "He said it was over (for now.) Then he left.", ["He said it was over (for now.)", "Then he left."]),
    ],
)
def test_sentences_closing_quotes_stay_with_sentence(lang: str, text: str, expected: list[str]) -> None:
    assert split(text, lang) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        # acronyms are written without a period of their own: a period after one ends the sentence
        ("Serangan itu dikecam PBB. Iran mengutuk serangan itu.",
         ["Serangan itu dikecam PBB.", "Iran mengutuk serangan itu."]),
        ("Kata seorang pejabat AS. Pentagon menolak berkomentar.",
         ["Kata seorang pejabat AS.", "Pentagon menolak berkomentar."]),
        ("Direktur PT. Pertamina hadir. Ia berbicara.", ["Direktur PT. Pertamina hadir.", "Ia berbicara."]),
        ("Mereka membawa beras, gula, dll. Bantuan tiba kemarin.",
         ["Mereka membawa beras, gula, dll.", "Bantuan tiba kemarin."]),
    ],
)
def test_sentences_acronym_and_list_end(text: str, expected: list[str]) -> None:
    assert split(text, "id") == expected


def test_sentences_paragraphs_respected(run_text: Callable[..., Document]) -> None:
    doc = run_text(
        "Turki dan Rusia menyerukan gencatan senjata di Libya\n\n"
        "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk gencatan senjata pada hari Rabu. "
        "Kedua negara bertemu di Istanbul.\n\n"
        "Khawatir\n\n"
        "Pasukan Haftar menyerang Tripoli, kata para diplomat"
    )
    got = [(s.paragraph, s.text) for s in doc.sentences]
    assert got == [
        (0, "Turki dan Rusia menyerukan gencatan senjata di Libya"),
        (1, "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk gencatan senjata pada hari Rabu."),
        (1, "Kedua negara bertemu di Istanbul."),
        (2, "Khawatir"),
        (3, "Pasukan Haftar menyerang Tripoli, kata para diplomat"),
    ]
    assert [s.index for s in doc.sentences] == list(range(5))


def test_sentences_offsets_index_cleaned_text(run_text: Callable[..., Document]) -> None:
    doc = run_text("  Rusia  menyerang Ukraina.   Jend. Budi hadir.\n\n\n“Kami menolak,” kata dia.” Lalu pergi.  ")
    assert len(doc.sentences) == 4
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
        assert s.text == s.text.strip()
        assert s.lang == doc.lang


def test_sentences_english_document(run_text: Callable[..., Document]) -> None:
    doc = run_text(
        "The U.S. and Russia said on Thursday they could not support a U.N. Security Council resolution "
        "calling for a ceasefire in Libya, diplomats said. Gen. Khalifa Haftar's forces advanced on Tripoli."
    )
    assert doc.lang == "en"
    assert len(doc.sentences) == 2
    assert doc.sentences[1].text == "Gen. Khalifa Haftar's forces advanced on Tripoli."
