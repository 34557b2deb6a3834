"""Actor resolution: the phrase table (tests/data/actor_phrases.yaml), focused behaviour of the resolver
(longest match, offsets, dates, user dictionaries) and the gold articles' actor keys.

The bundled KB and the resolvers come from the session pipeline (one per session); tests that layer a user
dictionary build their own KB from a file in tmp_path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import DATA, GOLD

from warta.actors.kb import load_kb
from warta.actors.resolve import DocState, Resolver
from warta.pipeline import Pipeline
from warta.records import Document, Mention

PHRASES: list[dict] = yaml.safe_load((DATA / "actor_phrases.yaml").read_text(encoding="utf-8"))["phrases"]
GOLD_FILES = sorted(GOLD.glob("*.yaml")) if GOLD.is_dir() else []
PEOPLE_SUFFIXES = ("CIVILIANS", "PROTESTERS", "REFUGEES")

KANIYAT_YAML = """\
actors:
  - key: LBY.KANIYAT
    name: Kaniyat Brigade
    kind: armed_group
    country: LBY
    sector: UAF
    parent: LBY
    names: {all: [Brigade Al-Kaniyat, Al-Kaniyat, Kaniyat Brigade], id: [Brigade Kaniyat, milisi Kaniyat]}
persons:
  - key: abdul-rahman-mansour
    name: Abdul Rahman Mansour
    names: [Abdul Rahman Mansour, Mansour]
    country: LBY
    roles:
      - {actor: LBY.KANIYAT, title: Commander, sector: UAF, start: 2019-01-01, end: null}
"""

# a user entry with a bundled key replaces the bundled entry as a whole (its names too)
REPLACE_LNA_YAML = """\
actors:
  - {key: LBY.LNA, name: Haftar's army, kind: armed_group, country: LBY, sector: MIL, parent: LBY,
     names: {all: [Tentara Haftar, Haftar's army]}}
"""


def texts_of(case: dict) -> list[str]:
    return case["text"] if isinstance(case["text"], list) else [case["text"]]


def resolve_all(resolver: Resolver, texts: list[str], day: dt.date | None) -> list[tuple[str, Mention]]:
    """Resolve sentences in order with one DocState; (sentence, mention) pairs."""
    state = DocState(day=day)
    return [(t, m) for t in texts for m in resolver.resolve(t, state)]


def keys(mentions: list[Mention]) -> list[str]:
    return [m.actor.key for m in mentions]


@pytest.fixture(scope="session")
def resolvers(pipe: Pipeline) -> dict[str, Resolver]:
    return {lang: pipe.res.resolver(lang) for lang in ("id", "en")}


@pytest.fixture(scope="module")
def user_kb(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("user-actors")
    kaniyat = folder / "kaniyat.yaml"
    kaniyat.write_text(KANIYAT_YAML, encoding="utf-8")
    lna = folder / "lna.yaml"
    lna.write_text(REPLACE_LNA_YAML, encoding="utf-8")
    return load_kb(extra=[kaniyat, lna]), kaniyat, lna


# -- the phrase table ---------------------------------------------------------------------------------------
def test_phrase_file_is_well_formed(pipe: Pipeline) -> None:
    kb = pipe.res.kb
    ids = [c["id"] for c in PHRASES]
    assert len(ids) == len(set(ids)), "phrase ids must be unique"
    by_lang = {lang: sum(c["lang"] == lang for c in PHRASES) for lang in ("id", "en")}
    assert sum(by_lang.values()) == len(PHRASES) >= 170
    assert min(by_lang.values()) >= 60, by_lang
    for c in PHRASES:
        assert set(c) <= {"id", "lang", "date", "text", "expect", "xfail"}, c["id"]
        assert c["id"].startswith(c["lang"] + "-"), c["id"]
        assert c.get("date") is None or isinstance(c["date"], dt.date), c["id"]
        assert all(isinstance(t, str) and t for t in texts_of(c)), c["id"]
        for e in c["expect"]:
            key, _, sector = e.partition("/")
            base, _, suffix = key.rpartition(".")
            known = key in kb.actors or key in PEOPLE_SUFFIXES or (suffix in PEOPLE_SUFFIXES and base in kb.actors)
            assert known, f"{c['id']}: unknown actor key {key}"
            assert not sector or sector.isupper(), c["id"]


@pytest.mark.parametrize("case", PHRASES, ids=[c["id"] for c in PHRASES])
def test_resolve_phrases(case: dict, resolvers: dict[str, Resolver], request: pytest.FixtureRequest) -> None:
    found = resolve_all(resolvers[case["lang"]], texts_of(case), case.get("date"))
    for sentence, m in found:  # offsets always point at the mention's text
        assert sentence[m.start : m.end] == m.text
    got = [f"{m.actor.key}/{m.actor.sector}" for _, m in found]
    want = case["expect"]
    if case.get("xfail"):
        # strict: once the resolver is fixed the phrase passes and the marker must go
        request.applymarker(pytest.mark.xfail(reason=case["xfail"], strict=True))
    assert [g.split("/")[0] for g in got] == [w.split("/")[0] for w in want], [m.text for _, m in found]
    for g, w in zip(got, want, strict=True):
        if "/" in w:
            assert g == w, [m.text for _, m in found]


# -- focused behaviour --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "lang,text,key,surface",
    [
        ("id", "Uni Emirat Arab memasok senjata.", "ARE", "Uni Emirat Arab"),
        ("id", "Dewan Keamanan PBB bersidang.", "UNSC", "Dewan Keamanan PBB"),
        ("id", "Menteri Luar Negeri Rusia Sergei Lavrov tiba.", "RUS", "Menteri Luar Negeri Rusia Sergei Lavrov"),
        ("en", "Kataib Hezbollah denied it.", "IRQ.KH", "Kataib Hezbollah"),
        ("en", "The Pakistani Taliban struck.", "PAK.TTP", "Pakistani Taliban"),
        ("en", "The UN Security Council met.", "UNSC", "UN Security Council"),
    ],
)
def test_longest_match_wins(resolvers: dict[str, Resolver], lang: str, text: str, key: str, surface: str) -> None:
    ms = resolvers[lang].resolve(text, DocState())
    assert [(m.actor.key, m.text) for m in ms] == [(key, surface)]


def test_hits_do_not_overlap(resolvers: dict[str, Resolver]) -> None:
    text = "Dewan Keamanan Nasional Turki dan Dewan Keamanan PBB bertemu di Uni Emirat Arab."
    hits = resolvers["id"].hits(text)
    assert all(a.end <= b.start for a, b in zip(hits, hits[1:], strict=False))
    spans = [text[h.start : h.end] for h in hits]
    assert "Dewan Keamanan Nasional" in spans and "Dewan Keamanan PBB" in spans and "Uni Emirat Arab" in spans


@pytest.mark.parametrize(
    "lang,text,surfaces",
    [
        (
            "id",
            "  Presiden Turki Recep Tayyip Erdoğan bertemu Presiden Rusia Vladimir Putin di Soçi.",
            ["Presiden Turki Recep Tayyip Erdoğan", "Presiden Rusia Vladimir Putin"],
        ),
        (
            "id",
            "Pasukan yang dipimpin oleh Khalifa Haftar, GNA, dan PBB\u2014semuanya hadir.",
            ["Pasukan yang dipimpin oleh Khalifa Haftar", "GNA", "PBB"],
        ),
        (
            "en",
            "\u201cWe won\u2019t,\u201d said Russia\u2019s Sergei Lavrov and Mevlüt Çavuşoğlu of Türkiye.",
            ["Russia", "Sergei Lavrov", "Mevlüt Çavuşoğlu", "Türkiye"],
        ),
        (
            "en",
            "ERDOĞAN and the U.S. envoy met UN Secretary-General Guterres.",
            ["ERDOĞAN", "U.S. envoy", "UN Secretary-General Guterres"],
        ),
    ],
)
def test_offsets_point_at_the_text(resolvers: dict[str, Resolver], lang: str, text: str, surfaces: list[str]) -> None:
    ms = resolvers[lang].resolve(text, DocState(day=dt.date(2020, 1, 10)))
    assert [m.text for m in ms] == surfaces
    for m in ms:
        assert text[m.start : m.end] == m.text


def test_offsets_of_hits_survive_folding(resolvers: dict[str, Resolver]) -> None:
    text = "Çavuşoğlu – ERDOĞAN – Salamé"
    hits = resolvers["en"].hits(text)
    assert [text[h.start : h.end] for h in hits] == ["Çavuşoğlu", "ERDOĞAN", "Salamé"]


@pytest.mark.parametrize(
    "text,day,expected",
    [
        ("Mike Pompeo", dt.date(2018, 4, 25), ("USA", "SPY")),  # CIA director
        ("Mike Pompeo", dt.date(2018, 4, 26), ("USA", "GOV")),  # both roles on the handover day: the later wins
        ("Mike Pompeo", dt.date(2021, 1, 20), ("USA", "GOV")),  # last day in office
        ("Mike Pompeo", dt.date(2021, 1, 21), None),  # a former official is not the state
        ("Mike Pompeo", None, ("USA", "GOV")),  # undated: the most recent role
        ("Abdel Fattah al-Burhan", dt.date(2023, 4, 14), ("SDN", "GOV")),
        ("Abdel Fattah al-Burhan", dt.date(2023, 4, 15), ("SDN.SAF", "MIL")),
        ("Ahmed al-Sharaa", dt.date(2024, 12, 8), ("SYR.HTS", "TER")),
        ("Ahmed al-Sharaa", dt.date(2024, 12, 9), ("SYR", "GOV")),
        ("Donald Trump", dt.date(2021, 1, 21), None),
        ("Donald Trump", dt.date(2025, 1, 20), ("USA", "GOV")),
        ("Donald Trump", None, ("USA", "GOV")),
    ],
)
def test_document_date_picks_the_role(
    resolvers: dict[str, Resolver], text: str, day: dt.date | None, expected: tuple[str, str] | None
) -> None:
    ms = resolvers["en"].resolve(f"{text} spoke.", DocState(day=day))
    assert [(m.actor.key, m.actor.sector) for m in ms] == ([expected] if expected else [])
    if expected:
        assert ms[0].kind == "person" and ms[0].person


def test_same_person_changes_actor_between_documents(resolvers: dict[str, Resolver]) -> None:
    r = resolvers["id"]
    before = r.resolve("Burhan menolak perundingan.", DocState(day=dt.date(2022, 6, 1)))
    after = r.resolve("Burhan menolak perundingan.", DocState(day=dt.date(2024, 6, 1)))
    assert keys(before) == ["SDN"] and keys(after) == ["SDN.SAF"]


def test_surname_and_pronoun_need_the_same_docstate(resolvers: dict[str, Resolver]) -> None:
    r = resolvers["id"]
    state = DocState(day=dt.date(2019, 5, 1))
    assert keys(r.resolve("Presiden Turki Recep Tayyip Erdogan tiba di Berlin.", state)) == ["TUR", "DEU"]
    assert keys(r.resolve("Ia disambut oleh kanselir.", state)) == ["TUR"]
    # an unknown name introduced by a title becomes an alias for the rest of the document only
    assert keys(r.resolve("Menteri Luar Negeri Norwegia Espen Barth Eide hadir.", state)) == ["NOR"]
    assert keys(r.resolve("Eide berbicara singkat.", state)) == ["NOR"]
    assert keys(r.resolve("Eide berbicara singkat.", DocState(day=dt.date(2019, 5, 1)))) == []


# -- user dictionaries layered over the bundled data -------------------------------------------------------
def test_user_dictionary_adds_a_local_militia(user_kb) -> None:
    kb, kaniyat, _ = user_kb
    assert kb.sources["LBY.KANIYAT"] == str(kaniyat)
    r = Resolver(kb, "id")
    ms = r.resolve("Brigade Al-Kaniyat menyerang Tarhuna, kata pasukan Haftar.", DocState(day=dt.date(2020, 6, 1)))
    assert [(m.actor.key, m.text) for m in ms][0] == ("LBY.KANIYAT", "Brigade Al-Kaniyat")
    state = DocState(day=dt.date(2020, 6, 1))
    ms = r.resolve("Komandan milisi Abdul Rahman Mansour membantahnya.", state)
    assert [(m.actor.key, m.actor.sector) for m in ms] == [("LBY.KANIYAT", "UAF")]
    assert keys(r.resolve("Mansour kemudian mundur.", state)) == ["LBY.KANIYAT"]
    en = Resolver(kb, "en").resolve("The Kaniyat Brigade denied the killings.", DocState())
    assert keys(en) == ["LBY.KANIYAT"]


def test_user_entry_with_a_bundled_key_replaces_it(user_kb, pipe: Pipeline) -> None:
    kb, _, lna = user_kb
    assert kb.actors["LBY.LNA"].name == "Haftar's army" and kb.sources["LBY.LNA"] == str(lna)
    assert "Tentara Nasional Libya" in pipe.res.kb.actors["LBY.LNA"].names.every()  # the bundled KB is untouched
    assert not [i for i in kb.issues if "LBY.LNA" in i.message]  # replacing is not a duplicate
    r = Resolver(kb, "id")
    assert keys(r.resolve("Tentara Haftar maju.", DocState())) == ["LBY.LNA"]
    # the bundled names went with the bundled entry
    assert "LBY.LNA" not in keys(r.resolve("LNA maju.", DocState()))
    # persons still point at the key
    assert keys(r.resolve("Khalifa Haftar maju.", DocState(day=dt.date(2020, 1, 1)))) == ["LBY.LNA"]


def test_user_dictionary_name_survives_glue_repair(user_kb) -> None:
    from warta.actors.kb import fold_name
    from warta.clean.glue import GlueFixer

    names = user_kb[0].surface_names()
    text = "Brigade Al-Kaniyat menyerang pos pemeriksaan di selatan kota."
    fixed, _ = GlueFixer(lambda w: fold_name(w) in names).fix(text, "id")
    assert fixed == text


@pytest.mark.usefixtures("bundled_parsed_once")
def test_user_dictionary_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "env-actors.yaml"
    path.write_text(KANIYAT_YAML, encoding="utf-8")
    monkeypatch.setenv("WARTA_ACTORS", str(path))
    kb = load_kb()
    assert "LBY.KANIYAT" in kb.actors and "abdul-rahman-mansour" in kb.persons
    ms = Resolver(kb, "id").resolve("Milisi Kaniyat dan Brigade Al-Kaniyat.", DocState())
    assert keys(ms) == ["LBY.KANIYAT", "LBY.KANIYAT"]
    monkeypatch.delenv("WARTA_ACTORS")
    assert "LBY.KANIYAT" not in load_kb().actors


def test_user_dictionary_from_config_file(tmp_path: Path) -> None:
    from warta.config import load_settings

    path = tmp_path / "local-actors.yaml"
    path.write_text(KANIYAT_YAML, encoding="utf-8")
    config = tmp_path / "warta.yaml"
    config.write_text(f"actors: [{path}]\n", encoding="utf-8")
    pipe = Pipeline.build(load_settings(config), places=False)
    doc = pipe(Document(id="t", text="", raw_text="Brigade Al-Kaniyat menyerang pasukan GNA.", lang_hint="id",
                        published=dt.date(2020, 1, 8)))
    assert any(m.actor.key == "LBY.KANIYAT" for s in doc.sentences for m in s.mentions)


# -- gold articles: every actor key of the gold events is found in the text ----------------------------------
@pytest.mark.skipif(not GOLD_FILES, reason="shared corpus gold files are not available")
@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=[p.stem for p in GOLD_FILES])
def test_resolve_gold_actor_keys_found(gold_path: Path, pipe: Pipeline) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    text = (GOLD.parent / gold["text"]).read_text(encoding="utf-8")
    published = gold["published"]
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    doc = pipe(Document(id=gold["id"], text="", raw_text=text, published=published, lang_hint=gold.get("lang")))
    found = {m.actor.key for s in doc.sentences for m in s.mentions}
    needed = {k for e in gold["events"] for k in (e.get("source"), e.get("target")) if k}
    assert needed, "gold file has no actors"
    assert not needed - found, f"keys never resolved in {gold['id']}: {sorted(needed - found)}"


def test_resolve_unknown_person_after_title_takes_the_sentence_state(resolvers: dict[str, Resolver]) -> None:
    state = DocState(day=dt.date(2002, 10, 2))
    ms = resolvers["en"].resolve("Rebels in Ivory Coast rejected an appeal from President Laurent Gbagbo.", state)
    gb = [m for m in ms if m.text.endswith("Gbagbo")]
    assert gb and gb[0].actor.key == "CIV" and gb[0].actor.sector == "GOV" and gb[0].kind == "person"
    # later in the document the surname alone keeps the country
    assert "CIV" in keys(resolvers["en"].resolve("Gbagbo said the talks would go on.", state))


def test_resolve_unknown_person_after_title_with_no_or_two_states_is_nobody(resolvers: dict[str, Resolver]) -> None:
    assert keys(resolvers["en"].resolve("President Zorblat Quenn spoke on Monday.", DocState())) == []
    ms = resolvers["id"].resolve("Presiden Zorblat Quenn bertemu Turki dan Mesir.", DocState())
    assert sorted(keys(ms)) == ["EGY", "TUR"]


def test_resolve_acronym_in_brackets_stands_for_the_name_later(resolvers: dict[str, Resolver]) -> None:
    state = DocState(day=dt.date(2024, 1, 15))
    resolvers["id"].resolve("Tentara Arakan (AA) merebut kota Paletwa.", state)
    ms = resolvers["id"].resolve("Junta menuduh AA menyerang pos polisi.", state)
    assert [m.actor.key for m in ms if m.text == "AA"] == ["MMR.AA"]


def test_resolve_bare_junta_is_the_storys_country(resolvers: dict[str, Resolver]) -> None:
    state = DocState(day=dt.date(2024, 1, 15))
    resolvers["id"].resolve("Militer Myanmar kehilangan kota Paletwa.", state)
    ms = resolvers["id"].resolve("Junta membalas dengan serangan udara.", state)
    assert [(m.actor.key, m.actor.sector) for m in ms] == [("MMR", "MIL")]
    assert resolvers["id"].resolve("Junta membalas.", DocState()) == []  # no story yet: nobody


def test_resolve_organ_linked_to_a_known_place_is_of_its_country(pipe_places: Pipeline) -> None:
    ms = pipe_places.res.resolver("en").resolve("Police in Kano arrested dozens of protesters.", DocState())
    assert [(m.text, m.actor.key, m.actor.sector) for m in ms][0] == ("Police in Kano", "NGA", "COP")
    ms = pipe_places.res.resolver("id").resolve("Polisi di Kano menangkap puluhan demonstran.", DocState())
    assert ms[0].actor.key == "NGA"


def test_resolve_organ_linked_to_an_unknown_word_is_nothing(pipe_places: Pipeline) -> None:
    ms = pipe_places.res.resolver("en").resolve("Police in Zzyzxville arrested dozens.", DocState())
    assert ms == []


def test_resolve_rebel_held_areas_of_a_known_place_are_its_rebels(pipe_places: Pipeline) -> None:
    ms = pipe_places.res.resolver("en").resolve("Warplanes struck rebel-held areas of Idlib on Sunday.", DocState())
    assert [(m.actor.key, m.actor.sector) for m in ms] == [("SYR", "REB")]
