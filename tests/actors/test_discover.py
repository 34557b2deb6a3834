"""Discovery of actors the dictionary lacks: `warta actors unknown` and `warta actors suggest` over a store
filled by ingest with the session pipeline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from warta.actors.discover import find_unknown, suggest_yaml
from warta.actors.kb import load_kb
from warta.actors.resolve import DocState
from warta.actors.schema import ActorFile
from warta.cli import app
from warta.config import Settings
from warta.ingest import ingest_paths
from warta.pipeline import Pipeline

runner = CliRunner()

# Indonesian articles naming a local militia and its commander that the bundled dictionary does not know,
# next to actors it knows (Turki, Haftar, GNA) that must not be listed.
ARTICLES = {
    "kaniyat-1.txt": (
        "Brigade Al-Kaniyat menyerang pos pemeriksaan di selatan kota pada hari Senin, kata warga setempat.\n\n"
        "Jenderal Abdul Rahman Mansour memimpin serangan itu, menurut seorang sumber militer.\n\n"
        "Pasukan GNA membalas dengan serangan udara yang didukung oleh pesawat nirawak Turki.\n"
    ),
    "kaniyat-2.txt": (
        "Para pejuang Brigade Al-Kaniyat mundur ke arah timur setelah bentrokan sengit semalam.\n\n"
        "Seorang juru bicara mengatakan Jenderal Abdul Rahman Mansour terluka ringan dalam bentrokan itu.\n\n"
        "Khalifa Haftar tidak memberikan komentar mengenai kejadian tersebut.\n"
    ),
    "kaniyat-3.txt": (
        "Kelompok hak asasi manusia menuduh Brigade Al-Kaniyat melakukan pembunuhan massal di kota itu.\n\n"
        "Jenderal Abdul Rahman Mansour membantah tuduhan tersebut dalam sebuah pernyataan tertulis.\n\n"
        "Brigade Samoud juga dituduh terlibat dalam pembunuhan tersebut oleh para penyelidik.\n\n"
        "Brigade Samoud belum menanggapi tuduhan itu.\n"
    ),
}
MANSOUR = "Abdul Rahman Mansour"
KANIYAT = "Brigade Al-Kaniyat"
SAMOUD = "Brigade Samoud"


@pytest.fixture(scope="module")
def db(pipe: Pipeline, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("discover")
    inbox = folder / "in"
    inbox.mkdir()
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    path = folder / "store.db"
    summary = ingest_paths([str(inbox)], str(path), pipe, settings)
    assert summary.stored == len(ARTICLES)
    return path


@pytest.fixture(scope="module")
def unknown_rows(db: Path) -> list[dict]:
    result = runner.invoke(app, ["actors", "unknown", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def row_for(rows: list[dict], name: str) -> dict | None:
    return next((r for r in rows if name in r["name"]), None)


def test_unknown_lists_person_with_count_and_example(unknown_rows: list[dict]) -> None:
    row = row_for(unknown_rows, MANSOUR)
    assert row is not None, [r["name"] for r in unknown_rows]
    assert row["kind"] == "person"
    assert row["count"] == 3
    assert MANSOUR in row["example"] and row["example"].endswith(".")


def test_unknown_lists_organisation_with_count_and_example(unknown_rows: list[dict]) -> None:
    row = row_for(unknown_rows, SAMOUD)
    assert row is not None, [r["name"] for r in unknown_rows]
    assert row["kind"] == "organisation" and row["count"] == 2 and SAMOUD in row["example"]


@pytest.mark.xfail(
    strict=True,
    reason="the glue stage splits 'Al-Kaniyat' into 'Al-Kani yat' ('Kani' is a known surname, 'yat' a frequent "
    "word), and discover._NAME stops at 'Al-' before a capital: the name never reaches the store whole",
)
def test_unknown_lists_hyphenated_militia(unknown_rows: list[dict]) -> None:
    row = row_for(unknown_rows, KANIYAT)
    assert row is not None, [r["name"] for r in unknown_rows]
    assert row["name"] == KANIYAT and row["kind"] == "organisation" and row["count"] == 3
    assert KANIYAT in row["example"]


def test_unknown_person_name_has_no_title(unknown_rows: list[dict]) -> None:
    row = row_for(unknown_rows, MANSOUR)
    assert row is not None and row["name"] == MANSOUR


def test_unknown_leaves_known_actors_out(unknown_rows: list[dict]) -> None:
    names = " | ".join(r["name"] for r in unknown_rows)
    for known in ("Turki", "Haftar", "Khalifa Haftar", "GNA"):
        assert not re.search(rf"(^|\| ){re.escape(known)}( \||$)", names), names
    counts = [r["count"] for r in unknown_rows]
    assert counts == sorted(counts, reverse=True)


def test_unknown_table_output(db: Path) -> None:
    result = runner.invoke(app, ["actors", "unknown", "--db", str(db), "--top", "5"])
    assert result.exit_code == 0, result.output
    assert "unknown names" in result.stdout and "Mansour" in result.stdout and "3" in result.stdout


def test_unknown_top_limits_rows(db: Path) -> None:
    result = runner.invoke(app, ["actors", "unknown", "--db", str(db), "--format", "jsonl", "--top", "1"])
    assert result.exit_code == 0
    assert len(result.stdout.strip().splitlines()) == 1


def test_unknown_on_missing_db_is_an_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["actors", "unknown", "--db", str(tmp_path / "none" / "x.db")])
    assert result.exit_code != 0 and "Traceback" not in result.output


@pytest.fixture(scope="module")
def stub(db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("suggest") / "suggested.yaml"
    result = runner.invoke(app, ["actors", "suggest", "--db", str(db), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file()
    return out


def curate(text: str) -> str:
    """What an analyst does first: give every TODO key a real one."""
    return re.sub(r"TODO\.([A-Z0-9_]+)", lambda m: f"LBY.{m.group(1)}"[:40], text)


def test_suggest_writes_a_stub_with_todo_keys(stub: Path) -> None:
    text = stub.read_text(encoding="utf-8")
    assert text.startswith("#") and "TODO" in text
    data = yaml.safe_load(text)
    assert set(data) == {"actors", "persons"}
    assert all(a["key"].startswith("TODO.") for a in data["actors"])
    samoud = next(a for a in data["actors"] if a["name"] == SAMOUD)
    assert samoud["names"]["all"] == [SAMOUD] and "seen 2x" in samoud["note"]
    person = next(p for p in data["persons"] if MANSOUR in p["name"])
    assert "Mansour" in person["names"] and person["roles"] == []
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", person["key"])


@pytest.mark.usefixtures("bundled_parsed_once")
def test_suggested_stub_loads_once_keys_are_replaced(stub: Path, tmp_path: Path) -> None:
    curated = tmp_path / "curated.yaml"
    curated.write_text(curate(stub.read_text(encoding="utf-8")), encoding="utf-8")
    af = ActorFile.model_validate(yaml.safe_load(curated.read_text(encoding="utf-8")))
    assert af.actors and af.persons
    kb = load_kb(extra=[curated])
    assert "LBY.BRIGADE_SAMOUD" in kb.actors
    assert any(MANSOUR in p.name for p in kb.persons.values())
    assert not [str(i) for i in kb.issues if i.path == str(curated)]


@pytest.mark.usefixtures("bundled_parsed_once")
def test_lint_rejects_uncurated_stub(tmp_path: Path) -> None:
    path = tmp_path / "stub.yaml"
    rows = [{"name": SAMOUD, "kind": "organisation", "count": 2, "example": f"{SAMOUD} menyerang."}]
    path.write_text(suggest_yaml(rows), encoding="utf-8")
    result = runner.invoke(app, ["actors", "lint", "--actors", str(path)])
    assert result.exit_code == 3 and "TODO" in result.output


def test_find_unknown_skips_mentions_and_sentence_initial_words(pipe: Pipeline) -> None:
    text = "Menurut Turki, Brigade Samoud dan Jenderal Omar Tantoush bertemu di Gharyan."
    mentions = pipe.res.resolver("id").resolve(text, DocState())
    found = dict(find_unknown(text, mentions))
    assert "Turki" not in found and "Menurut" not in found
    assert found.get(SAMOUD) == "organisation"
    assert any("Omar Tantoush" in n for n in found)
