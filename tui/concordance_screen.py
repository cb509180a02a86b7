"""The concordance screen (``c``): every hit of the search in context, with its translation.

Lines are built in a worker from the best entries; the table fills when they
are ready. ``<`` and ``>`` sort by the context left or right of the hit, ``o``
restores rank order, Enter opens the entry at the hit's bead.
"""

from __future__ import annotations

from rich.cells import set_cell_size
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from store.api import Archive, SearchResults
from tui.concordance import Line, SortKey, concordance
from tui.labels import visible
from tui.paragraphs import HIT

#: The best entries the concordance reads; the header says when there are more.
MAX_ENTRIES = 300
_CONTEXT = 40


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
        table.add_column("entry", key="entry")
        table.add_column("context", key="left")
        table.add_column("hit", key="hit")
        table.add_column("context ", key="right")
        table.add_column("translation", key="other")
        table.loading = True
        self._title("reading the entries…")
        self.build()

    @work(thread=True, exclusive=True, exit_on_error=False)
    def build(self) -> None:
        ranked = self.results.ranked(MAX_ENTRIES)
        entries = [self.archive.entry(entry_id) for entry_id, _ in ranked]
        self.post_message(self.Built(concordance(self.results, entries, width=_CONTEXT)))

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
        table = self.query_one(DataTable)
        table.clear()
        half = _CONTEXT // 2 + 10
        for k, line in enumerate(self.found):
            table.add_row(
                line.entry_id[:8],
                Text(set_cell_size(visible(line.left)[::-1], half)[::-1], justify="right"),
                Text(visible(line.match), style=HIT),
                Text(set_cell_size(visible(line.right), half)),
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
