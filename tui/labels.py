"""Short human labels shared by the command line and the app; ``visible`` (the
store's ``inert``, handed out by ``store.api``) is the one sanitiser for text put
on a screen."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from store.api import json_escaped, visible
from store.model import Entry

__all__ = ["days_label", "json_escaped", "lines_label", "visible"]

def days_label(named: Sequence[date | str]) -> str:
    """``2018-11-12``, ``2018-11-19, 21`` (a list), ``2018-11-25–29`` (a range)."""
    days = [date.fromisoformat(d) if isinstance(d, str) else d for d in named]
    if not days:
        return "undated"
    if len(days) == 1:
        return days[0].isoformat()
    contiguous = (days[-1] - days[0]).days == len(days) - 1
    if contiguous:
        return f"{days[0].isoformat()}–{_tail(days[0], days[-1])}"
    return days[0].isoformat() + "".join(f", {_tail(days[0], d)}" for d in days[1:])


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
