"""Paragraphs as styled text, for the command line and the app alike.

The repaired text with damage marked, or the raw text with each repair
marked where it was made: removed text struck through, changed text
underlined, insertion points underlined. Text is data: control characters
are made visible, and no markup is ever parsed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from rich.text import Text

from store.model import Entry, Paragraph
from tui.text.labels import visible

DAMAGE = "bold white on red"
HIT = "black on yellow"
CURRENT_HIT = "bold black on bright_green"
REMOVED = "strike bright_red"
CHANGED = "underline bright_yellow"
EMPTY = "(no counterpart)"
#: How a finding's text is marked in the reader, by severity (damage has its own).
FLAGGED = {"error": "underline bold red", "warning": "underline yellow",
           "review": "underline cyan"}


#: The mark for the worst finding not yet reviewed, in the reader's gutter and the list.
FINDING_MARKS = {"error": ("!", "bold red"), "warning": ("▲", "yellow"),
                 "review": ("?", "bold cyan")}
_WORST_FIRST = ("error", "warning", "review")


def worst(severities: Iterable[str]) -> str | None:
    """The severity that matters most among these; None for none."""
    found = set(severities)
    return next((s for s in _WORST_FIRST if s in found), None)


#: Search hits in one paragraph: ``(start, end, is_current)`` in its repaired text.
Marks = Sequence[tuple[int, int, bool]]
#: What the checks point at in one paragraph: ``(start, end, style)``.
Flags = Sequence[tuple[int, int, str]]


def paragraph_text(p: Paragraph, *, raw: bool = False, hits: Marks = (),
                   flags: Flags = ()) -> Text:
    """Hits and findings are marked on the repaired text only; the raw text has other offsets."""
    if not raw:
        text = Text(visible(p.text))
        for start, end, style in flags:
            text.stylize(style, start, end)
        for d in p.damage:
            text.stylize(DAMAGE, *d.span)
        for start, end, current in hits:
            text.stylize(CURRENT_HIT if current else HIT, start, end)
        return text
    text = Text(visible(p.raw))
    for r in p.repairs:
        start, end = r.span
        if start == end:  # an insertion: mark the character before it
            text.stylize(CHANGED, max(0, start - 1), start)
        else:
            text.stylize(REMOVED if not r.after.strip() else CHANGED, start, end)
    for d in p.damage:
        text.stylize(DAMAGE, *d.raw_span)
    return text


def cell_text(entry: Entry, lang: str, indices: Sequence[int], *, raw: bool = False,
              line_numbers: bool = False, hits: Mapping[int, Marks] | None = None,
              flags: Mapping[int, Flags] | None = None) -> Text:
    """One side of a bead: its paragraphs, blank-line separated; an explicit mark when empty."""
    if not indices:
        return Text(EMPTY, style="dim italic")
    cell = Text()
    for n, i in enumerate(indices):
        para = entry.paragraphs(lang)[i]
        if n:
            cell.append("\n\n")
        if line_numbers:
            cell.append(f"L{para.line} ", style="dim")
        cell.append_text(paragraph_text(para, raw=raw, hits=(hits or {}).get(i, ()),
                                        flags=(flags or {}).get(i, ())))
    return cell
