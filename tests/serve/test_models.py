"""The event contract is written in three places that must agree: what the coder writes (`Event.as_dict`),
what the API promises (`warta/serve/models.py`, the OpenAPI schema) and what docs/event-json.md documents.
The record is a slotted dataclass (fast in the pipeline) and the API model is pydantic (the schema), so the
field lists are mirrored on purpose; this test keeps the mirror true."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pydantic import BaseModel

from warta.pipeline import Pipeline
from warta.records import Document
from warta.serve import models

DOC = Path(__file__).resolve().parents[2] / "docs" / "event-json.md"


@pytest.fixture(scope="module")
def event(pipe_places: Pipeline) -> dict:
    doc = pipe_places(Document(id="t", text="", raw_text="Rusia menyerang Kyiv pada hari Senin.", lang_hint="id",
                               published=dt.date(2024, 5, 14)))
    e = next(x for x in doc.events if x.place is not None and x.target is not None)
    return e.as_dict()


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_models_name_every_key_the_coder_writes(event: dict) -> None:
    assert _fields(models.Event) - {"id", "doc_hash"} == set(event)
    assert _fields(models.EventActor) == set(event["source"]) == set(event["target"])
    assert _fields(models.EventPlace) == set(event["place"])
    assert _fields(models.EventEvidence) == set(event["evidence"])
    assert _fields(models.EventTrigger) == set(event["evidence"]["trigger"])


def test_models_docs_list_every_top_level_and_nested_field(event: dict) -> None:
    text = DOC.read_text(encoding="utf-8")
    documented = {name for row in re.findall(r"^\| (`[^|]+`) \|", text, re.M) for name in re.findall(r"`(\w+)`", row)}
    assert set(event) == documented
    rows = dict(re.findall(r"^\| `(\w+)`(?:, `\w+`)? \| [^|]+ \| `\{([^}]+)\}`", text, re.M))
    assert set(rows["source"].split(", ")) == set(event["source"])
    assert set(rows["place"].split(", ")) == set(event["place"])
    assert set(rows["evidence"].split(", ")) == set(event["evidence"])
