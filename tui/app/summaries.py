"""The entry list's rows held as columns; a row's ``EntrySummary`` is made when it is read.

A million rows as tuples held 615 bytes each (measured with ``sys.getsizeof`` on
the generated archive of bench/scale_data.py): the tuple 96, the id 66, the
Chinese title 134, the English 243, the sequence number 28. Titles are most
of it, and most of a title's cost is the string object around it: here titles
are packed, ``_CHUNK`` of them to a string, with the end of each. Dates, days
and source names are shared objects already (``store.archive.codec.summary``);
the columns hold them as they come. The list draws the rows on screen, some
dozens, so building their tuples again costs nothing a user waits for.
"""

from __future__ import annotations

import itertools
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import TypeVar, overload

from store.model import EntrySummary

#: Titles packed into one string. One character outside Latin-1 (an en dash, a curly
#: quote) widens its whole string to two bytes a character: small chunks keep that
#: local, and 256 titles share one string object's 50-75 bytes.
_CHUNK = 256
_T = TypeVar("_T")


class _Packed:
    """Strings appended one by one, kept ``_CHUNK`` to a string with their ends."""

    def __init__(self) -> None:
        self._size = _CHUNK
        self._chunks: list[str] = []
        self._ends: list[array[int]] = []
        self._pending: list[str] = []

    def append(self, text: str) -> None:
        self._pending.append(text)
        if len(self._pending) == self._size:
            self.close()

    def close(self) -> None:
        """Pack what is pending (a last, short chunk)."""
        if self._pending:
            self._chunks.append("".join(self._pending))
            self._ends.append(array("I", itertools.accumulate(map(len, self._pending))))
            self._pending = []

    def __getitem__(self, k: int) -> str:
        chunk, i = divmod(k, self._size)
        ends = self._ends[chunk]
        return self._chunks[chunk][ends[i - 1] if i else 0:ends[i]]


class _Columns:
    """Every row of an archive's list, a column per field."""

    def __init__(self, rows: Iterable[EntrySummary]) -> None:
        self.ids: list[str] = []
        self.starts: list[str | None] = []
        self.days: list[tuple[str, ...]] = []
        self.sources: list[str] = []
        self.seqs: list[int] = []
        self.zh, self.en = _Packed(), _Packed()
        for row in rows:
            self.ids.append(row.id)
            self.starts.append(row.start)
            self.days.append(row.days)
            self.sources.append(row.source)
            self.seqs.append(row.seq)
            self.zh.append(row.title_zh)
            self.en.append(row.title_en)
        self.zh.close()
        self.en.close()

    def row(self, k: int) -> EntrySummary:
        return EntrySummary(self.ids[k], self.starts[k], self.days[k], self.zh[k], self.en[k],
                            self.sources[k], self.seqs[k])


class Summaries(Sequence[EntrySummary]):
    """Rows in list order: all of an archive's, or those of them ``picked`` (by position)."""

    def __init__(self, rows: Iterable[EntrySummary] | _Columns = (),
                 picked: array[int] | None = None) -> None:
        self._columns = rows if isinstance(rows, _Columns) else _Columns(rows)
        self._picked = picked

    def __len__(self) -> int:
        return len(self._columns.ids) if self._picked is None else len(self._picked)

    @overload
    def __getitem__(self, k: int) -> EntrySummary: ...
    @overload
    def __getitem__(self, k: slice) -> list[EntrySummary]: ...

    def __getitem__(self, k: int | slice) -> EntrySummary | list[EntrySummary]:
        if isinstance(k, slice):
            return [self[i] for i in range(*k.indices(len(self)))]
        if k < 0:
            k += len(self)
        if not 0 <= k < len(self):
            raise IndexError(k)
        return self._columns.row(k if self._picked is None else self._picked[k])

    def __iter__(self) -> Iterator[EntrySummary]:
        return map(self._columns.row, range(len(self)) if self._picked is None else self._picked)

    def id_at(self, k: int) -> str:
        """Row ``k``'s entry id, without making its row: ``n`` walks the list by ids."""
        return self._columns.ids[k if self._picked is None else self._picked[k]]

    @property
    def ids(self) -> Sequence[str]:
        """The rows' entry ids, in order, without making their rows."""
        return self._column(self._columns.ids)

    @property
    def starts(self) -> Sequence[str | None]:
        """The rows' first days, in order, without making their rows."""
        return self._column(self._columns.starts)

    def _column(self, column: list[_T]) -> Sequence[_T]:
        return column if self._picked is None else [column[k] for k in self._picked]

    def having(self, wanted: set[str] | frozenset[str]) -> Summaries:
        """The rows whose entry is in ``wanted``, in order, sharing these columns."""
        ids = self._columns.ids
        order = range(len(ids)) if self._picked is None else self._picked
        return Summaries(self._columns, array("q", (k for k in order if ids[k] in wanted)))
