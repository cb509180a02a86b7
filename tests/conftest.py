"""Shared fixtures: the sample bulletin, its hand-checked facts, and archives in tmp folders.

No test may touch the user's real archive: the environment variable and the
platform data folder are pointed into a temporary folder for every test.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fixture_paths import FIXTURES, SAMPLE

from store.api import Archive


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache for the session, so the dictionary index is built once, not per test."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch,
                   _cache_dir: Path) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(_cache_dir))
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.delenv("BITEXT_DB", raising=False)


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture(scope="session")
def sample_lines() -> list[str]:
    return SAMPLE.read_text(encoding="utf-8").split("\n")


@pytest.fixture(scope="session")
def expected() -> dict[str, Any]:
    return json.loads((FIXTURES / "chongqing-2018-11.expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.json"


@pytest.fixture
def sample_archive(db_path: Path) -> Archive:
    archive = Archive(db_path)
    reports = archive.import_files([SAMPLE])
    assert reports[0].error is None
    return archive


@pytest.fixture(scope="session")
def fixture_archive(tmp_path_factory: pytest.TempPathFactory, _cache_dir: Path) -> Path:
    """The sample imported under its bare name, so screens show no machine-specific path.

    Shared by the app tests, which only read it.
    """
    path = tmp_path_factory.mktemp("fixture-archive") / "archive.json"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("XDG_CACHE_HOME", str(_cache_dir))
        Archive(path).import_bytes([(SAMPLE.read_bytes(), SAMPLE.name)])
    return path
