"""What an accepted reading or an alignment edit costs the search index, in a large archive.

Issue 16 asks that either update the index in 100 ms or less. On a copy of the
archive (its index already saved beside it), in one process: the index loaded
once (untimed), then for up to ``--count`` entries with a damage finding and a
recovered reading, the best reading accepted and ``Archive.search_index()``
timed (the entry's text changed: its old version is marked dead, it is indexed
into a new small segment); and for as many entries of two beads or more, a
merge of the first two beads and its undo, each followed by the same call (the
text is the same, so nothing is indexed again). After the readings, each
accepted text must be found by a search restricted to its entry's day.

    python bench/scale_data.py 100000 /tmp/scale-100k
    bitext search x --db /tmp/scale-100k/archive.json   # builds and saves the index once
    python bench/index_update.py /tmp/scale-100k --work /tmp/index-update-100k

The archive folder is only read; the copy goes to ``--work`` (untimed).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from store.api import Archive


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 1000


def readings(archive: Archive, count: int) -> list[float]:
    """Milliseconds of the index update after each accepted reading."""
    out = []
    for summary in archive.summaries():
        if len(out) == count:
            break
        found = archive.suggestions(summary.id)
        if found:
            entry = archive.accept_reading(summary.id, found[0].finding, found[0].readings[0].text)
            out.append(timed(archive.search_index))
            text = found[0].readings[0].text.strip("。，、 ")
            if (text and entry.start
                    and not archive.search(f'"{text}" date:{entry.start.isoformat()}').entries):
                raise SystemExit(f"{summary.id}: the accepted reading {text!r} is not found")
    return out


def edits(archive: Archive, count: int) -> list[float]:
    """Milliseconds of the index update after each merge and each undo."""
    out: list[float] = []
    for summary in archive.summaries():
        if len(out) >= 2 * count:
            break
        if len(archive.entry(summary.id).beads) >= 2:
            archive.edit_alignment(summary.id, "merge", 0)
            out.append(timed(archive.search_index))
            archive.undo(summary.id)
            out.append(timed(archive.search_index))
    return out


def report(what: str, times: list[float]) -> None:
    if times:
        print(f"{what}: median {statistics.median(times):.1f} ms, "
              f"max {max(times):.1f} ms ({len(times)} updates)")
    else:
        print(f"{what}: none made")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, help="holds archive.json and its index")
    parser.add_argument("--work", type=Path, required=True, help="where the copy goes")
    parser.add_argument("--count", type=int, default=12)
    args = parser.parse_args()
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    for found in args.folder.glob("archive.json*"):
        copy = shutil.copytree if found.is_dir() else shutil.copy2
        copy(found, args.work / found.name)
    archive = Archive(args.work / "archive.json")
    print(f"{archive.count():,} entries; index loaded in {timed(archive.search_index):.0f} ms")
    report("accepted reading, index update", readings(archive, args.count))
    report("merge or undo, index update", edits(archive, args.count))


if __name__ == "__main__":
    main()
