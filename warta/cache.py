"""The user cache directory ($WARTA_CACHE, else ~/.cache/warta; a temporary directory when that is not
writable) and a content-keyed cache of parsed YAML data files.

Parsing the bundled actor files with PyYAML takes over a second (its constructor is Python even with libyaml);
the same data as JSON loads in a few hundredths. The cache file is named by the SHA-256 of the YAML text, so an
edited file is parsed again and a stale entry is never read; entries are written atomically."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import yamlio


def cache_dir() -> Path:
    env = os.environ.get("WARTA_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "warta"


def fallback_dir() -> Path:
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return Path(tempfile.gettempdir()) / f"warta-cache-{uid}"


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; the cache is shared data, not a secret
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _plain(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()  # YAML dates come back as ISO text, which the schemas read as dates
    raise TypeError(f"not JSON data: {type(value).__name__}")


def load_yaml_cached(text: str) -> Any:
    """The YAML text parsed (yaml.YAMLError when broken), through the cache: dates come back as ISO strings."""
    name = f"yaml-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:24]}.json"
    for d in (cache_dir(), fallback_dir()):
        try:
            return json.loads((d / name).read_bytes())
        except (OSError, ValueError):
            continue  # missing, unreadable or truncated: parse the YAML
    data = json.dumps(yamlio.load(text), default=_plain, ensure_ascii=False).encode("utf-8")
    for d in (cache_dir(), fallback_dir()):
        try:
            write_atomically(d / name, data)
            break
        except OSError:
            continue  # not writable: the next directory, else no cache
    return json.loads(data)
