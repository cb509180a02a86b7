"""Shared fixtures: the sample bulletin, its hand-checked facts, and archives in tmp folders.

No test may touch the user's real archive: the environment variable and the
platform data folder are pointed into a temporary folder for every test.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fixture_paths import FIXTURES, SAMPLE

from store.api import Archive
from store.ingest import parse_bulletin
from store.model import Entry


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
def sample_entries(sample_bytes: bytes) -> tuple[Entry, ...]:
    """The sample's eight entries as the importer parses them (repairs and damage included)."""
    return parse_bulletin(sample_bytes, SAMPLE.name, imported="test").entries


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


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Make ``tui.cli.main`` write as to a terminal (Rich reads these variables), so a test
    sees what a user at one sees: ``terminal(width=100, colour=False)`` for the text alone."""
    def on(*, width: int = 120, colour: bool = True) -> None:
        monkeypatch.setenv("TTY_COMPATIBLE", "1")
        monkeypatch.setenv("COLUMNS", str(width))
        monkeypatch.setenv("TERM", "xterm-256color" if colour else "dumb")
        monkeypatch.setenv("COLORTERM", "truecolor" if colour else "")
        monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.delenv("FORCE_COLOR", raising=False)

    return on
