"""The parsed-YAML cache: same data as parsing, keyed by content, robust to a broken cache file."""

from __future__ import annotations

from pathlib import Path

import pytest

from warta import cache

TEXT = "persons:\n- key: a-b\n  roles:\n  - {actor: USA, start: 2019-01-01}\n"


def test_cache_returns_parsed_data_with_dates_as_iso_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE", str(tmp_path))
    first = cache.load_yaml_cached(TEXT)
    assert first == {"persons": [{"key": "a-b", "roles": [{"actor": "USA", "start": "2019-01-01"}]}]}
    assert len(list(tmp_path.glob("yaml-*.json"))) == 1
    assert cache.load_yaml_cached(TEXT) == first  # from the cache file now


def test_cache_edited_text_is_parsed_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE", str(tmp_path))
    cache.load_yaml_cached(TEXT)
    assert cache.load_yaml_cached(TEXT.replace("USA", "GBR"))["persons"][0]["roles"][0]["actor"] == "GBR"
    assert len(list(tmp_path.glob("yaml-*.json"))) == 2


def test_cache_truncated_file_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WARTA_CACHE", str(tmp_path))
    cache.load_yaml_cached(TEXT)
    f = next(tmp_path.glob("yaml-*.json"))
    f.write_bytes(f.read_bytes()[:10])
    monkeypatch.setattr(cache, "fallback_dir", lambda: tmp_path / "none")
    assert cache.load_yaml_cached(TEXT)["persons"][0]["key"] == "a-b"
