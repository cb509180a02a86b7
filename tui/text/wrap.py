"""Line breaking for Chinese beside English: Unicode's rules (UAX #14, through uniseg)
with what they give Chinese for free, kinsoku.

Rich breaks a run of Chinese wherever the width runs out, so lines started with
``，`` or a lone ``。`` and numbers split across lines (``…19日、2`` / ``1日``).
UAX #14 forbids a break before closing punctuation and after opening
punctuation, keeps digits and Latin words whole, and allows one between two
ideographs; ``Wrapped`` fills lines greedily with those units. One tailoring:
a number keeps the character after it (``21日``, ``46人``, ``3月``), which UAX #14
would let go. A unit wider than the line (a long URL) is cut by cells, as Rich would.
"""

from __future__ import annotations

from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text
from uniseg.linebreak import line_break_units


class Wrapped:
    """A Rich renderable: ``text`` broken into lines by the rules above at any width."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in wrap(self.text, options.max_width):
            line.no_wrap = True
            line.overflow = "crop"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        """At least the widest unit (it cannot be broken), at most the longest line."""
        lines = self.text.plain.split("\n")
        widest_unit = max((cell_len(u.rstrip()) for ln in lines for u in units(ln)),
                          default=0)
        longest = max((cell_len(ln) for ln in lines), default=0)
        return Measurement(min(widest_unit, options.max_width), min(longest, options.max_width))


def wrap(text: Text, width: int) -> list[Text]:
    """``text`` as lines of at most ``width`` cells, styles kept; its newlines kept too."""
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        out.extend(line.divide(_breaks(line.plain, max(width, 2))) if line.plain else [line])
    return [_trimmed(piece) for piece in out]


def units(plain: str) -> Iterator[str]:
    """The pieces no line may split: UAX #14's, a number joined to the ideograph after it."""
    held = ""
    for unit in line_break_units(plain):
        if held and held[-1].isdigit() and _is_ideograph(unit[0]):
            held += unit
            continue
        if held:
            yield held
        held = unit
    if held:
        yield held


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _breaks(plain: str, width: int) -> Iterator[int]:
    """Offsets where lines end: before the unit that would not fit."""
    start = used = 0
    for whole in units(plain):
        if used and used + cell_len(whole.rstrip()) > width:
            yield start
            used = 0
        rest = whole
        while cell_len(rest.rstrip()) > width:  # wider than the line: cut it by cells
            cut = _cells_prefix(rest, width)
            start += cut
            yield start
            rest = rest[cut:]
        start += len(rest)
        used += cell_len(rest)


def _cells_prefix(unit: str, width: int) -> int:
    """How many characters of ``unit`` fill at most ``width`` cells (at least one)."""
    used = 0
    for n, ch in enumerate(unit):
        used += cell_len(ch)
        if used > width:
            return max(n, 1)
    return len(unit)


def _trimmed(line: Text) -> Text:
    """The spaces a break fell on belong to no line."""
    line.rstrip()
    return line
