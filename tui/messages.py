"""Messages that workers post to the app; the app's handlers own every state change."""

from __future__ import annotations

from textual.message import Message

from store.api import Archive
from store.model import EntrySummary


class ArchiveLoaded(Message):
    """The archive file was read off the event loop; here are its list rows."""

    def __init__(self, archive: Archive, summaries: list[EntrySummary]) -> None:
        super().__init__()
        self.archive = archive
        self.summaries = summaries


class ArchiveFailed(Message):
    """The archive could not be opened (a BitextError, already one line of text)."""

    def __init__(self, problem: str) -> None:
        super().__init__()
        self.problem = problem
