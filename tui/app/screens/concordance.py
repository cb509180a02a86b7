"""The concordance screen (``c``): every hit of the search in context, with its translation.

Lines are built in a worker from the best entries; the table fills when they
are ready. ``<`` and ``>`` sort by the context left or right of the hit, ``o``
restores rank order, Enter opens the entry at the hit's bead.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store.api import Archive, SearchResults
from tui.text.concordance import Line, SortKey, concordance
from tui.text.labels import visible
from tui.text.paragraphs import HIT

#: The best entries the concordance reads; the header says when there are more.
MAX_ENTRIES = 300
#: Cells of context the lines are built with; a narrow screen shows less of it.
_CONTEXT = 40
_COLUMNS = (("entry", "entry"), ("context", "left"), ("hit", "hit"), ("context ", "right"),
            ("translation", "other"))


def _widths(screen: int, hit: int) -> tuple[int, int, int, int, int]:
    """Entry, left, hit, right, translation: the contexts and the hit take about half of
    the screen, the translation the rest (each column has a cell of padding a side)."""
    room = max(screen - 2 * len(_COLUMNS) - 8 - 2, 30)
    hit = min(hit, room // 5)
    side = max(6, min(_CONTEXT // 2 + 10, (room // 2 - hit) // 2))
    return 8, side, hit, side, max(10, room - 2 * side - hit)


class ConcordanceScreen(Screen[Line | None]):
    BINDINGS = [
        Binding("escape,q", "close", "Close", id="concordance.close"),
        Binding("less_than_sign", "sort('left')", "Sort by left", key_display="<",
                id="concordance.sort-left"),
        Binding("greater_than_sign", "sort('right')", "Sort by right", key_display=">",
                id="concordance.sort-right"),
        Binding("o", "sort('rank')", "Rank order", id="concordance.sort-rank"),
    ]
    HELP = ("Every hit of the search, one per line: context, the hit, context, and the "
            "sentence of the aligned translation. Enter opens the entry at that bead.")
    DEFAULT_CSS = """
    ConcordanceScreen {
        #concordance-title { height: auto; padding: 0 1; background: $boost; }
        DataTable { height: 1fr; }
    }
    """

    class Built(Message):
        def __init__(self, found: list[Line]) -> None:
            super().__init__()
            self.found = found

    def __init__(self, archive: Archive, results: SearchResults, query: str) -> None:
        super().__init__()
        self.archive, self.results, self.query_text = archive, results, query
        self.found: list[Line] = []
        self._by_rank: list[Line] = []
        self.order: SortKey = "rank"

    def compose(self) -> ComposeResult:
        yield Static(id="concordance-title")
        yield DataTable(cursor_type="row", zebra_stripes=True, id="concordance")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.loading = True
        self._title("reading the entries…")
        self.build()

    def on_resize(self) -> None:
        if self._by_rank:
            self._fill()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def build(self) -> None:
        ranked = self.results.ranked(MAX_ENTRIES)
        entries = [self.archive.entry(entry_id) for entry_id, _ in ranked]
        self.post_message(self.Built(concordance(self.results, entries, width=_CONTEXT,
                                                 sentences=self.archive.sentences_of)))

    @on(Built)
    def _built(self, message: Built) -> None:
        self.found = self._by_rank = message.found
        table = self.query_one(DataTable)
        table.loading = False
        self._fill()
        table.focus()

    def _title(self, note: str = "") -> None:
        entries = self.results.entries
        shown = f" (the best {MAX_ENTRIES} of {entries:,} entries)" if entries > MAX_ENTRIES \
            else ""
        order = {"rank": "by rank", "left": "sorted by left context",
                 "right": "sorted by right context"}[self.order]
        self.query_one("#concordance-title", Static).update(Text.assemble(
            ("Concordance ", "bold"), (visible(self.query_text), HIT), "  ",
            f"{len(self.found):,} hits{shown}, {order}  ", (note, "dim")))

    def _fill(self) -> None:
        """The lines at the screen's width: the contexts share it with the translation, so at
        80 columns the translation is on screen too (it was pushed off at 40 cells a side)."""
        table = self.query_one(DataTable)
        table.clear(columns=True)
        widths = _widths(self.size.width, max((cell_len(ln.match) for ln in self.found),
                                              default=4))
        for (label, key), width in zip(_COLUMNS, widths, strict=True):
            table.add_column(label, key=key, width=width)
        side = widths[1]
        for k, line in enumerate(self.found):
            table.add_row(
                line.entry_id[:8],
                Text(set_cell_size(visible(line.left)[::-1], side)[::-1], justify="right"),
                Text(visible(line.match), style=HIT, no_wrap=True, overflow="ellipsis"),
                Text(set_cell_size(visible(line.right), side)),
                Text(visible(line.other), no_wrap=True, overflow="ellipsis"),
                key=str(k),
            )
        self._title()

    def action_sort(self, by: SortKey) -> None:
        self.order = by
        self.found = self._by_rank if by == "rank" else \
            sorted(self._by_rank, key=lambda line: line.sort_key(by))
        self._fill()

    @on(DataTable.RowSelected)
    def _chosen(self, event: DataTable.RowSelected) -> None:
        self.dismiss(self.found[int(event.row_key.value or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
