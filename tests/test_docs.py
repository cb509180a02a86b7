"""The README's pictures come from the app itself, by a script that must keep working."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from fixture_paths import FIXTURES

SCRIPT = FIXTURES.parent / "docs" / "screenshots.py"


def test_the_screenshot_script_draws_the_reader_and_a_search(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--out", str(tmp_path)],
                          check=False, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    reader = (tmp_path / "reader.svg").read_text(encoding="utf-8")
    search = (tmp_path / "search.svg").read_text(encoding="utf-8")
    assert "20181119-308475df" in reader and "findings" in reader
    assert "白俄羅斯" in search and "Minsk" in search
    for name in ("reader.svg", "search.svg"):
        assert (FIXTURES.parent / "docs" / name).exists(), f"docs/{name} is in the repository"
