"""Messages that workers post to the app; the app's handlers own every state change.

Plain dataclasses: a worker builds one from what it computed off the event
loop, and nothing in it is a widget.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.message import Message

from store.api import Archive, SearchResults
from store.model import Entry, Finding
from tui.app.widgets.entry_list import Rows


@dataclass
class ArchiveLoaded(Message):
    """The archive file was read off the event loop; here are its list rows."""

    archive: Archive
    rows: Rows  # every entry, newest first, laid out for the list
    stamp: tuple[int, int, int] | None  # the file as it was read, to notice when it changes
    reload: bool = False
    said: str = ""  # what to say once reloaded, when this app changed the file itself
    show: str = ""  # the entry to put the cursor on (one just imported), else where it was
    partial: bool = False  # the newest rows only: the whole list follows


@dataclass
class ArchiveFailed(Message):
    """The archive could not be opened (a BitextError, already one line of text)."""

    problem: str


@dataclass
class IndexReady(Message):
    """The search index is loaded (or was built, taking ``seconds``)."""

    seconds: float


@dataclass
class ExportDone(Message):
    """An export was written to ``path``, or was not (``problem``, one line)."""

    path: Path
    problem: str = ""


@dataclass
class ImportDone(Message):
    """A file was imported in a worker: a line saying what it did, or why it did not."""

    said: str
    changed: bool  # entries or edits were added: the archive is to be read again
    problem: str = ""
    first: str = ""  # the first entry added, shown once the archive is read again


@dataclass
class SearchDone(Message):
    """A query ran in a worker: its results, the matching ids, and the list rows to show
    (None: the rows are those already shown)."""

    query: str
    results: SearchResults | None
    matching: set[str]
    rows: Rows | None
    problem: str = ""


@dataclass
class FindingsLoaded(Message):
    """The user's review marks and which entries have findings left to review, read off
    the event loop."""

    reviewed: dict[str, dict[str, str]]
    flags: dict[str, str]  # entry id -> its worst finding not yet reviewed


@dataclass
class EntryEdited(Message):
    """An edit was saved: the entry as it is now, its findings and marks, what was done."""

    entry: Entry
    findings: tuple[Finding, ...]
    reviewed: dict[str, str]
    note: str
    bead: int | None  # the bead to select afterwards; None keeps the selection


@dataclass
class EditFailed(Message):
    """An edit did not apply (an EditError or an archive error, one line)."""

    problem: str


@dataclass
class ReadingsReady(Message):
    """Readings recovered for an entry's damaged spans: finding key -> texts, best first."""

    entry_id: str
    readings: dict[str, list[str]]
