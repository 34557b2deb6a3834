"""YAML reading through libyaml when the wheel has it: the bundled dictionaries load about five times faster
than with the pure-Python loader (persons alone: 0.09 s instead of 0.49 s)."""

from __future__ import annotations

from typing import Any

import yaml

# Both are safe loaders: no Python objects are built from tags.
SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # type: ignore[assignment]


def load(text: str) -> Any:
    """Parse YAML text safely (the same result as yaml.safe_load)."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader
