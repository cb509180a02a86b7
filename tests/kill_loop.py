"""Kill ``bitext import`` with SIGKILL at random moments; the archive must survive every kill.

After each kill the archive must open, pass the full integrity check
(``bitext check-archive``), and hold either the entries it held before the
import or those plus the imported file's: never a mix, never fewer. Each
attempt imports a new variant of the sample (its English says ``Chongqing<k>``
instead of ``Chongqing``, so its entries are new). Kill moments are spread
over the whole run of the command, measured on the second import (the first
builds the search index, and its window let most later imports finish first):
start-up, parsing, the archive write and the index update.

test_crash.py runs a small loop in CI; ``python bench/kill_test.py --kills 200
--entries 20000`` runs a long one. This is the loop's one copy.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from generated_archive import generate, write

from store.api import Archive, sample_bulletin
from store.ingest import parse_bulletin


def make_archive(path: Path, entries: int) -> None:
    write(path, generate(entries))


def variant(folder: Path, k: int) -> tuple[Path, set[str]]:
    """The sample with ``Chongqing`` made ``Chongqing<k>``, and the ids of its entries."""
    data = sample_bulletin().replace(b"Chongqing", f"Chongqing{k}".encode())
    path = folder / f"variant-{k}.txt"
    path.write_bytes(data)
    return path, {e.id for e in parse_bulletin(data, path.name, imported="x").entries}


def state(path: Path) -> set[str]:
    """The archive's entry ids, after the full integrity check."""
    archive = Archive(path)
    found, _ = archive.check()
    if found:
        raise AssertionError(f"{path} after a kill: {found[:3]}")
    return {s.id for s in archive.summaries()}


def importer(path: Path, bulletin: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "tui.cli", "import", str(bulletin), "--db",
                             str(path), "-q"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=tempfile.gettempdir())


def run(path: Path, kills: int, seed: int = 1) -> Counter[str]:
    """Kill ``kills`` imports into ``path``; count the outcomes (old, new, finished first)."""
    rng = random.Random(seed)
    folder = path.parent
    importer(path, variant(folder, 0)[0]).wait()  # builds the index: several times longer
    started = time.perf_counter()
    importer(path, variant(folder, kills + 1)[0]).wait()
    duration = time.perf_counter() - started  # the kill window: an import as they all are
    before = state(path)
    outcomes: Counter[str] = Counter()
    for k in range(1, kills + 1):
        bulletin, ids = variant(folder, k)
        process = importer(path, bulletin)
        time.sleep(rng.uniform(0, duration))
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
        process.wait()
        after = state(path)
        if after == before:
            outcomes["old"] += 1
        elif after == before | ids:
            outcomes["finished before the kill" if finished else "new"] += 1
        else:
            raise AssertionError(f"kill {k}: {len(after)} entries, neither the "
                                 f"{len(before)} before nor the {len(before | ids)} after")
        before = after
    return outcomes
