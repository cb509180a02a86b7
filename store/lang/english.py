"""How common an English word is, from pyspellchecker's English word list (160,000
lower-case words, each with its count in the corpus the list was made from).

The ligature repair asks whether a joined word is English, the name check
whether a capitalised word is a common one. Each loaded its own ``SpellChecker``:
0.13 s apiece of every ``bitext import``. The counts are kept in our cache
(``store.lang.cache``) and loaded once.
"""

from __future__ import annotations

from functools import cache

from store.lang.cache import Packed, cached_table, pack


def english_count(word: str) -> int:
    """How often the lower-case ``word`` occurs in the list's corpus; 0 if it is not a word."""
    return _counts().get(word, 0)


@cache
def _counts() -> Packed[int]:
    """Packed by the first two letters: an import asks for a few hundred words."""
    return Packed(cached_table("english", "spellchecker", 2,
                               lambda: pack(_spellchecker_counts(), 2)), 2)


def _spellchecker_counts() -> dict[str, int]:
    from spellchecker import SpellChecker  # noqa: PLC0415  (0.13 s: once per install)

    return dict(SpellChecker(language="en", distance=1).word_frequency.dictionary)
