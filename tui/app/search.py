"""Search in the app: the search bar's messages, the hits in the reader, the next and
previous hit, the concordance.

A mixin of ``BitextApp``, as ``review`` is: one concern with its own keys. Its
handlers go by name (``on_search_done``), since Textual gathers ``@on`` handlers
only from its own classes. The queries run in ``searcher``'s worker.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer

from store.api import Archive, Hit
from tui.app.messages import SearchDone
from tui.app.screens.concordance import ConcordanceScreen
from tui.app.searcher import Asked, Searcher, SearchState, rows_for
from tui.app.widgets.entry_list import EntryList, Rows
from tui.app.widgets.reader import Reader
from tui.app.widgets.search_bar import SearchBar
from tui.text.concordance import Line, bead_at
from tui.text.labels import counted, visible


class SearchMixin:
    """``/`` to search, ``n``/``N`` for hits, ``c`` for the concordance, ctrl+u to clear."""

    # what the mixin uses of the app (BitextApp sets them)
    archive: Archive | None
    entries: EntryList
    reader: Reader
    search_bar: SearchBar
    all_rows: Rows  # every entry of the archive, laid out

    def _init_search(self) -> None:
        self.search = SearchState()
        self.searcher = Searcher(self.post_message)  # type: ignore[attr-defined]
        #: How long typing must pause before a query runs, in seconds.
        self.search_delay = 0.08
        self._search_timer: Timer | None = None

    def action_search(self) -> None:
        self.search_bar.open()

    def action_clear_search(self) -> None:
        """Every entry again, no hits marked; the query line empties."""
        self.search_bar.input.value = ""

    def action_toggle_search_mode(self) -> None:
        self.search_bar.action_toggle_mode()

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.search.query = message.query
        if self._search_timer is not None:
            self._search_timer.stop()
        if not message.query.strip():
            self._apply_search(SearchDone("", None, set(), self.all_rows))
            return
        self.search_bar.show_status("searching…" if self.search.ready else "indexing…")
        self._search_timer = self.set_timer(self.search_delay,
                                            lambda: self.start_search(message.query))

    def start_search(self, query: str) -> None:
        """Ask for ``query``; the searcher's one worker runs it when the one before is done."""
        if self.archive is None:
            return
        asked = Asked(query, self.archive, self.all_rows, self.search_bar.mode == "filter")
        if self.searcher.ask(asked):
            self.run_worker(self.searcher.run, thread=True, exit_on_error=False,
                            group="search")

    def on_search_done(self, message: SearchDone) -> None:
        if message.query != self.search.query:
            return  # typed on since
        if message.problem:
            self.search_bar.show_status(message.problem, error=True)
            return
        self._apply_search(message)

    def _apply_search(self, done: SearchDone) -> None:
        self.search.results = done.results
        self.search.matching = done.matching
        self.search.shown = done.query
        self.search.current = None
        current = self.entries.current
        if done.rows is not None and done.rows is not self.entries.rows:
            self.entries.set_entries(done.rows, keep=current.id if current else None)
        if done.results is None:
            self.entries.mark(None)
            self.entries.border_subtitle = None
            self.search_bar.show_status("")
        else:
            title = "Matching" if self.search_bar.mode == "filter" else "Entries"
            self.entries.mark(done.matching, title)
            # under the list while the bar is closed (a search restored at start included):
            # "Matching (8)" alone did not say what matched
            self.entries.border_subtitle = Text(f"/ {visible(done.query)}")
            self.search_bar.show_status(f"{counted(done.results.hits, 'hit')} in "
                                        f"{counted(done.results.entries, 'entry', 'entries')}")
        if self.reader.entry is not None:
            self.reader.show_hits(self.search.hits_in(self.reader.entry.id))

    def on_search_bar_mode_changed(self, message: SearchBar.ModeChanged) -> None:
        if self.search.results is not None:
            rows = rows_for(self.all_rows, message.mode == "filter", self.search.matching)
            self._apply_search(SearchDone(self.search.query, self.search.results,
                                          self.search.matching, rows))
        else:
            self.search_bar.show_status("")

    def on_search_bar_closed(self) -> None:
        self.entries.focus()

    async def action_next_hit(self, direction: int) -> None:
        """The next hit in reading order: in this entry, then in the next matching one."""
        if self.search.results is None or not self.search.matching:
            self.say("No search: press / to search", timeout=2)
            return
        entry = self.reader.entry
        hits = self.search.ordered_hits(entry) if entry else []
        at = hits.index(self.search.current) if self.search.current in hits else (
            -1 if direction > 0 else len(hits))
        if 0 <= at + direction < len(hits):
            self._select_hit(hits[at + direction])
            return
        target = self.entries.next_match(direction)
        if target is None:
            return
        if entry is not None and target.id == entry.id:
            self.say("Search wrapped", timeout=1.5)
        self.entries.move_to(target.id)
        await self.open_entry(target.id)
        if (entry := self.reader.entry) is not None and (hits := self.search.ordered_hits(entry)):
            self._select_hit(hits[0] if direction > 0 else hits[-1])

    def _select_hit(self, hit: Hit) -> None:
        entry = self.reader.entry
        assert entry is not None
        self.search.current = hit
        self.reader.select_bead(bead_at(entry, hit.lang, hit.para))
        self.reader.show_hits(self.search.hits_in(entry.id), current=hit)

    def action_concordance(self) -> None:
        if self.archive is None or self.search.results is None or not self.search.matching:
            self.say("No search: press / to search, then c for the concordance", timeout=3)
            return
        self.push_screen(ConcordanceScreen(self.archive, self.search.results, self.search.query),
                         self._concordance_chosen)

    async def _concordance_chosen(self, line: Line | None) -> None:
        if line is None:
            return
        self.entries.move_to(line.entry_id)
        await self.open_entry(line.entry_id)
        self._select_hit(line.hit)
        self.reader.focus()

