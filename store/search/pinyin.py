"""Finding Chinese text by its toneless pinyin: ``chongqing`` finds 重慶, ``li qian`` 李謙.

The readings are pypinyin's dictionary, every reading of every character (a
query cannot know which reading of 重 the writer meant, so ``chongqing`` and
``zhongqing`` both find 重庆). Folding merges characters (乾 and 干 both fold to
干), so a folded character has the readings of all the characters folding to it.

A word of letters is read as pinyin when it splits into syllables; it may split
more than one way (``xian`` is xian or xi'an), and each split is tried.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from functools import cache

from pypinyin.pinyin_dict import pinyin_dict

from store.search.fold import fold_char

#: More splits than this means the word is not meant as pinyin.
_MAX_SPLITS = 8
_VOWELS = frozenset("aeiouv")


def toneless(reading: str) -> str:
    """``lǘ`` -> ``lv``: the spelling people type without tone marks."""
    base = unicodedata.normalize("NFD", reading.lower()).replace("u\u0308", "v")
    return "".join(c for c in base if not unicodedata.combining(c))


@cache
def readings() -> dict[str, frozenset[str]]:
    """Toneless syllable -> every folded character with that reading."""
    chars: dict[str, set[str]] = defaultdict(set)
    for code, spelled in pinyin_dict.items():
        folded = fold_char(chr(code))
        for reading in spelled.split(","):
            syllable = toneless(reading)
            if not _VOWELS.intersection(syllable):
                continue  # interjections m, n, ng, hm: they would split every word
            chars[syllable].add(folded)
            if "v" in syllable:  # people type lv and lu for lü
                chars[syllable.replace("v", "u")].add(folded)
    return {s: frozenset(c) for s, c in chars.items()}


def splits(word: str) -> list[tuple[str, ...]]:
    """Every way ``word`` (folded letters) splits into syllables, fewest syllables first."""
    syllables = readings()
    longest = max(map(len, syllables))

    @cache
    def tail(i: int) -> tuple[tuple[str, ...], ...]:
        if i == len(word):
            return ((),)
        out: list[tuple[str, ...]] = []
        for j in range(i + 1, min(len(word), i + longest) + 1):
            if word[i:j] in syllables:
                out.extend((word[i:j], *rest) for rest in tail(j))
                if len(out) > _MAX_SPLITS:
                    break
        return tuple(out)

    found = tail(0) if word.isascii() and word.isalpha() else ()
    if len(found) > _MAX_SPLITS:
        return []
    return sorted(found, key=len)
