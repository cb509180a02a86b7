"""Short human labels shared by the command line and the app."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from store.model import Entry

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text as data: control characters (ESC, OSC, BEL...) shown, never obeyed.

    C0 controls become their Unicode control pictures (ESC -> ␛), C1 controls
    ⍰; one character for one, so spans computed on the text still fit.
    """
    return _CONTROL.sub(_picture, text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\u2370"


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
