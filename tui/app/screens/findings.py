"""The findings of the open entry (``e``): go to one, mark it reviewed, accept a reading.

The screen only shows and asks: every change is a message to the app, which
writes it through ``store`` in a worker and hands the screen the new state.
Recovered readings of damaged text take a moment to compute (a word list
loads once), so they arrive after the screen opens.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from store.model import Entry, Finding, bead_of
from tui.app.widgets.reader import Shown, fitted_left
from tui.text.labels import fitted, visible
from tui.text.paragraphs import FINDING_MARKS

#: Readings offered per damaged span, chosen with 1, 2, 3.
READINGS_SHOWN = 3
#: Cells of text shown each side of a finding: about a clause of Chinese, fewer on a
#: narrow screen, never fewer than a few words.
_CONTEXT, _CONTEXT_MIN = 30, 8
#: Cells of an option's width that are padding.
_OPTION_PADDING = 2


class FindingsScreen(ModalScreen[Finding | None]):
    """Dismissed with the finding to go to, or None."""

    BINDINGS = [
        Binding("escape,q,e", "dismiss(None)", "Close", id="findings.close"),
        # priority: the list's own Enter (never shown) hid this one from the footer
        Binding("enter", "go", "Go to bead", priority=True, id="findings.go"),
        Binding("j", "move(1)", "Down", show=False, id="findings.down"),
        Binding("k", "move(-1)", "Up", show=False, id="findings.up"),
        Binding("space,v", "toggle_reviewed", "Reviewed", id="findings.reviewed"),
        Binding("a,1", "accept(0)", "Accept reading", id="findings.accept"),
        Binding("2", "accept(1)", "Accept 2nd", show=False, id="findings.accept-2"),
        Binding("3", "accept(2)", "Accept 3rd", show=False, id="findings.accept-3"),
        Binding("x", "reject", "Reject reading", id="findings.reject"),
    ]
    HELP = ("The checks' findings for this entry. Enter goes to the bead; space marks a "
            "finding reviewed (kept in the archive); under damaged text, a, 2 and 3 accept a "
            "recovered reading, x turns the suggestion down.")
    DEFAULT_CSS = """
    FindingsScreen {
        align: center middle;
        & > Vertical {
            width: 90%; max-width: 120; height: 80%;
            border: round $primary; background: $surface; padding: 0 1;
        }
        #findings-title { margin-bottom: 1; }
        OptionList { height: 1fr; border: none; &:focus { border: none; } }
    }
    """

    class Review(Message):
        def __init__(self, entry_id: str, finding: Finding, reviewed: bool) -> None:
            super().__init__()
            self.entry_id, self.finding, self.reviewed = entry_id, finding, reviewed

    class Accept(Message):
        def __init__(self, entry_id: str, finding: Finding, text: str) -> None:
            super().__init__()
            self.entry_id, self.finding, self.text = entry_id, finding, text

    class Reject(Message):
        def __init__(self, entry_id: str, finding: Finding) -> None:
            super().__init__()
            self.entry_id, self.finding = entry_id, finding

    def __init__(self, entry: Entry, findings: Sequence[Shown], *, bead: int = 0) -> None:
        super().__init__()
        self.entry = entry
        self.findings = tuple(findings)
        #: The finding the cursor starts on: the first on the reader's selected bead, so
        #: ``e`` after walking to a bead (or ``E``) opens on what is being looked at.
        self._start = next((k for k, s in enumerate(self.findings)
                            if self._bead(s.finding) == bead), 0)
        #: Finding key -> readings recovered for it; None until they arrive.
        self.readings: dict[str, list[str]] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(id="findings-title")
            yield OptionList(id="findings-list")
        yield Footer()

    def on_mount(self) -> None:
        self._fill()

    def on_resize(self) -> None:
        self._fill()  # the context lines fit the width

    def show_state(self, entry: Entry, findings: Sequence[Shown],
               readings: dict[str, list[str]] | None) -> None:
        """The entry's state after a change, or once its readings are known."""
        self.entry, self.findings = entry, tuple(findings)
        if readings is not None:
            self.readings = readings
        self._fill()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        keep = self._start if options.highlighted is None else options.highlighted
        options.clear_options()
        options.add_options([Option(self._option(s), id=s.finding.key) for s in self.findings])
        if self.findings:
            options.highlighted = min(keep, len(self.findings) - 1)
        open_ = sum(not s.reviewed for s in self.findings)
        count = f"{len(self.findings)} finding{'s' if len(self.findings) != 1 else ''}"
        title = Text.assemble((self.entry.id, "bold"), "  ",
                              f"{count}, {open_} not reviewed" if self.findings
                              else "no findings: the two languages agree")
        self.query_one("#findings-title", Static).update(title)
        options.focus()

    def _option(self, shown: Shown) -> Group:
        f = shown.finding
        mark, style = ("✓", "dim green") if shown.reviewed else FINDING_MARKS[f.severity]
        bead = None if f.lang is None else self._bead(f)
        where = "entry" if bead is None else f"bead {bead + 1}"
        line = Text.assemble((f"{mark} ", style), (f"{f.check:<15}", "bold"),
                             (f"{where:<9}", "dim"), visible(f.message))
        if shown.reviewed:
            line.stylize("dim")
        parts: list[Text] = [line]
        if (context := self._context_line(f, style)) is not None:
            parts.append(context)
        if f.check == "damage":
            parts.append(self._readings_line(f))
        return Group(*parts)

    def _bead(self, f: Finding) -> int | None:
        """The bead a finding is on (one about the whole entry: the first)."""
        return 0 if f.lang is None else bead_of(self.entry.beads, f.lang, f.para or 0)

    def _context_line(self, f: Finding, style: str) -> Text | None:
        """The text around the finding's span, the span marked: the modal hides the reader,
        and a reading of ``??腿吮硎?`` is chosen by the sentence it has to fit."""
        if f.lang is None or f.para is None or f.span is None:
            return None
        text = self.entry.paragraphs(f.lang)[f.para].text
        start, end = f.span
        span = visible(text[start:end])
        # one line: at 80 columns 30 cells a side wrapped
        room = self.query_one(OptionList).scrollable_content_region.width - _OPTION_PADDING
        side = max(_CONTEXT_MIN, min(_CONTEXT, (room - 4 - cell_len(span)) // 2))
        return Text.assemble("    ", fitted_left(visible(text[:start]), side),
                             (span, f"{style} reverse"), fitted(visible(text[end:]), side))

    def _readings_line(self, f: Finding) -> Text:
        if self.readings is None:
            return Text("    recovering readings…", style="dim italic")
        found = self.readings.get(f.key, [])
        if not found:
            return Text("    no reading recovered: the damage stays marked", style="dim")
        line = Text("    readings: ", style="dim")
        for n, text in enumerate(found[:READINGS_SHOWN], 1):
            line.append(f"{'a' if n == 1 else n}", "bold")
            line.append(f" {visible(text)}   ", "bold green" if n == 1 else "")
        line.append("x reject", "dim")
        return line

    # -- actions ------------------------------------------------------------------

    @property
    def current(self) -> Shown | None:
        index = self.query_one(OptionList).highlighted
        return None if index is None or not self.findings else self.findings[index]

    def action_move(self, by: int) -> None:
        options = self.query_one(OptionList)
        (options.action_cursor_down if by > 0 else options.action_cursor_up)()

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_go()

    def action_go(self) -> None:
        if (shown := self.current) is not None:
            self.dismiss(shown.finding)

    def action_toggle_reviewed(self) -> None:
        if (shown := self.current) is not None:
            self.post_message(self.Review(self.entry.id, shown.finding, not shown.reviewed))

    def action_accept(self, n: int) -> None:
        shown = self.current
        found = (self.readings or {}).get(shown.finding.key, []) if shown else []
        if shown is None or len(found) <= n:
            self.notify("No reading to accept here", severity="warning", timeout=2,
                        markup=False)
            return
        self.post_message(self.Accept(self.entry.id, shown.finding, found[n]))

    def action_reject(self) -> None:
        shown = self.current
        if shown is None or not (self.readings or {}).get(shown.finding.key):
            self.notify("No suggestion to reject here", severity="warning", timeout=2,
                        markup=False)
            return
        self.post_message(self.Reject(self.entry.id, shown.finding))
