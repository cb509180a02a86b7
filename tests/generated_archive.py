"""A large archive for tests and benchmarks: N entries cut from the sample's real beads.

Each entry takes one to three consecutive beads of the sample (their text,
raw lines, repairs and damage), gets its own day counting back from
2018-11-29 and the id bitext gives that content (its digest is real, so the
archive passes ``bitext check-archive``), and is written with its findings
through store's own archive code in one atomic write, so the file is exactly
what a real archive of that size looks like.

The tests use it (test_exchange_app.py, test_crash.py) and so do the
benchmarks (``python bench/make_archive.py 100000 /tmp/bitext-100k.json``),
which find it on the path: this is its one copy.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date, timedelta
from pathlib import Path

from store.api import sample_bulletin
from store.archive import ArchiveFile
from store.checks import CHECKS_VERSION, run_checks
from store.ids import content_digest, entry_id
from store.ingest import parse_bulletin
from store.model import Entry, Finding, Source, SourceRef

BENCH_SOURCE = "src-bench"


def generate(count: int, seed: int = 1) -> list[Entry]:
    bulletin = parse_bulletin(sample_bulletin(), "sample", imported="bench")
    pieces = [(e, k) for e in bulletin.entries for k in range(len(e.beads))]
    rng = random.Random(seed)
    out = []
    day0 = date(2018, 11, 29)
    seen: dict[str, int] = {}
    for n in range(count):
        entry, k = rng.choice(pieces)
        beads = entry.beads[k:k + rng.randint(1, 3)]
        zh_idx = sorted({i for z, _ in beads for i in z})
        en_idx = sorted({j for _, e in beads for j in e})
        zmap = {g: i for i, g in enumerate(zh_idx)}
        emap = {g: i for i, g in enumerate(en_idx)}
        day = day0 - timedelta(days=n // 12)
        zh, en = tuple(entry.zh[i] for i in zh_idx), tuple(entry.en[j] for j in en_idx)
        digest = content_digest([p.raw for p in (*zh, *en)])
        out.append(dataclasses.replace(
            entry,
            id=entry_id((day,), digest, seen),  # a piece drawn twice in a day: -2, -3
            seq=n,
            start=day, end=day, days=(day,),
            zh=zh, en=en,
            beads=tuple((tuple(zmap[i] for i in z), tuple(emap[j] for j in e))
                        for z, e in beads),
            digest=digest,
            source=SourceRef(BENCH_SOURCE, "generated"),
        ))
    return out


def checked(entries: list[Entry]) -> dict[str, tuple[int, tuple[Finding, ...]]]:
    """Every entry's findings, as an import stores them.

    The entries repeat a few dozen pieces of the sample, so each piece is
    checked once: checking 100,000 entries one by one would take minutes.
    """
    memo: dict[tuple[object, ...], tuple[Finding, ...]] = {}
    out = {}
    for e in entries:
        key = (e.zh, e.en, e.beads)
        if key not in memo:
            memo[key] = run_checks(e)
        out[e.id] = (CHECKS_VERSION, memo[key])
    return out


def write(path: Path, entries: list[Entry]) -> None:
    """The entries as one source, with their findings, in one atomic write."""
    source = Source(id=BENCH_SOURCE, name="generated", encoding="utf-8", sha256="",
                    imported="bench", raw="", layout="zh-en",
                    entries=tuple(e.id for e in entries))
    with ArchiveFile(path).transaction() as tx:
        tx.add(source, entries, checked(entries))
