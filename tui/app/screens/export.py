"""A path to confirm or change (Enter), or Esc to cancel: where to write an export, or
which file to import.

Offered from the command palette; an export's path starts as a new file in the
current folder, so an export never overwrites a file the user did not name.
"""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.text.labels import visible


class PathScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="path.cancel")]
    DEFAULT_CSS = """
    PathScreen {
        align: center middle;
        & > Vertical {
            width: 80%; max-width: 100; height: auto;
            border: round $primary; background: $surface; padding: 1 2;
        }
    }
    """

    def __init__(self, question: str, suggested: str) -> None:
        super().__init__()
        self.question, self.suggested = question, suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(visible(self.question)))
            yield Input(self.suggested, id="path")

    def on_mount(self) -> None:
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        self.dismiss(Path(value).expanduser() if value else None)


def free_path(folder: Path, stem: str, suffix: str) -> Path:
    """``stem.suffix`` in ``folder``, or ``stem-2.suffix`` and on if that exists."""
    candidate = folder / f"{stem}{suffix}"
    n = 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate
