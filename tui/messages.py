"""Messages that workers post to the app; the app's handlers own every state change."""

from __future__ import annotations

from textual.message import Message

from store.api import Archive, SearchResults
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
