"""The index's arrays and the file that holds them beside the archive.

The file is a short JSON header followed by raw arrays, each at an 8-byte
aligned offset, so opening it maps the file and wraps the arrays in place
(numpy ``frombuffer`` over ``mmap``): no parse, and only the postings a query
touches are ever read from disk. It is written atomically like the archive.

Postings are grouped by key: first every Han key (a character's code point, or
two neighbours' code points as ``a << 21 | b``), then every word in sorted
order. ``offsets[k]:offsets[k + 1]`` is key ``k``'s slice of ``docs`` (entry
numbers, ascending) and ``tfs`` (occurrences in that entry).
"""

from __future__ import annotations

import contextlib
import mmap
from dataclasses import dataclass, field, fields
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
import orjson

from store.atomic import atomic_write

MAGIC = b"bitext-search 1\n"
_ALIGN = 8
#: Fields kept as lists of strings (written one per line).
_STRINGS = ("ids", "words", "stems")


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
    source_of: np.ndarray  # uint32
    sources: list[list[str]]  # [id, folded name]
    text_offsets: np.ndarray  # int64: entry e's zh text is 2e, en text 2e + 1
    text: Any  # bytes or mmap: folded paragraphs, joined by newlines, UTF-8
    text_base: int = 0  # where they start in ``text``
    _mapped: Any = field(default=None, repr=False)

    def built_from(self, revision: str, count: int) -> bool:
        """Whether these tables index the archive as it is at ``revision``."""
        return self.revision == revision and len(self.ids) == count

    def folded(self, doc: int, lang: str) -> str:
        """An entry's folded text in one language, paragraphs one per line."""
        return str(self.raw(doc, lang), "utf-8")

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

    def save(self, path: Path) -> None:
        """Header, then each array as it lies in memory (no copy), 8-byte aligned."""
        sections: list[tuple[str, str, bytes | memoryview, int]] = []
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in {"revision", "_mapped", "text_base"}:
                continue
            if f.name in _STRINGS:
                data = "\n".join(value).encode()
                sections.append((f.name, "lines", data, len(data)))
            elif f.name == "sources":
                data = orjson.dumps(value)
                sections.append((f.name, "json", data, len(data)))
            elif f.name == "text":
                text = memoryview(value)[self.text_base:]
                sections.append((f.name, "bytes", text, len(text)))
            else:
                array = np.ascontiguousarray(value)
                sections.append((f.name, array.dtype.str, memoryview(array).cast("B"),
                                 array.nbytes))
        layout, offset = [], 0
        for name, kind, _, size in sections:
            layout.append([name, kind, offset, size])
            offset += _padded(size)
        header = orjson.dumps({"revision": self.revision, "sections": layout})
        head = MAGIC + len(header).to_bytes(8, "little") + header
        pieces: list[bytes | memoryview] = [head + b"\0" * (_padded(len(head)) - len(head))]
        for _, _, data, size in sections:
            pieces += [data, b"\0" * (_padded(size) - size)]
        atomic_write(path, pieces, what="the search index", keep_backup=False)

    @classmethod
    def load(cls, path: Path) -> Tables | None:
        """The tables in ``path``, or None when it is missing or not an index file."""
        try:
            with path.open("rb") as f:
                mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError):
            return None
        try:
            return cls._from(mapped)
        except (ValueError, KeyError, TypeError, orjson.JSONDecodeError):
            with contextlib.suppress(BufferError):
                mapped.close()
            return None

    @classmethod
    def _from(cls, mapped: mmap.mmap) -> Tables:
        if mapped[:len(MAGIC)] != MAGIC:
            raise ValueError("not an index file")
        size = int.from_bytes(mapped[len(MAGIC):len(MAGIC) + 8], "little")
        start = len(MAGIC) + 8
        header = orjson.loads(mapped[start:start + size])
        base = _padded(start + size)
        values: dict[str, Any] = {"revision": header["revision"], "_mapped": mapped}
        for name, kind, offset, length in header["sections"]:
            at = base + offset
            if kind == "lines":
                text = mapped[at:at + length].decode()
                values[name] = text.split("\n") if text else []
            elif kind == "json":
                values[name] = orjson.loads(mapped[at:at + length])
            elif kind == "bytes":
                values[name], values[f"{name}_base"] = mapped, at
            else:
                dtype = np.dtype(kind)
                values[name] = np.frombuffer(mapped, dtype, length // dtype.itemsize, at)
        return cls(**values)


def _padded(n: int) -> int:
    return -(-n // _ALIGN) * _ALIGN
