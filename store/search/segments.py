"""The saved index as segments: the base file, small segments added since, a manifest.

    archive.json.search                   the base segment (``indexfile``)
    archive.json.search.d/manifest.json   the commit point: the segments, their
                                          tombstones, and what the index reflects
    archive.json.search.d/<gen>.seg       segments added since the base (same format)

Rebuilding the whole index whenever the archive's revision changed made an
8-entry import into 10,000 entries spend 2.7-5.9 s indexing them all again;
now 0.18 s (docs/scaling.md, "The index that grows"). An update indexes only
the entries that changed into a new small segment, and marks their old
versions dead: a tombstone is an entry number of an older segment, so opening
needs no lookup by id. An entry lives in at most one segment.

The manifest records, for the whole index, the archive's part files it
reflects (part name -> file name: a part's file changes name whenever anything
in it changes) and the edits' text revision, so an update reads only the parts
whose file is not the one noted; for each segment, where each part's entries
lie in it (``parts``: entry numbers ``[lo, hi)``) and which of them are dead.
It is written atomically after the segment it names, so a crash leaves the
previous index whole; a segment file no manifest names is removed once it is a
minute old (``LEFTOVER_AGE``). The base
keeps its place and its format, so an index of one segment is the file it
always was.

Merging (``merged``) builds one segment from others' live entries, from the
segments alone: their folded text, dates, sources and digests, never the
archive. Segments merge by tiers, as in Lucene's merge policies (``to_merge``):
when ``MERGE_FACTOR`` segments of like size gather (live entries within the
same power of the factor), the smallest of them merge into one of the next
tier, so an entry is indexed again a bounded number of times (about
log_8(``PIECE``): six) over the archive's life, and an 8-entry import
usually merges nothing. A segment of ``PIECE`` entries or more is full and
never merged with others; nor does a merge make one larger than ``PIECE``.
So no step of the index's life holds more than one piece's postings: the
memory a merge or a build needs does not grow with the archive. A segment
whose dead entries pass ``MERGE_FRACTION`` of it is written again without
them, with the small segments of its tier or below.

A whole index is built in pieces of ``PIECE`` entries (``store.searching``),
each written as a segment before the next is read: built in one, the index
held every entry's postings until the end, 2.1 GB at 100,000 entries and
about ten times that at a million.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from store.atomic import atomic_write, remove_abandoned
from store.errors import ArchiveError
from store.files import Stamp, open_regular, stamp_of
from store.search.build import SearchDoc, build
from store.search.index import SearchIndex
from store.search.indexfile import Damaged, Tables

#: Entries per piece of a whole build, and the most a merge makes one segment hold: the
#: build of 100,000 entries peaks at 1.6 GB here (docs/scaling.md, "Sixth steps").
PIECE = 100_000
#: This many segments of one tier merge into one of the next.
MERGE_FACTOR = 8
#: A segment whose dead entries pass this share of it is written again without them.
MERGE_FRACTION = 0.25
_FORMAT = 1
#: A segment file no manifest names is removed once it is this old (seconds): another
#: process may have written it and be about to write the manifest that names it.
#: Removing it then made that manifest name a missing file, and the next search rebuild
#: the whole index; kept, the loser of the race is only brought up to date.
LEFTOVER_AGE = 60.0
#: Up to this many ids are looked up one by one (``Saved.locate``).
_FEW = 16
_MANIFEST = "manifest.json"
_SUFFIX = ".seg"

#: Part name -> entry numbers ``[lo, hi)`` of its entries in one segment.
Ranges = dict[str, tuple[int, int]]
#: An entry in the index: (segment, entry number in it).
Place = tuple[int, int]


def index_path(archive: Path) -> Path:
    """The base segment's file."""
    return archive.with_name(archive.name + ".search")


def segment_folder(archive: Path) -> Path:
    return archive.with_name(archive.name + ".search.d")


@dataclass(slots=True)
class Segment:
    """One segment's file and what the manifest says of it."""

    file: str  # "" for the base
    tables: Tables
    parts: Ranges
    dead: set[int] = field(default_factory=set)

    @property
    def live(self) -> int:
        return self.tables.count - len(self.dead)


@dataclass
class Saved:
    """The index as its manifest describes it.

    ``entry_parts`` is None for a base file without a manifest (one written before
    segments, or beside a manifest of another base): it can be used while its
    revision is current, and is rebuilt, not updated, when it is not.
    """

    revision: str
    segments: list[Segment]
    entry_parts: dict[str, str] | None = None
    source_parts: dict[str, str] = field(default_factory=dict)
    #: The edits' text revision, and the entries indexed with an accepted reading.
    edits: str = ""
    edited: list[str] = field(default_factory=list)
    #: The manifest's ``stamp_of`` as read or written: while it is unchanged on disk,
    #: the process that holds this index updates it without reading it again.
    stamp: Stamp | None = None

    @property
    def count(self) -> int:
        return sum(s.live for s in self.segments)

    @cached_property
    def index(self) -> SearchIndex:
        return SearchIndex([s.tables for s in self.segments], [s.dead for s in self.segments],
                           revision=self.revision)

    def live_in(self, parts: set[str]) -> dict[str, Place]:
        """The live entries of these parts, by id, and where each is."""
        found: dict[str, Place] = {}
        for at, segment in enumerate(self.segments):
            ids = segment.tables.ids
            for part in parts & segment.parts.keys():
                lo, hi = segment.parts[part]
                found.update((ids[d], (at, d)) for d in range(lo, hi) if d not in segment.dead)
        return found

    def locate(self, wanted: set[str]) -> dict[str, Place]:
        """Where each of these entries lives: a few by ``list.index`` (in C: 10 ms a
        million ids), more by one pass over each segment's ids."""
        found: dict[str, Place] = {}
        for at, segment in enumerate(self.segments):
            ids = segment.tables.ids
            places = ((e, d) for d, e in enumerate(ids) if e in wanted) if len(wanted) > _FEW \
                else ((e, _index(ids, e)) for e in wanted)
            found.update((e, (at, d)) for e, d in places if d >= 0 and d not in segment.dead)
        return found

    def part_at(self, place: Place) -> str | None:
        at, doc = place
        return next((p for p, (lo, hi) in self.segments[at].parts.items() if lo <= doc < hi),
                    None)

    def digest_at(self, place: Place) -> int:
        return int(self.segments[place[0]].tables.digests[place[1]])

    def sources_at(self, place: Place) -> tuple[str, ...]:
        """The ids of the sources that list the entry at ``place``."""
        t = self.segments[place[0]].tables
        lo, hi = int(t.source_offsets[place[1]]), int(t.source_offsets[place[1] + 1])
        return tuple(t.sources[i][0] for i in t.source_list[lo:hi].tolist())

    def source_names(self) -> dict[str, str]:
        """Every source the segments know, by id, with its folded name (newest wins)."""
        return {sid: name for s in self.segments for sid, name in s.tables.sources}

    def members(self, source_ids: set[str]) -> dict[str, set[str]]:
        """The live entries each of these sources lists, as the segments record it."""
        found: dict[str, set[str]] = {sid: set() for sid in source_ids}
        for segment in self.segments:
            t = segment.tables
            wanted = {i: sid for i, (sid, _) in enumerate(t.sources) if sid in source_ids}
            if not wanted:
                continue
            owners = np.repeat(np.arange(t.count), np.diff(t.source_offsets))
            for i, sid in wanted.items():
                found[sid].update(t.ids[d] for d in owners[t.source_list == i].tolist()
                                  if d not in segment.dead)
        return found


def _index(ids: list[str], entry_id: str) -> int:
    try:
        return ids.index(entry_id)
    except ValueError:
        return -1


def read(archive: Path, *, full: bool = False) -> Saved:
    """The saved index, every segment checked (``Tables.read``; ``full``: every block now).

    Raises what ``Tables.read`` raises for the base (missing: FileNotFoundError;
    unreadable: OSError; damaged: ``Damaged``), and ``Damaged`` for a manifest or
    a segment that is not as ``save`` wrote it.
    """
    base = Tables.read(index_path(archive), full=full)
    try:
        manifest = _read_manifest(archive)
    except FileNotFoundError:
        manifest = None
    if manifest is None or not _describes(manifest["segments"][0], base):
        return Saved(base.revision, [Segment("", base, {})])
    segments = [_segment(manifest["segments"][0], base)]
    try:
        for record in manifest["segments"][1:]:
            segments.append(_segment(record, _read_delta(archive, record, full)))
    except BaseException:
        for s in segments:
            s.tables.close()
        raise
    return Saved(manifest["revision"], segments, manifest["entry_parts"],
                 manifest["source_parts"], manifest["edits"], manifest["edited"],
                 _stamp(archive))


def load(archive: Path) -> Saved | None:
    """The saved index, or None when it is missing or damaged (it is built again)."""
    try:
        return read(archive)
    except (OSError, Damaged):
        return None


def save(archive: Path, saved: Saved, new: list[Segment]) -> None:
    """Write the ``new`` segments' files (a file name of "" is the base), then the
    manifest; then remove the segment files it does not name.

    Raises ``ArchiveError`` when a file cannot be written (a folder the user cannot
    write to): the index is then kept in memory only.
    """
    folder = _folder(archive)
    for segment in new:
        segment.tables.save(_path(archive, segment))
    atomic_write(folder / _MANIFEST, _manifest(saved), what="the search index's manifest",
                 keep_backup=False)
    saved.stamp = _stamp(archive)
    named = {s.file for s in saved.segments}
    for found in folder.iterdir():
        with contextlib.suppress(FileNotFoundError):
            if (found.suffix == _SUFFIX and found.name not in named
                    and time.time() - found.stat().st_mtime > LEFTOVER_AGE):
                found.unlink()
    remove_abandoned(folder)


def written(archive: Path, segment: Segment) -> Segment:
    """``segment`` written to its file and read back (mapped): its arrays then lie in the
    page cache, not in the process, so a build in pieces holds one piece at a time. No
    manifest names the file yet (``save`` writes one).

    Raises ``ArchiveError`` when the file cannot be written (see ``save``).
    """
    path = _path(archive, segment)
    _folder(archive)
    segment.tables.save(path)
    return Segment(segment.file, Tables.read(path), segment.parts, segment.dead)


def _folder(archive: Path) -> Path:
    folder = segment_folder(archive)
    try:
        folder.mkdir(exist_ok=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot make the search index's folder: "
                           f"{e.strerror}") from None
    return folder


def _path(archive: Path, segment: Segment) -> Path:
    return segment_folder(archive) / segment.file if segment.file else index_path(archive)


def on_disk(archive: Path, saved: Saved) -> bool:
    """Whether ``saved`` is the index on disk: its manifest unchanged since it was read."""
    return saved.stamp is not None and saved.stamp == _stamp(archive)


def _stamp(archive: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(segment_folder(archive) / _MANIFEST))
    except OSError:
        return None


def new_name() -> str:
    """A delta segment's file name, never used before: also its revision (``_describes``)."""
    return uuid.uuid4().hex[:16] + _SUFFIX


def merged(saved: Saved, chosen: list[int], name: str) -> Segment:
    """One segment holding the live entries of segments ``chosen``, part by part.

    Built from the segments alone (``build(..., folded=True)``): their folded text
    is indexed as it is, so the result answers exactly as the segments did.
    """
    parts = sorted({p for at in chosen for p in saved.segments[at].parts})
    ranges: Ranges = {}
    docs: list[SearchDoc] = []
    for part in parts:
        lo = len(docs)
        for at in chosen:
            segment = saved.segments[at]
            if part in segment.parts:
                first, end = segment.parts[part]
                docs.extend(_doc(saved, (at, d)) for d in range(first, end)
                            if d not in segment.dead)
        if len(docs) > lo:
            ranges[part] = (lo, len(docs))
    names = {s: n for at in chosen for s, n in saved.segments[at].tables.sources}
    revision = name or f"{saved.revision} {uuid.uuid4().hex[:16]}"  # unique: ``_describes``
    return Segment(name, build(docs, names, revision, folded=True), ranges)


def _doc(saved: Saved, place: Place) -> SearchDoc:
    """What segment ``place[0]`` holds of one entry, as ``build`` takes it (text folded)."""
    t = saved.segments[place[0]].tables
    d = place[1]
    start = int(t.start[d])
    days = t.days[int(t.day_offsets[d]):int(t.day_offsets[d + 1])].tolist()
    own, *also = saved.sources_at(place) or ("",)
    return SearchDoc(t.ids[d], date.fromordinal(start).isoformat() if start else None,
                     tuple(date.fromordinal(x).isoformat() for x in days), own,
                     t.folded(d, "zh").split("\n"), t.folded(d, "en").split("\n"),
                     tuple(also), int(t.digests[d]))


def to_merge(saved: Saved) -> list[int]:
    """The segments the merge policy says to merge now, in order (none: nothing to do).

    First a segment whose dead entries pass ``MERGE_FRACTION`` of it, with the small
    segments of its tier or below; then, lowest tier first, the smallest segments of
    a tier that holds ``MERGE_FACTOR`` of them, as many as fit in ``PIECE`` (two
    segments of the top tier that do not fit together stay apart, as full ones do).
    Full segments (``PIECE`` live entries) only ever lose their dead.
    """
    segments = saved.segments
    live = [s.live for s in segments]
    share = [len(s.dead) / max(s.tables.count, 1) for s in segments]
    worst = max(range(len(segments)), key=share.__getitem__)
    if share[worst] > MERGE_FRACTION:
        small = [at for at in range(len(segments))
                 if at != worst and live[at] < PIECE and _tier(live[at]) <= _tier(live[worst])]
        return sorted(_fill([worst, *sorted(small, key=live.__getitem__)], live))
    tiers: dict[int, list[int]] = {}
    for at in sorted(range(len(segments)), key=live.__getitem__):
        if live[at] < PIECE:
            tiers.setdefault(_tier(live[at]), []).append(at)
    for tier in sorted(tiers):
        if len(tiers[tier]) >= MERGE_FACTOR and len(chosen := _fill(tiers[tier][:MERGE_FACTOR],
                                                                      live)) > 1:
            return sorted(chosen)
    return []


def _tier(live: int) -> int:
    """The power of ``MERGE_FACTOR`` a segment's live entries reach: 8 entries tier 1,
    64 tier 2, with ``MERGE_FACTOR`` 8."""
    tier = 0
    while live >= MERGE_FACTOR:
        live //= MERGE_FACTOR
        tier += 1
    return tier


def _fill(candidates: list[int], live: list[int]) -> list[int]:
    """The first candidates whose live entries together stay within ``PIECE`` (the first
    alone if it holds more)."""
    chosen, total = [], 0
    for at in candidates:
        if chosen and total + live[at] > PIECE:
            break
        chosen.append(at)
        total += live[at]
    return chosen


def _manifest(saved: Saved) -> bytes:
    return orjson.dumps({
        "format": _FORMAT, "revision": saved.revision,
        "entry_parts": saved.entry_parts, "source_parts": saved.source_parts,
        "edits": saved.edits, "edited": saved.edited,
        "segments": [{"file": s.file, "revision": s.tables.revision, "docs": s.tables.count,
                      "parts": s.parts, "dead": sorted(s.dead)} for s in saved.segments],
    })


def _read_manifest(archive: Path) -> dict[str, Any]:
    path = segment_folder(archive) / _MANIFEST
    try:
        fd = open_regular(path, what="the search index's manifest")
    except ArchiveError as e:
        raise Damaged(str(e)) from None
    with open(fd, "rb") as f:
        data = f.read()
    try:
        manifest = orjson.loads(data)
    except orjson.JSONDecodeError:
        raise Damaged("its manifest is not JSON") from None
    _check(manifest)
    return manifest


def _check(manifest: Any) -> None:
    """A manifest as ``save`` writes it, or ``Damaged``."""
    def strings(x: Any) -> bool:
        return isinstance(x, dict) and all(isinstance(v, str) for v in x.values())

    ok = (isinstance(manifest, dict) and manifest.get("format") == _FORMAT
          and isinstance(manifest.get("revision"), str) and strings(manifest.get("entry_parts"))
          and strings(manifest.get("source_parts")) and isinstance(manifest.get("edits"), str)
          and isinstance(manifest.get("edited"), list)
          and all(isinstance(e, str) for e in manifest["edited"])
          and isinstance(manifest.get("segments"), list) and manifest["segments"]
          and all(_record_ok(r) for r in manifest["segments"])
          and manifest["segments"][0]["file"] == ""
          and all(r["file"].endswith(_SUFFIX) and "/" not in r["file"]
                  for r in manifest["segments"][1:]))
    if not ok:
        raise Damaged("its manifest is not as bitext writes it")


def _record_ok(r: Any) -> bool:
    if not (isinstance(r, dict) and isinstance(r.get("file"), str)
            and isinstance(r.get("revision"), str) and type(r.get("docs")) is int
            and isinstance(r.get("parts"), dict) and isinstance(r.get("dead"), list)):
        return False
    n = r["docs"]
    return (all(isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v)
                and 0 <= v[0] <= v[1] <= n for v in r["parts"].values())
            and all(type(d) is int and 0 <= d < n for d in r["dead"]))


def _describes(record: dict[str, Any], tables: Tables) -> bool:
    """Whether a manifest's record is of this very file (a replaced base is not)."""
    return record["revision"] == tables.revision and record["docs"] == tables.count


def _segment(record: dict[str, Any], tables: Tables) -> Segment:
    return Segment(record["file"], tables, {p: (lo, hi) for p, (lo, hi) in
                                            record["parts"].items()}, set(record["dead"]))


def _read_delta(archive: Path, record: dict[str, Any], full: bool) -> Tables:
    path = segment_folder(archive) / record["file"]
    try:
        tables = Tables.read(path, full=full)
    except FileNotFoundError:
        raise Damaged(f"segment {record['file']} is missing") from None
    except Damaged as e:
        raise Damaged(f"segment {record['file']}: {e}") from None
    if not _describes(record, tables):
        tables.close()
        raise Damaged(f"segment {record['file']} is not the one its manifest names")
    return tables

