"""Full-text search over the archive in both languages (see ``index.py``).

The index is derived data: built from the archive, saved beside it as
``<archive>.search``, and trusted only while it names the archive revision it
was built from and passes the checks of every open (``indexfile.Tables.read``);
otherwise it is built again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from store.errors import ArchiveError
from store.search.build import SearchDoc, build
from store.search.index import Hit, Results, SearchIndex
from store.search.indexfile import Damaged, Tables

__all__ = ["Hit", "IndexStatus", "Results", "SearchDoc", "SearchIndex", "index_path",
           "open_index", "verify_index"]


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


class IndexStatus(NamedTuple):
    """The index file's state, for ``check-archive``: one line, and whether it is damaged."""

    line: str
    damaged: bool = False


def verify_index(archive: Path, revision: str, count: int) -> IndexStatus:
    """Whether the saved index is missing, damaged (and why), stale or up to date.

    The same checks as every open, checksums included: 0.1 s at 100,000 entries.
    A damaged index is never used; the next search builds it again.
    """
    try:
        tables = Tables.read(index_path(archive))
    except FileNotFoundError:
        return IndexStatus("no search index yet: the next search builds it")
    except (OSError, Damaged) as e:
        why = f"cannot be read: {e.strerror}" if isinstance(e, OSError) else str(e)
        return IndexStatus(f"the search index is damaged ({why}): the next search rebuilds it",
                           damaged=True)
    current = tables.built_from(revision, count)
    tables.close()
    return IndexStatus("the search index is up to date" if current
                       else "the search index is stale: the next search rebuilds it")
