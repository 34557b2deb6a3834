"""WHEN stage: date expressions, event dates, publication dates, date arguments.

Fixed publication dates: 2020-01-08 is a Wednesday, 2019-04-18 a Thursday, 2019-12-14 a Saturday.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from warta.errors import InputError
from warta.when import (
    DateError,
    DateMatch,
    DatesSchema,
    PublishedDate,
    event_date,
    find_date_expressions,
    find_publication_date,
    load_dates_schema,
    parse_date_arg,
)

WED = dt.date(2020, 1, 8)
THU = dt.date(2019, 4, 18)
SAT = dt.date(2019, 12, 14)
D = dt.date

# (sentence, published, expected date, precision, kind) -- the first expression of the sentence
ID_CASES = [
    ("LNA menyerang Sirte pada hari Senin.", WED, D(2020, 1, 6), "day", "weekday"),
    ("GNA membalas pada hari Rabu.", WED, D(2020, 1, 8), "day", "weekday"),
    ("Mereka bertemu hari Kamis.", WED, D(2020, 1, 2), "day", "weekday"),
    ("GNA mengatakan pada Rabu malam bahwa", WED, D(2020, 1, 8), "day", "weekday"),
    ("Bentrokan terjadi Selasa sore.", WED, D(2020, 1, 7), "day", "weekday"),
    ("Pasukan bergerak Kamis pagi.", THU, D(2019, 4, 18), "day", "weekday"),
    ("Dewan bersidang Senin siang.", THU, D(2019, 4, 15), "day", "weekday"),
    ("Pada Selasa sore, bentrokan terjadi.", WED, D(2020, 1, 7), "day", "weekday"),
    ("Salat Jumat berlangsung damai.", WED, D(2020, 1, 3), "day", "weekday"),
    ("Pertemuan digelar Jum'at.", THU, D(2019, 4, 12), "day", "weekday"),
    ("Serangan terjadi Sabtu.", WED, D(2020, 1, 4), "day", "weekday"),
    ("Gencatan senjata dimulai Minggu.", WED, D(2020, 1, 5), "day", "weekday"),
    ("Mereka tiba pada hari minggu.", WED, D(2020, 1, 5), "day", "weekday"),
    ("Warga berkumpul hari Ahad.", THU, D(2019, 4, 14), "day", "weekday"),
    ("Ia tiba Rabu lalu.", WED, D(2020, 1, 1), "day", "weekday"),
    ("Ia akan tiba Rabu depan.", WED, D(2020, 1, 15), "day", "weekday"),
    ("Presiden mengatakan, Kamis (30/4), bahwa", WED, D(2019, 4, 30), "day", "explicit"),
    ("Presiden mengatakan, Sabtu (10/8/2019), bahwa", WED, D(2019, 8, 10), "day", "explicit"),
    ("Pompeo mengatakan pada 7 April bahwa", THU, D(2019, 4, 7), "day", "explicit"),
    ("Dewan menyatakan keprihatinannya pada 5 April.", THU, D(2019, 4, 5), "day", "explicit"),
    ("Perjanjian ditandatangani pada tanggal 5 April 2019.", WED, D(2019, 4, 5), "day", "explicit"),
    ("Operasi dimulai pada 30/4.", WED, D(2019, 4, 30), "day", "explicit"),
    ("Operasi dimulai 30/4/2019.", WED, D(2019, 4, 30), "day", "explicit"),
    ("Pertemuan berlangsung 5 Januari 2020.", THU, D(2020, 1, 5), "day", "explicit"),
    ("Kapal itu tiba pada 3 Agt 2019.", WED, D(2019, 8, 3), "day", "explicit"),
    ("Kapal itu tiba 12 Okt.", WED, D(2019, 10, 12), "day", "explicit"),
    ("Tentara menyerbu pada 25 Des.", WED, D(2019, 12, 25), "day", "explicit"),
    ("Perundingan dijadwalkan pada 20 Januari.", WED, D(2020, 1, 20), "day", "explicit"),
    ("Kesepakatan diteken pada 29 Februari.", D(2021, 3, 10), D(2020, 2, 29), "day", "explicit"),
    ("Pertemuan itu terjadi kemarin.", WED, D(2020, 1, 7), "day", "relative"),
    ("Pertemuan itu terjadi hari ini.", WED, D(2020, 1, 8), "day", "relative"),
    ("Serangan terjadi kemarin lusa.", WED, D(2020, 1, 6), "day", "relative"),
    ("Bandara ditutup pekan lalu.", WED, D(2019, 12, 30), "week", "relative"),
    ("Bandara ditutup minggu lalu.", WED, D(2019, 12, 30), "week", "relative"),
    ("Laporan itu dilihat bulan lalu.", WED, D(2019, 12, 1), "month", "relative"),
    ("Masalah itu muncul dalam pertemuan awal bulan ini.", SAT, D(2019, 12, 1), "month", "relative"),
    ("Pasukan tiba awal pekan ini.", WED, D(2020, 1, 6), "week", "relative"),
    ("Pemilu digelar tahun lalu.", WED, D(2019, 1, 1), "year", "relative"),
    ("Ledakan terdengar tadi malam.", WED, D(2020, 1, 7), "day", "relative"),
    ("Ia ditangkap dua hari lalu.", WED, D(2020, 1, 6), "day", "relative"),
    ("Ia ditangkap 3 hari yang lalu.", WED, D(2020, 1, 5), "day", "relative"),
    ("Mereka bertemu dua minggu lalu.", WED, D(2019, 12, 23), "week", "relative"),
    ("Mereka bertemu sepekan lalu.", WED, D(2019, 12, 30), "week", "relative"),
    ("Perundingan berlanjut minggu depan.", WED, D(2020, 1, 13), "week", "relative"),
    ("LNA berusaha merebut Tripoli sejak April.", WED, D(2019, 4, 1), "month", "since"),
    ("Libya telah terbagi sejak 2014.", WED, D(2014, 1, 1), "year", "since"),
    ("Libya telah terpecah sejak tahun 2014.", WED, D(2014, 1, 1), "year", "since"),
    ("Gaddafi digulingkan pada tahun 2011.", WED, D(2011, 1, 1), "year", "explicit"),
    ("Militan diusir pada akhir tahun 2016.", WED, D(2016, 1, 1), "year", "explicit"),
    ("Perjanjian ditandatangani pada bulan November.", WED, D(2019, 11, 1), "month", "explicit"),
    ("Perjanjian ditandatangani Januari 2020.", THU, D(2020, 1, 1), "month", "explicit"),
    ("Serangan dimulai awal April.", THU, D(2019, 4, 1), "month", "explicit"),
]

EN_CASES = [
    ("Turkey and Russia urged the parties on Wednesday.", WED, D(2020, 1, 8), "day", "weekday"),
    ("The LNA seized Sirte on Monday.", WED, D(2020, 1, 6), "day", "weekday"),
    ("The GNA said on Wednesday night it welcomed the call.", WED, D(2020, 1, 8), "day", "weekday"),
    ("Clashes erupted late on Tuesday.", WED, D(2020, 1, 7), "day", "weekday"),
    ("Shelling resumed early Tuesday.", WED, D(2020, 1, 7), "day", "weekday"),
    ("Mortars fell on Thursday morning.", THU, D(2019, 4, 18), "day", "weekday"),
    ("The envoy spoke on Friday evening.", THU, D(2019, 4, 12), "day", "weekday"),
    ("A ceasefire took effect Sunday.", WED, D(2020, 1, 5), "day", "weekday"),
    ("They met last Wednesday.", WED, D(2020, 1, 1), "day", "weekday"),
    ("They meet next Monday.", WED, D(2020, 1, 13), "day", "weekday"),
    ("Trump met Sisi April 9.", THU, D(2019, 4, 9), "day", "explicit"),
    ("Trump met Sisi on April 9.", THU, D(2019, 4, 9), "day", "explicit"),
    ("The deal was signed on January 5, 2020.", THU, D(2020, 1, 5), "day", "explicit"),
    ("The deal was signed on Jan. 5.", WED, D(2020, 1, 5), "day", "explicit"),
    ("The deal was signed on 5 January 2020.", THU, D(2020, 1, 5), "day", "explicit"),
    ("The talks opened on the 8th of January.", WED, D(2020, 1, 8), "day", "explicit"),
    ("Troops moved in on Dec 25.", WED, D(2019, 12, 25), "day", "explicit"),
    ("The attacks of Sept. 11, 2001 changed that.", WED, D(2001, 9, 11), "day", "explicit"),
    ("The report dated 2019-12-10 says so.", WED, D(2019, 12, 10), "day", "explicit"),
    ("Talks are due on Feb 3.", WED, D(2020, 2, 3), "day", "explicit"),
    ("The airport closed yesterday.", WED, D(2020, 1, 7), "day", "relative"),
    ("The ministers meet today.", WED, D(2020, 1, 8), "day", "relative"),
    ("Explosions were heard last night.", WED, D(2020, 1, 7), "day", "relative"),
    ("He left the day before yesterday.", WED, D(2020, 1, 6), "day", "relative"),
    ("The airport was shut last week.", WED, D(2019, 12, 30), "week", "relative"),
    ("Experts reported it last month.", WED, D(2019, 12, 1), "month", "relative"),
    ("They met earlier this month.", SAT, D(2019, 12, 1), "month", "relative"),
    ("They met earlier this week.", WED, D(2020, 1, 6), "week", "relative"),
    ("Elections were held last year.", WED, D(2019, 1, 1), "year", "relative"),
    ("He was arrested two days ago.", WED, D(2020, 1, 6), "day", "relative"),
    ("They met a week ago.", WED, D(2019, 12, 30), "week", "relative"),
    ("The siege began 3 months ago.", WED, D(2019, 10, 1), "month", "relative"),
    ("Fighting flared last weekend.", WED, D(2020, 1, 4), "week", "relative"),
    ("Talks resume next week.", WED, D(2020, 1, 13), "week", "relative"),
    ("The LNA has tried to take Tripoli since April.", WED, D(2019, 4, 1), "month", "since"),
    ("Libya has been split since 2014.", WED, D(2014, 1, 1), "year", "since"),
    ("Gaddafi was toppled in 2011.", WED, D(2011, 1, 1), "year", "explicit"),
    ("The militants were driven out in late 2016.", WED, D(2016, 1, 1), "year", "explicit"),
    ("The offensive began in May.", WED, D(2019, 5, 1), "month", "explicit"),
    ("The deal was signed in November.", WED, D(2019, 11, 1), "month", "explicit"),
    ("The deal was signed in March 2019.", WED, D(2019, 3, 1), "month", "explicit"),
    ("Haftar moved on Tripoli in mid-April.", THU, D(2019, 4, 1), "month", "explicit"),
]


def _check_first(
    sentence: str, lang: str, published: dt.date, date: dt.date, precision: str, kind: str
) -> None:
    found = find_date_expressions(sentence, lang, published)
    assert found, f"no date expression found in {sentence!r}"
    first = found[0]
    assert (first.date, first.precision, first.kind) == (date, precision, kind), (sentence, first)
    assert sentence[first.start : first.end] == first.text


@pytest.mark.parametrize(("sentence", "published", "date", "precision", "kind"), ID_CASES)
def test_dates_indonesian_expressions(
    sentence: str, published: dt.date, date: dt.date, precision: str, kind: str
) -> None:
    _check_first(sentence, "id", published, date, precision, kind)


@pytest.mark.parametrize(("sentence", "published", "date", "precision", "kind"), EN_CASES)
def test_dates_english_expressions(
    sentence: str, published: dt.date, date: dt.date, precision: str, kind: str
) -> None:
    _check_first(sentence, "en", published, date, precision, kind)


def test_dates_tables_are_big_enough() -> None:
    assert len(ID_CASES) >= 35
    assert len(EN_CASES) >= 30


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Pertemuan puncak akan diadakan dalam beberapa minggu.", "id"),
        ("PBB telah memimpin upaya selama berbulan-bulan.", "id"),
        ("Namun, pada hari-hari berikutnya, dewan tidak dapat mengeluarkan pernyataan.", "id"),
        ("Sebuah resolusi membutuhkan sembilan suara, atau 2/3 anggota.", "id"),
        ("Misrata berjarak 190 kilometer (118 mil) dari Tripoli.", "id"),
        ("Sembilan anggota tewas dalam serangan pada malam hari.", "id"),
        ("Dua minggu berlalu tanpa kemajuan.", "id"),
        ("Konflik itu bermula pada tahun 1990-an.", "id"),
        ("The conflict goes back to the 1990s.", "en"),
        ("Officials said they may 5 times reconsider.", "en"),
        ("Thousands joined the march on the capital.", "en"),
        ("The resolution needs nine votes in favour.", "en"),
    ],
)
def test_dates_no_expression_in_ordinary_text(sentence: str, lang: str) -> None:
    assert find_date_expressions(sentence, lang, WED) == []


def test_dates_match_text_and_offsets_refer_to_the_original_sentence() -> None:
    sentence = "İstanbul dan Ankara bertemu pada hari Senin."
    (m,) = find_date_expressions(sentence, "id", WED)
    assert m.text == "pada hari Senin" == sentence[m.start : m.end]
    assert m.date == D(2020, 1, 6)


def test_dates_weekday_with_explicit_date_is_one_expression() -> None:
    (m,) = find_date_expressions("Rusia pada Minggu, 5 Januari 2020 mengatakan", "id", WED)
    assert (m.text, m.date, m.kind) == ("pada Minggu, 5 Januari 2020", D(2020, 1, 5), "explicit")


def test_dates_unresolved_without_publication_date() -> None:
    (weekday,) = find_date_expressions("LNA menyerang pada hari Senin.", "id", None)
    assert weekday.date is None and weekday.precision == "day"
    (full,) = find_date_expressions("Perjanjian ditandatangani pada tanggal 5 April 2019.", "id", None)
    assert full.date == D(2019, 4, 5)


# --- event dates ----------------------------------------------------------------------------------------


def _trigger(sentence: str, word: str) -> tuple[int, int]:
    start = sentence.index(word)
    return start, start + len(word)


GOLD = [
    (
        "LNA Haftar dengan cepat menguasai Sirte, sebuah kota penting yang strategis di tengah garis pantai "
        "Mediterania Libya, pada hari Senin dan berusaha untuk mengkonsolidasikan keuntungan.",
        "menguasai",
        WED,
        D(2020, 1, 6),
        "day",
    ),
    (
        "Pasukan GNA mengatakan pada hari Selasa bahwa mereka telah mundur dari Sirte untuk menghindari "
        "pertumpahan darah.",
        "mundur",
        WED,
        D(2020, 1, 7),
        "day",
    ),
    (
        "LNA membalas pada hari Rabu dengan serangan udara di dekat pos pemeriksaan Abu Grein, dekat al-Washka, "
        "tempat bentrokan terus berlanjut, kata pejabat militer LNA.",
        "membalas",
        WED,
        D(2020, 1, 8),
        "day",
    ),
    (
        "Dewan Keamanan Bersatu secara informal menyatakan keprihatinannya pada 5 April, menyerukan semua "
        "pasukan untuk mengurangi dan menghentikan aktivitas militer, khususnya memanggil LNA.",
        "menyatakan",
        THU,
        D(2019, 4, 5),
        "day",
    ),
    (
        "Amerika Serikat dan Rusia keduanya mengatakan Kamis bahwa mereka tidak dapat mendukung resolusi Dewan "
        "Keamanan PBB yang menyerukan gencatan senjata di Libya saat ini, kata para diplomat.",
        "mendukung",
        THU,
        D(2019, 4, 18),
        "day",
    ),
    (
        "Amerika Serikat “sangat prihatin” dengan intensifikasi konflik di Libya dengan meningkatnya jumlah "
        "tentara bayaran Rusia, mengubah konflik menjadi lebih berdarah, kata seorang pejabat senior Departemen "
        "Luar Negeri pada hari Sabtu.",
        "prihatin",
        SAT,
        D(2019, 12, 14),
        "day",
    ),
    (
        "Masalah tersebut muncul dalam pertemuan awal bulan ini antara Menteri Luar Negeri AS Mike Pompeo dan "
        "mitranya dari Rusia, Sergei Lavrov.",
        "pertemuan",
        SAT,
        D(2019, 12, 1),
        "month",
    ),
    (
        "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya pada hari Rabu untuk mendeklarasikan "
        "gencatan senjata pada hari Minggu ketika faksi-faksi yang bertikai bentrok.",
        "mendesak",
        WED,
        D(2020, 1, 8),
        "day",
    ),
]


@pytest.mark.parametrize(("sentence", "word", "published", "date", "precision"), GOLD)
def test_dates_gold_cases_from_the_seeds(
    sentence: str, word: str, published: dt.date, date: dt.date, precision: str
) -> None:
    got = event_date(sentence, "id", published, _trigger(sentence, word))
    assert (got.date, got.precision) == (date, precision), got
    # without a trigger the first usable expression gives the same answer here
    assert event_date(sentence, "id", published).date == date


def test_dates_future_weekday_after_purpose_clause_is_not_the_event_date() -> None:
    sentence = (
        "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya pada hari Rabu untuk mendeklarasikan "
        "gencatan senjata pada hari Minggu ketika faksi-faksi yang bertikai bentrok."
    )
    found = find_date_expressions(sentence, "id", WED)
    assert [m.date for m in found] == [D(2020, 1, 8), D(2020, 1, 12)]  # Sunday is the coming one
    got = event_date(sentence, "id", WED, _trigger(sentence, "mendeklarasikan"))
    assert got.date == D(2020, 1, 8)


@pytest.mark.parametrize(
    ("sentence", "lang"),
    [
        ("Kedua pihak akan bertemu pada hari Minggu di Berlin.", "id"),
        ("Kedua menteri dijadwalkan bertemu Jumat.", "id"),
        ("The two sides will meet on Sunday in Berlin.", "en"),
        ("Ministers are scheduled to meet on Friday.", "en"),
        ("The summit is set for Sunday.", "en"),
        ("He said he would travel to Moscow on Monday.", "en"),
        ("Perundingan berlanjut minggu depan.", "id"),
        ("Talks resume later this week.", "en"),
        ("Perundingan dijadwalkan pada 20 Januari.", "id"),
    ],
)
def test_dates_future_expressions_fall_back_to_publication(sentence: str, lang: str) -> None:
    assert event_date(sentence, lang, WED) == DateMatch(WED, "publication", "", -1, -1, "publication")


def test_dates_past_weekday_after_to_noun_is_not_future() -> None:
    got = event_date("The envoy spoke to reporters on Tuesday.", "en", WED)
    assert got.date == D(2020, 1, 7)


def test_dates_fallback_without_expression() -> None:
    sentence = "Turki mendukung Pemerintahan Kesepakatan Nasional yang berbasis di Tripoli."
    assert event_date(sentence, "id", WED) == DateMatch(WED, "publication", "", -1, -1, "publication")
    assert event_date(sentence, "id", None) == DateMatch(None, None, "", -1, -1, "publication")


def test_dates_trigger_prefers_nearest_in_its_clause() -> None:
    sentence = "LNA menyerang Tripoli pada hari Senin dan GNA membalas pada hari Selasa."
    assert event_date(sentence, "id", WED, _trigger(sentence, "menyerang")).date == D(2020, 1, 6)
    assert event_date(sentence, "id", WED, _trigger(sentence, "membalas")).date == D(2020, 1, 7)


def test_dates_hard_clause_break_blocks_the_date() -> None:
    sentence = "LNA menyerang Tripoli pada hari Senin, tetapi GNA tetap menguasai bandara."
    got = event_date(sentence, "id", WED, _trigger(sentence, "menguasai"))
    assert got.kind == "publication" and got.date == WED
    english = "The LNA shelled Tripoli on Monday, but the GNA still holds the airport."
    assert event_date(english, "en", WED, _trigger(english, "holds")).kind == "publication"


def test_dates_soft_clause_break_lends_the_attribution_date() -> None:
    sentence = "Kami sangat prihatin dengan intensifikasi militer, kata pejabat itu pada hari Sabtu."
    assert event_date(sentence, "id", SAT, _trigger(sentence, "prihatin")).date == SAT
    english = "We are very concerned by the escalation, a senior official said on Saturday."
    assert event_date(english, "en", SAT, _trigger(english, "concerned")).date == SAT


def test_dates_sentence_opening_date_scopes_over_every_clause() -> None:
    sentence = "Pada hari Senin, LNA menyerang Tripoli, tetapi GNA bertahan."
    assert event_date(sentence, "id", WED, _trigger(sentence, "bertahan")).date == D(2020, 1, 6)


def test_dates_trigger_out_of_range_is_clamped() -> None:
    sentence = "LNA membalas pada hari Rabu."
    assert event_date(sentence, "id", WED, (-5, 500)).date == WED


def test_dates_unsupported_language_is_an_input_error() -> None:
    with pytest.raises(InputError, match="E105"):
        event_date("Le 5 avril", "fr", WED)
    assert event_date("LNA membalas pada hari Rabu.", "id-ID", WED).text == "pada hari Rabu"


# --- publication dates ----------------------------------------------------------------------------------

PUBLICATION = [
    ("TRIPOLI, MINGGU — Pasukan LNA menyerang pinggiran Tripoli.", None, None),
    ("JAKARTA, KOMPAS.com - Presiden Joko Widodo mengatakan bahwa", None, None),
    ("WASHINGTON (Reuters) - The United States said on Saturday", None, None),
    ("TRIPOLI, Jan 8 (Reuters) - Turkey and Russia", None, None),  # no year known
    ("JAKARTA, KOMPAS.com - Presiden mengatakan, Kamis (30/4), bahwa", None, None),
    (
        "JAKARTA, KOMPAS.com - Presiden mengatakan, Sabtu (10/8/2019), bahwa",
        None,
        PublishedDate(D(2019, 8, 10), "dateline", "day", "Sabtu (10/8/2019)"),
    ),
    (
        "Jakarta, 10 Agustus 2019 - Presiden Joko Widodo",
        None,
        PublishedDate(D(2019, 8, 10), "dateline", "day", "Jakarta, 10 Agustus 2019"),
    ),
    (
        "TRIPOLI, Jan 8 (Reuters) - Turkey and Russia",
        "https://www.reuters.com/news/2020/slug",
        PublishedDate(D(2020, 1, 8), "dateline", "day", "TRIPOLI, Jan 8"),
    ),
    (
        "JAKARTA, KOMPAS.com - Presiden mengatakan, Kamis (30/4), bahwa",
        "https://example.co.id/arsip/2020/berita",
        PublishedDate(D(2020, 4, 30), "dateline", "day", "Kamis (30/4)"),
    ),
    (
        "January 8, 2020\nTurkey and Russia urged",
        None,
        PublishedDate(D(2020, 1, 8), "dateline", "day", "January 8, 2020"),
    ),
    (
        "A title\n8 January 2020\nTurkey and Russia",
        None,
        PublishedDate(D(2020, 1, 8), "dateline", "day", "8 January 2020"),
    ),
    (
        "Published: 2020-01-08T10:00:00Z\nText",
        None,
        PublishedDate(D(2020, 1, 8), "metadata", "day", "Published: 2020-01-08T10:00:00Z"),
    ),
    (
        "Tanggal: 10 Agustus 2019\nIsi berita",
        None,
        PublishedDate(D(2019, 8, 10), "metadata", "day", "Tanggal: 10 Agustus 2019"),
    ),
    (
        '<html><head><meta property="article:published_time" content="2020-01-08T10:00:00+07:00"></head></html>',
        None,
        PublishedDate(D(2020, 1, 8), "html", "day", "2020-01-08T10:00:00+07:00"),
    ),
    (
        '<script type="application/ld+json">{"datePublished": "2019-12-14T08:00:00Z"}</script>',
        None,
        PublishedDate(D(2019, 12, 14), "html", "day", "2019-12-14T08:00:00Z"),
    ),
    (
        "Teks tanpa tanggal.",
        "https://nasional.kompas.com/read/2019/08/23/12345/judul",
        PublishedDate(D(2019, 8, 23), "url", "day", "2019/08/23"),
    ),
    (
        "Teks tanpa tanggal.",
        "https://example.com/20190823/judul",
        PublishedDate(D(2019, 8, 23), "url", "day", "20190823"),
    ),
    (
        "Teks tanpa tanggal.",
        "https://example.com/2019-08-23-judul-berita",
        PublishedDate(D(2019, 8, 23), "url", "day", "2019-08-23"),
    ),
    (
        "Teks tanpa tanggal.",
        "https://www.cnnindonesia.com/nasional/20190823123456-20-424242/judul",
        PublishedDate(D(2019, 8, 23), "url", "day", "20190823123456"),
    ),
    (
        "Text.",
        "https://www.aljazeera.com/news/2020/1/8/slug",
        PublishedDate(D(2020, 1, 8), "url", "day", "2020/1/8"),
    ),
    ("Text.", "https://example.com/2019/08/slug", PublishedDate(D(2019, 8, 1), "url", "month", "/2019/08/")),
    ("Text.", "https://example.com/berita/d-4677290/judul", None),
    ("Text.", "https://example.com/2019/13/45/slug", PublishedDate(D(2019, 1, 1), "url", "year", "/2019/")),
    ("", "not a url at all", None),
    ("", "http://[::1/2019/08/23/broken", None),
    ("", None, None),
]


@pytest.mark.parametrize(("text", "url", "expected"), PUBLICATION)
def test_dates_publication_date(text: str, url: str | None, expected: PublishedDate | None) -> None:
    assert find_publication_date(text, url) == expected


def test_dates_publication_date_ignores_body_dates_of_seed() -> None:
    text = (
        "Rusia, AS tidak dapat mendukung seruan PBB untuk gencatan senjata Libya, kata para diplomat\n\n"
        "Amerika Serikat dan Rusia keduanya mengatakan Kamis bahwa mereka tidak dapat mendukung resolusi "
        "pada 5 April 2019."
    )
    assert find_publication_date(text, None, "id") is None


def test_dates_publication_numeric_dateline_follows_language() -> None:
    assert find_publication_date("Jakarta, 10/8/2019 (ANTARA) - Presiden", lang="id").date == D(2019, 8, 10)
    assert find_publication_date("NEW YORK, 10/8/2019 - The council", lang="en").date == D(2019, 10, 8)


# --- date arguments -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-08", D(2020, 1, 8)),
        (" 2020-01-08 ", D(2020, 1, 8)),
        ("2020-01-08T10:00:00", D(2020, 1, 8)),
        ("2020-01-08T23:30:00-05:00", D(2020, 1, 8)),  # the date as written, in the writer's zone
        ("2020-01-08T10:00:00Z", D(2020, 1, 8)),
        ("Wed, 08 Jan 2020 10:00:00 GMT", D(2020, 1, 8)),
        ("Wed, 08 Jan 2020 10:00:00 +0700", D(2020, 1, 8)),
        (D(2020, 1, 8), D(2020, 1, 8)),
    ],
)
def test_dates_parse_date_arg_accepts(value: str, expected: dt.date) -> None:
    assert parse_date_arg(value) == expected


@pytest.mark.parametrize(
    "value", ["", "junk", "2020-13-01", "2020-02-30", "08/01/2020", "0001-01-01", "yesterday\nnow"]
)
def test_dates_parse_date_arg_rejects_with_one_line(value: str) -> None:
    with pytest.raises(DateError) as info:
        parse_date_arg(value)
    message = str(info.value)
    assert "\n" not in message and message.startswith("E104")
    assert isinstance(info.value, ValueError)


# --- language data --------------------------------------------------------------------------------------


def test_dates_language_files_validate() -> None:
    for code in ("id", "en"):
        schema = load_dates_schema(code)
        assert schema.lang == code and len(schema.weekdays) == 7 and len(schema.months) == 12


def test_dates_schema_rejects_bad_data() -> None:
    good = load_dates_schema("id").model_dump()
    for change in (
        {"weekdays": good["weekdays"][:6]},
        {"months": good["months"] + [["extra"]]},
        {"case_sensitive": ["notaname"]},
        {"numeric_order": ["ymd"]},
        {"weekdays": [["Senin"]] + good["weekdays"][1:]},
        {"unknown_key": 1},
        {"relative": [{"phrases": ["kemarin"], "unit": "day", "offset": -1, "weekday": 2}]},
    ):
        with pytest.raises(ValidationError):
            DatesSchema.model_validate({**good, **change})
