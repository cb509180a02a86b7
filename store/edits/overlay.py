"""An entry as the user's edits make it: hand beads, accepted readings of damaged text.

The archive keeps the entry as imported and the edits file keeps the edits;
this puts them together when an entry is read. An accepted reading becomes a
repair (kind ``reading``) like the importer's own, so the raw view shows it
and the raw text is never changed. A replacement the user made of text that
was not damaged (a cell corrected in a spreadsheet, read back from bitext's
CSV) is a repair of kind ``edit`` the same way: an accepted change is a
reading when it replaces a damaged span, an edit otherwise, so the edits file
keeps both in one list.
"""

from __future__ import annotations

from dataclasses import replace

from store.model import Accepted, EditState, Entry, Paragraph, Repair, bead_problems

READING = "reading"
EDIT = "edit"


def apply(entry: Entry, state: EditState | None) -> Entry:
    """``edited`` only when beads or text changed: a turned-down suggestion changes neither.

    An edit that does not fit the entry (the edits file was changed by hand, or
    names paragraphs the entry lacks) is left out, so a bad edit never stops the
    entry from being read; ``bitext check-archive`` names it.
    """
    if state is None:
        return entry
    zh, en = list(entry.zh), list(entry.en)
    for r in state.readings:
        paragraphs = zh if r.lang == "zh" else en
        if r.para < len(paragraphs):
            paragraphs[r.para] = _with_reading(paragraphs[r.para], r)
    beads = state.beads
    if beads is not None and bead_problems(beads, len(zh), len(en)):
        beads = None
    return replace(entry, zh=tuple(zh), en=tuple(en),
                   beads=entry.beads if beads is None else beads,
                   edited=beads is not None or bool(state.readings))


def _with_reading(p: Paragraph, r: Accepted) -> Paragraph:
    """The damage at ``r.span`` replaced by ``r.after``; later spans shift with it."""
    start, end = r.span
    if p.text[start:end] != r.before:
        return p  # the change no longer fits this text: show it as it is
    damage = next((d for d in p.damage if d.span == r.span), None)
    if damage is None:
        return _with_edit(p, r)
    shift = len(r.after) - (end - start)
    moved = lambda a, b: (a + shift, b + shift) if a >= end else (a, b)  # noqa: E731
    repair = Repair(READING, damage.raw_span, r.before, r.after, (start, start + len(r.after)))
    repairs = sorted([*(replace(x, at=moved(*x.at)) for x in p.repairs), repair],
                     key=lambda x: x.at)
    kept = tuple(replace(d, span=moved(*d.span)) for d in p.damage if d is not damage)
    return replace(p, text=p.text[:start] + r.after + p.text[end:], repairs=tuple(repairs),
                   damage=kept)


def _with_edit(p: Paragraph, r: Accepted) -> Paragraph:
    """The text at ``r.span`` replaced by ``r.after``, recorded over the raw text.

    A repair the change overlaps is taken into it (the edit then spans both), so
    the raw text with the repairs applied is still the text; damage it overlaps
    is gone, since the user wrote that text anew.
    """
    start, end = r.span
    while grown := [x for x in p.repairs if x.at[0] < end and x.at[1] > start
                    and (x.at[0] < start or x.at[1] > end)]:
        start = min(start, *(x.at[0] for x in grown))
        end = max(end, *(x.at[1] for x in grown))
    before = [x for x in p.repairs if x.at[1] <= start]
    later = [x for x in p.repairs if x.at[1] > start and x.at[0] >= end]
    inside = [x for x in p.repairs if x not in before and x not in later]
    raw_start = start + sum(_growth(x) for x in before)
    raw_end = raw_start + end - start + sum(_growth(x) for x in inside)
    after = p.text[start:r.span[0]] + r.after + p.text[r.span[1]:end]
    shift = len(after) - (end - start)
    moved = lambda a, b: (a + shift, b + shift)  # noqa: E731
    edit = Repair(EDIT, (raw_start, raw_end), p.raw[raw_start:raw_end], after,
                  (start, start + len(after)))
    repairs = (*before, edit, *(replace(x, at=moved(*x.at)) for x in later))
    damage = tuple(d if d.span[1] <= start else replace(d, span=moved(*d.span))
                   for d in p.damage if d.span[1] <= start or d.span[0] >= end)
    return replace(p, text=p.text[:start] + after + p.text[end:], repairs=repairs,
                   damage=damage)


def _growth(x: Repair) -> int:
    """How much longer the raw text is than the text, over one repair."""
    return (x.span[1] - x.span[0]) - (x.at[1] - x.at[0])
