"""Settings: shipped defaults in settings.yaml, overridden by a user file (flag or WARTA_CONFIG)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from . import yamlio
from .errors import DataFileError, E


@dataclass(frozen=True, slots=True)
class Settings:
    data: dict[str, Any] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        node: Any = self.data
        for part in dotted.split("."):
            if not isinstance(node, dict) or part not in node:
                return default
            node = node[part]
        return node


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


@cache
def _defaults() -> dict[str, Any]:
    text = resources.files("warta").joinpath("settings.yaml").read_text(encoding="utf-8")
    return yamlio.load(text) or {}


def load_settings(path: str | Path | None = None) -> Settings:
    data = _defaults()
    path = path or os.environ.get("WARTA_CONFIG")
    if path:
        try:
            over = yamlio.load(Path(path).read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as err:
            raise DataFileError(E.E106.fmt(path=path, detail=str(err).splitlines()[0])) from err
        if not isinstance(over, dict):
            raise DataFileError(E.E106.fmt(path=path, detail="expected a mapping at top level"))
        data = _merge(data, over)
    return Settings(data)
