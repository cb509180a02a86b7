"""Full-text search over the archive in both languages (see ``index.py``).

The index is derived data: built from the archive, saved beside it as
segments (``segments.py``: the base ``<archive>.search``, deltas and a
manifest), and trusted only while its manifest names the archive revision it
reflects and every segment passes the checks of every open
(``indexfile.Tables.read``); otherwise it is updated or built again. A block
found damaged as a query reads it (``Damaged``) is built again too.
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from store.search.build import SearchDoc, build
from store.search.index import SearchIndex
from store.search.indexfile import Damaged
from store.search.results import Hit, Results
from store.search.segments import index_path, read

__all__ = ["Damaged", "Hit", "IndexStatus", "Results", "SearchDoc", "SearchIndex", "build",
           "index_path", "verify_index"]


class IndexStatus(NamedTuple):
    """The index file's state, for ``check-archive``: one line, and whether it is damaged."""

    line: str
    damaged: bool = False


def verify_index(archive: Path, revision: str, count: int) -> IndexStatus:
    """Whether the saved index is missing, damaged (and why), stale or up to date.

    The checks of every open, and every block's checksum (``full``): 0.1 s at
    100,000 entries. A damaged block is never used: the search that reads it
    builds the index again.
    """
    try:
        saved = read(archive, full=True)
    except FileNotFoundError:
        return IndexStatus("no search index yet: the next search builds it")
    except (OSError, Damaged) as e:
        why = f"cannot be read: {e.strerror}" if isinstance(e, OSError) else str(e)
        return IndexStatus(f"the search index is damaged ({why}): the next search rebuilds it",
                           damaged=True)
    current = saved.revision == revision and saved.count == count
    for segment in saved.segments:
        segment.tables.close()
    return IndexStatus("the search index is up to date" if current
                       else "the search index is stale: the next search updates it")
