"""The actor knowledge base: bundled data, user layers, the schema, lint (library and `warta actors lint`)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from warta.actors.kb import fold, fold_name, load_kb
from warta.actors.schema import SECTORS, ActorFile
from warta.cli import app
from warta.errors import DataFileError
from warta.pipeline import Pipeline

runner = CliRunner()
pytestmark = pytest.mark.usefixtures("bundled_parsed_once")

GOOD_USER = """\
actors:
  - {key: LBY.KANIYAT, name: Kaniyat Brigade, kind: armed_group, country: LBY, sector: UAF, parent: LBY,
     names: {all: [Brigade Al-Kaniyat, Kaniyat Brigade]}}
"""

# file name -> (content, words the one-line message must carry)
BAD_FILES = {
    "duplicate.yaml": (
        """\
actors:
  - {key: LBY.KANIYAT, name: Kaniyat Brigade, kind: armed_group, country: LBY, sector: UAF,
     names: {all: [Brigade Al-Kaniyat]}}
  - {key: LBY.KANIYAT, name: Kaniyat militia, kind: armed_group, country: LBY, sector: UAF,
     names: {all: [milisi Kaniyat]}}
""",
        ["duplicate", "LBY.KANIYAT"],
    ),
    "clash.yaml": (
        """\
actors:
  - {key: PSE.QASSAM, name: Qassam, kind: armed_group, country: PSE, sector: REB, names: {all: [Hamas]}}
""",
        ["Hamas", "PSE.HAMAS", "PSE.QASSAM"],
    ),
    "role-dates.yaml": (
        """\
persons:
  - key: abdul-rahman-mansour
    name: Abdul Rahman Mansour
    names: [Abdul Rahman Mansour]
    roles:
      - {actor: LBY, title: Commander, sector: MIL, start: 2021-05-01, end: 2019-01-31}
""",
        ["E106", "ends", "before it starts", "abdul-rahman-mansour"],
    ),
    "sector.yaml": (
        """\
actors:
  - {key: LBY.KANIYAT, name: Kaniyat Brigade, kind: armed_group, country: LBY, sector: MILITIA,
     names: {all: [Brigade Al-Kaniyat]}}
""",
        ["E106", "unknown sector", "MILITIA", "LBY.KANIYAT"],
    ),
}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


# -- bundled data --------------------------------------------------------------------------------------------
def test_bundled_kb_loads_clean(pipe: Pipeline) -> None:
    kb = pipe.res.kb
    assert not kb.issues, [str(i) for i in kb.issues[:5]]
    assert len(kb.persons) >= 900 and len(kb.actors) >= 300
    for key in ("USA", "TUR", "LBY.LNA", "LBY.GNA", "UNSMIL", "UN", "UNSC", "SDN.RSF", "WAGNER", "ISIS"):
        assert key in kb.actors
    assert set(kb.roles) >= {"id", "en"} and kb.titles("id") and kb.titles("en")


def test_bundled_entries_are_consistent(pipe: Pipeline) -> None:
    kb = pipe.res.kb
    for a in kb.actors.values():
        assert a.sector is None or a.sector in SECTORS
        if a.kind == "state":
            assert a.country == a.key
        if "." in a.key:
            assert a.key.split(".")[0] in kb.actors
    for p in kb.persons.values():
        assert p.names, p.key
        for r in p.roles:
            assert r.actor in kb.actors, (p.key, r.actor)
            assert r.start is None or r.end is None or r.start <= r.end


def test_cli_lint_bundled_reports_zero_problems() -> None:
    result = runner.invoke(app, ["actors", "lint"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().splitlines()[-1].endswith("0 problems")


def test_fold_keeps_length_and_drops_case_and_accents() -> None:
    for s in ("Erdoğan", "ÇAVUŞOĞLU", "Salamé", "Türkiye", "Misrata\u2014GNA", "Russia\u2019s"):
        assert len(fold(s)) == len(s)
    assert fold("ERDOĞAN") == fold("Erdogan") == "erdogan"
    assert fold("Russia\u2019s") == "russia's" and fold("a\u2013b") == "a-b"
    assert fold_name("  Recep   Tayyip\tErdoğan ") == "recep tayyip erdogan"


def test_surface_names_cover_names_and_surnames(pipe: Pipeline) -> None:
    names = pipe.res.kb.surface_names()
    assert {"haftar", "amerika serikat", "pbb", "recep tayyip erdogan", "erdogan"} <= names


# -- user layers ---------------------------------------------------------------------------------------------
def test_load_kb_extra_layers_over_bundled(tmp_path: Path) -> None:
    path = write(tmp_path, "user.yaml", GOOD_USER)
    kb = load_kb(extra=[path])
    assert kb.actors["LBY.KANIYAT"].names.every() == ["Brigade Al-Kaniyat", "Kaniyat Brigade"]
    assert kb.sources["LBY.KANIYAT"] == str(path) and kb.sources["LBY"].endswith("states.yaml")
    assert not kb.issues


def test_later_layer_wins_for_the_same_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = write(tmp_path, "env.yaml", GOOD_USER)
    cli_file = write(tmp_path, "cli.yaml", GOOD_USER.replace("name: Kaniyat Brigade", "name: Al-Kaniyat militia"))
    monkeypatch.setenv("WARTA_ACTORS", str(env_file))
    kb = load_kb(extra=[cli_file])  # bundled, then WARTA_ACTORS, then explicit files
    assert kb.actors["LBY.KANIYAT"].name == "Al-Kaniyat militia"
    assert kb.sources["LBY.KANIYAT"] == str(cli_file)


def test_override_across_layers_is_not_a_duplicate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env_file = write(tmp_path, "env.yaml", GOOD_USER)
    cli_file = write(tmp_path, "cli.yaml", GOOD_USER.replace("name: Kaniyat Brigade", "name: Al-Kaniyat militia"))
    monkeypatch.setenv("WARTA_ACTORS", str(env_file))
    assert not load_kb(extra=[cli_file]).issues


def test_empty_user_file_is_fine(tmp_path: Path) -> None:
    kb = load_kb(extra=[write(tmp_path, "empty.yaml", "# nothing yet\n")])
    assert not kb.issues and "LBY.LNA" in kb.actors


# -- lint: library ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["duplicate.yaml", "clash.yaml"])
def test_load_kb_reports_lint_issues_naming_the_file(tmp_path: Path, name: str) -> None:
    text, words = BAD_FILES[name]
    path = write(tmp_path, name, text)
    kb = load_kb(extra=[path])
    assert kb.issues
    for issue in kb.issues:
        assert issue.path == str(path)
        line = str(issue)
        assert "\n" not in line and line.startswith(str(path))
        assert all(w in line for w in words), line


@pytest.mark.parametrize("name", ["role-dates.yaml", "sector.yaml"])
def test_load_kb_rejects_schema_errors(tmp_path: Path, name: str) -> None:
    text, words = BAD_FILES[name]
    path = write(tmp_path, name, text)
    with pytest.raises(DataFileError) as info:
        load_kb(extra=[path])
    msg = str(info.value)
    assert "\n" not in msg and str(path) in msg
    assert all(w in msg for w in words), msg


@pytest.mark.parametrize(
    "text",
    [
        "actors:\n  - {key: LBY.KANIYAT, name: [unclosed\n",
        "actors:\n  - key: LBY.KANIYAT\n   name: bad indent\n",
        "actors: {key: LBY.KANIYAT}\n",  # valid YAML, wrong shape
        "persons:\n  - {key: Not A Slug, name: X, names: [X]}\n",
    ],
    ids=["unclosed-flow", "bad-indent", "wrong-shape", "bad-person-key"],
)
def test_broken_yaml_gives_one_line_data_file_error(tmp_path: Path, text: str) -> None:
    path = write(tmp_path, "broken.yaml", text)
    with pytest.raises(DataFileError) as info:
        load_kb(extra=[path])
    msg = str(info.value)
    assert msg.startswith("E106") and str(path) in msg
    assert "\n" not in msg and len(msg) < 400


def test_missing_user_file_gives_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="E106"):
        load_kb(extra=[tmp_path / "nope.yaml"])


# -- lint: the command line -------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_cli_lint_rejects_bad_file(tmp_path: Path, name: str) -> None:
    text, words = BAD_FILES[name]
    path = write(tmp_path, name, text)
    result = runner.invoke(app, ["actors", "lint", "--actors", str(path)])
    assert result.exit_code == 3, result.output
    flagged = [line for line in error_lines(result.output) if str(path) in line]
    assert flagged, result.output
    assert any(all(w in line for w in words) for line in flagged), result.output
    if name in ("duplicate.yaml", "clash.yaml"):  # lint issues: listed, then the count
        assert "problems" in result.stdout and not result.stdout.strip().endswith(" 0 problems")
    else:  # schema errors stop the load: one error line on stderr
        assert len(error_lines(result.stderr)) == 1 and "Traceback" not in result.output


def test_cli_lint_broken_yaml_one_line(tmp_path: Path) -> None:
    path = write(tmp_path, "broken.yaml", "actors:\n  - {key: LBY.KANIYAT, name: [unclosed\n")
    result = runner.invoke(app, ["actors", "lint", "--actors", str(path)])
    assert result.exit_code == 3
    lines = error_lines(result.stderr)
    assert len(lines) == 1 and "E106" in lines[0] and str(path) in lines[0]


def test_cli_lint_accepts_good_user_file(tmp_path: Path) -> None:
    path = write(tmp_path, "user.yaml", GOOD_USER)
    result = runner.invoke(app, ["actors", "lint", "--actors", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip().endswith("0 problems")


def test_schema_round_trip_of_user_file() -> None:
    af = ActorFile.model_validate(yaml.safe_load(GOOD_USER))
    again = ActorFile.model_validate(af.model_dump())
    assert again == af
