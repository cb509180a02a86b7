"""Spaces that English text lost after punctuation: ``12,2018,Chongqing``, ``Mr.Jeff``.

Only an insertion is ever made, recorded as its own repair. Numbers keep their
separators (``1,000``, ``3.5``), initialisms keep their dots (``U.S.``), and a
straight double quote is taken as opening or closing by its position in the
paragraph, so ``the"golden age"`` gains a space before it, not after.
"""

from __future__ import annotations

import re

from store.ingest.textmap import Edit, MappedText
from store.lang.patterns import compiled

# A comma before a letter, a quote or a bracket; or between digits unless it
# is a thousands separator (exactly three digits follow).
_COMMA = compiled(r",(?=[A-Za-z\"“‘(])|(?<=\d),(?=\d)(?!\d{3}(?!\d))|(?<=\D),(?=\d)")
# A period ending a word before a capital, unless the word is a single capital
# (an initial inside U.S. or J.R.R.).
_PERIOD = compiled(r"(?<=[a-z0-9)”\"])\.(?=[A-Z])|(?<=[A-Za-z0-9][A-Z])\.(?=[A-Z][a-z])")
_SEMI = compiled(r"[;:](?=[A-Za-z])(?<!https:)(?<!http:)")
_CLOSE = compiled(r"[)”](?=[A-Za-z0-9])")
_OPEN = compiled(r"(?<=[A-Za-z0-9,])[“]")
_MULTI = compiled(r"(?<=\S) {2,}(?=\S)")


def restore_spaces(text: MappedText) -> None:
    text.sub(_MULTI, lambda m: " ", "spacing")
    text.edit(space_edits(text.text), "spacing")


def space_edits(s: str) -> list[Edit]:
    points = {m.end() for p in (_COMMA, _PERIOD, _SEMI, _CLOSE) for m in p.finditer(s)}
    points |= {m.start() for m in _OPEN.finditer(s)}
    points |= _straight_quote_points(s)
    return [(p, p, " ") for p in sorted(points) if 0 < p < len(s) and s[p] != " "
            and s[p - 1] != " "]


def _straight_quote_points(s: str) -> set[int]:
    """Where a straight double quote glued to words on both sides needs a space.

    A quote with a space on one side tells whether it opens or closes; one glued
    on both sides (``the"golden``) does the opposite of the last quote seen.
    """
    points = set()
    inside = False
    for m in re.finditer('"', s):
        i = m.start()
        before = s[i - 1] if i else " "
        after = s[i + 1] if i + 1 < len(s) else " "
        if before.isalnum() and after.isalnum():
            points.add(i + 1 if inside else i)
            inside = not inside
        elif (before.isspace() or before in "([{") and not after.isspace():
            inside = True
        elif not before.isspace() and (after.isspace() or after in ".,;:!?)]}"):
            inside = False
        else:
            inside = not inside
    return points
