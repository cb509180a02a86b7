"""Messages that workers post to the app; the app's handlers own every state change."""

from __future__ import annotations

from textual.message import Message

from store.api import Archive, SearchResults
from store.model import Entry, Finding
from tui.widgets.entry_list import Rows


class ArchiveLoaded(Message):
    """The archive file was read off the event loop; here are its list rows."""

    def __init__(self, archive: Archive, rows: Rows, stamp: tuple[int, int, int] | None, *,
                 reload: bool = False) -> None:
        super().__init__()
        self.archive = archive
        self.rows = rows  # every entry, newest first, laid out for the list
        self.stamp = stamp  # the file as it was read, to notice when it changes
        self.reload = reload


class ArchiveFailed(Message):
    """The archive could not be opened (a BitextError, already one line of text)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class IndexReady(Message):
    """The search index is loaded (or was built, taking ``seconds``)."""

    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds


class SearchDone(Message):
    """A query ran in a worker: its results, the matching ids, and the list rows to show
    (None: the rows are those already shown)."""

    def __init__(self, query: str, results: SearchResults | None,
                 matching: set[str], rows: Rows | None, problem: str = "") -> None:
        super().__init__()
        self.query = query
        self.results = results
        self.matching = matching
        self.rows = rows
        self.problem = problem


class FindingsLoaded(Message):
    """Every entry's findings and the user's review marks, read off the event loop."""

    def __init__(self, findings: dict[str, tuple[Finding, ...]],
                 reviewed: dict[str, dict[str, str]], flags: dict[str, str]) -> None:
        super().__init__()
        self.findings = findings
        self.reviewed = reviewed
        self.flags = flags  # entry id -> its worst finding not yet reviewed


class EntryEdited(Message):
    """An edit was saved: the entry as it is now, its findings and marks, what was done."""

    def __init__(self, entry: Entry, findings: tuple[Finding, ...], reviewed: dict[str, str],
                 note: str, bead: int | None) -> None:
        super().__init__()
        self.entry = entry
        self.findings = findings
        self.reviewed = reviewed
        self.note = note
        self.bead = bead  # the bead to select afterwards; None keeps the selection


class EditFailed(Message):
    """An edit did not apply (an EditError or an archive error, one line)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem


class ReadingsReady(Message):
    """Readings recovered for an entry's damaged spans: finding key -> texts, best first."""

    def __init__(self, entry_id: str, readings: dict[str, list[str]]) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.readings = readings
