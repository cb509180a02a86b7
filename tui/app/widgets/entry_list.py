"""The entry list: newest first, marked by month, drawn one visible line at a time.

A ListView or a DataTable filled with every row takes seconds at 100,000
entries; a ScrollView that renders only the lines on screen (the Line API, as
Textualize/toolong draws millions of log lines) takes the same time at any
size. Rows are two flat arrays (which entry each row shows, or a month
header, and the month of each header), built in one pass; the cursor visits
entry rows only.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable
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
from tui.app.summaries import Summaries
from tui.text.labels import days_label, fitted, visible
from tui.text.paragraphs import FINDING_MARKS

#: Cells for the day: the month header above names year and month, so a row shows
#: ``25–29`` where it showed ``2018-11-25–29`` and its title gains 7 cells.
_DATE_WIDTH = 9


#: In the row table, a month header instead of an entry.
_HEADER = -1


@dataclass(frozen=True, slots=True)
class Rows:
    """The list's rows for some entries: which entry each row shows, or a month header.

    Row numbers are held in arrays, not lists: a list of a million numbers is a
    million int objects, 36 bytes each with the pointer to it, against 8.
    """

    summaries: Summaries
    row_entry: array[int]  # index into summaries, or _HEADER
    row_month: dict[int, str]  # header row -> its month
    entry_rows: array[int]  # the rows that show an entry, in order
    row_of: dict[str, int]  # entry id -> its row


def layout_rows(entries: Iterable[EntrySummary] | Summaries) -> Rows:
    """Rows for ``entries`` (newest first): safe to call in a worker thread."""
    summaries = entries if isinstance(entries, Summaries) else Summaries(entries)
    row_entry, entry_rows = array("q"), array("q")
    row_month: dict[int, str] = {}
    row_of: dict[str, int] = {}
    month = None
    for k, (entry_id, start) in enumerate(zip(summaries.ids, summaries.starts, strict=True)):
        key = start[:7] if start else "undated"
        if key != month:
            row_month[len(row_entry)] = month = key
            row_entry.append(_HEADER)
        row = row_of[entry_id] = len(row_entry)
        entry_rows.append(row)
        row_entry.append(k)
    return Rows(summaries, row_entry, row_month, entry_rows, row_of)


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
    COMPONENT_CLASSES = {"entry-list--cursor", "entry-list--month", "entry-list--date",
                         "entry-list--match"}
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
        & > .entry-list--match { color: $warning; text-style: bold; }
    }
    """

    # repaint=False: a cursor move redraws its two lines, not the whole list
    cursor: reactive[int] = reactive(-1, init=False, repaint=False)
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
        self._rows = layout_rows([])
        self._cache: LRUCache[tuple[int, bool, int, str], Strip] = LRUCache(1024)
        #: In "highlight" search mode, the entries that match (marked in the gutter).
        self.matches: frozenset[str] | set[str] | None = None
        #: Entry id -> the severity of its worst finding not yet reviewed (marked beside).
        self.flags: dict[str, str] = {}
        self.title = "Entries"

    def notify_style_update(self) -> None:
        """A new theme: the kept lines were drawn in the old one's colours."""
        super().notify_style_update()
        self._cache.clear()

    # -- data ---------------------------------------------------------------------

    def set_entries(self, entries: Iterable[EntrySummary] | Rows,
                    keep: str | None = None) -> None:
        """Show these entries; keep the cursor on entry ``keep`` if it is still there.

        Laying out 100,000 rows takes tens of milliseconds: callers off the event
        loop pass ``Rows`` made by ``layout_rows`` in their thread.
        """
        before = self.current
        self._rows = entries if isinstance(entries, Rows) else layout_rows(entries)
        self._cache.clear()
        self.virtual_size = Size(self.size.width, len(self._rows.row_entry))
        self.border_title = f"{self.title} ({len(self._rows.entry_rows):,})"
        self.cursor = self._row_of(keep) if keep else (
            self._rows.entry_rows[0] if self._rows.entry_rows else -1)
        now = self.current
        if now is not None and (before is None or now.id != before.id):
            # the cursor kept its row but the row shows another entry: the reader follows
            self.post_message(self.Highlighted(now.id))
        self.refresh()

    @property
    def rows(self) -> Rows:
        return self._rows

    @property
    def summaries(self) -> Summaries:
        """The entries shown, in list order."""
        return self._rows.summaries

    def _row_of(self, entry_id: str) -> int:
        row = self._rows.row_of.get(entry_id)
        if row is not None:
            return row
        return self._rows.entry_rows[0] if self._rows.entry_rows else -1

    def _entry_at(self, row: int) -> EntrySummary | None:
        if 0 <= row < len(self._rows.row_entry) and (k := self._rows.row_entry[row]) != _HEADER:
            return self.summaries[k]
        return None

    @property
    def entry_count(self) -> int:
        return len(self._rows.entry_rows)

    @property
    def current(self) -> EntrySummary | None:
        return self._entry_at(self.cursor)

    def mark(self, matches: frozenset[str] | set[str] | None, title: str = "Entries") -> None:
        """Mark matching entries (None: no search); ``title`` heads the border."""
        self.matches, self.title = matches, title
        self.border_title = f"{title} ({len(self._rows.entry_rows):,})"
        self._cache.clear()
        self.refresh()

    def flag(self, flags: dict[str, str]) -> None:
        """Mark entries with findings not yet reviewed by the worst one's severity."""
        self.flags = flags
        self._cache.clear()
        self.refresh()

    def next_match(self, direction: int) -> EntrySummary | None:
        """The nearest matching entry after (or before) the cursor, wrapping around."""
        rows = self._rows.entry_rows
        if not rows or self.matches is None:
            return None
        at = bisect.bisect_left(rows, self.cursor)
        summaries, entry_of = self._rows.summaries, self._rows.row_entry
        for step in range(1, len(rows) + 1):
            k = entry_of[rows[(at + direction * step) % len(rows)]]
            if summaries.id_at(k) in self.matches:
                return summaries[k]
        return None

    def move_to(self, entry_id: str) -> None:
        self.cursor = self._row_of(entry_id)

    # -- drawing --------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        index = self.scroll_offset.y + y
        width = self.scrollable_content_region.width  # the scrollbar takes its own cells
        if index >= len(self._rows.row_entry):
            return Strip.blank(width, self.rich_style)
        key = (index, index == self.cursor, width, self.lang)
        if (strip := self._cache.get(key)) is None:
            strip = self._render_row(index, index == self.cursor, width)
            self._cache[key] = strip
        return strip.crop(self.scroll_offset.x, self.scroll_offset.x + width)

    def _render_row(self, row: int, is_cursor: bool, width: int) -> Strip:
        base = self.rich_style
        e = self._entry_at(row)
        if e is None:
            style = base + self.get_component_rich_style("entry-list--month")
            label = f" {self._rows.row_month[row]} "
            line = Strip([Segment(label, style), Segment("─" * max(0, width - len(label) - 1),
                                                         style)])
            return line.adjust_cell_length(width, base)
        title = visible(e.title_zh if self.lang == "zh" else e.title_en) or "(untitled)"
        date_style = base + self.get_component_rich_style("entry-list--date")
        matched = self.matches is not None and e.id in self.matches
        gutter = Segment("●", base + self.get_component_rich_style("entry-list--match")) \
            if matched else Segment(" ", base)
        severity = self.flags.get(e.id)
        mark, mark_style = FINDING_MARKS[severity] if severity else (" ", "")
        segments = [gutter, Segment(mark, base + Style.parse(mark_style)),
                    Segment(fitted(days_label(e.days, within=e.start[:7]), _DATE_WIDTH - 1)
                            .ljust(_DATE_WIDTH), date_style),
                    Segment(fitted(title, width - 2 - _DATE_WIDTH), base)]
        if is_cursor:
            cursor = self.get_component_rich_style("entry-list--cursor")
            segments = [Segment(text, (style or Style()) + cursor) for text, style, _ in segments]
            return Strip(segments).adjust_cell_length(width, base + cursor)
        return Strip(segments).adjust_cell_length(width, base)

    # -- behaviour ------------------------------------------------------------------

    def watch_cursor(self, old: int, new: int) -> None:
        self.refresh_lines(old)
        self.refresh_lines(new)
        if (entry := self._entry_at(new)) is None:
            return
        top = new - 1 if self._entry_at(new - 1) is None else new  # show the month header too
        self.scroll_to_region(Region(0, top, 1, new - top + 1), animate=False, force=True)
        self.post_message(self.Highlighted(entry.id))

    def watch_lang(self) -> None:
        self._cache.clear()
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._cache.clear()
        self.virtual_size = Size(event.size.width, len(self._rows.row_entry))

    def on_click(self, event: events.Click) -> None:
        index = self.scroll_offset.y + event.y
        if self._entry_at(index) is not None:
            self.cursor = index

    def _step(self, entries: int) -> None:
        """Move by a number of entries (not rows), stopping at either end."""
        rows = self._rows.entry_rows
        if not rows:
            return
        at = bisect.bisect_left(rows, self.cursor)
        self.cursor = rows[max(0, min(len(rows) - 1, at + entries))]

    def action_cursor(self, delta: int) -> None:
        self._step(delta)

    def action_page(self, direction: int) -> None:
        self._step(direction * max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        if self._rows.entry_rows:
            self.cursor = self._rows.entry_rows[0]

    def action_last(self) -> None:
        if self._rows.entry_rows:
            self.cursor = self._rows.entry_rows[-1]

    def action_open(self) -> None:
        if (entry := self.current) is not None:
            self.post_message(self.Opened(entry.id))
