"""What the app's parts use of the app: ``Host`` names it, so that ``review`` and the
palette's ``commands`` depend on this page and not on the app that includes them
(before, ``main``, ``review`` and ``commands`` imported each other)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from store.api import Archive
from store.model import EntrySummary
from tui.app.searcher import SearchState
from tui.app.widgets.entry_list import EntryList
from tui.app.widgets.reader import Reader


class Host(Protocol):
    """The reader app as its parts see it: its archive, its panes, its search, its voice."""

    archive: Archive | None
    entries: EntryList
    reader: Reader
    search: SearchState

    @property
    def summaries(self) -> Sequence[EntrySummary]: ...

    def summary_of(self, entry_id: str) -> EntrySummary | None: ...

    @property
    def screen(self) -> Screen[Any]: ...

    def say(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float | None = None) -> None: ...

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], object]) -> Any: ...

    def post_message(self, message: Message) -> bool: ...

    async def open_entry(self, entry_id: str) -> None: ...

    def prepare_index(self, archive: Archive) -> object: ...
