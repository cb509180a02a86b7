"""The index's arrays and the file that holds them beside the archive.

The file is a short JSON header followed by raw arrays, each at an 8-byte
aligned offset, so opening it maps the file and wraps the arrays in place
(numpy ``frombuffer`` over ``mmap``): no parse, and only the postings a query
touches are ever read from disk. It is written atomically like the archive.

Postings are grouped by key: first every Han key (a character's code point, or
two neighbours' code points as ``a << 21 | b``), then every word in sorted
order. ``offsets[k]:offsets[k + 1]`` is key ``k``'s slice of ``docs`` (entry
numbers, ascending) and ``tfs`` (occurrences in that entry).

Every open checks the file (``Tables.read``): the header's layout against the
file (every section once, of its kind, end to end, the file ending where the
last one does), each section's CRC-32, then what the queries rely on
(``_check_structure``: lengths agree, offsets climb inside their arrays, entry
numbers below the number of ids). A file that fails is treated as absent and
built again (it is derived data); before, a damaged file gave IndexError or
wrong hits, and ``check-archive`` called it up to date.

The checksum on every open was decided by measurement at 100,000 entries
(``python bench/make_archive.py 100000 /tmp/bitext-100k.json``: a 277 MB index).
CRC-32 (``zlib.crc32``) reads 3.4 GB/s here, 81 ms for the file; adler32 took
91 ms, sha1 234 ms, blake2b 354 ms, md5 426 ms. Opening took 7 ms unchecked,
21 ms with the structural checks, 100 ms with the checksums too: 3 % of a
search from the shell (2.6 to 3.4 s), whose time is mostly spent elsewhere.
From a cold page cache the checksums read the whole file where a query reads
about half of it: opening took 0.45 to 0.7 s instead of 0.1 to 0.2 s, the whole
search 3.2 to 4.1 s instead of 3.0 to 3.1 s. Worth it: without them, damage
that keeps the structure (an entry number changed to another valid one) gives
wrong hits without a sign until someone runs ``check-archive``. A CRC guards
against accidents (a disk, a copy, a tool writing into the file), not against
someone who writes a file with matching checksums; the structural checks still
keep such a file from raising errors, though its hits may be wrong.
"""

from __future__ import annotations

import contextlib
import itertools
import mmap
import os
import zlib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from store.atomic import atomic_write
from store.errors import ArchiveError
from store.files import open_regular

#: Version 2 added a checksum per section; version 3 lets an entry belong to several
#: sources (``source_offsets``, ``source_list``); version 4 keeps each entry's digest
#: (``digests``: what a segment update compares, ``store.search.segments``). An older
#: file is rebuilt.
MAGIC = b"bitext-search 4\n"
_ALIGN = 8
#: Every section of the file and how it is stored: lines of text, JSON, the folded
#: text's bytes, or a little-endian numpy dtype.
_KINDS = {
    "ids": "lines", "han_keys": "<u8", "words": "lines", "word_stem": "<u4", "stems": "lines",
    "offsets": "<i8", "docs": "<u4", "tfs": "<u2", "lengths": "<u4", "start": "<i4",
    "day_offsets": "<i8", "days": "<i4", "source_offsets": "<i8", "source_list": "<u4",
    "sources": "json",
    "text_offsets": "<i8", "text": "bytes", "digests": "<u8",
}


@dataclass
class Tables:
    revision: str
    ids: list[str]
    han_keys: np.ndarray  # uint64, sorted
    words: list[str]  # sorted
    word_stem: np.ndarray  # uint32: index into stems for each word
    stems: list[str]  # sorted
    offsets: np.ndarray  # int64, one more than han keys + words
    docs: np.ndarray  # uint32
    tfs: np.ndarray  # uint16
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
    text_base: int = 0  # where they start in ``text``
    _mapped: Any = field(default=None, repr=False)

    def built_from(self, revision: str, count: int) -> bool:
        """Whether these tables index the archive as it is at ``revision``."""
        return self.revision == revision and len(self.ids) == count

    def folded(self, doc: int, lang: str) -> str:
        """An entry's folded text in one language, paragraphs one per line."""
        return str(self.raw(doc, lang), "utf-8", "replace")

    def raw(self, doc: int, lang: str) -> bytes:
        """The same, as the UTF-8 bytes it is stored in."""
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

        The header gives each section's CRC-32, checked on every open (see ``read``).
        """
        sections: list[tuple[str, str, bytes | memoryview, int]] = []
        for name, kind in _KINDS.items():
            value = getattr(self, name)
            if kind == "lines":
                data: bytes | memoryview = "\n".join(value).encode()
            elif kind == "json":
                data = orjson.dumps(value)
            elif kind == "bytes":
                data = memoryview(value)[self.text_base:]
            else:
                data = memoryview(np.ascontiguousarray(value, dtype=kind)).cast("B")
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
    def read(cls, path: Path) -> Tables:
        """The tables in ``path``, checked; ``Damaged`` says what is wrong with the file.

        Every open checks the structure (``_check_structure``) and every section's
        checksum, so a search never reads an index other than the one ``save`` wrote.
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
            return cls._from(mapped)
        except Damaged:
            with contextlib.suppress(BufferError):
                mapped.close()
            raise

    @classmethod
    def _from(cls, mapped: mmap.mmap) -> Tables:
        revision, base, layout = _header(mapped)
        values: dict[str, Any] = {"revision": revision, "_mapped": mapped}
        view = memoryview(mapped)
        try:
            for name, (kind, offset, length, checksum) in layout.items():
                at = base + offset
                if zlib.crc32(view[at:at + length]) != checksum:
                    raise Damaged(f"section {name}: checksum mismatch")
                values.update(_section(mapped, name, kind, at, length))
        finally:
            view.release()
        tables = cls(**values)
        tables._check_structure(text_length=layout["text"][2])
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
        n = len(self.ids)
        _expect(len(set(self.ids)) == n, "ids: an entry id is listed twice")
        for name in ("lengths", "start", "digests"):
            _expect(len(getattr(self, name)) == n, f"{name}: not one per entry")
        _expect(len(self.word_stem) == len(self.words), "word_stem: not one per word")
        _expect(len(self.tfs) == len(self.docs), "tfs: not one per posting")
        keys = len(self.han_keys) + len(self.words)
        _climbs(self.offsets, keys + 1, len(self.docs), "offsets")
        _climbs(self.day_offsets, n + 1, len(self.days), "day_offsets")
        _climbs(self.text_offsets, 2 * n + 1, text_length, "text_offsets")
        _climbs(self.source_offsets, n + 1, len(self.source_list), "source_offsets")
        _below(self.docs, n, "docs")
        _below(self.word_stem, len(self.stems), "word_stem")
        _below(self.source_list, len(self.sources), "source_list")
        _expect(bool(np.all(self.han_keys[1:] > self.han_keys[:-1])),
                "han_keys: not in ascending order")
        _expect(all(a < b for a, b in itertools.pairwise(self.stems)),
                "stems: not in ascending order")


class Damaged(ValueError):
    """An index file that is not what ``save`` wrote; its text says what is wrong, in one line.

    The index is derived data: a damaged one is treated as absent and built again.
    """


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
