"""Short human labels shared by the command line and the app; ``visible`` (the
store's ``inert``, handed out by ``store.api``) is the one sanitiser for text put
on a screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len, set_cell_size

from store.api import json_escaped, visible
from store.model import Entry

__all__ = ["counted", "days_label", "fitted", "json_escaped", "lines_label", "visible"]


def days_label(named: Sequence[date | str], *, within: str = "") -> str:
    """``2018-11-12``, ``2018-11-19, 21`` (a list), ``2018-11-25–29`` (a range).

    ``within`` a month already shown (``2018-11``, a list's month header), its
    days only: ``12``, ``19, 21``, ``25–29``, ``30–12-02``.
    """
    days = [date.fromisoformat(d) if isinstance(d, str) else d for d in named]
    if not days:
        return "undated"
    label = days[0].isoformat()
    if len(days) > 1 and (days[-1] - days[0]).days == len(days) - 1:
        label += f"–{_tail(days[0], days[-1])}"
    elif len(days) > 1:
        label += "".join(f", {_tail(days[0], d)}" for d in days[1:])
    return label.removeprefix(within + "-") if within else label


def _tail(first: date, d: date) -> str:
    if d.year != first.year:
        return d.isoformat()
    if d.month != first.month:
        return f"{d.month:02d}-{d.day:02d}"
    return f"{d.day:02d}"


def lines_label(entry: Entry) -> str:
    """Where in the source file the entry's paragraphs sit: ``lines 1-4, 26-29``."""
    spans = []
    for paras in (entry.zh, entry.en):
        if paras:
            a, b = paras[0].line, paras[-1].line
            spans.append(f"{a}" if a == b else f"{a}-{b}")
    return "lines " + ", ".join(spans)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 entry``, ``3 entries``, ``1,204 beads``: never "1 entries"."""
    return f"{n:,} {one if n == 1 else many or one + 's'}"


def fitted(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in ``…`` when cut, so a reader
    sees that the title goes on (a CJK character is two cells: never half of one)."""
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1).rstrip() + "…"
