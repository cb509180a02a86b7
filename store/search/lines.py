"""A segment's entry ids, read one at a time from the mapped file.

Every open decoded the ids section and split it into a list, and checked that
no id repeats: at a million entries (ten segments) 8.9 ms and 10.7 ms a
segment, 0.19 s of a 0.4 s shell search that prints 20 entries. Now an open
finds the line ends with numpy (0.8 ms a segment of 100,000) and an id is
decoded when it is asked for; ``index`` finds one in the raw bytes (0.5 ms).
A whole pass (a merge, a map of every id) decodes the section once, as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any, overload

import numpy as np

from store.search.damaged import Damaged

#: From this share of the lines on, ``take`` decodes them all at once.
_MOST_ONE_BY_ONE = 0.05


class Lines(Sequence[str]):
    """The newline-separated UTF-8 lines of ``data[at:at + length]`` (an ``mmap``)."""

    def __init__(self, data: Any, at: int, length: int) -> None:
        self._data, self._at, self._length = data, at, length
        ends = np.flatnonzero(np.frombuffer(data, np.uint8, length, at) == 10)
        self._starts = np.r_[0, ends + 1].astype(np.int64) + at if length else ends
        self._ends = np.r_[ends, length].astype(np.int64) + at if length else ends

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return self._all[i]
        if "_all" in self.__dict__:
            return self._all[i]
        return _decoded(self._data[int(self._starts[i]):int(self._ends[i])])

    def __iter__(self) -> Iterator[str]:
        return iter(self._all)

    def index(self, value: Any, start: int = 0, stop: int | None = None) -> int:
        """The first line equal to ``value`` (``ValueError`` if none), found in the bytes."""
        if start or stop is not None or not isinstance(value, str) or "\n" in value:
            return super().index(value, start, len(self) if stop is None else stop)
        if len(self) and self[0] == value:
            return 0
        found = self._data.find(b"\n" + value.encode() + b"\n", self._at, self._at + self._length)
        if found >= 0:
            return int(np.searchsorted(self._starts, found + 1))
        if len(self) > 1 and self[-1] == value:
            return len(self) - 1
        raise ValueError(f"{value!r} is not a line")

    def take(self, lines: np.ndarray) -> list[str]:
        """The lines at these numbers: one by one when they are few, else from one pass."""
        if len(lines) > _MOST_ONE_BY_ONE * len(self):
            everything = self._all
            return [everything[i] for i in lines.tolist()]
        return [self[i] for i in lines.tolist()]

    def distinct(self) -> bool:
        """Whether no line repeats: one pass over the bytes, nothing kept (a million ids
        decoded and kept would cost 70 MB for a check made once)."""
        if not self._length:
            return True
        lines = bytes(self._data[self._at:self._at + self._length]).split(b"\n")
        return len(set(lines)) == len(self)

    @cached_property
    def _all(self) -> list[str]:
        if not self._length:
            return []
        return _decoded(self._data[self._at:self._at + self._length]).split("\n")


def _decoded(data: bytes) -> str:
    try:
        return data.decode()
    except UnicodeDecodeError:
        raise Damaged("section ids: not lines") from None
