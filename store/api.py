"""The one door into ``store`` for the command line and the app.

Open an archive, import files into it, list and show entries. Both front ends
call only this module, so a test of the API is a test of both.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.resources import files
from pathlib import Path

from platformdirs import user_data_path

from store.archive import ArchiveFile
from store.archive.lock import DEFAULT_WAIT
from store.errors import BitextError, InputError, NotFound
from store.ingest import ParsedBulletin, parse_bulletin
from store.model import Entry, EntrySummary, Source
from store.search import Hit, Results, SearchDoc, SearchIndex, index_path, open_index
from store.search.tables import Tables

#: Environment variable naming the archive to use when --db is not given.
ENV_DB = "BITEXT_DB"
SAMPLE_NAME = "chongqing-2018-11.txt"
#: What ``import_files`` reports to its progress callback while it updates the index.
INDEXING = "updating the search index"


def default_archive_path() -> Path:
    """``$BITEXT_DB``, else ``archive.json`` in the platform's user data folder."""
    if env := os.environ.get(ENV_DB):
        return Path(env).expanduser()
    return user_data_path("bitext-archive", appauthor=False) / "archive.json"


def sample_bulletin() -> bytes:
    """The bundled sample bulletin: fixtures/, shipped in the wheel as ``store.samples``.

    Run from a source tree that was never installed, the package does not exist
    and the file is read from fixtures/ directly.
    """
    try:
        return files("store.samples").joinpath(SAMPLE_NAME).read_bytes()
    except ModuleNotFoundError:
        return (Path(__file__).resolve().parent.parent / "fixtures" / SAMPLE_NAME).read_bytes()


@dataclass(slots=True)
class ImportReport:
    """What one file did to the archive."""

    name: str
    source: Source | None = None
    added: list[Entry] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    error: str | None = None


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
        ids = self._results.index.tables.ids
        scores = self._results.scores
        return [(ids[d], float(scores[d])) for d in self._results.ranked(limit)]

    def ids(self) -> set[str]:
        return self._results.ids()

    def hits_in(self, entry_id: str) -> list[Hit]:
        """Where the query's terms occur in one entry, paragraph by paragraph."""
        doc = self._results.index.doc_number(entry_id)
        return [] if doc is None else self._results.hits_in(doc)


class Archive:
    def __init__(self, path: Path, *, wait: float = DEFAULT_WAIT) -> None:
        self._file = ArchiveFile(path, wait=wait)
        self._index: SearchIndex | None = None
        self._index_lock = threading.Lock()  # the app's workers may ask at once

    @property
    def path(self) -> Path:
        return self._file.path

    @classmethod
    def open_default(cls, *, seed: bool = True) -> Archive:
        """The user's archive; with ``seed``, a missing one is created from the sample.

        So a new user who runs ``bitext`` sees real entries at once.
        """
        path = default_archive_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        archive = cls(path)
        if seed and not path.exists():
            archive.import_bytes([(sample_bulletin(), SAMPLE_NAME)])
        return archive

    # -- reading ---------------------------------------------------------------

    def count(self) -> int:
        """How many entries the archive holds, without building their list rows."""
        return self._file.count()

    def entries(self) -> list[Entry]:
        """Every entry, newest first (undated ones last, then in source order)."""
        return [self._file.entry(s.id) for s in self.summaries()]  # type: ignore[misc]

    def summaries(self) -> list[EntrySummary]:
        """Every entry's list row, newest first (undated ones last, then in source order)."""
        rows = self._file.summaries()
        rows.sort(key=lambda s: (s.source, s.seq))
        rows.sort(key=lambda s: s.start or "", reverse=True)  # ISO dates sort as text
        return rows

    def entry(self, key: str) -> Entry:
        """An entry by id or by a prefix of exactly one id."""
        found = self._file.entry(key)
        if found:
            return found
        matches = [i for i in self._file.entry_ids() if i.startswith(key)]
        if len(matches) == 1:
            return self._file.entry(matches[0])  # type: ignore[return-value]
        if not matches:
            raise NotFound(f"no entry {key!r} in {self.path}")
        shown = ", ".join(sorted(matches)[:5])
        raise NotFound(f"{key!r} matches {len(matches)} entries ({shown}…): give more of the id")

    def sources(self) -> list[Source]:
        return self._file.sources()

    def check(self) -> tuple[list[str], str]:
        """Problems inside the archive (one line each), and the state of its search index."""
        found = self._file.problems()
        tables = Tables.load(index_path(self.path))
        if tables is None:
            index = "no search index yet: the next search builds it"
        elif not tables.built_from(self._file.revision(), self._file.count()):
            index = "the search index is stale: the next search rebuilds it"
        else:
            index = "the search index is up to date"
        return found, index

    # -- searching -------------------------------------------------------------

    def search_index(self) -> SearchIndex:
        """The search index of this archive as it is now: loaded, or built and saved.

        Building takes seconds for 100,000 entries; the app calls this in a worker.
        """
        with self._index_lock:
            revision, count = self._file.revision(), self._file.count()
            index = self._index
            if index is None or not index.tables.built_from(revision, count):
                index = open_index(self.path, revision, count, self._search_docs,
                                   lambda: {s.id: s.name for s in self.sources()})
                self._index = index
            return index

    def search(self, query: str) -> SearchResults:
        """Entries matching ``query`` (see ``store.search.query``), with their hits."""
        index = self.search_index()
        return SearchResults(index.search(query))

    def _search_docs(self) -> Iterator[SearchDoc]:
        for s, zh, en in self._file.texts():
            yield SearchDoc(s.id, s.start, s.days, s.source, zh, en)

    # -- writing ---------------------------------------------------------------

    def import_files(self, paths: Iterable[Path], *, encoding: str | None = None,
                     progress: Callable[[str], None] | None = None) -> list[ImportReport]:
        """Import each file all-or-nothing; a bad file is reported, the others still land."""
        items: list[tuple[bytes, str] | ImportReport] = []
        for path in paths:
            if progress:
                progress(str(path))
            try:
                items.append((_read_input(path), str(path)))
            except InputError as e:
                items.append(ImportReport(str(path), error=str(e)))
        return self.import_bytes(items, encoding=encoding, progress=progress)

    def import_bytes(self, items: Iterable[tuple[bytes, str] | ImportReport], *,
                     encoding: str | None = None,
                     progress: Callable[[str], None] | None = None) -> list[ImportReport]:
        """Parse and store; then bring the search index up to date (``progress`` hears
        ``INDEXING`` first: at 100,000 entries that takes seconds)."""
        imported = datetime.now(UTC).isoformat(timespec="seconds")
        reports: list[ImportReport] = []
        parsed: list[tuple[ImportReport, ParsedBulletin]] = []
        for item in items:
            if isinstance(item, ImportReport):
                reports.append(item)
                continue
            data, name = item
            report = ImportReport(name)
            reports.append(report)
            try:
                bulletin = parse_bulletin(data, name, imported=imported, encoding=encoding)
            except BitextError as e:
                report.error = str(e)
                continue
            report.source = bulletin.source
            parsed.append((report, bulletin))
        if parsed:
            self._store(parsed)
            if any(r.added for r in reports):
                if progress:
                    progress(INDEXING)
                self.search_index()  # so the next search starts at once
        return reports

    def _store(self, parsed: list[tuple[ImportReport, ParsedBulletin]]) -> None:
        with self._file.transaction() as tx:
            for report, bulletin in parsed:
                if tx.has_source(bulletin.source.id):
                    report.already = list(bulletin.source.entries)
                    continue
                report.added = tx.add(bulletin.source, bulletin.entries)
                added = {e.id for e in report.added}
                report.already = [e.id for e in bulletin.entries if e.id not in added]


def _read_input(path: Path) -> bytes:
    name = str(path)
    if path.is_dir():
        raise InputError(name, "is a folder, not a file")
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as e:
        raise InputError(name, f"cannot be read: {e.strerror}") from None
