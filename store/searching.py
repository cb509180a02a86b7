"""An archive's search index kept current, and a query's results by entry id.

The index (``store.search``) numbers entries; the front ends know them by id.
It is built from the entries' text as edited (an accepted reading changes the
text), so it is current while both the archive's revision and the edits'
text revision are those it was built from.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from store import editing
from store.archive import ArchiveFile, EditsFile
from store.progress import INDEXING, Progress
from store.search import Hit, Results, SearchDoc, SearchIndex, open_index, verify_index


@dataclass(slots=True)
class SearchResults:
    """A query's matching entries: counts, ranking, and each entry's hits on demand."""

    _results: Results

    @property
    def entries(self) -> int:
        return self._results.count

    @property
    def hits(self) -> int:
        return self._results.hits

    def ranked(self, limit: int | None = None) -> list[tuple[str, float]]:
        """``(entry id, score)``, best first."""
        return self._results.ranked_ids(limit)

    def ids(self) -> set[str]:
        return self._results.ids()

    def hits_in(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        return self._results.hits_of(entry_id)


class IndexKeeper:
    """The archive's index, loaded or built once and kept while it is current."""

    def __init__(self, archive: ArchiveFile, edits: EditsFile) -> None:
        self._archive = archive
        self._edits = edits
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()  # the app's workers may ask at once

    def index(self, progress: Progress | None = None) -> SearchIndex:
        """The index of the archive as it is now: loaded, or built and saved.

        Building takes seconds for 100,000 entries (``progress`` hears each
        thousand); the app calls this in a worker.
        """
        with self._lock:
            revision = self._revision()
            count = self._archive.count()
            index = self._index
            if index is None or not index.built_from(revision, count):
                index = open_index(self._archive.path, revision, count,
                                   lambda: _counted(self._docs(), count, progress),
                                   lambda: {s.id: s.name for s in self._archive.sources()})
                self._index = index
            return index

    def status(self) -> str:
        """The saved index's state in one line (``check-archive``)."""
        return verify_index(self._archive.path, self._revision(), self._archive.count()).line

    def _revision(self) -> str:
        """What the index is built from: accepted readings change entries' text too."""
        return self._archive.revision() + self._edits.read().text_revision()

    def _docs(self) -> Iterator[SearchDoc]:
        """Each entry's text, with the ids of the sources that list it (for ``source:``).

        The sources' lists, not the entry's own reference: the same entry in two
        files belongs to both.
        """
        edits = self._edits.read()
        listed: dict[str, list[str]] = {}
        for source in self._archive.sources():
            for entry_id in source.entries:
                listed.setdefault(entry_id, []).append(source.id)
        for s, zh, en in self._archive.texts():
            texts = zh, en
            if (history := edits.histories.get(s.id)) and history.current.readings:
                entry = editing.edited(self._edits, self._archive.entry(s.id))  # type: ignore[arg-type]
                texts = [p.text for p in entry.zh], [p.text for p in entry.en]
            own, *also = listed.get(s.id) or [""]
            yield SearchDoc(s.id, s.start, s.days, own, *texts, also=tuple(also))


def _counted(docs: Iterable[SearchDoc], total: int, progress: Progress | None
             ) -> Iterator[SearchDoc]:
    """``docs``, telling ``progress`` every thousand (a call per entry would cost more)."""
    done = 0
    for done, doc in enumerate(docs, 1):
        if progress and done % 1000 == 0:
            progress(INDEXING, done, total)
        yield doc
    if progress:
        progress(INDEXING, done, total)
