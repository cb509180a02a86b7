"""English numbers written as words, whole: "Five-hundred-metre" is 500, "twenty-first" 21.

Read word by word, "Five-hundred" gave a 5 that could not answer the 500
(``五百``) of the Chinese; a run of number words joined by spaces, hyphens
or "and" is one number, and ends at an ordinal.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from store.lang.patterns import compiled

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
_WORDS = "|".join(sorted([*_UNITS, *_ORDINALS, "hundred", *_SCALES], key=len, reverse=True))
_WORD = compiled(rf"\b(?:{_WORDS})\b", re.IGNORECASE)
_JOIN = compiled(r"[\s-]+(?:and[\s-]+)?", re.IGNORECASE)
#: Numbers said without a number word: "the centenary of the CPC" is 成立100年, "half a
#: million" 50万, "a decade" 十年; and "two decades" 二十年.
_PHRASE = compiled(r"\b(?:half an? (?P<half>million|billion)|an? (?P<one>decade|dozen)"
                     r"|(?P<bi>bi)?centen(?:ary|nial))\b", re.IGNORECASE)
_TIMES = compiled(r"[\s-]+(?P<what>decades?|dozen)\b", re.IGNORECASE)
_TIMES_VALUE = {"decade": 10, "decades": 10, "dozen": 12}


def number_words(text: str) -> Iterator[tuple[tuple[int, int], str, int]]:
    """(span, words, value) of each run of number words in ``text``, and of each phrase
    that says a number without one ("a decade")."""
    for m in _PHRASE.finditer(text):
        value = (_SCALES[m["half"].lower()] // 2 if m["half"] else
                 _TIMES_VALUE[m["one"].lower()] if m["one"] else 200 if m["bi"] else 100)
        yield m.span(), m.group(), value
    yield from _runs(text)


def _runs(text: str) -> Iterator[tuple[tuple[int, int], str, int]]:
    run: list[re.Match[str]] = []
    for m in _WORD.finditer(text):
        if run and not _joined(text, run[-1], m):
            yield _run(text, run)
            run = []
        run.append(m)
    if run:
        yield _run(text, run)


def _joined(text: str, before: re.Match[str], after: re.Match[str]) -> bool:
    """Whether two number words are one number: "twenty-first", "one hundred and five",
    "twenty and eight" and "four and twentieth" (as the Bible counts).

    An ordinal ends a number: "the eleventh and twelfth" is 11 and 12 (read as one
    run, 23, both were reported missing), "the first two" 1 and 2.
    """
    return (before.group().lower() not in _ORDINALS
            and bool(_JOIN.fullmatch(text, before.end(), after.start())))


def _run(text: str, run: list[re.Match[str]]) -> tuple[tuple[int, int], str, int]:
    """The run's number, times what follows it: "two decades" is 20, "a dozen" 12."""
    value = _value([m.group().lower() for m in run])
    end = run[-1].end()
    if times := _TIMES.match(text, end):
        value, end = value * _TIMES_VALUE[times["what"].lower()], times.end()
    span = run[0].start(), end
    return span, text[slice(*span)], value


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
