"""Adds into a large archive as a user makes them: distinct bulletins in a row, beside FTS5.

    python bench/scale_data.py 1000000 /tmp/scale-1m
    python bench/add_series.py /tmp/scale-1m --work /tmp/add-1m [--runs 5]

bench/scale.py copies the whole archive before each timed add: 9 GB a run at a
million entries. Here the archive folder is copied once into ``--work`` as hard
links (bitext never writes a file in place: it writes new part and segment
files and renames its manifests over the old ones, so the linked originals stay
as they were; the script checks that the source's manifests are byte-identical
afterwards), and ``fts.db`` as a real copy (SQLite writes in place). Then:

* the first write after the copy, timed on its own: ``bitext import`` of a
  warm-up bulletin. The manifest's stamp is not the last writer's, so the
  writer runs the full integrity check of every entry (what a restore or a
  copy costs once);
* ``--runs`` distinct bulletins (fixtures/chongqing-2018-11.txt with its city
  renamed Run1, Run2, ...: new entries each time), each ``bitext import`` a
  whole process, into the same archive, one after another: daily use, the
  index brought up to date by each import (a new segment, merged by tiers);
* in turns with them, the same bulletin's entries (parsed once, untimed)
  inserted into the copy of ``fts.db`` in one transaction, a whole process.

Whole processes timed by ``/usr/bin/time`` as in bench/scale.py; medians quoted.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import sys
from pathlib import Path

from scale import BULLETIN, timed
from scale_data import row
from startup import BITEXT

from store.ingest import parse_bulletin

SELF = Path(__file__).resolve()


def linked(folder: Path, work: Path) -> Path:
    """The archive and its index hard-linked into ``work``, ``fts.db`` copied."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    for found in folder.glob("archive.json*"):
        if found.is_dir():
            shutil.copytree(found, work / found.name, copy_function=os.link)
        else:
            os.link(found, work / found.name)
    if (folder / "fts.db").exists():
        shutil.copyfile(folder / "fts.db", work / "fts.db")
    return work / "archive.json"


def bulletin(work: Path, name: str) -> tuple[Path, Path]:
    """A distinct bulletin (the fixture, its city renamed) and its FTS5 rows file."""
    text = BULLETIN.read_text(encoding="utf-8").replace("Chongqing", name).replace(
        "重庆", f"渝{name}").replace("重慶", f"渝{name}")
    path = work / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    parsed = parse_bulletin(path.read_bytes(), path.name, imported="bench")
    rows = work / f"{name}-rows.json"
    rows.write_text(json.dumps([row(e) for e in parsed.entries], ensure_ascii=False))
    return path, rows


def manifests(folder: Path) -> str:
    """What must not change in the source folder: its manifests' bytes."""
    found = [folder / "archive.json", folder / "archive.json.search.d" / "manifest.json"]
    return hashlib.sha1(b"".join(f.read_bytes() for f in found if f.exists())).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="written by bench/scale_data.py")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.work.resolve() == args.folder.resolve():
        raise SystemExit("--work must be another folder: the archive's is only read")
    before = manifests(args.folder)
    archive = linked(args.folder, args.work)
    bitext = [BITEXT, "--db", str(archive), "import", "-q"]
    warm, _ = bulletin(args.work, "Warm")
    sec, mb = timed([*bitext, str(warm)])
    print(f"first write after the copy | bitext | {sec:.2f} s | {mb:.0f} MB", flush=True)
    figures: dict[str, list[tuple[float, float]]] = {"bitext": [], "FTS5": []}
    for n in range(1, args.runs + 1):
        path, rows = bulletin(args.work, f"Run{n}")
        os.sync()  # the previous run's writes on disk, not in this one's fsyncs
        figures["bitext"].append(timed([*bitext, str(path)]))
        if (args.work / "fts.db").exists():
            figures["FTS5"].append(timed([sys.executable, str(SELF.with_name("scale.py")),
                                          "fts-add", str(args.work / "fts.db"), str(rows)]))
    for name, got in figures.items():
        if got:
            print(f"add 8-entry bulletin | {name} | {statistics.median(t for t, _ in got):.3f} s "
                  f"| {statistics.median(m for _, m in got):.0f} MB | "
                  f"runs {', '.join(f'{t:.2f}' for t, _ in got)}", flush=True)
    segments = json.loads((archive.parent / "archive.json.search.d" / "manifest.json")
                          .read_bytes())["segments"]
    print(f"index segments after: {[s['docs'] for s in segments]}")
    if manifests(args.folder) != before:
        raise SystemExit(f"{args.folder}: its manifests changed: the hard links were written")


if __name__ == "__main__":
    main()
