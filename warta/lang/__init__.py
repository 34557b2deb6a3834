"""Language data: one folder per language code (`warta/lang/<code>/`) with a thin wiring file and YAML data,
loaded lazily and once per process."""

from __future__ import annotations

import importlib
from functools import cache
from importlib import resources
from typing import Any

import yaml

from .. import yamlio
from ..errors import DataFileError, E, InputError

SUPPORTED = ("id", "en")


@cache
def get_language(code: str) -> Any:
    """The `Language` object of `warta/lang/<code>/__init__.py`."""
    if code not in SUPPORTED:
        raise InputError(E.E105.fmt(lang=code, known=", ".join(SUPPORTED)))
    module = importlib.import_module(f"warta.lang.{code}")
    return module.Language()


def read_yaml(code: str, name: str) -> Any:
    """Parsed YAML data file `warta/lang/<code>/<name>` (a clear one-line error when broken)."""
    path = resources.files(f"warta.lang.{code}").joinpath(name)
    try:
        return yamlio.load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except yaml.YAMLError as err:
        raise DataFileError(E.E106.fmt(path=path, detail=str(err).splitlines()[0])) from err
