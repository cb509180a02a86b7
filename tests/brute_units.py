"""The brute-force side of the search oracles: folded text as units (a Han character or a
word's stem) with what stands before each, for test_search_property and
test_search_positions to compare the index with."""

from __future__ import annotations

import re

from store.lang.script import HAN
from store.search.terms import stem

_IS_HAN = re.compile(f"[{HAN}]")

#: kind ("h" Han, "w" word stem), key, and what stands before it: 0 nothing, 1 a
#: separator, 2 a paragraph's end (which no phrase runs across).
Unit = tuple[str, str, int]


def units(folded: str, first: int = 0) -> list[Unit]:
    """``first``: what stands before the first unit (2 where text starts a new paragraph)."""
    out: list[Unit] = []
    word, gap = "", first
    for ch in folded + "\0":
        if ch.isalnum() and not _IS_HAN.match(ch):
            word += ch
            continue
        if word:
            out.append(("w", stem(word), gap))
            word, gap = "", 0
        if _IS_HAN.match(ch):
            out.append(("h", ch, gap))
            gap = 0
        elif not ch.isalnum():
            gap = max(gap, 2 if ch == "\n" else 1)
    return out
