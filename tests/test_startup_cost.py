"""What ``bitext import`` pays whatever the bulletin: kept from one process to the next (issue 16).

The checks', the language facts' and the ingest wing's regular expressions are
compiled from the code the first process kept (``store.lang.patterns``), and the
name check's pinyin syllables come from the user's cache; each must be what
compiling or building it gives, and the import must print the same either way.
Each probe is a fresh interpreter with its own cache folder.
"""

from __future__ import annotations

import _sre
import json
import marshal
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fixture_paths import SAMPLE

#: Import the sample into a new archive; report what the library compiled with ``re``
#: when its modules were imported, and which modules the command left imported.
_PROBE = """
import json, sys
from re import _compiler
compile, ours = _compiler.compile, []

def counted(p, flags=0):
    frame = sys._getframe(1)
    while frame.f_code.co_filename.endswith(("re/__init__.py", "patterns.py")):
        frame = frame.f_back
    name = frame.f_globals.get("__name__", "")
    if frame.f_code.co_name == "<module>" and name.startswith(
            ("store.checks", "store.lang", "store.ingest")):
        ours.append(name)
    return compile(p, flags)

_compiler.compile = counted
from tui.cli import main
status = main(["--db", sys.argv[1], "import", sys.argv[2]])
print(json.dumps({"status": status, "compiled": len(ours),
                  "modules": sorted(m for m in ("textual", "pypinyin", "spellchecker")
                                    if m in sys.modules)}), file=sys.stderr)
"""


def _import(cache: Path, archive: Path) -> tuple[dict[str, object], str]:
    archive.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([sys.executable, "-c", _PROBE, str(archive), str(SAMPLE)],
                          capture_output=True, text=True, timeout=120, check=True,
                          env={**os.environ, "XDG_CACHE_HOME": str(cache), "COLUMNS": "100"})
    return json.loads(done.stderr.splitlines()[-1]), done.stdout


def _kept(cache: Path) -> dict[tuple[str, int], tuple]:
    (path,) = (cache / "bitext-archive").glob("regex-*.marshal")
    return marshal.loads(path.read_bytes())


@pytest.fixture(scope="module")
def first(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object], str]:
    """The first import with an empty cache folder: its folder, report and output."""
    folder = tmp_path_factory.mktemp("first")
    report, printed = _import(folder / "cache", folder / "archive.json")
    return folder / "cache", report, printed


def _copy(cache: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(cache, tmp_path / "cache"))


def test_a_second_import_compiles_none_of_the_patterns_and_prints_the_same(
        first: tuple[Path, dict[str, object], str], tmp_path: Path) -> None:
    cache, report, printed = first
    assert report["status"] == 0 and report["compiled"] > 100
    cache = _copy(cache, tmp_path)
    kept = _kept(cache)
    again, printed_again = _import(cache, tmp_path / "archive.json")
    assert again == {"status": 0, "compiled": 0, "modules": []}
    assert printed_again == printed and "added 8 entries" in printed
    assert _kept(cache) == kept  # nothing new to keep


def test_every_kept_pattern_is_the_one_re_compiles(first: tuple[Path, dict[str, object], str]
                                                   ) -> None:
    """``==`` on patterns compares the pattern, its flags and the compiled code."""
    kept = _kept(first[0])
    assert len(kept) > 100
    wrong = [p for (p, flags), code in kept.items()
             if _sre.compile(p, *code) != re.compile(p, flags)]
    assert wrong == []


def test_a_damaged_pattern_cache_is_compiled_again(first: tuple[Path, dict[str, object], str],
                                                   tmp_path: Path) -> None:
    cache = _copy(first[0], tmp_path)
    (path,) = (cache / "bitext-archive").glob("regex-*.marshal")
    path.write_bytes(path.read_bytes()[:5000])
    report, printed = _import(cache, tmp_path / "archive.json")
    assert report["status"] == 0 and report["compiled"] > 100
    assert printed == first[2]
    assert len(_kept(cache)) > 100


def test_the_cached_syllables_are_those_of_the_common_characters(tmp_path: Path) -> None:
    script = ("from store.checks import names; "
              "print(sorted(names._syllables()) == sorted(names._common_syllables()), "
              "len(names._syllables()))")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    for _ in range(2):  # built, then read from the cache
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                             text=True, check=True).stdout
        assert out == "True 404\n"
    assert list((tmp_path / "bitext-archive").glob("syllables-*.marshal"))
