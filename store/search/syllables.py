"""Finding Chinese text by its toneless pinyin: ``chongqing`` finds 重慶, ``li qian`` 李謙.

The readings are pypinyin's dictionary, every reading of every character (a
query cannot know which reading of 重 the writer meant, so ``chongqing`` and
``zhongqing`` both find 重庆). Folding merges characters (乾 and 干 both fold to
干), so a folded character has the readings of all the characters folding to it.

A word of letters is read as pinyin when it splits into syllables; it may split
more than one way (``xian`` is xian or xi'an), and each split is tried.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache

from store.lang.pinyin import syllable
from store.search.fold import fold_char

#: More splits than this means the word is not meant as pinyin.
_MAX_SPLITS = 8


@cache
def readings() -> dict[str, frozenset[str]]:
    """Toneless syllable -> every folded character with that reading."""
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415  (0.1 s: at first use)

    chars: dict[str, set[str]] = defaultdict(set)
    for code, spelled in pinyin_dict.items():
        folded = fold_char(chr(code))
        for plain in filter(None, map(syllable, spelled.split(","))):
            chars[plain].add(folded)
            if "v" in plain:  # people type lv and lu for lü
                chars[plain.replace("v", "u")].add(folded)
    return {s: frozenset(c) for s, c in chars.items()}


def splits(word: str) -> list[tuple[str, ...]]:
    """Every way ``word`` (folded letters) splits into syllables, fewest syllables first.

    Worked from the word's end to its start, so a long word needs no deeper call
    stack: the recursive version was a RecursionError at 600 letters (``a`` is a
    syllable, so ``aaa…`` recursed once per letter), and it kept every position's
    splits whole, memory growing with the square of the length. Here a position
    keeps links (where its first syllable ends, which split follows), at most one
    more than ``_MAX_SPLITS``, so time and memory grow with the length: 100,000
    letters take 0.3 s.
    """
    if not (word.isascii() and word.isalpha()):
        return []
    syllables = readings()
    longest = max(map(len, syllables))
    end = len(word)
    # links[i][k] = (j, m): split k from i is word[i:j], then split m from j
    links: list[list[tuple[int, int]]] = [[] for _ in range(end)] + [[(end, 0)]]
    for i in range(end - 1, -1, -1):
        out = links[i]
        for j in range(i + 1, min(end, i + longest) + 1):
            if word[i:j] in syllables:
                out.extend((j, m) for m in range(len(links[j])))
                if len(out) > _MAX_SPLITS:
                    del out[_MAX_SPLITS + 1:]
                    break
    if len(links[0]) > _MAX_SPLITS:
        return []
    return sorted((_unfold(word, links, k) for k in range(len(links[0]))), key=len)


def _unfold(word: str, links: list[list[tuple[int, int]]], k: int) -> tuple[str, ...]:
    """Split ``k`` of the whole word, following the links."""
    parts, i = [], 0
    while i < len(word):
        j, k = links[i][k]
        parts.append(word[i:j])
        i = j
    return tuple(parts)
