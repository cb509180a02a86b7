"""Full-text search over the archive in both languages (see ``index.py``).

The index is derived data: built from the archive, saved beside it as
``<archive>.search``, and trusted only while it names the archive revision it
was built from; otherwise it is built again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path

from store.errors import ArchiveError
from store.search.build import SearchDoc, build
from store.search.index import Hit, Results, SearchIndex
from store.search.tables import Tables

__all__ = ["Hit", "Results", "SearchDoc", "SearchIndex", "index_path", "open_index"]


def index_path(archive: Path) -> Path:
    return archive.with_name(archive.name + ".search")


def open_index(archive: Path, revision: str, count: int,
               docs: Callable[[], Iterable[SearchDoc]],
               sources: Callable[[], dict[str, str]], *, save: bool = True) -> SearchIndex:
    """The saved index if it was built from this revision, else a new one (saved if it can be).

    A folder the user cannot write to still gets search, from an index kept in
    memory only.
    """
    path = index_path(archive)
    tables = Tables.load(path)
    if tables is None or not tables.built_from(revision, count):
        tables = build(docs(), sources(), revision)
        if save:
            with contextlib.suppress(ArchiveError):
                tables.save(path)
    return SearchIndex(tables)
