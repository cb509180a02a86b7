"""The search bar: a query line at the foot of the screen, with counts and the mode.

It only reports what is typed; the app runs each query in a worker and tells
the bar what was found, so typing never waits for a search.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from tui.text.labels import visible

MODES = {"filter": "only matching", "highlight": "highlight all"}


class SearchBar(Horizontal):
    """``/`` opens it; Enter or Esc gives the keys back to the list, the search stays."""

    BINDINGS = [
        Binding("escape", "close", "Close search", id="search.close"),
        Binding("ctrl+t", "toggle_mode", "Only matching/highlight", id="search.mode"),
    ]
    HELP = (
        "Search both languages as you type. Words must all occur; \"a phrase\"; "
        "a OR b; -word leaves out; zh: en: one language; date:2018-11 or "
        "date:2018-11-08..2018-11-20; source:NAME; pinyin (chongqing, li qian) "
        "finds the Chinese it spells; 重慶 finds 重庆. n/N: next/previous hit; "
        "c: concordance."
    )
    DEFAULT_CSS = """
    SearchBar {
        /* in the flow under the panes, not docked: docked, the footer covered its last row
           (the input's lower edge, and a query error's second line) */
        height: 3;
        display: none;
        &.-open { display: block; }
        Input { width: 1fr; }
        /* at most half the bar: a query error at 80 columns left the input 7 cells */
        #search-status { width: auto; min-width: 24; max-width: 50%; padding: 1 1 0 1;
                         color: $text-muted; }
    }
    """

    mode: reactive[str] = reactive("filter", init=False)

    class Changed(Message):
        """The query text changed (coalesced: only the latest matters)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, SearchBar.Changed)

    class Closed(Message):
        """The user is done typing; the keys go back to the panes."""

    class ModeChanged(Message):
        def __init__(self, mode: str) -> None:
            super().__init__()
            self.mode = mode

    def compose(self) -> ComposeResult:
        yield Input(placeholder="search: 重庆  \"Foreign Affairs Office\"  li qian  "
                                "date:2018-11", id="search-input")
        yield Static(id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        self.add_class("-open")
        self.input.focus()

    def action_close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed())

    def action_toggle_mode(self) -> None:
        self.mode = "highlight" if self.mode == "filter" else "filter"

    def watch_mode(self, mode: str) -> None:
        self.post_message(self.ModeChanged(mode))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_close()

    def show_status(self, text: str, *, error: bool = False) -> None:
        """Counts, or a query's error, which quotes what was typed (or pasted): shown inert."""
        status = Text(visible(text), style="red" if error else "")
        status.append(f"  [{MODES[self.mode]}]", style="dim")
        self.query_one("#search-status", Static).update(status)
