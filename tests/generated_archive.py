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

``stream`` writes the same archive without holding it in memory (a million
entries would not fit): entries are made one at a time, twice (the source
record lists every id), and written a month's part at a time.
"""

from __future__ import annotations

import dataclasses
import random
import shutil
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from store import program_version
from store.api import sample_bulletin
from store.archive import ArchiveFile, codec
from store.archive.parts import folder_for, part_of, write_manifest, write_part
from store.checks import CHECKS_VERSION, run_checks
from store.ids import content_digest, entry_id
from store.ingest import parse_bulletin
from store.model import SCHEMA_VERSION, Entry, Finding, Source, SourceRef

BENCH_SOURCE = "src-bench"


def generate(count: int, seed: int = 1) -> list[Entry]:
    return list(entries(count, seed))


def entries(count: int, seed: int = 1) -> Iterator[Entry]:
    """The entries of ``generate``, one at a time: the same seed gives the same entries."""
    bulletin = parse_bulletin(sample_bulletin(), "sample", imported="bench")
    pieces = [(e, k) for e in bulletin.entries for k in range(len(e.beads))]
    rng = random.Random(seed)
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
        yield dataclasses.replace(
            entry,
            id=entry_id((day,), digest, seen),  # a piece drawn twice in a day: -2, -3
            seq=n,
            start=day, end=day, days=(day,),
            zh=zh, en=en,
            beads=tuple((tuple(zmap[i] for i in z), tuple(emap[j] for j in e))
                        for z, e in beads),
            digest=digest,
            source=SourceRef(BENCH_SOURCE, "generated"),
        )


def checked(entries: list[Entry]) -> dict[str, tuple[int, tuple[Finding, ...]]]:
    """Every entry's findings, as an import stores them."""
    memo: dict[tuple[object, ...], tuple[Finding, ...]] = {}
    return {e.id: (CHECKS_VERSION, _findings(e, memo)) for e in entries}


def _findings(entry: Entry, memo: dict[tuple[object, ...], tuple[Finding, ...]]
              ) -> tuple[Finding, ...]:
    """The entries repeat a few dozen pieces of the sample, so each piece is
    checked once: checking 100,000 entries one by one would take minutes."""
    key = (entry.zh, entry.en, entry.beads)
    if key not in memo:
        memo[key] = run_checks(entry)
    return memo[key]


def _source(ids: tuple[str, ...]) -> Source:
    return Source(id=BENCH_SOURCE, name="generated", encoding="utf-8", sha256="",
                  imported="bench", raw="", layout="zh-en", entries=ids)


def write(path: Path, entries: list[Entry]) -> None:
    """The entries as one source, with their findings, in one atomic write."""
    with ArchiveFile(path).transaction() as tx:
        tx.add(_source(tuple(e.id for e in entries)), entries, checked(entries))


def stream(path: Path, count: int, seed: int = 1) -> None:
    """``write(path, generate(count, seed))``, a part at a time: memory stays that of the ids
    and one month of entries.

    The parts and the manifest are those a transaction writes (``store.archive.parts``);
    the entries come month by month, newest first, so each month's part is written
    once it is whole.
    """
    ids = tuple(e.id for e in entries(count, seed))
    revision = uuid.uuid4().hex
    folder = path.with_name(folder_for(path))
    folder.mkdir(exist_ok=True)
    records = {name: write_part(folder, name, revision[:12], docs)
               for name, docs in _months(ids, seed)}
    source = _source(ids)
    name = part_of("sources", source.id)
    records[name] = write_part(folder, name, revision[:12], {source.id: source.to_dict()})
    program = f"bitext-archive {program_version()}"
    meta = {"layout": {"folder": folder.name},
            "schema": {"schema": SCHEMA_VERSION, "created_by": program},
            "revision": {"revision": revision}}
    write_manifest(path, meta, records)


def _months(ids: tuple[str, ...], seed: int) -> Iterator[tuple[str, dict[str, object]]]:
    """Each part's documents, a part at a time (entries of one month are consecutive)."""
    memo: dict[tuple[object, ...], tuple[Finding, ...]] = {}
    name, docs = "", {}
    for e in entries(len(ids), seed):
        if part_of("entries", e.id) != name:
            if docs:
                yield name, docs
            name, docs = part_of("entries", e.id), {}
        checks = codec.encode_findings(CHECKS_VERSION, _findings(e, memo))
        docs[e.id] = codec.encode(e) | {"checks": checks}
    if docs:
        yield name, docs


def copied(archive: Path, folder: Path, *, index: bool = True) -> Path:
    """A copy of the archive's whole folder (its parts, edits and, if ``index``, its search
    index) in ``folder``: a test changes its own copy of an archive made once per module."""
    folder.mkdir(exist_ok=True)
    for found in archive.parent.iterdir():
        if index or ".search" not in found.name:
            copy = shutil.copytree if found.is_dir() else shutil.copy2
            copy(found, folder / found.name)
    return folder / archive.name
