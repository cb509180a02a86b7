"""The one normalisation that the index, the queries and the hit offsets share.

A query and a text match when they fold to the same characters. The fold is
NFKC (full-width ``Ｂｅｌａｒｕｓ``, ``，`` and compatibility ideographs to
their plain forms), then case folding, then OpenCC's traditional-to-simplified
table (``重慶`` and ``重庆`` fold alike; never simplified-to-traditional, which
is one-to-many: 发 is 發 or 髮).

It works one character at a time and never changes the length of a text: a
character whose compatibility form is longer (``…`` -> ``...``, ``ﬁ`` -> ``fi``)
is kept as it is. So an offset in folded text is the same offset in the text
the reader shows, and hits need no offset map. For the same reason OpenCC's
phrase table is not used: converting ``乾隆`` as a phrase but ``乾`` alone as
``干`` would make a one-character query miss the text it is part of.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache

import opencc

from store.lang.patterns import compiled
from store.lang.script import HAN

#: Code point ranges whose traditional forms OpenCC may simplify.
_HAN_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x2FA20))


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s.json")


class _FoldTable(dict[int, int]):
    """``str.translate`` table filled on first sight of each character.

    Folding all 1.1 million code points up front takes a second; a text uses a
    few thousand distinct characters.
    """

    _lock = threading.Lock()

    def __missing__(self, code: int) -> int:
        with self._lock:
            folded = ord(fold_char(chr(code)))
            self[code] = folded
            return folded


def fold_char(ch: str) -> str:
    """One character folded; always exactly one character."""
    return fold_chars([ch])[0]


def fold_chars(chars: list[str]) -> list[str]:
    """Each character folded, as ``fold_char`` folds it; OpenCC is called once for all.

    The Han characters go to OpenCC's t2s separated by newlines, so it sees each
    on its own and applies its character table, not its phrase table. Only the
    characters asked for: converting every Han character up front (100,000) took
    28-45 ms of each process's first fold, one at a time 10 µs each.
    """
    out = []
    for ch in chars:
        folded = ch
        for step in (lambda c: unicodedata.normalize("NFKC", c), str.casefold, str.lower):
            changed = step(folded)
            if len(changed) == 1:
                folded = changed
        out.append(folded)
    han = [n for n, ch in enumerate(out) if any(lo <= ord(ch) < hi for lo, hi in _HAN_RANGES)]
    if han:
        converted = _t2s().convert("\n".join(out[n] for n in han)).split("\n")
        for n, simple in zip(han, converted, strict=True):
            if len(simple) == 1:
                out[n] = simple
    return out


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """``text`` folded for matching, the same length as ``text``."""
    if text.isascii():
        return text.lower()
    if len(text.encode()) - len(text) < len(text) // 8:  # English with a few curly quotes
        folded = _NON_ASCII.sub(lambda m: m.group().translate(_TABLE), text)
        return folded.encode().lower().decode()  # bytes.lower() touches ASCII letters only
    return text.translate(_TABLE)


#: Runs of non-ASCII characters: the only ones that need the table.
_NON_ASCII = compiled(r"[^\x00-\x7f]+")


#: Characters indexed one by one (unigrams and bigrams).
HAN_CLASS = f"[{HAN}]"
#: A word: letters and digits of any script but Han; ``_`` is a separator.
WORD_CLASS = f"[^\\W_{HAN}]"
