"""Words that PDF extraction split around an f-ligature: ``Off i ce``, ``fi nancial``.

A run of two or three words is joined only when every gap sits inside or just
after an ``ff``, ``fi`` or ``fl`` ligature (never before one: ``in fi elds`` is
``in fields``, not ``infields``), the joined form is an English word, and the
pieces are not all words already (``a friendly``, ``self less`` stay apart).
The word list is pyspellchecker's English dictionary, loaded on first need.
"""

from __future__ import annotations

import itertools
import re

from store.ingest.textmap import Edit, MappedText
from store.lang.english import english_count
from store.lang.patterns import compiled

_WORD = compiled(r"[A-Za-z]+")
_LIGATURE = compiled(r"ff[il]?|f[il]")
_SPLIT_HINT = compiled(r"f[fil]? |f [fil]")
#: The last letter of a word that a split inside or just after a ligature leaves: the
#: hint above matches every "of the", and trying each word of such a paragraph was
#: 3,000 tries of ``_is_split_word`` an import of the sample bulletin.
_ENDS = frozenset("fFiIlL")
#: What is left of a word around a split ligature; never a word in its own right.
_FRAGMENTS = frozenset({"f", "i", "l", "ff", "fi", "fl", "ffi", "ffl"})


def is_word(token: str) -> bool:
    lower = token.lower()
    return lower not in _FRAGMENTS and english_count(lower) > 0


def join_ligatures(text: MappedText) -> None:
    text.edit(ligature_edits(text.text), "ligature")


def ligature_edits(s: str) -> list[Edit]:
    if not _SPLIT_HINT.search(s):
        return []
    words = list(_WORD.finditer(s))
    edits: list[Edit] = []
    k = 0
    while k < len(words):
        for size in (3, 2):
            run = words[k:k + size]
            if len(run) == size and run[0].group()[-1] in _ENDS and _is_split_word(s, run):
                edits.append((run[0].start(), run[-1].end(), "".join(m.group() for m in run)))
                k += size
                break
        else:
            k += 1
    return edits


def _is_split_word(s: str, run: list[re.Match[str]]) -> bool:
    if any(s[a.end():b.start()] != " " for a, b in itertools.pairwise(run)):
        return False
    parts = [m.group() for m in run]
    joined = "".join(parts)
    gaps, pos = [], 0
    for part in parts[:-1]:
        pos += len(part)
        gaps.append(pos)
    ligatures = [m.span() for m in _LIGATURE.finditer(joined.lower())]
    if not all(any(a < g <= b for a, b in ligatures) for g in gaps):
        return False
    return is_word(joined) and not all(is_word(p) for p in parts)
