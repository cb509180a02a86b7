"""The entry list: newest first, marked by month, drawn one visible line at a time.

A ListView or a DataTable filled with every row takes seconds at 100,000
entries; a ScrollView that renders only the lines on screen (the Line API, as
Textualize/toolong draws millions of log lines) takes the same time at any
size. Rows are a flat list of month headers and entries; the cursor visits
entries only.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.model import EntrySummary
from tui.labels import days_label, visible

_DATE_WIDTH = 15


@dataclass(frozen=True, slots=True)
class _Row:
    """A month header (entry is None) or an entry."""

    month: str
    entry: EntrySummary | None


def _rows(entries: Sequence[EntrySummary]) -> list[_Row]:
    rows: list[_Row] = []
    month = None
    for e in entries:
        key = e.start.strftime("%Y-%m") if e.start else "undated"
        if key != month:
            rows.append(_Row(key, None))
            month = key
        rows.append(_Row(key, e))
    return rows


class EntryList(ScrollView, can_focus=True, inherit_bindings=False):
    """Entries of the archive; the highlighted one is shown in the reader."""

    BINDINGS = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="list.down"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list.page-down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list.page-up"),
        Binding("g,home", "first", "First entry", show=False, id="list.first"),
        Binding("G,end", "last", "Last entry", show=False, id="list.last"),
        Binding("enter", "open", "Open", id="list.open"),
    ]
    HELP = "The archive's entries, newest first, with a header for each month."
    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--month", "entry-list--date"}
    DEFAULT_CSS = """
    EntryList {
        overflow-x: hidden;
        border: round $primary-muted;
        border-title-color: $text;
        &:focus { border: round $primary; }
        & > .entry-list--cursor { background: $primary 40%; text-style: bold; }
        &:focus > .entry-list--cursor { background: $primary; color: $text; }
        & > .entry-list--month { color: $text-accent; text-style: bold; }
        & > .entry-list--date { color: $text-muted; }
    }
    """

    cursor: reactive[int] = reactive(-1, init=False)
    lang: reactive[str] = reactive("zh", init=False)

    class Highlighted(Message):
        """The cursor rests on another entry (coalesced: only the latest counts)."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, EntryList.Highlighted)

    class Opened(Message):
        """Enter on an entry: the user wants to read it."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.summaries: list[EntrySummary] = []
        self._rows: list[_Row] = []
        self._entry_rows: list[int] = []
        self._cache: LRUCache[tuple[int, bool, int, str], Strip] = LRUCache(1024)

    # -- data ---------------------------------------------------------------------

    def set_entries(self, entries: Sequence[EntrySummary], keep: str | None = None) -> None:
        """Show these entries; keep the cursor on entry ``keep`` if it is still there."""
        self.summaries = list(entries)
        self._rows = _rows(entries)
        self._entry_rows = [i for i, r in enumerate(self._rows) if r.entry]
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows))
        self.border_title = f"Entries ({len(self._entry_rows):,})"
        target = next((i for i in self._entry_rows if self._rows[i].entry.id == keep),  # type: ignore[union-attr]
                      self._entry_rows[0] if self._entry_rows else -1)
        self.cursor = target
        self.refresh()

    @property
    def entry_count(self) -> int:
        return len(self._entry_rows)

    @property
    def current(self) -> EntrySummary | None:
        return self._rows[self.cursor].entry if 0 <= self.cursor < len(self._rows) else None

    def move_to(self, entry_id: str) -> None:
        for i in self._entry_rows:
            if self._rows[i].entry.id == entry_id:  # type: ignore[union-attr]
                self.cursor = i
                return

    # -- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.size.width
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        key = (index, index == self.cursor, width, self.lang)
        if (strip := self._cache.get(key)) is None:
            strip = self._render_row(self._rows[index], index == self.cursor, width)
            self._cache[key] = strip
        return strip.crop(self.scroll_offset.x, self.scroll_offset.x + width)

    def _render_row(self, row: _Row, is_cursor: bool, width: int) -> Strip:
        base = self.rich_style
        if row.entry is None:
            style = base + self.get_component_rich_style("entry-list--month")
            label = f" {row.month} "
            line = Strip([Segment(label, style), Segment("─" * max(0, width - len(label) - 1),
                                                         style)])
            return line.adjust_cell_length(width, base)
        e = row.entry
        title = visible(e.title_zh if self.lang == "zh" else e.title_en) or "(untitled)"
        date_style = base + self.get_component_rich_style("entry-list--date")
        segments = [Segment(" " + days_label(e.days).ljust(_DATE_WIDTH), date_style),
                    Segment(title, base)]
        if is_cursor:
            cursor = self.get_component_rich_style("entry-list--cursor")
            segments = [Segment(text, (style or Style()) + cursor) for text, style, _ in segments]
            return Strip(segments).adjust_cell_length(width, base + cursor)
        return Strip(segments).adjust_cell_length(width, base)

    # -- behaviour ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old)
        self.refresh_lines(new)
        if new < 0:
            return
        top = new - 1 if new and self._rows[new - 1].entry is None else new
        self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, force=True)
        if (entry := self._rows[new].entry) is not None:
            self.post_message(self.Highlighted(entry.id))

    def watch_lang(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._rows))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self._rows) and self._rows[index].entry:
            self.cursor = index

    def _step(self, entries: int) -> None:
        """Move by a number of entries (not rows), stopping at either end."""
        if not self._entry_rows:
            return
        at = bisect.bisect_left(self._entry_rows, self.cursor)
        self.cursor = self._entry_rows[max(0, min(len(self._entry_rows) - 1, at + entries))]

    def action_cursor(self, delta: int) -> None:
        self._step(delta)

    def action_page(self, direction: int) -> None:
        self._step(direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        if self._entry_rows:
            self.cursor = self._entry_rows[0]

    def action_last(self) -> None:
        if self._entry_rows:
            self.cursor = self._entry_rows[-1]

    def action_open(self) -> None:
        if (entry := self.current) is not None:
            self.post_message(self.Opened(entry.id))
