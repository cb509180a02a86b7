"""``bitext --help``, ``--version`` and every ``bitext COMMAND --help`` start without the library.

They are what a user runs first and most often at a prompt, so they must answer
at once (issue 17: <= 0.2 s, measured by bench/startup.py). What makes them
fast is structural, and asserted here in a fresh interpreter: the parser names
each command's function as ``"module:function"``, so ``store.api`` (numpy,
lxml, TinyDB), Textual and Rich are never imported to print help.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tui.cli.parser import command, parser

HEAVY = ("store.api", "tinydb", "orjson", "lxml", "numpy", "textual", "rich")

#: Run main() in a fresh interpreter and print which HEAVY modules it left imported.
_PROBE = """
import json, sys
from tui.cli import main
try:
    status = main(sys.argv[1:])
except SystemExit as e:
    status = e.code
heavy = [m for m in {heavy!r} if m in sys.modules]
print(json.dumps({{"status": status, "heavy": heavy}}), file=sys.stderr)
"""


def loaded_by(*args: str) -> tuple[int, list[str], str]:
    """Exit status, the heavy modules imported, and standard output of ``bitext ARGS``."""
    done = subprocess.run([sys.executable, "-c", _PROBE.format(heavy=HEAVY), *args],
                          capture_output=True, text=True, timeout=60, check=False,
                          cwd=tempfile.gettempdir(), env={**os.environ, "COLUMNS": "100"})
    report = json.loads(done.stderr.splitlines()[-1])
    return report["status"], report["heavy"], done.stdout


def subparsers() -> dict[str, argparse.ArgumentParser]:
    """Every command the parser knows, so a new one is checked without editing this file."""
    subs = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    return subs.choices


@pytest.mark.parametrize("args", [["--help"], ["--version"],
                                  *([name, "--help"] for name in subparsers())],
                         ids=" ".join)
def test_help_and_version_import_none_of_the_library(args: list[str]) -> None:
    status, heavy, out = loaded_by(*args)
    assert status == 0
    assert out.startswith("bitext " if args == ["--version"] else "usage: bitext")
    assert heavy == []


def test_a_command_still_loads_the_library_it_runs_on(tmp_path: Path) -> None:
    """The probe sees imports: a real command imports store.api, and fails as a user sees."""
    status, heavy, _ = loaded_by("show", "x", "--db", str(tmp_path / "missing.json"))
    assert status == 2
    assert "store.api" in heavy and "rich" in heavy and "textual" not in heavy


@pytest.mark.parametrize("name", ["", *subparsers()])
def test_every_command_names_a_function_that_exists(name: str) -> None:
    """A mistyped ``"module:function"`` would otherwise show only when that command runs."""
    named = subparsers()[name] if name else parser()
    run = command(argparse.Namespace(run=named.get_default("run")))
    assert callable(run) and run.__name__.startswith("run_")
