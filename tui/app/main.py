"""The reader app: the entry list on the left, the open entry on the right.

All archive work (opening the file, parsing 100,000 entries) runs in a thread
worker that only posts messages back (harlequin's rule); widgets never wait.
Moving through the list updates the reader once the cursor rests, so holding
``j`` scrolls the list at full speed.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import sys
import time
from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import CommandPalette
from textual.containers import Horizontal
from textual.notifications import SeverityLevel
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from store.api import FORMATS, INDEXING, Archive, ImportReport
from store.errors import BitextError
from store.model import OTHER_LANG, EntrySummary
from tui.app.commands import BitextCommands
from tui.app.files import file_stamp
from tui.app.keymap import binding_ids, load_keymap
from tui.app.messages import ArchiveFailed, ArchiveLoaded, ExportDone, ImportDone, IndexReady
from tui.app.review import REVIEW_ACTIONS, REVIEW_BINDINGS, ReviewMixin
from tui.app.screens.concordance import ConcordanceScreen
from tui.app.screens.export import PathScreen, free_path
from tui.app.screens.findings import FindingsScreen
from tui.app.screens.help import HelpScreen
from tui.app.search import SearchMixin
from tui.app.settings import Settings, default_settings_path, load_settings, save_settings
from tui.app.summaries import Summaries
from tui.app.widgets.entry_list import EntryList, layout_rows
from tui.app.widgets.reader import LAYOUT_NAMES, LAYOUTS, Reader
from tui.app.widgets.search_bar import MODES, SearchBar
from tui.app.widgets.work_progress import WorkProgress, WorkProgressed
from tui.text.labels import counted, visible

#: App actions that act on the panes of the main screen.
_MAIN_SCREEN_ACTIONS = frozenset({
    "step_entry", "cycle_layout", "toggle_raw", "toggle_sentences", "copy_bead",
    "toggle_titles", "search",
    "next_hit", "concordance", "set_layout", "list_width", "toggle_list", "jump",
    "toggle_search_mode", "clear_search",
})
#: The rows a large archive shows first, while the rest of its list loads: its newest
#: month or so (at 100,000 entries the whole list took 0.5-1 s to read, these 0.07 s).
FIRST_ROWS = 1000
#: Fewest columns the list keeps, and the reader beside it.
MIN_LIST, MIN_READER = 20, 30

#: Below this many columns the reader starts stacked: two CJK columns would be too narrow.
NARROW = 100


class BitextApp(SearchMixin, ReviewMixin, App[None]):
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
                show=False, id="app.previous-entry"),
        Binding("right_square_bracket", "step_entry(1)", "Next entry", key_display="]",
                show=False, id="app.next-entry"),
        Binding("l", "cycle_layout", "Layout", id="app.layout"),
        Binding("r", "toggle_raw", "Raw/repairs", show=False, id="app.raw"),
        Binding("S", "toggle_sentences", "Sentence rows", show=False, id="app.sentences"),
        Binding("y", "copy_bead", "Copy bead", show=False, id="app.copy"),
        Binding("t", "toggle_titles", "Titles zh/en", show=False, id="app.titles"),
        Binding("slash", "search", "Search", key_display="/", id="app.search"),
        Binding("n", "next_hit(1)", "Next hit", show=False, id="app.next-hit"),
        Binding("N", "next_hit(-1)", "Previous hit", show=False, id="app.previous-hit"),
        Binding("c", "concordance", "Concordance", show=False, id="app.concordance"),
        Binding("ctrl+u", "clear_search", "Clear search", show=False, id="app.clear-search"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("minus", "list_width(-4)", "Narrower list", key_display="-", show=False,
                id="app.list-narrower"),
        Binding("plus,equals_sign", "list_width(4)", "Wider list", key_display="+", show=False,
                id="app.list-wider"),
        Binding("f", "toggle_list", "Hide/show the list", show=False, id="app.focus-mode"),
        *REVIEW_BINDINGS,
    ]

    def __init__(self, archive: Path | None = None, *, keymap: Path | None = None,
                 theme: str | None = None, settings: Path | None = None,
                 fresh: bool = False) -> None:
        """``archive``: the file to open; None opens the default one (seeded on first run).
        ``settings``: where the app remembers the user's place; ``fresh``: not at all."""
        super().__init__()
        self.archive_path = archive
        self.archive: Archive | None = None
        self.keymap_path = keymap
        self._requested_theme = theme
        self.settings_path = None if fresh else settings or default_settings_path()
        self.remembered = Settings() if self.settings_path is None else load_settings(
            self.settings_path)
        self._follow: Timer | None = None
        self._narrow = False  # narrower than NARROW when last laid out
        #: The list's width in columns once the user has set it (None: the stylesheet's).
        self.list_width: int | None = None
        self.list_shown = True  # False in focus mode: the reader alone
        #: How long the list cursor must rest before the reader follows it, in seconds.
        self.follow_delay = 0.06
        #: The list shows a large archive's newest rows while the rest loads.
        self._partly_shown = False
        # The two panes live on the main screen; held here so that a modal on top
        # (help, the palette) does not hide them from actions.
        self.entries = EntryList(id="entries")
        self.reader = Reader(id="reader")
        self.search_bar = SearchBar(id="search")
        self.work = WorkProgress(id="work")
        self._init_search()
        #: Every entry of the archive laid out (the list may show only the matching ones).
        self.all_rows = layout_rows([])
        #: How often to look whether another process changed the archive, in seconds.
        self.watch_interval = 2.0
        self._watch: Timer | None = None
        self._stamp: tuple[int, int, int] | None = None
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
        self._apply_settings(self.remembered)
        known = binding_ids(self.BINDINGS, EntryList.BINDINGS, Reader.BINDINGS,
                            HelpScreen.BINDINGS, SearchBar.BINDINGS,
                            ConcordanceScreen.BINDINGS, FindingsScreen.BINDINGS,
                            PathScreen.BINDINGS)
        mapping, problem = load_keymap(self.keymap_path, known)
        self.set_keymap(mapping)
        if problem:
            # "not applied" over "the other 3 remaps apply" read as a contradiction
            self.say(problem, title="Keymap partly applied" if mapping else "Keymap not applied",
                     severity="warning", timeout=8)
        self._narrow = self.size.width < NARROW
        if self._narrow:
            self.reader.layout_mode = "stacked"
        self.entries.loading = True
        self.load_archive()

    def on_resize(self, event: events.Resize) -> None:
        """Crossing the threshold switches side by side and stacked, as a start would;
        a one-language layout the user chose stays."""
        narrow = event.size.width < NARROW
        if narrow != self._narrow and self.reader.layout_mode in ("side", "stacked"):
            self.reader.layout_mode = "stacked" if narrow else "side"
        self._narrow = narrow

    def action_list_width(self, delta: int) -> None:
        """The list's width in columns; the reader keeps at least ``MIN_READER``."""
        if not self.list_shown:
            self.action_toggle_list()
        self._set_list_width((self.list_width or self.entries.outer_size.width) + delta)

    def _set_list_width(self, width: int) -> None:
        self.list_width = max(MIN_LIST, min(width, self.size.width - MIN_READER))
        styles = self.entries.styles  # the stylesheet's min and max give way too
        styles.width = styles.min_width = styles.max_width = self.list_width

    def action_toggle_list(self) -> None:
        """Focus mode: the reader alone, full width; again, the list is back."""
        shown = self.list_shown = not self.list_shown
        self.entries.display = shown
        (self.entries if shown else self.reader).focus()

    # -- loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive")
    def load_archive(self, *, reload: bool = False, said: str = "", show: str = "") -> None:
        path = self.archive_path
        # A large archive is millions of new objects: the collector's full scans
        # would run again and again while they are made, each holding the
        # interpreter (and so the screen) for hundreds of milliseconds.
        gc.disable()
        try:
            stamp = file_stamp(path) if path is not None else None
            archive = Archive.open_default() if path is None else Archive(path)
            stamp = stamp or file_stamp(archive.path)
            rows = archive.newest_first()
            first = list(itertools.islice(rows, FIRST_ROWS))
            if len(first) == FIRST_ROWS and not reload and archive.count() > FIRST_ROWS:
                self.post_message(ArchiveLoaded(archive, layout_rows(first), stamp,
                                                partial=True))
            everything = layout_rows(itertools.chain(first, rows))
            self.post_message(ArchiveLoaded(archive, everything, stamp,
                                            reload=reload, said=said, show=show))
        except BitextError as e:
            self.post_message(ArchiveFailed(str(e)))
        finally:
            gc.freeze()  # what was loaded stays: keep it out of later scans too
            gc.enable()

    @on(ArchiveLoaded)
    async def _loaded(self, message: ArchiveLoaded) -> None:
        current = self.entries.current
        if message.partial:  # the newest rows of a large archive, to browse while the rest loads
            self.archive = message.archive
            self.sub_title = visible(str(message.archive.path))
            self.entries.loading = False
            self.all_rows = message.rows
            self.entries.set_entries(message.rows)
            self.entries.focus()
            self._partly_shown = True
            return
        moved = current is not None and self._partly_shown
        self._partly_shown = False
        keep = message.show or (current.id if (message.reload or moved) and current else None)
        self.archive = message.archive
        self._stamp = message.stamp
        self.sub_title = visible(str(message.archive.path))
        self.entries.loading = False
        self.all_rows = message.rows
        self.entries.set_entries(message.rows, keep=keep)
        self.prepare_index(message.archive)
        self.load_findings(message.archive)
        if self._watch is None:
            self._watch = self.set_interval(self.watch_interval, self._check_for_changes)
        if message.reload:
            self.say(message.said or "The archive changed on disk: reloaded, "
                     f"{len(message.rows.summaries):,} entries", timeout=6 if message.said else 4)
            if self.search.query.strip():
                self.start_search(self.search.query)
            await self._reopen()
            return
        self.entries.focus()
        if not message.rows.summaries:
            self.reader.show_message(f"{message.archive.path} has no entries yet: "
                                     "add some with `bitext import FILE`.")
        elif self.remembered.archive == str(message.archive.path):
            await self._return_to(self.remembered)

    # -- remembering ----------------------------------------------------------------------

    def _apply_settings(self, r: Settings) -> None:
        """Theme, layout and the list as the user left them (a theme asked for wins)."""
        theme = self._requested_theme or r.theme
        if theme in self.available_themes:
            self.theme = theme
        if r.layout in LAYOUTS and r.layout not in ("side", "stacked"):
            self.reader.layout_mode = r.layout  # side or stacked: the width decides
        if r.list_width is not None:
            self._set_list_width(r.list_width)
        self.list_shown = self.entries.display = r.list_shown
        if r.search_mode in MODES:
            self.search_bar.mode = r.search_mode

    async def _return_to(self, r: Settings) -> None:
        """The entry, bead and search the user left this archive at."""
        if r.entry is not None and r.entry in self.all_rows.row_of:
            self.entries.move_to(r.entry)
            await self.open_entry(r.entry)
            if self.reader.entry is not None:
                self.reader.select_bead(min(r.bead, len(self.reader.entry.beads) - 1))
        if r.search.strip():
            self.search_bar.input.value = r.search

    def on_unmount(self) -> None:
        if self.settings_path is None:
            return
        entry = self.reader.entry
        save_settings(self.settings_path, Settings(
            theme=self.theme, layout=self.reader.layout_mode, list_width=self.list_width,
            list_shown=self.list_shown, search_mode=self.search_bar.mode,
            archive=str(self.archive.path) if self.archive else None,
            entry=entry.id if entry else None, bead=max(self.reader.selected, 0),
            search=self.search.query))

    async def _reopen(self) -> None:
        """Show the entry under the cursor again as the new file has it, same bead selected."""
        shown, bead = self.reader.entry, self.reader.selected
        current = self.entries.current
        self.reader.entry = None
        if current is None:
            return
        await self.open_entry(current.id)
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
        """Load the search index (or bring it up to date) and the pinyin readings: the
        first query of Latin letters loaded them (1.07 s), the palette kept its stale list
        that long, and Enter ran "Keys" for "theme"."""
        started = time.perf_counter()
        try:
            archive.prepare_search(self.report_progress)
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
        n = len(self.search.matching) if query else len(self.summaries)
        what = (f"the {counted(n, 'entry', 'entries')} matching {query!r}" if query
                else f"all {counted(n, 'entry', 'entries')}") + f" as {fmt.upper()}"
        suggested = free_path(Path.cwd(), "bitext-export", FORMATS[fmt])
        self.push_screen(PathScreen(f"Export {what} to (Enter writes, Esc cancels):",
                                    str(suggested)),
                         lambda path: path and self.write_export(path, fmt, query))

    def action_import(self) -> None:
        """Import a file without leaving the app: what ``bitext import FILE`` does."""
        if self.archive is None:
            return
        self.push_screen(PathScreen("Import a bulletin, or a TMX, JSON Lines or CSV file "
                                    "(Enter imports, Esc cancels):", f"{Path.cwd()}/"),
                         lambda path: path and self.import_file(path))

    @work(thread=True, exit_on_error=False, group="import")
    def import_file(self, path: Path) -> None:
        assert self.archive is not None
        try:
            reports = self.archive.import_files([path], progress=self.report_progress)
        except BitextError as e:
            self.post_message(ImportDone("", changed=False, problem=str(e)))
            return
        finally:
            self.post_message(WorkProgressed("importing", 0, 0))
        report = reports[0]
        self.post_message(ImportDone(_import_said(report), changed=bool(
            report.added or report.edited), problem=report.error or "",
            first=report.added[0].id if report.added else ""))

    @on(ImportDone)
    def _imported(self, message: ImportDone) -> None:
        if message.problem:
            self.say(message.problem, title="Import failed", severity="error", timeout=10)
        elif message.changed:
            self.load_archive(reload=True, said=message.said, show=message.first)
        else:
            self.say(message.said, timeout=6)

    @work(thread=True, exit_on_error=False, group="export")
    def write_export(self, path: Path, fmt: str, query: str | None) -> None:
        assert self.archive is not None
        try:
            self.archive.export_to(path, fmt, query=query, progress=self.report_progress)
        except BitextError as e:
            self.post_message(ExportDone(path, str(e)))
            return
        finally:
            self.post_message(WorkProgressed("exporting", 0, 0))
        self.post_message(ExportDone(path))

    @on(ExportDone)
    def _exported(self, message: ExportDone) -> None:
        if message.problem:
            self.say(message.problem, title="Export failed", severity="error", timeout=8)
        else:
            self.say(f"Exported to {message.path}", timeout=5)

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
        self._follow = self.set_timer(self.follow_delay,
                                      lambda: self.open_entry(message.entry_id))

    @on(EntryList.Opened)
    async def _opened(self, message: EntryList.Opened) -> None:
        await self.open_entry(message.entry_id)
        self.reader.focus()

    async def open_entry(self, entry_id: str) -> None:
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
            await self.open_entry(current.id)

    def action_cycle_layout(self) -> None:
        self.action_set_layout(LAYOUTS[(LAYOUTS.index(self.reader.layout_mode) + 1) % len(LAYOUTS)])

    def action_set_layout(self, layout: str) -> None:
        self.reader.layout_mode = layout
        self.say(f"Layout: {LAYOUT_NAMES[layout]}", timeout=1.5)

    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw

    async def action_toggle_sentences(self) -> None:
        """Each bead as its aligned sentence pairs, or as paragraphs again. A process's first
        alignment loads the aligner's tables (0.3 s idle, 1.2 s on a loaded machine): done
        in a thread, so the screen keeps drawing; an entry after that takes milliseconds."""
        if self.archive is None:
            self.bell()
            return
        on = self.reader.sentences_of is None
        if on and self.reader.entry is not None:
            await asyncio.to_thread(self.archive.sentences_of, self.reader.entry)
        await self.reader.show_sentences(self.archive.sentences_of if on else None)
        self.say("Sentence rows: each bead as its aligned sentences" if on
                 else "Paragraph rows", timeout=1.5)

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
    def summaries(self) -> Summaries:
        """Every entry of the archive, newest first."""
        return self.all_rows.summaries

    def summary_of(self, entry_id: str) -> EntrySummary | None:
        """An entry's summary by id, without a pass over all of them."""
        rows = self.all_rows
        row = rows.row_of.get(entry_id)
        return None if row is None else rows.summaries[rows.row_entry[row]]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """With another screen on top the reader's keys would act on a hidden pane: hide them.

        The palette is the exception: its keys go to its own line, and a command chosen
        in it may run before it has closed (it acts on the reader, as asked).
        """
        on_top = len(self.screen_stack) > 1 and not isinstance(self.screen, CommandPalette)
        return not (on_top and action in _MAIN_SCREEN_ACTIONS | REVIEW_ACTIONS)

    def action_jump(self, entry_id: str) -> None:
        """Put the list cursor on an entry (the reader follows)."""
        self.entries.move_to(entry_id)
        self.entries.focus()


def _import_said(report: ImportReport) -> str:
    """One line for a toast: what ``bitext import`` prints, shorter."""
    name = visible(report.name)
    if report.edited:
        return f"{name}: {counted(sum(report.edited.values()), 'paragraph')} edited (u undoes)"
    if report.added:
        found = sum(len(f) for f in report.findings.values())
        return (f"{name}: added {counted(len(report.added), 'entry', 'entries')}, "
                f"{counted(found, 'finding')}" + (" (E walks them)" if found else ""))
    return f"{name}: already in the archive; nothing added"


def make_app(archive: Path | None = None, *, keymap: Path | None = None,
             theme: str | None = None, settings: Path | None = None,
             fresh: bool = False) -> BitextApp:
    """The app on a given archive; tests and ``bitext`` build it the same way."""
    return BitextApp(archive, keymap=keymap, theme=theme, settings=settings, fresh=fresh)
