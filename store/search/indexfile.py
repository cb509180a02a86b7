"""The index's arrays and the file that holds them beside the archive.

The file is a short JSON header followed by raw arrays, each at an 8-byte
aligned offset, so opening it maps the file and wraps the arrays in place
(numpy ``frombuffer`` over ``mmap``): no parse, and only the postings a query
touches are ever read from disk. It is written atomically like the archive.

Postings are grouped by key: first every Han key (a character's code point,
two neighbours' code points as ``a << 21 | b``, or three as ``a << 42 | b << 21
| c``), then every word in sorted order. ``offsets[k]:offsets[k + 1]`` is key
``k``'s slice of ``docs`` (entry numbers, ascending) and ``tfs`` (occurrences in that entry).
``pos_offsets[k]:pos_offsets[k + 1]`` is its slice of ``positions``: each
posting's ``tfs`` occurrences in turn, ascending, each ``language << 31 | unit
<< 2 | gap`` (uint32). Units (Han characters and words) are numbered from 0 in
each language's text; the gap says what parts the unit from the one before it:
nothing, separators, or a paragraph's end (a text's first unit too). A posting
keeps at most 65,535 positions, as ``tfs`` counts; an entry holding a unit more
often, or one whose positions cannot decide a phrase (``build``), is listed in
``unsure``, and its text is checked instead. Trigrams keep no positions (their
runs are empty): nothing reads them, and they would add 4 bytes per occurrence.
Positions cost 146 MB at 100,000
entries (36 million occurrences): the file grew from 279 to 425 MB.

Every open checks the file (``Tables.read``): the header's layout against the
file (every section once, of its kind, end to end, the file ending where the
last one does), then what the queries rely on (``_check_structure``: lengths
agree, offsets climb inside their arrays, entry numbers below the number of
ids). A file that fails is treated as absent and built again (it is derived
data); before, a damaged file gave IndexError or wrong hits, and
``check-archive`` called it up to date.

Checksums (CRC-32, ``zlib.crc32``): the small sections are checked whole on
every open; the large ones (``docs``, ``tfs``, ``positions``, ``text``: 98 % of
the file) by blocks of 64 KiB (``BLOCK``), each checked the first time a query reads
it (``blocks``: a CRC per block). So nothing is read unchecked, and a search
reads the blocks it needs, not the file: at 100,000 entries (a 279 MB index)
checking the whole file took 0.13-0.14 s of a 0.7 s ``bitext search`` (the CRC
at 3.4 GB/s, and a page fault for every page of the file), a block 20 µs. The
postings' entry numbers are checked against the number of entries with their
block, and a block that fails raises ``Damaged`` where it is read: the caller
treats the index as damaged and builds it again (``store.searching``).
``check-archive`` (``full=True``) checks every section and every block.

A CRC guards against accidents (a disk, a copy, a tool writing into the file),
not against someone who writes a file with matching checksums; the structural
checks still keep such a file from raising errors, though its hits may be wrong.
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from store.atomic import atomic_write
from store.errors import ArchiveError
from store.files import open_regular
from store.search.damaged import Damaged
from store.search.lines import Lines

#: Version 2 added a checksum per section; version 3 lets an entry belong to several
#: sources (``source_offsets``, ``source_list``); version 4 keeps each entry's digest
#: (``digests``: what a segment update compares, ``store.search.segments``); version 5
#: checks the large sections by blocks (``blocks``); version 6 keeps each occurrence's
#: position (``pos_offsets``, ``positions``, ``unsure``); version 7 adds the postings of
#: Han trigrams (``build.HAN_SHIFT``). An older file is rebuilt.
MAGIC = b"bitext-search 7\n"
_ALIGN = 8
#: Every section of the file and how it is stored: lines of text, JSON, the folded
#: text's bytes, or a little-endian numpy dtype.
_KINDS = {
    "ids": "lines", "han_keys": "<u8", "words": "lines", "word_stem": "<u4", "stems": "lines",
    "offsets": "<i8", "docs": "<u4", "tfs": "<u2", "positions": "<u4",
    "lengths": "<u4", "start": "<i4",
    "day_offsets": "<i8", "days": "<i4", "source_offsets": "<i8", "source_list": "<u4",
    "sources": "json",
    "text_offsets": "<i8", "text": "bytes", "digests": "<u8", "unsure": "<u4",
    "pos_offsets": "<i8", "blocks": "<u4",
}
#: The sections checked a block at a time, as they are read; ``blocks`` holds the CRC-32
#: of each of their blocks, in this order.
LAZY = ("docs", "tfs", "positions", "text")
_SHIFT = 16
BLOCK = 1 << _SHIFT


@dataclass
class Tables:
    revision: str
    ids: Sequence[str]  # a list, or ``Lines`` read from the file
    han_keys: np.ndarray  # uint64, sorted
    words: list[str]  # sorted
    word_stem: np.ndarray  # uint32: index into stems for each word
    stems: list[str]  # sorted
    offsets: np.ndarray  # int64, one more than han keys + words
    docs: np.ndarray  # uint32
    tfs: np.ndarray  # uint16
    pos_offsets: np.ndarray  # int64, per key: its ``positions``, its postings' end to end
    positions: np.ndarray  # uint32: language << 31 | unit << 2 | gap, ``tfs`` per posting
    lengths: np.ndarray  # uint32: units (Han characters + words) per entry
    start: np.ndarray  # int32: first day's ordinal, 0 when undated
    day_offsets: np.ndarray  # int64
    days: np.ndarray  # int32 ordinals
    source_offsets: np.ndarray  # int64: entry e's sources, source_list[so[e]:so[e + 1]]
    source_list: np.ndarray  # uint32: indices into sources
    sources: list[list[str]]  # [id, folded name]
    text_offsets: np.ndarray  # int64: entry e's zh text is 2e, en text 2e + 1
    text: Any  # bytes or mmap: folded paragraphs, joined by newlines, UTF-8
    #: uint64 per entry: ``build.digest`` of what was indexed (its text, dates)
    digests: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    #: uint32, ascending: entries whose positions cannot decide a phrase (``build``)
    unsure: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32))
    text_base: int = 0  # where they start in ``text``
    _mapped: Any = field(default=None, repr=False)
    #: The large sections' blocks still to check, for tables read from a file.
    _blocks: _Blocks | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        """Entries, live or not: one length each (``ids`` may not be decoded yet)."""
        return len(self.lengths)

    def built_from(self, revision: str, count: int) -> bool:
        """Whether these tables index the archive as it is at ``revision``."""
        return self.revision == revision and self.count == count

    def check_all(self) -> None:
        """Every block of the large sections checked now, not as it is read; the reads
        after check nothing (a page of hits reads the text of 100 entries). And no id
        listed twice: an open leaves that to this (a set of 100,000 ids is 11 ms), for a
        repeated id gives wrong hits, never an error, and the checksums catch accidents.
        """
        if (blocks := self._blocks) is not None:
            blocks.check_all()
            distinct = self.ids.distinct() if isinstance(self.ids, Lines) else (
                len(set(self.ids)) == self.count)
            _expect(distinct, "ids: an entry id is listed twice")
            self._blocks = None

    def postings(self, key: int) -> tuple[np.ndarray, np.ndarray]:
        """Key ``key``'s entry numbers and their occurrences, their blocks checked."""
        lo, hi = int(self.offsets[key]), int(self.offsets[key + 1])
        if (blocks := self._blocks) is not None:
            blocks.check("docs", 4 * lo, 4 * hi)
            blocks.check("tfs", 2 * lo, 2 * hi)
        return self.docs[lo:hi], self.tfs[lo:hi]

    def positions_in(self, key: int, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Key ``key``'s occurrences in the entries ``wanted`` (a mask): the entry of each,
        and its position; their blocks checked."""
        docs, tfs = self.postings(key)
        lo, hi = int(self.pos_offsets[key]), int(self.pos_offsets[key + 1])
        counts = tfs.astype(np.int64)
        ends = np.cumsum(counts)
        if (ends[-1] if len(ends) else 0) != hi - lo:
            raise Damaged(f"positions: key {key:,} has {hi - lo:,}, its postings "
                          f"{int(ends[-1]) if len(ends) else 0:,}")
        if (blocks := self._blocks) is not None:  # the key's whole run: once checked, free
            blocks.check("positions", 4 * lo, 4 * hi)
        keep = wanted[docs]
        if keep.all():  # a term's first part: no gather
            return np.repeat(docs, counts), self.positions[lo:hi]
        starts, counts = (ends - counts)[keep] + lo, counts[keep]
        total = int(counts.sum())
        at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(total)
        return np.repeat(docs[keep], counts), self.positions[at]

    def folded(self, doc: int, lang: str) -> str:
        """An entry's folded text in one language, paragraphs one per line."""
        return str(self.raw(doc, lang), "utf-8", "replace")

    def raw(self, doc: int, lang: str) -> bytes:
        """The same, as the UTF-8 bytes it is stored in, its blocks checked."""
        if (blocks := self._blocks) is not None:
            slot = 2 * doc + (lang == "en")
            bounds = self._bounds
            blocks.check("text", bounds[slot] - self.text_base, bounds[slot + 1] - self.text_base)
        return self._raw(doc, lang)

    def reader(self, docs: np.ndarray) -> Callable[[int, str], bytes]:
        """``raw`` for the entries ``docs``: their blocks checked at once, here, so each
        read after is not (a phrase checks its words in the text of 38,700 entries at
        100,000: a check per read made each of 77,400 reads 0.62 µs instead of 0.17)."""
        if (blocks := self._blocks) is not None and len(docs):
            offsets = self.text_offsets
            blocks.check_many("text", offsets[2 * docs], offsets[2 * docs + 2])
        return self._raw

    def _raw(self, doc: int, lang: str) -> bytes:
        slot = 2 * doc + (lang == "en")
        bounds = self._bounds
        return self.text[bounds[slot]:bounds[slot + 1]]

    @cached_property
    def _bounds(self) -> list[int]:
        """Text offsets as plain ints, from the file's start: a numpy scalar per lookup
        costs more than the lookup."""
        return (self.text_offsets + self.text_base).tolist()

    def close(self) -> None:
        """Unmap the file now rather than when the tables are collected (tests, ``verify``)."""
        if self._mapped is not None:
            with contextlib.suppress(BufferError):  # arrays handed out still point into it
                self._mapped.close()

    def save(self, path: Path) -> None:
        """Header, then each array as it lies in memory (no copy), 8-byte aligned.

        The header gives each section's CRC-32, and ``blocks`` the CRC-32 of each block of
        the large sections (see ``read``).
        """
        sections: list[tuple[str, str, bytes | memoryview, int]] = []
        crcs: list[int] = []
        for name, kind in _KINDS.items():
            value = np.array(crcs, dtype=np.uint32) if name == "blocks" else getattr(self, name)
            if kind == "lines":
                data: bytes | memoryview = "\n".join(value).encode()
            elif kind == "json":
                data = orjson.dumps(value)
            elif kind == "bytes":
                data = memoryview(value)[self.text_base:]
            else:
                data = memoryview(np.ascontiguousarray(value, dtype=kind)).cast("B")
            if name in LAZY:
                crcs += [zlib.crc32(data[at:at + BLOCK]) for at in range(0, len(data), BLOCK)]
            sections.append((name, kind, data, len(data)))
        layout, offset = [], 0
        for name, kind, data, size in sections:
            layout.append([name, kind, offset, size, zlib.crc32(data)])
            offset += _padded(size)
        header = orjson.dumps({"revision": self.revision, "sections": layout})
        head = MAGIC + len(header).to_bytes(8, "little") + header
        pieces: list[bytes | memoryview] = [head + b"\0" * (_padded(len(head)) - len(head))]
        for _, _, data, size in sections:
            pieces += [data, b"\0" * (_padded(size) - size)]
        atomic_write(path, pieces, what="the search index", keep_backup=False)

    @classmethod
    def load(cls, path: Path) -> Tables | None:
        """The tables in ``path``, or None when it is missing or damaged (see ``read``)."""
        try:
            return cls.read(path)
        except (OSError, Damaged):
            return None

    @classmethod
    def read(cls, path: Path, *, full: bool = False) -> Tables:
        """The tables in ``path``, checked; ``Damaged`` says what is wrong with the file.

        Every open checks the structure (``_check_structure``) and the small sections'
        checksums; the large sections' blocks are checked as they are read, and may
        raise ``Damaged`` then. ``full`` checks every block now (``check-archive``).
        """
        try:  # a FIFO put in its place would block a plain open for ever
            fd = open_regular(path, what="the search index")
        except ArchiveError as e:
            raise Damaged(str(e)) from None
        try:
            mapped = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
        except ValueError:  # an empty file cannot be mapped
            raise Damaged("the file is empty") from None
        finally:
            os.close(fd)
        try:
            return cls._from(mapped, full)
        except Damaged:
            with contextlib.suppress(BufferError):
                mapped.close()
            raise

    @classmethod
    def _from(cls, mapped: mmap.mmap, full: bool) -> Tables:
        revision, base, layout = _header(mapped)
        values: dict[str, Any] = {"revision": revision, "_mapped": mapped}
        view = memoryview(mapped)
        try:
            for name, (kind, offset, length, checksum) in layout.items():
                at = base + offset
                if (full or name not in LAZY) and zlib.crc32(view[at:at + length]) != checksum:
                    raise Damaged(f"section {name}: checksum mismatch")
                values.update(_section(mapped, name, kind, at, length))
        finally:
            view.release()
        crcs = values.pop("blocks")
        tables = cls(**values)
        tables._check_structure(text_length=layout["text"][2])
        tables._blocks = _Blocks(mapped, {name: (base + layout[name][1], layout[name][2])
                                          for name in LAZY}, crcs, tables.count,
                                 tables.offsets)
        if full:
            tables.check_all()
        return tables

    def _check_structure(self, text_length: int) -> None:
        """What the queries rely on, so a damaged file is an absent index, never an IndexError.

        Lengths agree, offsets climb from 0 to the end of what they cut, and
        every number that indexes another table is inside it. The checksums
        already catch damage; these checks also stop a file written with
        matching checksums by something other than ``save``.
        """
        _expect(isinstance(self.sources, list)
                and all(isinstance(s, list) and len(s) == 2 and all(isinstance(x, str) for x in s)
                        for s in self.sources), "sources: not a list of [id, name]")
        n = self.count
        _expect(len(self.ids) == n, "ids: not one per entry")
        for name in ("start", "digests"):
            _expect(len(getattr(self, name)) == n, f"{name}: not one per entry")
        _expect(len(self.word_stem) == len(self.words), "word_stem: not one per word")
        _expect(len(self.tfs) == len(self.docs), "tfs: not one per posting")
        keys = len(self.han_keys) + len(self.words)
        _climbs(self.offsets, keys + 1, len(self.docs), "offsets")
        _climbs(self.pos_offsets, keys + 1, len(self.positions), "pos_offsets")
        _climbs(self.day_offsets, n + 1, len(self.days), "day_offsets")
        _climbs(self.text_offsets, 2 * n + 1, text_length, "text_offsets")
        _climbs(self.source_offsets, n + 1, len(self.source_list), "source_offsets")
        _below(self.word_stem, len(self.stems), "word_stem")
        _below(self.source_list, len(self.sources), "source_list")
        _below(self.unsure, n, "unsure")
        _expect(bool(np.all(self.unsure[1:] > self.unsure[:-1])), "unsure: not in ascending order")
        _expect(bool(np.all(self.han_keys[1:] > self.han_keys[:-1])),
                "han_keys: not in ascending order")
        _expect(all(a < b for a, b in itertools.pairwise(self.stems)),
                "stems: not in ascending order")


#: How much ``check_all`` reads before it lets go of the pages: 16 MB.
_RELEASE = 256 * BLOCK
_DONTNEED: int | None = getattr(mmap, "MADV_DONTNEED", None)


class _Blocks:
    """The large sections of a mapped file, each block checked the first time it is read:
    its CRC-32, and for ``docs`` its entry numbers against the number of entries, and
    their order inside each key's postings (``starts``: where each key's begin)."""

    def __init__(self, mapped: mmap.mmap, sections: dict[str, tuple[int, int]],
                 crcs: np.ndarray, entries: int, starts: np.ndarray) -> None:
        self._mapped = mapped
        self._starts = starts
        self._sections = sections  # name -> (where it starts in the file, its length)
        self._first: dict[str, int] = {}  # name -> its first block's number in ``crcs``
        count = 0
        for name in LAZY:
            self._first[name] = count
            count += -(-sections[name][1] // BLOCK)
        _expect(len(crcs) == count, f"blocks: {len(crcs):,} checksums for {count:,} blocks")
        self._crcs = crcs.tolist()
        self._checked = bytearray(count)
        self._entries = entries

    def check(self, name: str, start: int, end: int) -> None:
        """Bytes ``start:end`` of section ``name`` are as written, or ``Damaged``."""
        if start >= end:
            return
        first = self._first[name]
        lo, hi = first + (start >> _SHIFT), first + ((end - 1) >> _SHIFT) + 1
        if self._checked.find(0, lo, hi) >= 0:
            for block in range(lo, hi):
                self._check_block(name, block)

    def check_many(self, name: str, starts: np.ndarray, ends: np.ndarray) -> None:
        """``check`` for many ranges at once: each block any of them touches, once."""
        first, count = self._first[name], -(-self._sections[name][1] // BLOCK)
        inside = ends > starts
        lo, hi = starts[inside] >> _SHIFT, ((ends[inside] - 1) >> _SHIFT) + 1
        covered = np.cumsum(np.bincount(lo, minlength=count + 1)
                            - np.bincount(hi, minlength=count + 1))[:count] > 0
        done = np.frombuffer(self._checked, np.uint8, count, first)
        for block in np.flatnonzero(covered & (done == 0)).tolist():
            self._check_block(name, first + block)

    def check_all(self) -> None:
        """Every block, each stretch handed back to the page cache once checked: the
        app checks all 279 MB of a 100k archive's base index at load, and kept them
        resident (its peak 570 MB against the issue's 300); a query maps in again
        only the pages it reads."""
        for name in LAZY:
            at, length = self._sections[name]
            for start in range(0, length, _RELEASE):
                end = min(start + _RELEASE, length)
                self.check(name, start, end)
                _release(self._mapped, at + start, at + end)

    def _check_block(self, name: str, block: int) -> None:
        if self._checked[block]:
            return
        at, length = self._sections[name]
        lo = (block - self._first[name]) << _SHIFT
        data = self._mapped[at + lo:at + min(lo + BLOCK, length)]
        if zlib.crc32(data) != self._crcs[block]:
            raise Damaged(f"section {name}: checksum mismatch at byte {lo:,}")
        if name == "docs":
            docs = np.frombuffer(data, "<u4")
            _below(docs, self._entries, "docs")
            self._climbing(docs, at, lo)
        self._checked[block] = 1

    def _climbing(self, docs: np.ndarray, at: int, lo: int) -> None:
        """The block's entry numbers climb inside each key's postings, from the number just
        before the block: a query reads a term's entries in order, and only a file
        written with matching checksums holds them otherwise."""
        first = lo // 4
        if lo:
            before = int.from_bytes(self._mapped[at + lo - 4:at + lo], "little")
            docs, first = np.concatenate((np.array([before], dtype=docs.dtype), docs)), first - 1
        drops = np.flatnonzero(docs[1:] <= docs[:-1]) + first + 1
        if len(drops):
            starts = self._starts
            where = np.minimum(np.searchsorted(starts, drops), len(starts) - 1)
            _expect(bool((starts[where] == drops).all()),
                    "docs: a term's entries are not in ascending order")


def _release(mapped: mmap.mmap, start: int, end: int) -> None:
    """Drop this process's hold on the pages of ``start:end`` (they stay in the page
    cache: a read-only file's pages come back from it, or from the disk, when read)."""
    if _DONTNEED is None:
        return
    first = start - start % mmap.PAGESIZE
    with contextlib.suppress(OSError, ValueError):
        mapped.madvise(_DONTNEED, first, end - first)


def _header(mapped: mmap.mmap) -> tuple[str, int, dict[str, tuple[str, int, int, int]]]:
    """The revision, where sections start, and each section as ``save`` laid it out.

    The layout must be exactly the one ``save`` writes: every section once, of
    its kind, end to end in order, and the file must end where the last one does.
    """
    start = len(MAGIC) + 8
    first = mapped[:mapped.find(b"\n", 0, 32) + 1]
    _expect(first == MAGIC or not first.startswith(b"bitext-search "),
            f"an index of another version ({first.decode('ascii', 'replace').strip()!r})")
    _expect(mapped[:len(MAGIC)] == MAGIC and len(mapped) >= start, "not a search index file")
    size = int.from_bytes(mapped[len(MAGIC):start], "little")
    _expect(size <= len(mapped) - start, "the header runs past the end of the file")
    try:
        header = orjson.loads(mapped[start:start + size])
    except orjson.JSONDecodeError:
        raise Damaged("the header is not JSON") from None
    _expect(isinstance(header, dict) and isinstance(header.get("revision"), str)
            and isinstance(header.get("sections"), list), "the header is not an index header")
    layout: dict[str, tuple[str, int, int, int]] = {}
    offset = 0
    for item in header["sections"]:
        _expect(isinstance(item, list) and len(item) == 5
                and all(type(x) is str for x in item[:2])
                and all(type(x) is int for x in item[2:]), "the header lists a bad section")
        name, kind, at, length, checksum = item
        _expect(name in _KINDS and name not in layout, f"the header lists section {name!r}")
        _expect(kind == _KINDS[name], f"section {name}: {kind!r} is not {_KINDS[name]!r}")
        _expect(at == offset and length >= 0, f"section {name}: not where the last one ended")
        _expect(length % _itemsize(kind) == 0, f"section {name}: not whole items")
        layout[name] = (kind, at, length, checksum)
        offset += _padded(length)
    _expect(len(layout) == len(_KINDS), "the header does not list every section")
    base = _padded(start + size)
    _expect(base + offset == len(mapped),
            f"the file is {len(mapped):,} bytes; its header describes {base + offset:,}")
    return header["revision"], base, layout


def _section(mapped: mmap.mmap, name: str, kind: str, at: int, length: int) -> dict[str, Any]:
    """One section's value (or, for the text, the mapping and where the text starts)."""
    try:
        if name == "ids":
            return {name: Lines(mapped, at, length)}
        if kind == "lines":
            text = mapped[at:at + length].decode()
            return {name: text.split("\n") if text else []}
        if kind == "json":
            return {name: orjson.loads(mapped[at:at + length])}
    except (UnicodeDecodeError, orjson.JSONDecodeError):
        raise Damaged(f"section {name}: not {kind}") from None
    if kind == "bytes":
        return {name: mapped, f"{name}_base": at}
    dtype = np.dtype(kind)
    return {name: np.frombuffer(mapped, dtype, length // dtype.itemsize, at)}


def _itemsize(kind: str) -> int:
    return 1 if kind in {"lines", "json", "bytes"} else np.dtype(kind).itemsize


def _expect(condition: bool, problem: str) -> None:
    if not condition:
        raise Damaged(problem)


def _climbs(offsets: np.ndarray, count: int, end: int, name: str) -> None:
    """``offsets`` cut something ``end`` long into ``count - 1`` pieces, in order."""
    _expect(len(offsets) == count, f"{name}: {len(offsets):,} offsets, not {count:,}")
    _expect(int(offsets[0]) == 0 and int(offsets[-1]) == end,
            f"{name}: do not run from 0 to {end:,}")
    _expect(bool(np.all(offsets[1:] >= offsets[:-1])), f"{name}: not in ascending order")


def _below(numbers: np.ndarray, limit: int, name: str) -> None:
    _expect(not len(numbers) or int(numbers.max()) < limit,
            f"{name}: a number past the {limit:,} it indexes")


def _padded(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN
