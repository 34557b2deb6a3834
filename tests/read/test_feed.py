"""RSS/Atom feeds and whole-JSON files."""

from __future__ import annotations

import datetime as dt
import io

from warta.config import load_settings
from warta.read import ReadStats, read_stream

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Kabar</title>
<item><title>Turki dan Rusia mendesak gencatan senjata</title><link>https://kabar.example/1</link>
<guid>kabar-1</guid><pubDate>Wed, 08 Jan 2020 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya.&lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title></title><description></description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>
<entry><title>Russia attacked Kyiv</title><link href="https://wire.example/a"/><id>wire-a</id>
<updated>2024-05-14T08:00:00Z</updated><content type="html">Russia attacked Kyiv on Monday.</content></entry>
</feed>"""


def read(data: bytes, name: str):  # type: ignore[no-untyped-def]
    stats = ReadStats()
    docs = list(read_stream(io.BytesIO(data), name, load_settings(), stats, suffix="." + name.rsplit(".", 1)[-1]))
    return docs, stats


def test_feed_rss_items_become_documents_with_link_and_date():
    docs, stats = read(RSS, "kabar.rss")
    assert [d.id for d in docs] == ["kabar-1"]
    d = docs[0]
    assert d.url == "https://kabar.example/1" and d.published == dt.date(2020, 1, 8)
    assert "pihak-pihak yang bertikai" in d.raw_text and "alert" not in d.raw_text
    assert stats.skipped == 1  # the empty item


def test_feed_atom_entry():
    docs, _ = read(ATOM, "wire.atom")
    assert docs[0].id == "wire-a" and docs[0].url == "https://wire.example/a"
    assert docs[0].published == dt.date(2024, 5, 14) and "Kyiv" in docs[0].raw_text


def test_feed_malformed_is_skipped_with_a_warning():
    docs, stats = read(b"<?xml version='1.0'?><rss><channel><item>", "bad.rss")
    assert docs == [] and stats.skipped == 1 and stats.warnings[0].startswith("W007")


def test_feed_pretty_printed_json_list_is_read_whole():
    data = b'[\n  {"id": "a", "text": "Rusia menyerang Kyiv."},\n  {"id": "b", "text": "Turki mendukung GNA."}\n]\n'
    docs, stats = read(data, "two.json")
    assert [d.id for d in docs] == ["a", "b"] and stats.skipped == 0
