"""Line breaking for Chinese beside English, with kinsoku: the rules of Unicode line
breaking (UAX #14) that matter for the two languages, written as one regular expression.

Rich breaks a run of Chinese wherever the width runs out, so lines started with
``，`` or a lone ``。`` and numbers split across lines (``…19日、2`` / ``1日``).
Here a line never starts with closing punctuation nor ends with opening
punctuation, Latin words and numbers stay whole (``3.5%``, ``Guiping,``; a
hyphen may end a line), a number keeps the character after it (``21日``,
``46人``), and a line may break between any two ideographs; ``Wrapped`` fills
lines greedily with those units. A unit wider than the line (a long URL) is cut
by cells, as Rich would.

uniseg implements all of UAX #14, in pure Python: 75 µs a character, 0.15 s to
draw an entry of 2,000 characters, at every width the reader is drawn at. The
expression takes about 1 µs a character (measured by hand; ``tests/test_wrap.py``
holds the rules above for every width and for random text).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text


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


#: Punctuation that opens (a line may not end with it) and that closes (a line may not
#: start with it), in Chinese and Latin typesetting.
_OPENING = "（「『《〈【〔“‘(\\[{"
_CLOSING = "，。、；：？！）」』》〉】〕”’…,.;:?!)\\]}%"
#: Letters of Latin script, accented ones and pinyin's tone marks too (``guó``), and digits.
_LATIN = "A-Za-z0-9０-９\u00c0-\u024f\u0300-\u036f\u1e00-\u1eff"
_UNIT = re.compile(rf"""
    [{_OPENING}]*                                   # opening marks stay with what follows
    (?: [{_LATIN}]+(?:['’.,:/&+][{_LATIN}%]+)*-?   # a word or number; a hyphen ends it
      | \s                                          # a lone space (leading)
      | .                                           # any other character: an ideograph
    )
    [{_CLOSING}]*                                   # closing marks stay with what precedes
    [ \t]*                                          # and the spaces after: a line ends there
    """, re.VERBOSE | re.DOTALL)


def units(plain: str) -> Iterator[str]:
    """The pieces no line may split; a number joined to the ideograph after it."""
    held = ""
    for m in _UNIT.finditer(plain):
        unit = m.group()
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
