"""The searcher: what is on screen (``SearchState``) and the worker that runs queries
(``Searcher``), one after another, always the latest typed.

The searcher knows no widget: what the list should show is decided when the
query is asked for (``Asked.filtered``), on the event loop, so the worker thread
reads nothing a widget could change under it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from store.api import Archive, Hit, SearchResults
from store.errors import BitextError
from store.model import Entry
from tui.app.messages import SearchDone
from tui.app.widgets.entry_list import Rows, layout_rows
from tui.text.concordance import bead_at


@dataclass
class SearchState:
    """The search the app shows: its query, results, matching ids and the selected hit."""

    query: str = ""
    shown: str = ""  # the query whose results are on screen
    results: SearchResults | None = None
    matching: set[str] = field(default_factory=set)
    current: Hit | None = None
    ready: bool = False

    def hits_in(self, entry_id: str) -> list[Hit]:
        if self.results is None or entry_id not in self.matching:
            return []
        return self.results.hits_in(entry_id)

    def ordered_hits(self, entry: Entry) -> list[Hit]:
        """Hits in the order the reader shows them: bead by bead, Chinese first."""
        return sorted(self.hits_in(entry.id), key=lambda h: (
            bead_at(entry, h.lang, h.para), h.lang != "zh", h.para, h.start))


def rows_for(everything: Rows, filtered: bool, matching: set[str]) -> Rows:
    """The list's rows: only the matching entries when filtering, else all of them.

    Laid out in the caller's thread: 100,000 rows take tens of milliseconds.
    """
    if not filtered:
        return everything
    return layout_rows(everything.summaries.having(matching))


@dataclass(frozen=True)
class Asked:
    """A query to run, on this archive, with the list as it was when it was typed."""

    query: str
    archive: Archive
    everything: Rows
    filtered: bool


class Searcher:
    """Runs the latest query asked for; ``post`` carries each ``SearchDone`` to the app.

    A thread cannot be stopped, so starting one per keystroke left several
    searching at once at 100,000 entries, each slowing the others; queries typed
    while one runs are skipped but for the last.
    """

    def __init__(self, post: Callable[[SearchDone], object]) -> None:
        self._post = post
        self._lock = threading.Lock()
        self._wanted: Asked | None = None
        self._running = False

    def ask(self, asked: Asked) -> bool:
        """Queue ``asked``; True when no worker is running and the caller must start one."""
        with self._lock:
            self._wanted = asked
            start = not self._running
            self._running = True
        return start

    def run(self) -> None:
        """The worker: search until what was asked last has run."""
        try:
            self._run_latest()
        except BaseException:
            with self._lock:
                self._running = False  # a bug in a search must not stop the next one
            raise

    def _run_latest(self) -> None:
        ran: Asked | None = None
        while True:
            with self._lock:
                if self._wanted is ran or self._wanted is None:
                    self._running = False
                    return
                asked = ran = self._wanted
            try:
                results = asked.archive.search(asked.query)
            except BitextError as e:
                self._post(SearchDone(asked.query, None, set(), None, problem=str(e)))
                continue
            if self._wanted is not asked:
                continue  # typed on: the lists below would be thrown away
            matching = results.ids()
            self._post(SearchDone(asked.query, results, matching,
                                  rows_for(asked.everything, asked.filtered, matching)))
