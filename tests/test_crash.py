"""SIGKILL during imports never leaves a broken or half-written archive (tests/kill_loop.py).

The loop bench/kill_test.py runs for long, here smaller: a 1,500-entry archive, imports killed
at moments spread over the command's whole run. After each kill the archive
opens, passes the full integrity check, and holds the old state or the new one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import kill_loop
import pytest


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")
def test_killed_imports_leave_the_old_or_the_new_archive(tmp_path: Path) -> None:
    path = tmp_path / "archive.json"
    kill_loop.make_archive(path, 1500)
    outcomes = kill_loop.run(path, kills=12, seed=4)
    assert sum(outcomes.values()) == 12  # and run() raised on any broken or mixed state
