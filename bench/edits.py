"""Saving a review mark or an alignment edit in a large archive, against rewriting the archive.

Ours writes the small edits file beside the archive (atomic: temporary file,
fsync, rename, fsync of the folder). The alternatives a user would reach
for store the mark in the archive itself: TinyDB's own ``update`` (its
JSONStorage rewrites the whole file) and our archive's transaction (orjson,
atomic, also the whole file). Also timed: the edits file when it already
holds many marks, and reading every entry's findings (what ``E`` needs).

    python bench/make_archive.py 100000 /tmp/bitext-100k.json
    python bench/edits.py /tmp/bitext-100k.json
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson
from tinydb import TinyDB

from store.api import Archive
from store.archive import ArchiveFile


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return out


def report(name: str, ms: list[float]) -> None:
    print(f"| {name} | {statistics.median(ms):,.1f} ms | {min(ms):,.1f}–{max(ms):,.1f} ms "
          f"| {len(ms)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path, help="an archive made by bench/make_archive.py")
    parser.add_argument("--repeat", type=int, default=21)
    parser.add_argument("--slow-repeat", type=int, default=3,
                        help="runs of the whole-file rewrites, seconds each")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bitext-edits-"))
    path = work / "archive.json"
    shutil.copy(args.archive, path)
    archive = Archive(path)
    ids = [s.id for s in archive.summaries()]
    target = next(i for i in ids if len(archive.entry(i).beads) >= 2)
    key = archive.findings(ids[0])[0].key if archive.findings(ids[0]) else "check:-:x"
    print(f"{archive.count():,} entries, {path.stat().st_size / 1e6:,.0f} MB; "
          f"{platform.processor() or platform.machine()}, Python {platform.python_version()}\n")
    print("| operation | median | range | runs |\n|---|---|---|---|")
    flip = iter(range(10**9))
    report("review mark (ours: edits file)", timed(
        lambda: archive.set_reviewed(ids[0], key, next(flip) % 2 == 0), args.repeat))
    steps = iter(range(10**9))
    report("alignment edit, merge or undo (ours)", timed(
        lambda: archive.edit_alignment(target, "merge", 0) if next(steps) % 2 == 0
        else archive.undo(target), args.repeat))
    with archive._edits.change() as edits:  # a user who has reviewed 10,000 findings
        edits.reviewed.update({i: {"number:zh0:1": "2026-01-01T00:00:00+00:00"}
                               for i in ids[:10_000]})
    size = archive._edits.path.stat().st_size / 1e6
    report(f"review mark, 10,000 marks kept ({size:.1f} MB edits file)", timed(
        lambda: archive.set_reviewed(ids[0], key, next(flip) % 2 == 0), args.repeat))
    report("every entry's findings (for E)", timed(archive.all_findings, 5))
    report("one entry's findings", timed(lambda: archive.findings(target), args.repeat))
    report("the mark in the archive: our transaction (whole file)", timed(
        lambda: _mark_in_archive(path, ids[0]), args.slow_repeat))
    tiny = _as_plain_tinydb(path, work / "tinydb.json")
    report("the mark in the archive: TinyDB update (whole file)", timed(
        lambda: _mark_with_tinydb(tiny), args.slow_repeat))
    shutil.rmtree(work)


def _mark_in_archive(path: Path, entry_id: str) -> None:
    with ArchiveFile(path).transaction() as tx:
        tx._db.table("entries").update({"reviewed": [time.time()]}, doc_ids=[entry_id])
        tx.changed = True


def _as_plain_tinydb(path: Path, out: Path) -> Path:
    """The same documents as TinyDB lays them out itself: numbered, in its own JSON."""
    tables = orjson.loads(path.read_bytes())
    plain = {name: {str(n): doc for n, doc in enumerate(docs.values(), 1)}
             for name, docs in tables.items()}
    out.write_text(json.dumps(plain), encoding="utf-8")
    return out


def _mark_with_tinydb(path: Path) -> None:
    db = TinyDB(path)
    db.table("entries").update({"reviewed": [time.time()]}, doc_ids=[1])
    db.close()


if __name__ == "__main__":
    main()
