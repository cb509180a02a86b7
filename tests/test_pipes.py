"""A reader that leaves early (``bitext list | head -1``) ends any command quietly;
a full disk under the output is one line.

Before, about half such runs ended in a ``BrokenPipeError`` traceback. The pipe
here is closed before the command writes, so every run meets it: exit 141 (as a
shell reports a command killed by SIGPIPE), nothing on stderr.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from archive_files import archive_bytes

from store.api import Archive

COMMANDS = [
    ["list"], ["list", "--json"], ["show", "20181125"], ["search", "合作"],
    ["search", "Chongqing", "--kwic"], ["export", "-f", "jsonl"], ["export", "-f", "csv"],
    ["export", "-f", "tmx"], ["check"], ["check-archive"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_closed_pipe_ends_the_command_quietly(sample_archive: Archive, tmp_path: Path,
                                                command: list[str]) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first write
    try:
        run = subprocess.run([sys.executable, "-m", "tui.cli", *command,
                              "--db", str(sample_archive.path)],
                             stdout=write_end, stderr=subprocess.PIPE, cwd=tmp_path,
                             timeout=120, check=False)
    finally:
        os.close(write_end)
    assert run.stderr.decode() == "", "no traceback, no message"
    assert run.returncode == 141


@pytest.mark.parametrize("command", [["show", "20181125"], ["export", "-f", "jsonl"], ["list"]],
                         ids=" ".join)
def test_output_to_a_full_disk_is_one_line(sample_archive: Archive, tmp_path: Path,
                                           command: list[str]) -> None:
    before = archive_bytes(sample_archive.path)
    with open("/dev/full", "wb") as full:
        run = subprocess.run([sys.executable, "-m", "tui.cli", *command,
                              "--db", str(sample_archive.path)],
                             stdout=full, stderr=subprocess.PIPE, cwd=tmp_path,
                             timeout=120, check=False)
    assert run.stderr.decode() == "bitext: standard output: No space left on device\n"
    assert run.returncode == 2
    assert archive_bytes(sample_archive.path) == before
