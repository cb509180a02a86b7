"""The help screen: the keys in force right now, as remapped, and what the pane is for.

Built from the screen's live bindings, so a key remapped in keymap.toml shows
its new key, and each binding's id is there to remap it with.
"""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import ActiveBinding, Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from tui.app.keymap import default_keymap_path
from tui.app.settings import default_settings_path
from tui.text.labels import visible
from tui.text.paragraphs import FINDING_MARKS


def _home_relative(path: Path) -> str:
    try:
        return "~/" + str(path.relative_to(Path.home()))
    except ValueError:
        return str(path)


class HelpScreen(ModalScreen[None]):
    """The keys in force, scrolled like every other view (the app focuses its list first,
    and a screen without a list kept focus nowhere: no key scrolled)."""

    AUTO_FOCUS = "VerticalScroll"
    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll('scroll_down')", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll('scroll_up')", "Scroll up", show=False, id="help.up"),
        Binding("space", "scroll('page_down')", "Page down", show=False, id="help.page-down"),
        Binding("g", "scroll('scroll_home')", "Top", show=False, id="help.top"),
        Binding("G", "scroll('scroll_end')", "Bottom", show=False, id="help.bottom"),
    ]
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        & > VerticalScroll {
            width: 90%;
            max-width: 100;
            height: 90%;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
    }
    """

    def __init__(self, bindings: dict[str, ActiveBinding], focused: Widget | None) -> None:
        super().__init__()
        self._active = bindings
        self._focused = focused

    def compose(self) -> ComposeResult:
        with VerticalScroll() as body:
            body.border_title = "Help: keys in force (esc closes)"
            about = getattr(self._focused, "HELP", None)
            if about:
                yield Static(Text(about, style="italic"))
            yield Static(self._table())
            yield Static(_marks())
            yield Static(Text.assemble(
                "\n", ("ctrl+p", "bold"), " opens the command palette: jump to an entry by "
                "title, date or id; change layout or theme; import a file; export.\n",
                "Remap any key by its id in ", (_home_relative(default_keymap_path()), "bold"),
                ', e.g.\n  [keymap]\n  "list.down" = "j,down,ctrl+n"\n',
                "The theme, layout, list width and your place (entry, bead, search) are "
                "remembered in ", (_home_relative(default_settings_path()), "bold"),
                "; ", ("bitext --fresh", "bold"), " starts without them.",
            ))

    def action_scroll(self, action: str) -> None:
        """Vim's keys on top of the arrows, PgUp/PgDn, Home and End the scroll view has."""
        getattr(self.query_one(VerticalScroll), f"action_{action}")()

    def _table(self) -> Table:
        table = Table(expand=True, box=None, padding=(0, 1), header_style="bold")
        table.add_column("keys", no_wrap=True)
        table.add_column("does")
        table.add_column("id", style="dim", no_wrap=True)
        table.add_column("in", style="dim", no_wrap=True)
        grouped: dict[tuple[str, str], list[str]] = {}
        rows: dict[tuple[str, str], ActiveBinding] = {}
        for active in self._active.values():
            b = active.binding
            if b.system or not b.description:
                continue
            ident = (b.id or b.action, type(active.node).__name__)
            grouped.setdefault(ident, []).append(b.key_display or self.app.get_key_display(b))
            rows[ident] = active
        for ident, keys in grouped.items():
            active = rows[ident]
            # Text, not str: a Rich table reads a str cell as markup, and keys come
            # from the user's keymap file
            table.add_row(Text(visible(", ".join(dict.fromkeys(keys))), style="bold"),
                          Text(visible(active.binding.description)),
                          Text(visible(active.binding.id or "")),
                          Text(_WHERE.get(ident[1], ident[1])))
        return table


#: Where a binding works, in the user's words rather than the widget's class name.
_WHERE = {"EntryList": "list", "Reader": "reader", "SearchBar": "search bar",
          "BitextApp": "anywhere", "Screen": "anywhere"}


def _marks() -> Text:
    """What the one-cell marks mean: the list and the gutter show them with no words."""
    marks = Text("\nMarks: ")
    marks.append("●", "bold")
    marks.append(" in the list: the entry matches the search; ")
    for severity, (mark, style) in FINDING_MARKS.items():
        marks.append(mark, style)
        marks.append(f" {severity}, ")
    marks.append("✓", "dim green")
    marks.append(" all reviewed: the worst finding not yet reviewed, beside the list's date "
                 "and under a bead's number, where 2-1 is the bead's shape (paragraphs a side).")
    return marks
