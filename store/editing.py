"""The user's changes to an archive, recorded: review marks, readings, alignment edits, undo.

``store.edits`` says what an edit makes of an entry; this records each change
in the edits file beside the archive (``store.archive.EditsFile``) under the
archive's writer lock, built on the edit state the file holds then, so an edit
made meanwhile by another bitext is built on, not overwritten. An entry's
changes are recorded against the entry as imported (``base``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from store import edits
from store.archive import ArchiveFile, EditsFile
from store.archive.edits import Edits
from store.errors import EditError
from store.model import Accepted, EditState, Entry, Finding, Lang, bead_problems

if TYPE_CHECKING:
    from store.checks import Reading

#: A new edit state from the entry as edited now and its current state.
Change = Callable[[Entry, EditState], EditState]


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A damage finding with the readings recovered for it, best first."""

    finding: Finding
    readings: list[Reading]


def edited(file: EditsFile, entry: Entry) -> Entry:
    """``entry`` as imported, with the user's current edits applied."""
    return edits.apply(entry, file.read().state(entry.id, entry.digest))


def set_reviewed(file: EditsFile, entry_id: str, key: str, reviewed: bool) -> None:
    """Mark a finding reviewed (or not), with when."""
    with file.change() as changing:
        marks = changing.reviewed.setdefault(entry_id, {})
        if reviewed:
            marks[key] = datetime.now(UTC).isoformat(timespec="seconds")
        else:
            marks.pop(key, None)
            if not marks:
                del changing.reviewed[entry_id]


def suggestions(file: EditsFile, entry: Entry, findings: tuple[Finding, ...]
                ) -> list[Suggestion]:
    """Readings recovered for the damage among ``findings`` of ``entry`` (as edited).

    Damage the user turned down a reading for is left out.
    """
    from store.checks import readings  # noqa: PLC0415  (the checks: 70 ms every search skips)

    state = file.read().state(entry.id, entry.digest) or EditState()
    out = []
    for f in findings:
        if f.check != "damage" or f.key in state.rejected or f.span is None:
            continue
        text = entry.paragraphs(f.lang or "zh")[f.para or 0].text
        if found := readings(text, f.span):
            out.append(Suggestion(f, found))
    return out


def accept_reading(file: EditsFile, base: Entry, finding: Finding, text: str) -> None:
    """Replace a damaged span by a reading the user chose."""
    if finding.check != "damage" or finding.span is None or finding.lang is None:
        raise EditError("only damaged text can take a reading")
    accepted = Accepted(finding.lang, finding.para or 0, finding.span, finding.subject, text)
    _push(file, base, lambda _, s: replace(s, readings=(*s.readings, accepted)))


def edit_texts(file: EditsFile, changes: Sequence[tuple[Entry, Sequence[tuple[Lang, int, str]]]]
               ) -> None:
    """New text for some paragraphs of each entry (as imported): a spreadsheet's, in one
    write, one step per entry that ``u`` takes back. Each is recorded as the span that
    changed, shown as a repair of kind ``edit`` over the raw text, which stays
    (``store.edits.overlay``)."""
    def change(texts: Sequence[tuple[Lang, int, str]]) -> Change:
        def made(entry: Entry, state: EditState) -> EditState:
            spans = []
            for lang, para, text in texts:
                old = entry.paragraphs(lang)[para].text
                start, end, after = changed_span(old, text)
                if old != text:
                    spans.append(Accepted(lang, para, (start, end), old[start:end], after))
            return replace(state, readings=(*state.readings, *spans))
        return made

    with file.change() as changing:
        for base, texts in changes:
            _push_to(changing, base, change(texts))


def changed_span(old: str, new: str) -> tuple[int, int, str]:
    """Where ``new`` differs from ``old``: ``old[start:end]`` became the text returned."""
    start = next((k for k, (a, b) in enumerate(zip(old, new, strict=False)) if a != b),
                 min(len(old), len(new)))
    tail = 0
    while tail < min(len(old), len(new)) - start and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    return start, len(old) - tail, new[start:len(new) - tail]


def reject_reading(file: EditsFile, base: Entry, finding: Finding) -> None:
    """Turn a suggestion down: the damage stays marked, and is not suggested again."""
    _push(file, base, lambda _, s: replace(s, rejected=(*s.rejected, finding.key)))


def edit_alignment(file: EditsFile, base: Entry, edit: str, bead: int, lang: Lang) -> None:
    """One of ``store.edits.EDITS`` on bead ``bead`` of the entry as edited now."""
    _push(file, base, lambda entry, s: replace(
        s, beads=edits.edited(entry.beads, edit, bead, lang)))


def step(file: EditsFile, base: Entry, by: int) -> None:
    """Undo (``by`` -1) or redo (1) the entry's last edit."""
    with file.change() as changing:
        changing.history(base.id, base.digest).step(by)


def problems(file: EditsFile, archive: ArchiveFile) -> list[str]:
    """Hand edits that name a missing entry, other content, or beads that lose text."""
    out = []
    for entry_id, history in file.read().histories.items():
        where = f"{file.path.name}: {entry_id}"
        base = archive.entry(entry_id)
        if base is None:
            out.append(f"{where}: edits for an entry the archive does not have")
        elif history.digest != base.digest:
            out.append(f"{where}: edits made for other content (not applied)")
        elif not 0 <= history.at < len(history.states):
            out.append(f"{where}: the current edit {history.at} does not exist")
        else:
            out += [f"{where}: edit {n}: {problem}"
                    for n, state in enumerate(history.states) if state.beads is not None
                    for problem in bead_problems(state.beads, len(base.zh), len(base.en))]
    return out


def _push(file: EditsFile, base: Entry, change: Change) -> None:
    """Record a new edit state, made from the entry as the edits file has it now."""
    with file.change() as changing:
        _push_to(changing, base, change)


def _push_to(changing: Edits, base: Entry, change: Change) -> None:
    history = changing.history(base.id, base.digest)
    state = history.current if history.at else None
    history.push(change(edits.apply(base, state), history.current))
