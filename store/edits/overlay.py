"""An entry as the user's edits make it: hand beads, accepted readings of damaged text.

The archive keeps the entry as imported and the edits file keeps the edits;
this puts them together when an entry is read. An accepted reading becomes a
repair (kind ``reading``) like the importer's own, so the raw view shows it
and the raw text is never changed.
"""

from __future__ import annotations

from dataclasses import replace

from store.model import Accepted, EditState, Entry, Paragraph, Repair, bead_problems

READING = "reading"


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
    damage = next((d for d in p.damage if d.span == r.span), None)
    if damage is None or p.text[start:end] != r.before:
        return p  # the reading no longer fits this text: show the damage as it is
    shift = len(r.after) - (end - start)
    moved = lambda a, b: (a + shift, b + shift) if a >= end else (a, b)  # noqa: E731
    repair = Repair(READING, damage.raw_span, r.before, r.after, (start, start + len(r.after)))
    repairs = sorted([*(replace(x, at=moved(*x.at)) for x in p.repairs), repair],
                     key=lambda x: x.at)
    kept = tuple(replace(d, span=moved(*d.span)) for d in p.damage if d is not damage)
    return replace(p, text=p.text[:start] + r.after + p.text[end:], repairs=tuple(repairs),
                   damage=kept)
