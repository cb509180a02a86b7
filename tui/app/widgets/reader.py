"""The reader: one entry, one row per alignment bead, Chinese and English side by side.

Each bead is a row of two cells that start on the same line, so a paragraph
and its translation always sit together however long either is; a bead with
no counterpart shows an explicit empty cell. Four layouts are CSS classes on
the reader (side by side, stacked, Chinese only, English only), so changing
layout restyles the rows instead of rebuilding them. With sentence rows on (``S``)
each bead's cells are its sentence beads, a pair of cells each, the sentences cut
from the paragraphs as drawn; the raw text (``r``) has other offsets, so it shows
whole paragraphs still.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import cast

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static

from store.api import EntrySentences, Hit, SentenceBead
from store.model import Bead, Entry, Finding
from tui.text.labels import counted, days_label, fitted, lines_label, visible
from tui.text.paragraphs import (
    CHANGED,
    DAMAGE,
    FINDING_MARKS,
    FLAGGED,
    REMOVED,
    Marks,
    cell_text,
    worst,
)
from tui.text.sentence_rows import sentence_cell
from tui.text.wrap import Wrapped

LAYOUTS = ("side", "stacked", "zh", "en")
LAYOUT_NAMES = {"side": "side by side", "stacked": "stacked", "zh": "Chinese only",
                "en": "English only"}


#: Search hits on one bead: language -> paragraph -> marks.
BeadMarks = dict[str, dict[int, Marks]]


@dataclass(frozen=True, slots=True)
class Shown:
    """A finding as the reader shows it: whether the user marked it reviewed."""

    finding: Finding
    reviewed: bool


class BeadRow(Horizontal):
    """One bead: its number and shape in a gutter, then the Chinese and English cells.

    A cell holding search hits is marked, and so is its counterpart in the other
    language: the translation of a hit is what a translator looks for next.
    """

    def __init__(self, entry: Entry, number: int, bead: Bead, raw: bool, *,
                 marks: BeadMarks | None = None, findings: Sequence[Shown] = (),
                 stacked: bool = False, sentences: Sequence[SentenceBead] | None = None
                 ) -> None:
        super().__init__(classes="bead")
        self.entry, self.number, self.bead = entry, number, bead
        #: Sentence rows: the bead's sentence beads, a pair of cells each (None: one pair).
        self.sentences = sentences
        self._raw = raw
        self._marks: BeadMarks = marks or {}
        self.findings = tuple(findings)
        self.stacked = stacked  # the reader's layout: the gutter goes above the cells

    def compose(self) -> ComposeResult:
        yield Static(self._gutter(), classes="gutter")
        if self.sentences is None:
            yield from self._pair(None)
            return
        with Vertical(classes="sentences"):
            for part in range(len(self.sentences)):
                with Horizontal(classes="sentence"):
                    yield from self._pair(part)

    def _pair(self, part: int | None) -> ComposeResult:
        zh, en = self.bead if part is None or self.sentences is None else self.sentences[part]
        yield Static(self._cell("zh", part), classes="cell zh" + ("" if zh else " empty"))
        yield Static(self._cell("en", part), classes="cell en" + ("" if en else " empty"))

    def on_mount(self) -> None:
        self._mark_cells()

    def _gutter(self) -> Text:
        """Number, shape when not 1-1, and a mark for the worst finding not yet reviewed:
        one above the other beside the cells, on one line above them when stacked (three
        lines there were three lines less of text)."""
        zh, en = self.bead
        sep = "  " if self.stacked else "\n"
        gutter = Text(f"{self.number}")
        if (len(zh), len(en)) != (1, 1):
            gutter.append(f"{sep}{len(zh)}-{len(en)}")
        if top := worst(s.finding.severity for s in self.findings if not s.reviewed):
            mark, style = FINDING_MARKS[top]
            gutter.append(sep + mark, style)
        elif self.findings:
            gutter.append(f"{sep}✓", "dim green")
        return gutter

    def show_stacked(self, stacked: bool) -> None:
        if stacked != self.stacked:
            self.stacked = stacked
            self._refresh_cells()

    def _cell(self, lang: str, part: int | None = None) -> Wrapped:
        """One side of the bead, or of its sentence bead ``part``."""
        side = 0 if lang == "zh" else 1
        flags: dict[int, list[tuple[int, int, str]]] = {}
        for s in self.findings:
            f = s.finding
            if f.lang == lang and f.span and f.check != "damage" and not s.reviewed:
                flags.setdefault(f.para or 0, []).append((*f.span, FLAGGED[f.severity]))
        if part is not None and self.sentences is not None:
            return Wrapped(sentence_cell(self.entry, lang, self.sentences[part][side],
                                         hits=self._marks.get(lang), flags=flags))
        return Wrapped(cell_text(self.entry, lang, self.bead[side], raw=self._raw,
                                 hits=self._marks.get(lang), flags=flags))

    def _mark_cells(self) -> None:
        """A cell with hits, and its counterpart: the bead's, or in sentence rows the
        sentence bead's, so the translation of the very sentence is the one marked."""
        for n, cell in enumerate(self.query(".cell")):
            found = self._hit_sides(None if self.sentences is None else n // 2)
            lang, other = ("zh", "en") if cell.has_class("zh") else ("en", "zh")
            cell.set_class(found[lang], "-hit")
            cell.set_class(found[other] and not found[lang], "-counterpart")
        self.set_class(any(self._hit_sides(None).values()), "-has-hits")

    def _hit_sides(self, part: int | None) -> dict[str, bool]:
        """Which sides of the bead (or of its sentence bead ``part``) hold a search hit."""
        if part is None or self.sentences is None:
            return {lang: any(self._marks.get(lang, {}).values()) for lang in ("zh", "en")}
        return {lang: any(s.span[0] < end and start < s.span[1]
                          for s in self.sentences[part][side]
                          for start, end, _ in self._marks.get(lang, {}).get(s.para, ()))
                for side, lang in enumerate(("zh", "en"))}

    def show_raw(self, raw: bool) -> None:
        self._raw = raw
        self._refresh_cells()

    async def show_sentences(self, sentences: Sequence[SentenceBead] | None) -> None:
        """Sentence rows (the bead's sentence beads) or one pair of cells (None)."""
        if sentences != self.sentences:
            self.sentences = sentences
            await self.recompose()
            self._mark_cells()

    def show_marks(self, marks: BeadMarks) -> None:
        if marks != self._marks:
            self._marks = marks
            self._refresh_cells()

    def show_findings(self, findings: Sequence[Shown]) -> None:
        if tuple(findings) != self.findings:
            self.findings = tuple(findings)
            self._refresh_cells()

    def _refresh_cells(self) -> None:
        """Redraw the row; a row not composed yet (or being removed) draws itself later."""
        cells = self.query(".cell")
        if len(cells) != 2 * (1 if self.sentences is None else len(self.sentences)):
            return
        self.query_one(".gutter", Static).update(self._gutter())
        for n, cell in enumerate(cells):
            part = None if self.sentences is None else n // 2
            cast(Static, cell).update(self._cell("zh" if cell.has_class("zh") else "en", part))
        self._mark_cells()

    def copy_text(self) -> str:
        """Both languages of the bead as plain text, Chinese first."""
        parts = [p.text for i in self.bead[0] for p in [self.entry.zh[i]]]
        parts += [p.text for j in self.bead[1] for p in [self.entry.en[j]]]
        return "\n\n".join(parts)


class EntryHeader(Static):
    """The entry's date, source, titles and counts, above its beads."""

    class Resized(Message):
        """Its lines are cut to its width, which a scrollbar coming or going changes too."""

    def on_resize(self) -> None:
        self.post_message(self.Resized())


class Reader(VerticalScroll, can_focus=True, inherit_bindings=False):
    """The open entry; j/k select a bead, which is highlighted on both sides."""

    BINDINGS = [
        Binding("down,j", "select(1)", "Next bead", show=False, id="reader.down"),
        Binding("up,k", "select(-1)", "Previous bead", show=False, id="reader.up"),
        Binding("g,home", "select_first", "First bead", show=False, id="reader.first"),
        Binding("G,end", "select_last", "Last bead", show=False, id="reader.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="reader.page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="reader.page-up"),
    ]
    HELP = "The open entry, one row per aligned bead: Chinese beside its English."
    DEFAULT_CSS = """
    Reader {
        border: round $primary-muted;
        padding: 0 1;
        &:focus { border: round $primary; }
        #entry-header { margin-bottom: 1; }
        .bead { height: auto; margin-bottom: 1; }
        .bead.-selected { background: $boost; }
        .bead.-selected > .gutter { color: $text; background: $primary; text-style: bold; }
        .gutter { width: 4; color: $text-muted; }
        .cell { width: 1fr; height: auto; padding-right: 1; }
        &.-side .cell.zh { padding-right: 3; }  /* a fixed gap before the English */
        .cell.empty { color: $text-disabled; }
        .cell.-counterpart { background: $warning 12%; }
        /* an ANSI theme has no 12%: the whole translation went solid bright red */
        &:ansi .cell.-counterpart { background: ansi_default; }
        .bead.-has-hits > .gutter { color: $warning; }
        &.-stacked .bead { layout: vertical; }
        .sentences { width: 1fr; height: auto; }
        .sentence { height: auto; margin-bottom: 1; }
        .sentence:last-child { margin-bottom: 0; }
        &.-stacked .sentence { layout: vertical; }
        &.-stacked .gutter { width: 100%; }
        &.-zh .cell.en { display: none; }
        &.-en .cell.zh { display: none; }
    }
    """

    layout_mode: reactive[str] = reactive("side")
    raw: reactive[bool] = reactive(False, init=False)
    selected: reactive[int] = reactive(0, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entry: Entry | None = None
        self._hits: Sequence[Hit] = ()
        self._current: Hit | None = None
        self.findings: tuple[Shown, ...] = ()
        #: Sentence rows (``S``): the entry's sentence beads by bead (``Archive.sentences_of``).
        self.sentences_of: Callable[[Entry], EntrySentences] | None = None

    def compose(self) -> ComposeResult:
        yield EntryHeader("Loading the archive…", id="entry-header")

    async def show(self, entry: Entry, hits: Sequence[Hit] = (), findings: Sequence[Shown] = (),
                   *, bead: int = 0) -> None:
        """Show an entry at ``bead`` (``self.entry`` is set once it is mounted)."""
        await self.query(BeadRow).remove()
        self._hits, self._current = hits, None
        self.findings = tuple(findings)
        self.query_one("#entry-header", Static).update(self._header(entry))
        found = self._sentences(entry)
        await self.mount_all(
            BeadRow(entry, k, b, self.raw, marks=_bead_marks(b, hits, None),
                    findings=_on_bead(k, b, findings), stacked=self.layout_mode == "stacked",
                    sentences=found[k - 1] if found else None)
            for k, b in enumerate(entry.beads, 1))
        self.entry = entry
        self.border_title = entry.id + (" · edited" if entry.edited else "")
        self.set_reactive(Reader.selected, max(0, min(bead, len(entry.beads) - 1)))
        self._mark_selected(scroll=bead > 0)
        if bead == 0:
            self.scroll_home(animate=False)

    async def show_sentences(self, sentences_of: Callable[[Entry], EntrySentences] | None
                             ) -> None:
        """Sentence rows with ``sentences_of`` (``Archive.sentences_of``: about 1 ms a bead,
        after 0.3-0.5 s to load the aligner's tables at the first), paragraph rows with None."""
        self.sentences_of = sentences_of
        await self._show_rows()

    async def _show_rows(self) -> None:
        """Each row redrawn in place as paragraphs or sentence pairs: its hits, findings and
        selection stay, whatever arrived while the rows were being redrawn."""
        for row in self.rows:
            found = self._sentences(row.entry)
            await row.show_sentences(found[row.number - 1] if found else None)
        self._mark_selected(scroll=True)

    def _sentences(self, entry: Entry) -> EntrySentences | None:
        return self.sentences_of(entry) if self.sentences_of and not self.raw else None

    def show_findings(self, findings: Sequence[Shown]) -> None:
        """Mark findings (after a review mark) without rebuilding the rows."""
        self.findings = tuple(findings)
        for row in self.rows:
            row.show_findings(_on_bead(row.number, row.bead, findings))
        if self.entry:
            self.query_one("#entry-header", Static).update(self._header(self.entry))

    def show_hits(self, hits: Sequence[Hit], current: Hit | None = None) -> None:
        """Mark search hits (``current`` stands out) without rebuilding the rows."""
        self._hits, self._current = hits, current
        for row in self.rows:
            row.show_marks(_bead_marks(row.bead, hits, current))

    def select_bead(self, index: int) -> None:
        self.selected = max(0, min(len(self.rows) - 1, index))

    def show_message(self, text: str) -> None:
        """A line instead of an entry: an error names files and quotes text, shown inert."""
        self.query_one("#entry-header", Static).update(Text(visible(text)))

    @property
    def rows(self) -> list[BeadRow]:
        return list(self.query(BeadRow))

    @property
    def selected_row(self) -> BeadRow | None:
        rows = self.rows
        return rows[self.selected] if 0 <= self.selected < len(rows) else None

    def _header(self, entry: Entry) -> Text:
        """Date and source on one line or two, titles one line each, cut to the reader's width:
        wrapped, they took 9 of the 22 lines an 80x24 terminal gives the reader (the titles
        open bead 1 anyway, and the list shows them too)."""
        repairs = Counter(r.kind for p in (*entry.zh, *entry.en) for r in p.repairs)
        damage = sum(len(p.damage) for p in (*entry.zh, *entry.en))
        width = self.query_one(EntryHeader).size.width or 1000  # not laid out yet: uncut
        days, lines, source = days_label(entry.days), lines_label(entry), visible(entry.source.name)
        if cell_len(f"{days}   {source} · {lines}") <= width:
            where = Text.assemble((days, "bold"), "   ", (f"{source} · {lines}", "dim"))
        else:  # the source on a line of its own, its start cut: the file name stays
            where = Text.assemble((days, "bold"), (f" · {lines}\n{fitted_left(source, width)}",
                                                   "dim"))
        header = Text.assemble(
            where, "\n",
            (fitted(visible(entry.title["zh"]), width), "bold"), "\n",
            (fitted(visible(entry.title["en"]), width), "bold"), "\n",
            (f"{counted(len(entry.beads), 'bead')} · {counted(sum(repairs.values()), 'repair')}",
             "dim"),
        )
        if damage:
            header.append(" · ", "dim")
            header.append(f"{damage} damaged", DAMAGE)
        if open_ := [s for s in self.findings if not s.reviewed]:
            header.append(" · ", "dim")
            header.append(f"{len(open_)} finding{'s' if len(open_) != 1 else ''}",
                          FINDING_MARKS[worst(s.finding.severity for s in open_) or "review"][1])
            header.append(" (e)", "dim")
        if self.raw:
            header.append("\nraw text: ", "dim")
            header.append("removed", REMOVED)
            header.append(" · ", "dim")
            header.append("changed", CHANGED)
            header.append(" · ", "dim")
            header.append("damage", DAMAGE)
        return header

    # -- state ----------------------------------------------------------------------

    def watch_layout_mode(self, old: str, new: str) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")
        for row in self.rows:
            row.show_stacked(new == "stacked")

    def on_entry_header_resized(self) -> None:
        if self.entry:
            self.query_one(EntryHeader).update(self._header(self.entry))

    def watch_raw(self, raw: bool) -> None:
        for row in self.rows:
            row.show_raw(raw)
        if self.sentences_of:  # sentence rows give way to paragraphs, and come back
            self.call_later(self._show_rows)
        if self.entry:
            self.query_one("#entry-header", Static).update(self._header(self.entry))

    def watch_selected(self) -> None:
        self._mark_selected(scroll=True)

    def _mark_selected(self, *, scroll: bool) -> None:
        for k, row in enumerate(self.rows):
            row.set_class(k == self.selected, "-selected")
        if scroll and (row := self.selected_row) is not None:
            self.call_after_refresh(self.scroll_to_widget, row, animate=False)

    # -- actions ----------------------------------------------------------------------

    def action_select(self, delta: int) -> None:
        count = len(self.rows)
        if count:
            self.selected = max(0, min(count - 1, self.selected + delta))

    def action_select_first(self) -> None:
        self.selected = 0

    def action_select_last(self) -> None:
        self.selected = max(0, len(self.rows) - 1)


def fitted_left(text: str, width: int) -> str:
    """``text`` cut from the start to ``width`` cells: a source path keeps its file name and
    the line numbers after it."""
    if cell_len(text) <= width:
        return text
    return "…" + set_cell_size(text[::-1], max(width - 1, 0))[::-1].lstrip()


def _on_bead(number: int, bead: Bead, findings: Sequence[Shown]) -> list[Shown]:
    """The findings of bead ``number`` (from 1); those about the whole entry sit on the first."""
    return [s for s in findings if (s.finding.lang is None and number == 1)
            or (s.finding.lang is not None
                and s.finding.para in bead[0 if s.finding.lang == "zh" else 1])]


def _bead_marks(bead: Bead, hits: Sequence[Hit], current: Hit | None) -> BeadMarks:
    marks: BeadMarks = {}
    for hit in hits:
        if hit.para in bead[0 if hit.lang == "zh" else 1]:
            marks.setdefault(hit.lang, {}).setdefault(hit.para, []).append(  # type: ignore[union-attr]
                (hit.start, hit.end, hit == current))
    return marks
