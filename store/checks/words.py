"""English numbers written as words, whole: "Five-hundred-metre" is 500, "twenty-first" 21.

Read word by word, "Five-hundred" gave a 5 that could not answer the 500
(``五百``) of the Chinese; a run of number words joined by spaces, hyphens
or "and" is one number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_UNITS |= {w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety"
                                            .split(), 2)}
_ORDINALS = {w: i for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split(), 1)}
_ORDINALS |= {w: 10 * i for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split(), 2)}
_SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000}
_WORD = "|".join(sorted([*_UNITS, *_ORDINALS, "hundred", *_SCALES], key=len, reverse=True))
_RUN = re.compile(rf"\b(?:{_WORD})(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD}))*\b", re.IGNORECASE)


def number_words(text: str) -> Iterator[tuple[tuple[int, int], str, int]]:
    """(span, words, value) of each run of number words in ``text``."""
    for m in _RUN.finditer(text):
        yield m.span(), m.group(), _value(re.split(r"[\s-]+", m.group().lower()))


def _value(words: list[str]) -> int:
    total, current = 0, 0
    for word in words:
        if word in _UNITS or word in _ORDINALS:
            current += _UNITS.get(word, _ORDINALS.get(word, 0))
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in _SCALES:
            total += max(current, 1) * _SCALES[word]
            current = 0
    return total + current
