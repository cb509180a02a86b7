"""The reader app: the entry list on the left, the open entry on the right.

All archive work (opening the file, parsing 100,000 entries) runs in a thread
worker that only posts messages back (harlequin's rule); widgets never wait.
Moving through the list updates the reader once the cursor rests, so holding
``j`` scrolls the list at full speed.
"""

from __future__ import annotations

import gc
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from store.api import FORMATS, INDEXING, Archive, Hit, SearchResults
from store.errors import BitextError
from store.model import OTHER_LANG, Entry, EntrySummary
from tui.commands import BitextCommands
from tui.concordance import Line, bead_at
from tui.concordance_screen import ConcordanceScreen
from tui.export_screen import ExportScreen, free_path
from tui.files import file_stamp
from tui.findings_screen import FindingsScreen
from tui.help import HelpScreen
from tui.keymap import binding_ids, load_keymap
from tui.labels import visible
from tui.messages import ArchiveFailed, ArchiveLoaded, IndexReady, SearchDone
from tui.review import REVIEW_ACTIONS, REVIEW_BINDINGS, ReviewMixin
from tui.widgets.entry_list import EntryList, Rows, layout_rows
from tui.widgets.reader import LAYOUT_NAMES, LAYOUTS, Reader
from tui.widgets.search_bar import SearchBar
from tui.widgets.work_progress import WorkProgress, WorkProgressed

#: App actions that act on the panes of the main screen.
_MAIN_SCREEN_ACTIONS = frozenset({
    "step_entry", "cycle_layout", "toggle_raw", "copy_bead", "toggle_titles", "search",
    "next_hit", "concordance",
})

#: Below this many columns the reader starts stacked: two CJK columns would be too narrow.
NARROW = 100


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


class BitextApp(ReviewMixin, App[None]):
    """The reader app; build it with ``make_app``."""

    TITLE = "bitext"
    CSS_PATH = "app.tcss"
    AUTO_FOCUS = "EntryList"
    COMMANDS = App.COMMANDS | {BitextCommands}
    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("tab", "focus_next", "Next pane", show=False, id="app.focus-next"),
        Binding("shift+tab", "focus_previous", "Previous pane", show=False,
                id="app.focus-previous"),
        Binding("left_square_bracket", "step_entry(-1)", "Previous entry", key_display="[",
                id="app.previous-entry"),
        Binding("right_square_bracket", "step_entry(1)", "Next entry", key_display="]",
                id="app.next-entry"),
        Binding("l", "cycle_layout", "Layout", id="app.layout"),
        Binding("r", "toggle_raw", "Raw/repairs", id="app.raw"),
        Binding("y", "copy_bead", "Copy bead", id="app.copy"),
        Binding("t", "toggle_titles", "Titles zh/en", show=False, id="app.titles"),
        Binding("slash", "search", "Search", key_display="/", id="app.search"),
        Binding("n", "next_hit(1)", "Next hit", id="app.next-hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="app.previous-hit"),
        Binding("c", "concordance", "Concordance", id="app.concordance"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        *REVIEW_BINDINGS,
    ]

    def __init__(self, archive: Path | None = None, *, keymap: Path | None = None,
                 theme: str | None = None) -> None:
        """``archive``: the file to open; None opens the default one (seeded on first run)."""
        super().__init__()
        self.archive_path = archive
        self.archive: Archive | None = None
        self.keymap_path = keymap
        self._requested_theme = theme
        self._follow: Timer | None = None
        #: How long the list cursor must rest before the reader follows it, in seconds.
        self.follow_delay = 0.06
        # The two panes live on the main screen; held here so that a modal on top
        # (help, the palette) does not hide them from actions.
        self.entries = EntryList(id="entries")
        self.reader = Reader(id="reader")
        self.search_bar = SearchBar(id="search")
        self.work = WorkProgress(id="work")
        self.search = SearchState()
        #: Every entry of the archive laid out (the list may show only the matching ones).
        self._all_rows = layout_rows([])
        #: How long typing must pause before a query runs, in seconds.
        self.search_delay = 0.08
        self._search_timer: Timer | None = None
        self._search_lock = threading.Lock()
        #: How often to look whether another process changed the archive, in seconds.
        self.watch_interval = 2.0
        self._watch: Timer | None = None
        self._stamp: tuple[int, int, int] | None = None
        self._wanted = ""  # the query the search worker should run next
        self._searching = False
        self._init_review()

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self.entries
            yield self.reader
        yield self.search_bar
        yield self.work
        yield Footer()

    def on_mount(self) -> None:
        # Searches run in threads; with Python's default 5 ms between thread switches a
        # redraw waited up to 90 ms behind a search at 100,000 entries, with 1 ms 46 ms.
        sys.setswitchinterval(0.001)
        if self._requested_theme:
            self.theme = self._requested_theme
        known = binding_ids(self.BINDINGS, EntryList.BINDINGS, Reader.BINDINGS,
                            HelpScreen.BINDINGS, SearchBar.BINDINGS,
                            ConcordanceScreen.BINDINGS, FindingsScreen.BINDINGS,
                            ExportScreen.BINDINGS)
        mapping, problem = load_keymap(self.keymap_path, known)
        self.set_keymap(mapping)
        if problem:
            self.say(problem, title="Keymap not applied", severity="warning", timeout=8)
        if self.size.width < NARROW:
            self.reader.layout_mode = "stacked"
        self.entries.loading = True
        self.load_archive()

    # -- loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive")
    def load_archive(self, *, reload: bool = False) -> None:
        path = self.archive_path
        # A large archive is millions of new objects: the collector's full scans
        # would run again and again while they are made, each holding the
        # interpreter (and so the screen) for hundreds of milliseconds.
        gc.disable()
        try:
            stamp = file_stamp(path) if path is not None else None
            archive = Archive.open_default() if path is None else Archive(path)
            self.post_message(ArchiveLoaded(archive, layout_rows(archive.summaries()),
                                            stamp or file_stamp(archive.path), reload=reload))
        except BitextError as e:
            self.post_message(ArchiveFailed(str(e)))
        finally:
            gc.freeze()  # what was loaded stays: keep it out of later scans too
            gc.enable()

    @on(ArchiveLoaded)
    async def _loaded(self, message: ArchiveLoaded) -> None:
        current = self.entries.current
        keep = current.id if message.reload and current else None
        self.archive = message.archive
        self._stamp = message.stamp
        self.sub_title = visible(str(message.archive.path))
        self.entries.loading = False
        self._all_rows = message.rows
        self.entries.set_entries(message.rows, keep=keep)
        self.prepare_index(message.archive)
        self.load_findings(message.archive)
        if self._watch is None:
            self._watch = self.set_interval(self.watch_interval, self._check_for_changes)
        if message.reload:
            self.say(f"The archive changed on disk: reloaded, {len(message.rows.summaries):,} "
                     "entries", timeout=4)
            if self.search.query.strip():
                self._start_search(self.search.query)
            await self._reopen()
            return
        self.entries.focus()
        if not message.rows.summaries:
            self.reader.show_message(f"{message.archive.path} has no entries yet: "
                                     "add some with `bitext import FILE`.")

    async def _reopen(self) -> None:
        """Show the entry under the cursor again as the new file has it, same bead selected."""
        shown, bead = self.reader.entry, self.reader.selected
        current = self.entries.current
        self.reader.entry = None
        if current is None:
            return
        await self._open(current.id)
        if shown is not None and shown.id == current.id:
            self.reader.select_bead(bead)

    def _check_for_changes(self) -> None:
        """Another process (``bitext import``) replaced the archive: read it again.

        Another bitext that saved edits changed only the edits file: the findings
        and the open entry are read again.
        """
        if self.archive is None:
            return
        stamp = file_stamp(self.archive.path)
        if stamp != self._stamp:
            self._stamp = stamp
            self.load_archive(reload=True)
        elif self.edits_changed():
            self.load_findings(self.archive)
            self.run_worker(self._reopen(), group="reopen", exclusive=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def prepare_index(self, archive: Archive) -> None:
        """Load the search index, or build it if the archive changed since it was saved."""
        started = time.perf_counter()
        try:
            archive.search_index(self.report_progress)
        except BitextError as e:
            self.post_message(ArchiveFailed(f"search is not available: {e}"))
            return
        finally:
            self.post_message(WorkProgressed(INDEXING, 0, 0))
        self.post_message(IndexReady(time.perf_counter() - started))

    def report_progress(self, what: str, done: int, total: int) -> None:
        """For store's progress callbacks, from any thread: the line above the footer moves."""
        self.post_message(WorkProgressed(what, done, total))

    @on(WorkProgressed)
    def _progressed(self, message: WorkProgressed) -> None:
        self.work.show(message.what, message.done, message.total)

    # -- export -------------------------------------------------------------------------

    def action_export(self, fmt: str) -> None:
        """Export the entries the list shows (a search's, or all) after asking where."""
        if self.archive is None:
            return
        query = self.search.shown if self.search.results is not None else None
        count = len(self.search.matching) if query else len(self.summaries)
        what = (f"the {count:,} entries matching {query!r}" if query
                else f"all {count:,} entries") + f" as {fmt.upper()}"
        suggested = free_path(Path.cwd(), "bitext-export", FORMATS[fmt])
        self.push_screen(ExportScreen(what, suggested),
                         lambda path: path and self.write_export(path, fmt, query))

    @work(thread=True, exit_on_error=False, group="export")
    def write_export(self, path: Path, fmt: str, query: str | None) -> None:
        assert self.archive is not None
        try:
            self.archive.export_to(path, fmt, query=query, progress=self.report_progress)
        except BitextError as e:
            self.call_from_thread(self.say, str(e), title="Export failed", severity="error",
                                  timeout=8)
            return
        finally:
            self.post_message(WorkProgressed("exporting", 0, 0))
        self.call_from_thread(self.say, f"Exported to {path}", timeout=5)

    @on(IndexReady)
    def _index_ready(self, message: IndexReady) -> None:
        self.search.ready = True
        if message.seconds > 1:
            self.say(f"Search index built in {message.seconds:.1f} s", timeout=3)

    @on(ArchiveFailed)
    def _failed(self, message: ArchiveFailed) -> None:
        self._show_failure(message.problem)

    @on(Worker.StateChanged)
    def _worker_crashed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker: say so on screen instead of leaving a spinner forever."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if event.worker.group == "archive":
            self._show_failure(f"{type(error).__name__}: {error}")
        else:
            self.say(f"{type(error).__name__}: {error}", title="Search failed",
                     severity="error", timeout=10)

    def _show_failure(self, problem: str) -> None:
        self.entries.loading = False
        self.reader.show_message(problem)
        self.say(problem, title="Cannot open the archive", severity="error", timeout=10)

    # -- following the list ---------------------------------------------------------------

    @on(EntryList.Highlighted)
    def _highlighted(self, message: EntryList.Highlighted) -> None:
        if self._follow is not None:
            self._follow.stop()
        self._follow = self.set_timer(self.follow_delay, lambda: self._open(message.entry_id))

    @on(EntryList.Opened)
    async def _opened(self, message: EntryList.Opened) -> None:
        await self._open(message.entry_id)
        self.reader.focus()

    async def _open(self, entry_id: str) -> None:
        if self.archive is None or (self.reader.entry and self.reader.entry.id == entry_id):
            return
        if not self.reader.is_attached or self._exit:
            return  # the follow timer fired while the app was closing
        try:
            entry = self.archive.entry(entry_id)
        except BitextError as e:
            self.reader.show_message(str(e))
            return
        self.search.current = None
        await self.reader.show(entry, self.search.hits_in(entry_id), self.findings_of(entry))

    # -- actions ------------------------------------------------------------------------

    async def action_step_entry(self, delta: int) -> None:
        self.entries.action_cursor(delta)
        if (current := self.entries.current) is not None:
            await self._open(current.id)

    def action_cycle_layout(self) -> None:
        self.set_layout(LAYOUTS[(LAYOUTS.index(self.reader.layout_mode) + 1) % len(LAYOUTS)])

    def set_layout(self, layout: str) -> None:
        self.reader.layout_mode = layout
        self.say(f"Layout: {LAYOUT_NAMES[layout]}", timeout=1.5)

    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw

    def action_toggle_titles(self) -> None:
        self.entries.lang = OTHER_LANG[self.entries.lang]

    def action_copy_bead(self) -> None:
        row = self.reader.selected_row
        if row is None:
            self.bell()
            return
        self.copy_to_clipboard(row.copy_text())
        self.say(f"Copied bead {row.number} (Chinese and English)", timeout=2)

    def say(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
            timeout: float | None = None) -> None:
        """A notification shown as plain text.

        ``notify`` reads its message as content markup, and ours carry archive
        text, file names and error messages: data, never markup or escapes.
        """
        self.notify(visible(message), title=visible(title), severity=severity, timeout=timeout,
                    markup=False)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.screen.active_bindings, self.focused))

    @property
    def summaries(self) -> list[EntrySummary]:
        """Every entry of the archive, newest first."""
        return self._all_rows.summaries

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With another screen on top the reader's keys would act on a hidden pane: hide them."""
        on_top = len(self.screen_stack) > 1
        return not (on_top and action in _MAIN_SCREEN_ACTIONS | REVIEW_ACTIONS)

    # -- search ------------------------------------------------------------------------

    def action_search(self) -> None:
        self.search_bar.open()

    @on(SearchBar.Changed)
    def _query_changed(self, message: SearchBar.Changed) -> None:
        self.search.query = message.query
        if self._search_timer is not None:
            self._search_timer.stop()
        if not message.query.strip():
            self._apply_search(SearchDone("", None, set(), self._all_rows))
            return
        self.search_bar.show_status("searching…" if self.search.ready else "indexing…")
        self._search_timer = self.set_timer(self.search_delay,
                                            lambda: self._start_search(message.query))

    def _start_search(self, query: str) -> None:
        """Ask for ``query``; one worker runs searches one after another, always the latest.

        A thread cannot be stopped, so starting one per keystroke left several
        searching at once at 100,000 entries, each slowing the others; queries
        typed while one runs are skipped but for the last.
        """
        with self._search_lock:
            self._wanted = query
            start = not self._searching
            self._searching = True
        if start:
            self.run_searches()

    @work(thread=True, exit_on_error=False, group="search")
    def run_searches(self) -> None:
        try:
            self._search_latest()
        except BaseException:
            with self._search_lock:
                self._searching = False  # a bug in a search must not stop the next one
            raise

    def _search_latest(self) -> None:
        ran = None
        while True:
            with self._search_lock:
                if self._wanted == ran or self.archive is None:
                    self._searching = False
                    return
                query = ran = self._wanted
            try:
                results = self.archive.search(query)
            except BitextError as e:
                self.post_message(SearchDone(query, None, set(), None, problem=str(e)))
                continue
            if self._wanted != query:
                continue  # typed on: the lists below would be thrown away
            matching = results.ids()
            self.post_message(SearchDone(query, results, matching, self._rows_for(matching)))

    def _rows_for(self, matching: set[str]) -> Rows:
        """The list's rows in the current mode (laid out here, in the caller's thread)."""
        if self.search_bar.mode != "filter":
            return self._all_rows
        return layout_rows([s for s in self.summaries if s.id in matching])

    @on(SearchDone)
    def _search_done(self, message: SearchDone) -> None:
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
            self.search_bar.show_status("")
        else:
            title = "Matching" if self.search_bar.mode == "filter" else "Entries"
            self.entries.mark(done.matching, title)
            self.search_bar.show_status(f"{done.results.hits:,} hits in "
                                        f"{done.results.entries:,} entries")
        if self.reader.entry is not None:
            self.reader.show_hits(self.search.hits_in(self.reader.entry.id))

    @on(SearchBar.ModeChanged)
    def _mode_changed(self, message: SearchBar.ModeChanged) -> None:
        if self.search.results is not None:
            self._apply_search(SearchDone(self.search.query, self.search.results,
                                          self.search.matching,
                                          self._rows_for(self.search.matching)))
        else:
            self.search_bar.show_status("")

    @on(SearchBar.Closed)
    def _search_closed(self) -> None:
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
        await self._open(target.id)
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
        await self._open(line.entry_id)
        self._select_hit(line.hit)
        self.reader.focus()

    def jump_to(self, summary: EntrySummary) -> None:
        """Put the list cursor on an entry (the reader follows)."""
        self.entries.move_to(summary.id)
        self.entries.focus()


def make_app(archive: Path | None = None, *, keymap: Path | None = None,
             theme: str | None = None) -> BitextApp:
    """The app on a given archive; tests and ``bitext`` build it the same way."""
    return BitextApp(archive, keymap=keymap, theme=theme)
