"""A line above the footer that shows long work as it goes: an index build, an export.

Workers report through ``WorkProgressed`` messages, coalesced so a build that
reports every thousand entries never queues more than one redraw; the line
hides itself when the work is done.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar

from tui.text.labels import visible


@dataclass
class WorkProgressed(Message):
    """``done`` of ``total`` of some long work; ``total == 0`` says it is over."""

    what: str
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, WorkProgressed) and message.what == self.what


class WorkProgress(Horizontal):
    DEFAULT_CSS = """
    WorkProgress {
        height: 1;  /* in the flow above the footer: docked, it covered the footer */
        display: none;
        &.-working { display: block; }
        Label { width: auto; padding: 0 1; color: $text-muted; }
        ProgressBar { width: 1fr; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Label(id="work-label")
        yield ProgressBar(show_eta=False, id="work-bar")

    def show(self, what: str, done: int, total: int) -> None:
        if total == 0 or done >= total:
            self.remove_class("-working")
            return
        self.add_class("-working")
        self.query_one(Label).update(Text(visible(what)))  # a file name is not markup
        self.query_one(ProgressBar).update(total=total, progress=done)
