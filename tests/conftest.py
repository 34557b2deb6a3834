"""Shared fixtures. One pipeline per session (without the gazetteer), databases in tmp_path."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from warta.config import Settings, load_settings
from warta.pipeline import Pipeline
from warta.records import Document

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = ROOT / "warta" / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"  # CI puts ../shared beside the clone
SEEDS = sorted((CORPUS / "seeds").glob("*.txt"))
GOLD = CORPUS / "gold"

# A short Indonesian article that codes to at least one event with the session pipeline.
GOOD_ARTICLE = (
    "Turki dan Rusia mendesak pihak-pihak yang bertikai di Libya untuk mendeklarasikan gencatan senjata "
    "pada hari Minggu, kata para pejabat di Istanbul.\n\n"
    "Presiden Turki Tayyip Erdogan bertemu dengan Presiden Rusia Vladimir Putin di Istanbul pada hari Rabu "
    "untuk membahas konflik tersebut, kata pernyataan bersama kedua negara.\n"
)

needs_corpus = pytest.mark.skipif(not SEEDS, reason="shared corpus ../shared/corpus is not available")


@pytest.fixture(scope="session")
def settings() -> Settings:
    return load_settings()


@pytest.fixture(scope="session")
def pipe(settings: Settings) -> Pipeline:
    """The one pipeline of the session (building one takes seconds)."""
    return Pipeline.build(settings, places=False)


@pytest.fixture(scope="session")
def cleaning_cases() -> dict[str, list]:
    return yaml.safe_load((DATA / "cleaning_cases.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def pipe_places(settings: Settings) -> Pipeline:
    """The session pipeline with the gazetteer, for what depends on places (event place, place targets)."""
    return Pipeline.build(settings, places=True)


@pytest.fixture(scope="session")
def run_text(pipe: Pipeline) -> Callable[..., Document]:
    """Run one text through the session pipeline."""

    def run(text: str, doc_id: str = "t", published: dt.date | None = None, lang: str | None = None) -> Document:
        doc = Document(id=doc_id, text="", raw_text=text, published=published, lang_hint=lang)
        return pipe(doc)

    return run


@pytest.fixture(scope="session")
def seed_docs(pipe: Pipeline) -> dict[str, Document]:
    """The seed articles, each through the pipeline once per session."""
    out = {}
    for path in SEEDS:
        doc = Document(id=path.name, text="", raw_text=path.read_text(encoding="utf-8"), source_path=str(path))
        out[path.name] = pipe(doc)
    return out


_bundled_parsed: dict[Path, object] = {}


@pytest.fixture
def bundled_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """`load_kb` with a user file re-reads the bundled actor YAML (about a second each time); with this fixture
    each bundled file is parsed once per session. User files still go through the real loader."""
    import warta.actors.kb as kb_module

    bundled = Path(kb_module.__file__).resolve().parent / "data"
    real = kb_module._load_file

    def load(path: Path) -> object:
        p = Path(path).resolve()
        if p.parent != bundled:
            return real(path)
        if p not in _bundled_parsed:
            _bundled_parsed[p] = real(path)
        return _bundled_parsed[p]

    monkeypatch.setattr(kb_module, "_load_file", load)


@pytest.fixture
def fast_cli(pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    """CLI commands use the session pipeline instead of building their own. The CLI's own checks of
    --lang and --published still run: only `Pipeline.build` is replaced."""
    monkeypatch.setattr(Pipeline, "build", classmethod(lambda cls, *a, **k: pipe))
    return pipe


@pytest.fixture
def write_jsonl() -> Callable[[Path, list], Path]:
    def write(path: Path, rows: list) -> Path:
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def corpus_dir(tmp_path: Path) -> Iterator[Path]:
    """A folder with a few good articles (two seeds when available, else the good article)."""
    folder = tmp_path / "in"
    folder.mkdir()
    if SEEDS:
        for p in SEEDS[:2]:
            (folder / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    else:
        (folder / "good.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    yield folder


def override(settings: Settings, dotted: str, value: object) -> Settings:
    """A copy of `settings` with one dotted key changed."""
    data = json.loads(json.dumps(settings.data))
    node = data
    *path, last = dotted.split(".")
    for part in path:
        node = node.setdefault(part, {})
    node[last] = value
    return Settings(data)
