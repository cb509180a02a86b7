"""An archive's search index kept current, and a query's results by entry id.

The index (``store.search``) numbers entries; the front ends know them by id.
It is built from the entries' text as edited (an accepted reading changes the
text), so it is current while both the archive's revision and the edits'
text revision are those it reflects. When they are not, ``IndexKeeper``
updates it (``store.search.segments``): the archive's parts whose file changed
since, the sources of the source parts whose file changed, and the entries
whose accepted readings changed are read again; what differs goes into a new
segment, its old version dead. Only an index it cannot update (none, damaged,
or one whose manifest is lost) is built from every entry; so is one in which a
query, its hits or a merge reads a damaged block (``indexfile``: the large
sections are checked as they are read), and the query is asked again.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TypeVar

from store import editing
from store.archive import ArchiveFile, EditsFile
from store.archive.edits import Edits
from store.archive.parts import part_of
from store.errors import ArchiveError
from store.model import EntrySummary
from store.progress import INDEXING, Progress
from store.search import Damaged, Hit, Results, SearchDoc, SearchIndex, build, verify_index
from store.search import segments as saving
from store.search.build import digest, folded
from store.search.fold import fold
from store.search.segments import Place, Saved, Segment


@dataclass(slots=True)
class SearchResults:
    """A query's matching entries: counts, ranking, and each entry's hits on demand."""

    _results: Results
    #: The query asked again of an index built afresh: for a damaged block that reading
    #: the hits finds (the ranking read none of it, so it stands).
    _again: Callable[[], Results] | None = None

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
        try:
            return self._results.hits_of(entry_id)
        except Damaged:
            if self._again is None:
                raise
            self._results, self._again = self._again(), None
            return self._results.hits_of(entry_id)


class IndexKeeper:
    """The archive's index, loaded, updated or built once and kept while it is current."""

    def __init__(self, archive: ArchiveFile, edits: EditsFile) -> None:
        self._archive = archive
        self._edits = edits
        self._saved: Saved | None = None  # the index this process holds
        #: The revision at which it was last found current, its entries counted: a revision
        #: is new at every commit, so the same one needs no count (at a million entries,
        #: counting from the manifest's 2,700 parts was 3 of a query's 5.5 ms).
        self._current: str | None = None
        self._lock = threading.Lock()  # the app's workers may ask at once

    def index(self, progress: Progress | None = None) -> SearchIndex:
        """The index of the archive as it is now: loaded, updated, or built and saved.

        Building takes seconds for 100,000 entries (``progress`` hears each
        thousand); the app calls this in a worker. An update after an import or an
        accepted reading reads only what changed.
        """
        with self._lock:
            revision = self._revision()
            if self._saved is not None and revision == self._current:
                return self._saved.index
            count = self._archive.count()
            saved = self._saved
            if saved is None or not saved.index.built_from(revision, count):
                if saved is None or not saving.on_disk(self._archive.path, saved):
                    saved = saving.load(self._archive.path)
                if saved is not None and not saved.index.built_from(revision, count):
                    try:
                        saved = self._updated(saved, revision, count)
                    except Damaged:  # a merge read a damaged block
                        saved = None
                if saved is None:
                    saved = self._built(revision, count, progress)
                self._saved = saved
            self._current = revision
            return saved.index

    def search(self, query: str) -> SearchResults:
        """``query``'s results; an index in which it reads a damaged block is built again,
        and asked again."""
        index = self.index()
        try:
            results = index.search(query)
        except Damaged:
            index = self._rebuilt(index)
            results = index.search(query)
        return SearchResults(results, lambda: self._rebuilt(index).search(query))

    def checked(self, progress: Progress | None = None) -> SearchIndex:
        """``index``, every block of it checked now; built again if one is damaged."""
        index = self.index(progress)
        try:
            index.check_all()
        except Damaged:
            return self._rebuilt(index)
        return index

    def _rebuilt(self, damaged: SearchIndex) -> SearchIndex:
        """The index built from every entry in place of ``damaged``, unless another thread
        did so already: an index that shares no segment with it (an update made meanwhile
        would lay a delta over the same damaged base)."""
        with self._lock:
            held = {id(s.tables) for s in damaged.segments}
            if self._saved is None or any(id(s.tables) in held
                                          for s in self._saved.index.segments):
                self._saved = self._built(self._revision(), self._archive.count(), None)
            return self._saved.index

    def status(self) -> str:
        """The saved index's state in one line (``check-archive``)."""
        return verify_index(self._archive.path, self._revision(), self._archive.count()).line

    def _revision(self) -> str:
        """What the index is built from: accepted readings change entries' text too."""
        return self._archive.revision() + self._edits.read().text_revision()

    def _built(self, revision: str, count: int, progress: Progress | None) -> Saved:
        """The index built from every entry, in pieces of ``PIECE`` entries (each written
        as a segment before the next is read), saved if it can be.

        A folder the user cannot write to still gets search, from an index kept in
        memory only.
        """
        edits = self._edits.read()
        entry_parts = self._archive.entry_parts()
        sources = self._archive.sources()
        names = {s.id: s.name for s in sources}
        listed: dict[str, list[str]] = {}
        for source in sources:
            for entry_id in source.entries:
                listed.setdefault(entry_id, []).append(source.id)
        docs = _counted(_entries(self._archive, self._edits, None,
                                 lambda row: listed.get(row.id, ())), count, progress)
        segments: list[Segment] = []
        writable = True
        for piece in _pieces(docs, saving.PIECE):
            ranges: saving.Ranges = {}
            name = saving.new_name() if segments else ""
            segment = Segment(name, build(_laid_out(piece, ranges), names, name or revision),
                              ranges)
            if writable:
                try:
                    segment = saving.written(self._archive.path, segment)
                except ArchiveError:
                    writable = False
            segments.append(segment)
        saved = Saved(revision, segments, entry_parts, self._archive.source_parts(),
                      edits.text_revision(), _edited(edits))
        if writable:
            self._save(saved, [])
        return saved

    def _save(self, saved: Saved, new: list[Segment]) -> None:
        with contextlib.suppress(ArchiveError):
            saving.save(self._archive.path, saved, new)

    def _updated(self, saved: Saved, revision: str, count: int) -> Saved | None:
        """``saved`` brought up to date by a new segment; None if it cannot be."""
        if saved.entry_parts is None:
            return None
        update = _Update(self._archive, saved, self._edits.read())
        new_docs, ranges = update.docs(self._archive, self._edits)
        segments = [Segment(s.file, s.tables, s.parts, set(s.dead)) for s in saved.segments]
        for at, doc in update.dead:
            segments[at].dead.add(doc)
        new: list[Segment] = []
        if new_docs:
            names = update.source_names()
            name = saving.new_name()
            tables = build([folded(d) for d in new_docs],
                           {s: names[s] for d in new_docs for s in (d.source, *d.also)
                            if s in names}, name, folded=True)
            new.append(Segment(name, tables, ranges))
        result = Saved(revision, segments + new, update.entry_parts, update.source_parts,
                       update.edits.text_revision(), _edited(update.edits))
        if result.count != count:  # never: the update missed something; build afresh
            return None
        while chosen := saving.to_merge(result):  # a merge may fill the tier above
            name = saving.new_name() if chosen[0] else ""
            merged = saving.merged(result, chosen, name)
            kept = [s for at, s in enumerate(result.segments) if at not in chosen]
            result.segments = [merged, *kept] if not name else [*kept, merged]
            new.append(merged)
        kept_ids = {id(s) for s in result.segments}  # identity: Tables do not compare
        self._save(result, [s for s in new if id(s) in kept_ids])
        return result


class _Update:
    """What changed since ``saved``: entry parts, source parts, accepted readings."""

    def __init__(self, archive: ArchiveFile, saved: Saved, edits: Edits) -> None:
        self.saved = saved
        self.edits = edits
        self.entry_parts = archive.entry_parts()
        self.source_parts = archive.source_parts()
        self.dead: list[Place] = []
        assert saved.entry_parts is not None
        self.changed = _changed(saved.entry_parts, self.entry_parts)
        changed_sources = _changed(saved.source_parts, self.source_parts)
        self.sources = {s.id: s for s in archive.sources_in(
            sorted(changed_sources & self.source_parts.keys()))}
        known = saved.source_names()
        #: Every source id of a changed part, then or now: their lists are read anew.
        self.renewed = {sid for sid in known if part_of("sources", sid) in changed_sources}
        self.renewed |= self.sources.keys()
        self.listing: dict[str, list[str]] = {}
        for source in self.sources.values():
            for entry_id in source.entries:
                self.listing.setdefault(entry_id, []).append(source.id)
        old = saved.members(self.renewed)
        self.touched: set[str] = set()
        for sid in self.renewed:
            now = self.sources.get(sid)
            members = set(now.entries) if now else set()
            same = now is not None and sid in known and fold(now.name) == known[sid]
            self.touched |= (old[sid] ^ members) if same else (old[sid] | members)
        if edits.text_revision() != saved.edits:
            self.touched |= {*_edited(edits), *saved.edited}

    def source_names(self) -> dict[str, str]:
        """Folded names of every source an entry may list now."""
        return self.saved.source_names() | {s.id: fold(s.name) for s in self.sources.values()}

    def docs(self, archive: ArchiveFile, edits: EditsFile
             ) -> tuple[list[SearchDoc], saving.Ranges]:
        """The entries to index anew, part by part, and where each part's lie; what
        they supersede, and entries no longer in the archive, go to ``dead``."""
        saved = self.saved
        before = saved.live_in(self.changed)
        elsewhere = saved.locate({e for e in self.touched - before.keys()
                                  if part_of("entries", e) not in self.changed})
        places = before | elsewhere
        parts = (self.changed & self.entry_parts.keys()) | {
            p for p in map(saved.part_at, elsewhere.values()) if p is not None}
        seen: set[str] = set()
        anew: list[tuple[str, SearchDoc]] = []
        for part, doc in _entries(archive, edits, sorted(parts), self._listing(places),
                                  lambda part, row: part in self.changed
                                  or row.id in self.touched):
            seen.add(doc.id)
            indexed = doc._replace(digest=digest(doc))
            place = places.get(doc.id)
            if place is not None:
                if indexed.digest == saved.digest_at(place) and set(
                        saved.sources_at(place)) == {doc.source, *doc.also} - {""}:
                    continue
                self.dead.append(place)
            anew.append((part, indexed))
        self.dead.extend(p for entry_id, p in before.items() if entry_id not in seen)
        ranges: saving.Ranges = {}
        return list(_laid_out(anew, ranges)), ranges

    def _listing(self, places: dict[str, Place]) -> _Listing:
        """The sources that list an entry now: those of unchanged source parts as the
        index recorded them, and those of changed parts as they are now."""
        def listing(row: EntrySummary) -> list[str]:
            place = places.get(row.id)
            kept = [] if place is None else [s for s in self.saved.sources_at(place)
                                              if s not in self.renewed]
            return list(dict.fromkeys([*kept, *self.listing.get(row.id, ())]))
        return listing


_T = TypeVar("_T")

#: The ids of the sources that list an entry.
_Listing = Callable[[EntrySummary], Sequence[str]]


def _entries(archive: ArchiveFile, edits: EditsFile, parts: Iterable[str] | None,
             listing: _Listing,
             wanted: Callable[[str, EntrySummary], bool] = lambda part, row: True
             ) -> Iterator[tuple[str, SearchDoc]]:
    """Each entry of ``parts`` (None: all; an archive of the one-file schema, not yet
    written in parts, names none) that ``wanted`` keeps, with its part, its text as
    edited and the ids of the sources that list it (``listing``), part by part.

    The sources' lists, not the entry's own reference: the same entry in two
    files belongs to both.
    """
    current = edits.read()
    for row, zh, en in archive.texts(parts=parts):
        part = part_of("entries", row.id)
        if not wanted(part, row):
            continue
        texts = zh, en
        if (history := current.histories.get(row.id)) and history.current.readings:
            entry = editing.edited(edits, archive.entry(row.id))  # type: ignore[arg-type]
            texts = [p.text for p in entry.zh], [p.text for p in entry.en]
        own, *also = listing(row) or [""]
        yield part, SearchDoc(row.id, row.start, row.days, own, *texts, also=tuple(also))


def _laid_out(docs: Iterable[tuple[str, SearchDoc]], ranges: saving.Ranges
              ) -> Iterator[SearchDoc]:
    """The docs, noting in ``ranges`` where each part's lie (they come part by part)."""
    n = 0
    for n, (part, doc) in enumerate(docs, 1):
        lo = ranges[part][0] if part in ranges else n - 1
        ranges[part] = (lo, n)
        yield doc


def _changed(then: dict[str, str], now: dict[str, str]) -> set[str]:
    """Parts added, removed or written again since ``then``."""
    return {p for p in then.keys() | now.keys() if then.get(p) != now.get(p)}


def _edited(edits: Edits) -> list[str]:
    """The entries whose text an accepted reading changes."""
    return sorted(e for e, h in edits.histories.items() if h.current.readings)


def _pieces(items: Iterator[_T], size: int) -> Iterator[Iterator[_T]]:
    """``items`` in runs of ``size``, each read as the caller reads it (read each before
    the next): nothing is held but what the caller keeps. The first run may be empty
    (an archive of no entries has an empty base)."""
    yield itertools.islice(items, size)
    for first in items:
        yield itertools.chain([first], itertools.islice(items, size - 1))


def _counted(docs: Iterable[_T], total: int, progress: Progress | None) -> Iterator[_T]:
    """``docs``, telling ``progress`` every thousand (a call per entry would cost more)."""
    done = 0
    for done, doc in enumerate(docs, 1):
        if progress and done % 1000 == 0:
            progress(INDEXING, done, total)
        yield doc
    if progress:
        progress(INDEXING, done, total)
