"""The reader app: the entry list on the left, the open entry on the right.

All archive work (opening the file, parsing 100,000 entries) runs in a thread
worker that only posts messages back (harlequin's rule); widgets never wait.
Moving through the list updates the reader once the cursor rests, so holding
``j`` scrolls the list at full speed.
"""

from __future__ import annotations

import gc
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import Worker, WorkerState

from store.api import Archive
from store.errors import BitextError
from store.model import EntrySummary
from tui.commands import BitextCommands
from tui.help import HelpScreen
from tui.keymap import binding_ids, load_keymap
from tui.messages import ArchiveFailed, ArchiveLoaded
from tui.widgets.entry_list import EntryList
from tui.widgets.reader import LAYOUT_NAMES, LAYOUTS, Reader

#: Below this many columns the reader starts stacked: two CJK columns would be too narrow.
NARROW = 100


class BitextApp(App[None]):
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
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
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

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield self.entries
            yield self.reader
        yield Footer()

    def on_mount(self) -> None:
        if self._requested_theme:
            self.theme = self._requested_theme
        known = binding_ids(self.BINDINGS, EntryList.BINDINGS, Reader.BINDINGS,
                            HelpScreen.BINDINGS)
        mapping, problem = load_keymap(self.keymap_path, known)
        self.set_keymap(mapping)
        if problem:
            self.notify(problem, title="Keymap not applied", severity="warning", timeout=8)
        if self.size.width < NARROW:
            self.reader.layout_mode = "stacked"
        self.entries.loading = True
        self.load_archive()

    # -- loading ------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="archive")
    def load_archive(self) -> None:
        path = self.archive_path
        # A large archive is millions of new objects: the collector's full scans
        # would run again and again while they are made, each holding the
        # interpreter (and so the screen) for hundreds of milliseconds.
        gc.disable()
        try:
            archive = Archive.open_default() if path is None else Archive(path)
            self.post_message(ArchiveLoaded(archive, archive.summaries()))
        except BitextError as e:
            self.post_message(ArchiveFailed(str(e)))
        finally:
            gc.freeze()  # what was loaded stays: keep it out of later scans too
            gc.enable()

    @on(ArchiveLoaded)
    async def _loaded(self, message: ArchiveLoaded) -> None:
        self.archive = message.archive
        self.sub_title = str(message.archive.path)
        self.entries.loading = False
        self.entries.set_entries(message.summaries)
        self.entries.focus()
        if not message.summaries:
            self.reader.show_message(f"{message.archive.path} has no entries yet: "
                                     "add some with `bitext import FILE`.")

    @on(ArchiveFailed)
    def _failed(self, message: ArchiveFailed) -> None:
        self._show_failure(message.problem)

    @on(Worker.StateChanged)
    def _worker_crashed(self, event: Worker.StateChanged) -> None:
        """A bug in a worker: say so on screen instead of leaving a spinner forever."""
        if event.state == WorkerState.ERROR and event.worker.group == "archive":
            error = event.worker.error
            self._show_failure(f"{type(error).__name__}: {error}")

    def _show_failure(self, problem: str) -> None:
        self.entries.loading = False
        self.reader.show_message(problem)
        self.notify(problem, title="Cannot open the archive", severity="error", timeout=10)

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
        await self.reader.show(entry)

    # -- actions ------------------------------------------------------------------------

    async def action_step_entry(self, delta: int) -> None:
        self.entries.action_cursor(delta)
        if (current := self.entries.current) is not None:
            await self._open(current.id)

    def action_cycle_layout(self) -> None:
        self.set_layout(LAYOUTS[(LAYOUTS.index(self.reader.layout_mode) + 1) % len(LAYOUTS)])

    def set_layout(self, layout: str) -> None:
        self.reader.layout_mode = layout
        self.notify(f"Layout: {LAYOUT_NAMES[layout]}", timeout=1.5)

    def action_toggle_raw(self) -> None:
        self.reader.raw = not self.reader.raw

    def action_toggle_titles(self) -> None:
        self.entries.lang = "en" if self.entries.lang == "zh" else "zh"

    def action_copy_bead(self) -> None:
        row = self.reader.selected_row
        if row is None:
            self.bell()
            return
        self.copy_to_clipboard(row.copy_text())
        self.notify(f"Copied bead {row.number} (Chinese and English)", timeout=2)

    def action_help(self) -> None:
        self.push_screen(HelpScreen(self.screen.active_bindings, self.focused))

    def jump_to(self, summary: EntrySummary) -> None:
        """Put the list cursor on an entry (the reader follows)."""
        self.entries.move_to(summary.id)
        self.entries.focus()


def make_app(archive: Path | None = None, *, keymap: Path | None = None,
             theme: str | None = None) -> BitextApp:
    """The app on a given archive; tests and ``bitext`` build it the same way."""
    return BitextApp(archive, keymap=keymap, theme=theme)
