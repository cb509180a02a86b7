"""Readings of single Han characters, cached; pinyin without its tones; what a syllable is.

Looked up per character with every heteronym, so a polyphone such as 重
(zhong, chong) yields both readings and whichever the English uses can match;
pypinyin's phrase-level conversion is slower by an order of magnitude and
would pick one reading where names need either.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from store.lang.cache import cached_table

_VOWELS = frozenset("aeiouv")
#: Grave, acute, macron, caron: the four tones (the circumflex of ê is a letter).
_TONE_MARKS = dict.fromkeys(map(ord, "\u0300\u0301\u0304\u030c"))


@cache
def readings(ch: str) -> frozenset[str]:
    """Toned and toneless readings of one character: 長 -> cháng, zhǎng, chang, zhang.

    What pypinyin's ``pinyin(ch, heteronym=True)`` gives in its TONE and NORMAL styles
    (a character it does not read gives itself), from its table of single characters
    kept in our cache: asking pypinyin took 17 µs a character and, at the first, 0.17 s
    and 54 MB to import it, 0.25 s of every ``bitext import`` (tests/test_import_cost.py
    holds the two equal for every character of the table).
    """
    toned = _table().get(ord(ch)) if len(ch) == 1 else None
    if toned is None:
        return frozenset((ch,))
    found = toned.split(",")
    return frozenset(found) | frozenset(map(_normal, found))


def _normal(toned: str) -> str:
    """pypinyin's NORMAL style of a reading: tone marks off, ü as v, ê kept (ế -> ê)."""
    plain = unicodedata.normalize("NFD", toned).translate(_TONE_MARKS)
    return unicodedata.normalize("NFC", plain).replace("ü", "v")


@cache
def _table() -> dict[int, str]:
    """pypinyin's readings of each character it knows: code point -> "zhōng,zhòng"."""
    return cached_table("pinyin", "pypinyin", 1, _pypinyin_table)


def _pypinyin_table() -> dict[int, str]:
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415  (0.17 s: once per install)

    return dict(pinyin_dict)


@cache
def plain_readings(ch: str) -> frozenset[str]:
    """The toneless readings of one character, as pypinyin spells them: 重 -> chong, zhong."""
    return frozenset(r for r in readings(ch) if r.isascii())


def toneless(reading: str) -> str:
    """``lǘ`` -> ``lv``: the spelling people type without tone marks (search, name checks)."""
    base = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    return "".join(c for c in base if not unicodedata.combining(c))


def syllable(reading: str) -> str | None:
    """The toneless syllable ``reading`` is typed as; None for one without a vowel.

    pypinyin's interjections (m, n, ng, hm) have none: read as syllables they would
    split every word (``wong`` as wo-ng), so neither search nor the name check uses them.
    """
    plain = toneless(reading)
    return plain if plain.isascii() and _VOWELS.intersection(plain) else None
