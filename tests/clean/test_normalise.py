"""Unicode and whitespace normalisation, and paragraph splitting."""

from __future__ import annotations

from warta.clean.normalise import normalise, paragraphs


def test_normalise_nfc_composes_accents() -> None:
    text, changed = normalise("Bogota\u0301 dan Franc\u0327ois")
    assert text == "Bogotá dan François"
    assert changed == 2


def test_normalise_invisible_characters_removed_inside_words() -> None:
    text, changed = normalise("Li\u200bbya dan Ru\u00adsia\ufeff bertemu\u2060")
    assert text == "Libya dan Rusia bertemu"
    assert changed == 4


def test_normalise_spaces_collapsed_and_lines_trimmed() -> None:
    text, changed = normalise("  Turki\u00a0\u00a0dan\tRusia \u2009 bertemu.  \nLalu   pulang. ")
    assert text == "Turki dan Rusia bertemu.\nLalu pulang."
    assert changed > 0


def test_normalise_newlines_unified() -> None:
    text, _ = normalise("satu\r\ndua\rtiga\u2028empat\u2029lima")
    assert text == "satu\ndua\ntiga\nempat\n\nlima"


def test_normalise_control_characters_removed() -> None:
    text, changed = normalise("Rusia\x07 dan\x1b Turki\x7f")
    assert text == "Rusia dan Turki"
    assert changed == 3


def test_normalise_clean_text_unchanged() -> None:
    clean = "Turki dan Rusia mendesak gencatan senjata.\n\nParagraf kedua."
    assert normalise(clean) == (clean, 0)


def test_normalise_paragraphs_split_at_blank_lines() -> None:
    text = "Judul\n\nBaris satu\nbaris dua.\n\n\n\nParagraf tiga.\n"
    assert paragraphs(text) == ["Judul", "Baris satu baris dua.", "Paragraf tiga."]


def test_normalise_paragraphs_single_newlines_are_paragraphs() -> None:
    # HTML extractions and some scrapes use single newlines only
    assert paragraphs("Satu.\nDua.\n\nTiga.".replace("\n\n", "\n")) == ["Satu.", "Dua.", "Tiga."]
    assert paragraphs("") == [] and paragraphs("\n \n") == []
