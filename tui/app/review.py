"""The app's side of comparing and correcting: findings, review marks, readings, alignment edits.

A mixin of ``BitextApp``, kept apart because it is one concern with its own
keys. Every write goes through ``store`` in a thread worker that posts
``EntryEdited``; one lock keeps edits in the order they were asked for, so a
quick ``m m`` merges twice on top of each other rather than racing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from textual import work
from textual.binding import Binding

from store.api import Archive
from store.errors import BitextError
from store.model import LANG_NAMES, Entry, Finding, bead_of
from tui.app.files import file_stamp
from tui.app.host import Host
from tui.app.messages import EditFailed, EntryEdited, FindingsLoaded, ReadingsReady
from tui.app.screens.findings import FindingsScreen
from tui.app.widgets.reader import Shown
from tui.text.paragraphs import worst

REVIEW_BINDINGS = [
    Binding("e", "findings", "Findings", id="app.findings"),
    Binding("E", "next_finding", "Next finding", show=False, id="app.next-finding"),
    Binding("m", "edit('merge')", "Merge with next bead", show=False, id="app.merge"),
    Binding("s", "edit('split')", "Split bead", show=False, id="app.split"),
    Binding("x", "edit('detach', 'zh')", "Detach the Chinese", show=False, id="app.detach-zh"),
    Binding("X", "edit('detach', 'en')", "Detach the English", show=False, id="app.detach-en"),
    Binding("greater_than_sign", "edit('boundary-down', 'zh')", "Take next Chinese paragraph",
            key_display=">", show=False, id="app.zh-down"),
    Binding("less_than_sign", "edit('boundary-up', 'zh')", "Give last Chinese paragraph",
            key_display="<", show=False, id="app.zh-up"),
    Binding("right_curly_bracket", "edit('boundary-down', 'en')",
            "Take next English paragraph", key_display="}", show=False, id="app.en-down"),
    Binding("left_curly_bracket", "edit('boundary-up', 'en')", "Give last English paragraph",
            key_display="{", show=False, id="app.en-up"),
    Binding("u", "undo", "Undo edit", show=False, id="app.undo"),
    Binding("ctrl+r", "redo", "Redo edit", show=False, id="app.redo"),
]
#: Actions that act on the open entry: not while another screen is on top.
REVIEW_ACTIONS = frozenset({"findings", "next_finding", "edit", "undo", "redo"})



@dataclass
class Checked:
    """What the app knows of the checks: the user's review marks, and whether the list's
    flags (which entries have findings left to review, ``EntryList.flags``) are loaded.

    The findings themselves are found for the entry opened: a million entries'
    findings kept for the session were 500 MB, and the flags answer "the next
    finding" (``E``) as well.
    """

    loaded: bool = False
    reviewed: dict[str, dict[str, str]] = field(default_factory=dict)

    def shown(self, entry_id: str, findings: tuple[Finding, ...]) -> list[Shown]:
        marks = self.reviewed.get(entry_id, {})
        return [Shown(f, f.key in marks) for f in findings]


def flags_of(findings: Iterable[tuple[str, tuple[Finding, ...]]],
             reviewed: dict[str, dict[str, str]]) -> dict[str, str]:
    """Entry id -> its worst finding not yet reviewed, for the list's marks."""
    out = {}
    for entry_id, found in findings:
        marks = reviewed.get(entry_id, {})
        if top := worst(f.severity for f in found if f.key not in marks):
            out[entry_id] = top
    return out


class ReviewMixin:
    """Findings (``e``, ``E``), review marks, readings and alignment edits for ``BitextApp``."""

    checked: Checked
    _edit_lock: threading.Lock
    _edits_stamp: tuple[int, int, int] | None

    def _init_review(self) -> None:
        self.checked = Checked()
        self._edit_lock = threading.Lock()
        self._edits_stamp = None

    def edits_changed(self: Host) -> bool:
        """Whether the edits file changed since this app last read or wrote it."""
        if self.archive is None:
            return False
        stamp = file_stamp(self.archive.edits_path)
        changed = stamp != self._edits_stamp
        self._edits_stamp = stamp
        return changed

    # -- loading ------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="findings")
    def load_findings(self: Host, archive: Archive) -> None:
        self._edits_stamp = file_stamp(archive.edits_path)
        reviewed = archive.all_reviewed()
        flags = flags_of(archive.each_findings(), reviewed)  # 100,000 entries: not on the loop
        self.post_message(FindingsLoaded(reviewed, flags))

    def on_findings_loaded(self: Host, message: FindingsLoaded) -> None:
        self.checked.loaded = True
        self.checked.reviewed = message.reviewed
        self.entries.flag(message.flags)

    def findings_of(self: Host, entry: Entry) -> list[Shown]:
        """The open entry's findings, found now: stored ones are cheap, edited ones quick."""
        assert self.archive is not None
        self.checked.reviewed[entry.id] = self.archive.reviewed(entry.id)
        shown = self.checked.shown(entry.id, self.archive.findings_of(entry))
        self._flag(entry.id, shown)
        return shown

    def _flag(self: Host, entry_id: str, shown: list[Shown]) -> None:
        """The entry's mark in the list as its findings are now (an edited entry's may
        differ from what was stored)."""
        top = worst(s.finding.severity for s in shown if not s.reviewed)
        if self.entries.flags.get(entry_id) != top:
            flags = dict(self.entries.flags)
            flags.pop(entry_id, None)
            if top:
                flags[entry_id] = top
            self.entries.flag(flags)

    # -- the findings screen --------------------------------------------------------

    def action_findings(self: Host) -> None:
        entry = self.reader.entry
        if entry is None or self.archive is None:
            self.say("Open an entry first", timeout=2)
            return
        self.push_screen(FindingsScreen(entry, self.reader.findings, bead=self.reader.selected),
                         self._finding_chosen)
        if any(s.finding.check == "damage" for s in self.reader.findings):
            self.recover_readings(self.archive, entry.id)

    @work(thread=True, exclusive=True, exit_on_error=False, group="readings")
    def recover_readings(self: Host, archive: Archive, entry_id: str) -> None:
        found = {s.finding.key: [r.text for r in s.readings]
                 for s in archive.suggestions(entry_id)}
        self.post_message(ReadingsReady(entry_id, found))

    def on_readings_ready(self: Host, message: ReadingsReady) -> None:
        screen = self.screen
        if isinstance(screen, FindingsScreen) and screen.entry.id == message.entry_id:
            screen.show_state(screen.entry, screen.findings, message.readings)

    def _finding_chosen(self: Host, finding: Finding | None) -> None:
        entry = self.reader.entry
        if finding is None or entry is None:
            return
        if finding.lang is not None and (k := bead_of(entry.beads, finding.lang,
                                                      finding.para or 0)) is not None:
            self.reader.select_bead(k)
        self.reader.focus()

    def on_findings_screen_review(self: Host, message: FindingsScreen.Review) -> None:
        archive, f = self.archive, message.finding
        assert archive is not None
        word = "reviewed" if message.reviewed else "not reviewed"
        self.save_edit(lambda: _then_entry(archive, message.entry_id, lambda: archive.set_reviewed(
            message.entry_id, f.key, message.reviewed)), f"Marked {word}", None)

    def on_findings_screen_accept(self: Host, message: FindingsScreen.Accept) -> None:
        archive = self.archive
        assert archive is not None
        self.save_edit(lambda: archive.accept_reading(message.entry_id, message.finding,
                                                      message.text),
                       f"Accepted the reading {message.text} (u undoes)", None)

    def on_findings_screen_reject(self: Host, message: FindingsScreen.Reject) -> None:
        archive = self.archive
        assert archive is not None
        self.save_edit(lambda: archive.reject_reading(message.entry_id, message.finding),
                       "Suggestion turned down: the damage stays marked (u undoes)", None)

    # -- next finding ---------------------------------------------------------------

    async def action_next_finding(self: Host) -> None:
        """The next finding not yet reviewed: in this entry below the selected bead, then on."""
        if not self.checked.loaded:
            self.say("Findings are still loading", timeout=2)
            return
        entry = self.reader.entry
        if entry is not None and (k := _next_bead(entry, self.reader.findings,
                                                  self.reader.selected)) is not None:
            self.reader.select_bead(k)
            return
        order = list(self.entries.rows.summaries.ids)
        start = order.index(entry.id) + 1 if entry is not None and entry.id in order else 0
        for entry_id in order[start:] + order[:start]:
            if entry_id not in self.entries.flags:  # no finding left to review
                continue
            if entry is not None and entry_id == entry.id:
                self.say("Findings wrapped", timeout=1.5)
            else:
                self.entries.move_to(entry_id)
                await self.open_entry(entry_id)
            if (opened := self.reader.entry) is not None:
                self.reader.select_bead(_next_bead(opened, self.reader.findings, -1) or 0)
            return
        self.say("No findings left to review", timeout=2)

    # -- alignment edits ------------------------------------------------------------

    def action_edit(self: Host, edit: str, lang: str = "zh") -> None:
        entry, archive, k = self.reader.entry, self.archive, self.reader.selected
        if entry is None or archive is None:
            self.say("Open an entry first", timeout=2)
            return
        notes = {
            "merge": f"Merged beads {k + 1} and {k + 2}",
            "split": f"Split bead {k + 1}",
            "detach": f"Detached the {LANG_NAMES[lang]} of bead {k + 1}",
            "boundary-down": f"Bead {k + 1} took the next {LANG_NAMES[lang]} paragraph",
            "boundary-up": f"Bead {k + 1} gave its last {LANG_NAMES[lang]} paragraph on",
        }
        self.save_edit(lambda: archive.edit_alignment(entry.id, edit, k, lang),  # type: ignore[arg-type]
                       notes[edit] + " (u undoes)", k)

    def action_undo(self: Host) -> None:
        self._step(lambda archive, entry_id: archive.undo(entry_id), "Undone (ctrl+r redoes)")

    def action_redo(self: Host) -> None:
        self._step(lambda archive, entry_id: archive.redo(entry_id), "Redone")

    def _step(self: Host, step: Callable[[Archive, str], Entry], note: str) -> None:
        entry, archive = self.reader.entry, self.archive
        if entry is None or archive is None:
            self.say("Open an entry first", timeout=2)
            return
        self.save_edit(lambda: step(archive, entry.id), note, self.reader.selected)

    # -- saving ---------------------------------------------------------------------

    @work(thread=True, exit_on_error=False, group="edit")
    def save_edit(self: Host, do: Callable[[], Entry], note: str, bead: int | None) -> None:
        assert self.archive is not None
        with self._edit_lock:
            try:
                entry = do()
                findings = self.archive.findings_of(entry)
                reviewed = self.archive.reviewed(entry.id)
            except BitextError as e:
                self.post_message(EditFailed(str(e)))
                return
            self._edits_stamp = file_stamp(self.archive.edits_path)  # our own write
        self.post_message(EntryEdited(entry, findings, reviewed, note, bead))

    async def on_entry_edited(self: Host, message: EntryEdited) -> None:
        entry = message.entry
        self.checked.reviewed[entry.id] = message.reviewed
        shown = self.checked.shown(entry.id, message.findings)
        self._flag(entry.id, shown)
        if self.reader.entry is not None and self.reader.entry.id == entry.id:
            if self.reader.entry == entry:
                self.reader.show_findings(shown)
            else:
                bead = self.reader.selected if message.bead is None else message.bead
                await self.reader.show(entry, self.search.hits_in(entry.id), shown,
                                       bead=min(bead, len(entry.beads) - 1))
        screen = self.screen
        if isinstance(screen, FindingsScreen) and screen.entry.id == entry.id:
            screen.show_state(entry, shown, None)
        if self.archive is not None:
            self.prepare_index(self.archive)  # an accepted reading (or its undo) changed text
        self.say(message.note, timeout=2.5)

    def on_edit_failed(self: Host, message: EditFailed) -> None:
        self.say(message.problem, title="Not done", severity="warning", timeout=4)


def _then_entry(archive: Archive, entry_id: str, do: Callable[[], object]) -> Entry:
    do()
    return archive.entry(entry_id)


def _next_bead(entry: Entry, shown: list[Shown] | tuple[Shown, ...], after: int) -> int | None:
    """The first bead after ``after`` with a finding not reviewed."""
    beads = sorted({0 if s.finding.lang is None else (bead_of(entry.beads, s.finding.lang,
                                                              s.finding.para or 0) or 0)
                    for s in shown if not s.reviewed})
    return next((k for k in beads if k > after), None)
