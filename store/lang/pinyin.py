"""Readings of single Han characters, cached; pinyin without its tones; what a syllable is.

Looked up per character with every heteronym, so a polyphone such as 重
(zhong, chong) yields both readings and whichever the English uses can match;
pypinyin's phrase-level conversion is slower by an order of magnitude and
would pick one reading where names need either.
"""

from __future__ import annotations

import unicodedata
from functools import cache

_VOWELS = frozenset("aeiouv")


@cache
def readings(ch: str) -> frozenset[str]:
    """Toned and toneless readings of one character: 長 -> cháng, zhǎng, chang, zhang.

    pypinyin is imported at the first reading: its dictionaries took 0.13 s of every
    ``bitext``, ``--help`` included.
    """
    from pypinyin import Style, pinyin  # noqa: PLC0415

    toned = pinyin(ch, style=Style.TONE, heteronym=True)[0]
    plain = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return frozenset(toned) | frozenset(plain)


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
