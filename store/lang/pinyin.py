"""Readings of single Han characters, cached, and pinyin without its tones.

Looked up per character with every heteronym, so a polyphone such as 重
(zhong, chong) yields both readings and whichever the English uses can match;
pypinyin's phrase-level conversion is slower by an order of magnitude and
would pick one reading where names need either.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from pypinyin import Style, pinyin


@cache
def readings(ch: str) -> frozenset[str]:
    """Toned and toneless readings of one character: 長 -> cháng, zhǎng, chang, zhang."""
    toned = pinyin(ch, style=Style.TONE, heteronym=True)[0]
    plain = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
    return frozenset(toned) | frozenset(plain)


def toneless(reading: str) -> str:
    """``lǘ`` -> ``lv``: the spelling people type without tone marks (search, name checks)."""
    base = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    return "".join(c for c in base if not unicodedata.combining(c))
